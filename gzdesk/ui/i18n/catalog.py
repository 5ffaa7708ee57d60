"""Keep the Linguist sources current and compile them: one ``.ts`` per UI module, one ``.qm`` for the app.

Run with ``python -m gzdesk.ui.i18n``:
  update            extract the strings of every UI module into its .ts (kept translations survive)
  todo              list the strings still waiting for a translation, as JSON
  fill FILE.json    merge translations {"module": {"Context": {"source": "译文"}}} into the .ts files
  release           compile every .ts into resources/i18n/gzdesk_zh_CN.qm
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import PySide6

from gzdesk import paths

UI_DIR = Path(__file__).resolve().parent.parent
MARKERS = (".tr(", "translate(")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    finished: bool


def ts_dir() -> Path:
    return paths.resource("i18n", "ts")


def qm_path() -> Path:
    return paths.resource("i18n", "gzdesk_zh_CN.qm")


def ui_modules() -> dict[str, Path]:
    """Module name (``wizard.pages``) → source file, for every UI module with translatable strings."""
    found = {}
    for path in sorted(UI_DIR.rglob("*.py")):
        relative = path.relative_to(UI_DIR).with_suffix("")
        if relative.parts[0] == "i18n":
            continue
        text = path.read_text(encoding="utf-8")
        if any(marker in text for marker in MARKERS):
            found[".".join(relative.parts)] = path
    return found


def ts_path(module: str, folder: Path | None = None) -> Path:
    return (folder or ts_dir()) / f"{module}.zh_CN.ts"


def _tool(name: str) -> str:
    here = Path(PySide6.__file__).parent
    for candidate in (here / name, here / f"{name}.exe", here / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    wrapper = shutil.which(f"pyside6-{name}")
    if wrapper:
        return wrapper
    raise FileNotFoundError(f"Qt's {name} was not found beside PySide6 ({here})")


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True, text=True)


def update(folder: Path | None = None) -> dict[str, Path]:
    """Extract every module's strings into its .ts in ``folder`` (default: the resources); return the files."""
    target = folder or ts_dir()
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for module, source in ui_modules().items():
        ts = ts_path(module, target)
        if folder is not None and ts_path(module).exists() and not ts.exists():
            shutil.copyfile(ts_path(module), ts)
        _run([_tool("lupdate"), str(source), "-locations", "none", "-no-obsolete", "-source-language", "en",
              "-target-language", "zh_CN", "-ts", str(ts)])
        written[module] = ts
    return written


def messages(ts: Path) -> Iterator[Message]:
    root = ElementTree.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None and translation.text else ""
            finished = translation is not None and translation.get("type") not in ("unfinished", "vanished",
                                                                                      "obsolete")
            yield Message(name, message.findtext("source") or "", text, finished and bool(text))


def todo(folder: Path | None = None) -> dict[str, dict[str, list[str]]]:
    waiting: dict[str, dict[str, list[str]]] = {}
    for ts in sorted((folder or ts_dir()).glob("*.zh_CN.ts")):
        module = ts.name.removesuffix(".zh_CN.ts")
        for message in messages(ts):
            if not message.finished:
                waiting.setdefault(module, {}).setdefault(message.context, []).append(message.source)
    return waiting


def fill(translations: Mapping[str, Mapping[str, Mapping[str, str]]], folder: Path | None = None) -> int:
    """Write translations into the .ts files; returns how many messages were filled."""
    filled = 0
    for module, contexts in translations.items():
        ts = ts_path(module, folder)
        root = ElementTree.parse(ts).getroot()
        for context in root.iter("context"):
            wanted = contexts.get(context.findtext("name") or "", {})
            for message in context.iter("message"):
                text = wanted.get(message.findtext("source") or "")
                translation = message.find("translation")
                if text is None or translation is None:
                    continue
                translation.text = text
                translation.attrib.pop("type", None)
                filled += 1
        _write(root, ts)
    return filled


def _write(root: ElementTree.Element, ts: Path) -> None:
    ElementTree.indent(root, space="    ")
    body = ElementTree.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def release(folder: Path | None = None, target: Path | None = None) -> Path:
    sources = sorted(str(ts) for ts in (folder or ts_dir()).glob("*.zh_CN.ts"))
    out = target or qm_path()
    _run([_tool("lrelease"), *sources, "-qm", str(out)])
    return out


def main(argv: list[str]) -> int:
    import json

    command = argv[0] if argv else "help"
    if command == "update":
        for module, ts in update().items():
            print(f"{module}: {ts}")
    elif command == "todo":
        print(json.dumps(todo(), ensure_ascii=False, indent=2))
    elif command == "fill" and len(argv) == 2:
        print(f"filled {fill(json.loads(Path(argv[1]).read_text(encoding='utf-8')))}")
    elif command == "release":
        print(release())
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
