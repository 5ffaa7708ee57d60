"""Translations of the desktop shell, the Qt Linguist way.

Source strings in the code are English, wrapped where lupdate finds them: ``self.tr("…")`` in a QObject
subclass, ``QCoreApplication.translate("Context", "…")`` elsewhere; values go in afterwards with
``.format(name=…)`` so the translator sees the whole sentence. Each UI module has its own Linguist source
``resources/i18n/<module>.zh_CN.ts``; all of them compile into ``resources/i18n/gzdesk_zh_CN.qm``
(``python -m gzdesk.ui.i18n update|todo|fill|release``). Chinese is the default language; English is the
source text and needs no catalogue. Core messages (gzdesk.core.messages) carry their own zh/en text.
"""

from gzdesk.ui.i18n.runtime import LANGUAGES, install_translators

__all__ = ["LANGUAGES", "install_translators"]
