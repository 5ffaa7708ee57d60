"""Load the catalogues for the chosen language into the running application."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from gzdesk import paths

LANGUAGES = ("zh", "en")
CATALOGUE = "gzdesk_zh_CN.qm"

_installed: list[QTranslator] = []
_current: list[str] = []


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_translators(lang: str) -> bool:
    """Make ``lang`` the language of every translated string; False if a catalogue is missing.

    Idempotent: asking for the language already installed changes nothing.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QApplication")
    if _current == [lang]:
        return True
    _current[:] = [lang]
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    complete = True
    ours = str(paths.resource("i18n"))
    # Qt's own catalogue (standard buttons, context menus) sits in Qt's folder, or beside ours in a bundle.
    for name, folders in (("qtbase_zh_CN.qm", (qt_translations_dir(), ours)), (CATALOGUE, (ours,))):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            complete = False
    return complete
