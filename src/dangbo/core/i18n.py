"""Message catalogue tools without GNU gettext: extract msgids, update and compile the English
catalogue (the msgids are the Vietnamese texts).

    python -m dangbo.core.i18n check     # list msgids missing an English translation
    python -m dangbo.core.i18n update    # add missing msgids to locale/en/.../django.po
    python -m dangbo.core.i18n compile   # write django.mo (needs polib, a dev dependency)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

_TRANSLATE = re.compile(r"""\{%\s*translate\s+(?P<q>["'])(?P<s>.*?)(?P=q)""")
_BLOCK = re.compile(
    r"\{%\s*blocktranslate(?P<args>[^%]*)%\}(?P<s>.*?)"
    r"(?:\{%\s*plural\s*%\}(?P<p>.*?))?\{%\s*endblocktranslate\s*%\}",
    re.S,
)
_PY = re.compile(r"""\b_\(\s*(?P<q>["'])(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]""")
_VAR = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _block_id(text: str) -> str:
    return _VAR.sub(r"%(\1)s", text)


def extract() -> dict[str, str | None]:
    """msgid → msgid_plural (or None) for every marked string in templates and Python code."""
    found: dict[str, str | None] = {}
    for path in sorted(ROOT.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for m in _TRANSLATE.finditer(text):
            found.setdefault(m.group("s"), None)
        for m in _BLOCK.finditer(text):
            plural = m.group("p")
            found[_block_id(m.group("s"))] = _block_id(plural) if plural is not None else None
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for m in _PY.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(m.group("s"), None)
    return found


def _polib():  # type: ignore[no-untyped-def]
    import polib

    return polib


def update() -> int:
    polib = _polib()
    po = polib.pofile(str(PO)) if PO.exists() else polib.POFile()
    po.metadata.setdefault("Content-Type", "text/plain; charset=UTF-8")
    po.metadata.setdefault("Language", "en")
    po.metadata.setdefault("Plural-Forms", "nplurals=2; plural=(n != 1);")
    known = {e.msgid for e in po}
    added = 0
    for msgid, plural in extract().items():
        if msgid in known:
            continue
        entry = polib.POEntry(msgid=msgid, msgstr="")
        if plural is not None:
            entry = polib.POEntry(msgid=msgid, msgid_plural=plural, msgstr_plural={0: "", 1: ""})
        po.append(entry)
        added += 1
    PO.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(PO))
    return added


def compile_mo() -> None:
    polib = _polib()
    polib.pofile(str(PO)).save_as_mofile(str(PO.with_suffix(".mo")))


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        print(f"{update()} msgid(s) added to {PO}")
    elif command == "compile":
        compile_mo()
    else:
        import gettext

        with open(PO.with_suffix(".mo"), "rb") as fh:
            catalog = gettext.GNUTranslations(fh)
        missing = [m for m in extract() if catalog.gettext(m) == m]
        print("\n".join(missing))
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
