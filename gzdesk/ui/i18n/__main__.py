import sys

from gzdesk.ui.i18n.catalog import main

sys.exit(main(sys.argv[1:]))
