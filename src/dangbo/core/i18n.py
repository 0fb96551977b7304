"""Message catalogue tools without GNU gettext: extract msgids, update and compile the English
catalogue (the msgids are the Vietnamese texts).

    python -m dangbo.core.i18n check     # list msgids missing an English translation
    python -m dangbo.core.i18n update    # add missing msgids to locale/en/.../django.po
    python -m dangbo.core.i18n compile   # write django.mo (needs polib, a dev dependency)

Extraction follows what Django looks up at run time, so the keys match the catalogue:

* templates are tokenized with Django's own template lexer, using the regexes of
  ``django.utils.translation.template`` (what ``makemessages`` uses): ``{% translate "x" %}``
  with filters, ``as var``, ``noop`` or ``context "c"``; ``{% blocktranslate %}`` with ``with``,
  ``count``, ``trimmed``, ``context`` and ``{% plural %}``; ``_("x")`` constants in tags and
  filter arguments. ``%`` in template text is doubled (Django does the same before looking up);
  ``{% comment %}`` blocks are skipped.
* Python files are parsed with ``ast``: calls to ``gettext``, ``gettext_lazy``,
  ``gettext_noop``, ``ngettext(_lazy)``, ``pgettext(_lazy)``, ``npgettext(_lazy)`` under any
  alias imported from ``django.utils.translation`` (``_`` is always a marker), also as
  ``translation.gettext(...)``; adjacent and ``+``-joined string literals are joined, so
  ``_("a %(x)s" "b") % {...}`` yields ``"a %(x)sb"``. A file that does not parse (being
  edited) falls back to a regular expression for ``_("...")``.

Messages with a context are keyed ``"context\\x04msgid"``, as in a compiled catalogue.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
CONTEXT_SEP = "\x04"


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str | None = None
    context: str | None = None
    where: str = ""  # "path:line", relative to ROOT

    @property
    def key(self) -> str:
        return f"{self.context}{CONTEXT_SEP}{self.msgid}" if self.context else self.msgid


# ---- templates ------------------------------------------------------------------------------
def _unquote(token: str) -> str:
    return token[1:-1] if token[:1] in "\"'" and token[-1:] == token[:1] else token


def _template_messages(src: str, where: str) -> Iterator[Message]:
    from django.template.base import Lexer, TokenType
    from django.utils.translation import trim_whitespace
    from django.utils.translation.template import (
        block_re,
        constant_re,
        context_re,
        endblock_re,
        inline_re,
        plural_re,
    )

    def constants(contents: str, line: int) -> Iterator[Message]:
        for literal in constant_re.findall(contents):
            yield Message(_unquote(literal).replace("%", "%%"), where=f"{where}:{line}")

    incomment = intrans = inplural = trimmed = False
    context: str | None = None
    singular: list[str] = []
    plural: list[str] = []
    start = 0
    for t in Lexer(src).tokenize():
        line = t.lineno or 0
        if incomment:
            incomment = not (t.token_type == TokenType.BLOCK and t.contents == "endcomment")
        elif intrans:
            if t.token_type == TokenType.BLOCK:
                if endblock_re.match(t.contents):
                    one = "".join(singular)
                    many = "".join(plural) if inplural else None
                    if trimmed:
                        one = trim_whitespace(one)
                        many = trim_whitespace(many) if many is not None else None
                    yield Message(one, many, context, f"{where}:{start}")
                    intrans = inplural = False
                    context, singular, plural = None, [], []
                elif plural_re.match(t.contents):
                    inplural = True
                else:
                    raise SyntaxError(f"{where}:{line}: tag inside blocktranslate")
            elif t.token_type in (TokenType.VAR, TokenType.TEXT):
                part = (
                    f"%({t.contents})s"
                    if t.token_type == TokenType.VAR
                    else t.contents.replace("%", "%%")
                )
                (plural if inplural else singular).append(part)
        elif t.token_type == TokenType.BLOCK:
            inline, block = inline_re.match(t.contents), block_re.match(t.contents)
            if inline:
                ctx = None
                if inline[2]:
                    ctx_match = context_re.match(inline[2])
                    ctx = _unquote(ctx_match[1]) if ctx_match else None
                msgid = _unquote(inline[1]).replace("%", "%%")
                yield Message(msgid, None, ctx, f"{where}:{line}")
            elif block:
                yield from constants(t.contents, line)
                context = None
                if block[1]:
                    ctx_match = context_re.match(block[1])
                    context = _unquote(ctx_match[1]) if ctx_match else None
                intrans, inplural, start = True, False, line
                trimmed = "trimmed" in t.split_contents()
                singular, plural = [], []
            elif t.contents == "comment":
                incomment = True
            else:
                yield from constants(t.contents, line)
        elif t.token_type == TokenType.VAR:
            yield from constants(t.contents, line)


# ---- Python ---------------------------------------------------------------------------------
# function name → (index of msgid, index of plural or None, index of context or None)
_FUNCS: dict[str, tuple[int, int | None, int | None]] = {
    "gettext": (0, None, None),
    "gettext_lazy": (0, None, None),
    "gettext_noop": (0, None, None),
    "ngettext": (0, 1, None),
    "ngettext_lazy": (0, 1, None),
    "pgettext": (1, None, 0),
    "pgettext_lazy": (1, None, 0),
    "npgettext": (1, 2, 0),
    "npgettext_lazy": (1, 2, 0),
}
_TRANSLATION_MODULES = {"django.utils.translation"}
_PY_FALLBACK = re.compile(
    r"""\b(?:_|gettext(?:_lazy|_noop)?)\(\s*(?P<q>["'])(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]"""
)


def _literal(node: ast.expr) -> str | None:
    """The value of a string literal, also "a" + "b" (implicit joins are already one node)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _markers(tree: ast.Module) -> tuple[dict[str, str], set[str]]:
    """Local names of translation functions, and local names of the translation module."""
    names = {"_": "gettext"}
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in _TRANSLATION_MODULES:
            for alias in node.names:
                if alias.name in _FUNCS:
                    names[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module == "django.utils":
            modules |= {a.asname or a.name for a in node.names if a.name == "translation"}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in _TRANSLATION_MODULES and alias.asname:
                    modules.add(alias.asname)
    for node in ast.walk(tree):  # gt = gettext_lazy
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Name)
            and node.value.id in names
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = names[node.value.id]
    return names, modules


def _python_messages(src: str, where: str) -> Iterator[Message]:
    try:
        tree = ast.parse(src)
    except SyntaxError:
        for m in _PY_FALLBACK.finditer(src):
            line = src.count("\n", 0, m.start()) + 1
            yield Message(ast.literal_eval(m["q"] + m["s"] + m["q"]), where=f"{where}:{line}")
        return
    names, modules = _markers(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in names:
            name = names[func.id]
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in _FUNCS
            and isinstance(func.value, ast.Name)
            and func.value.id in modules
        ):
            name = func.attr
        else:
            continue
        i_msg, i_plural, i_ctx = _FUNCS[name]
        args = node.args
        if len(args) <= max(i for i in (i_msg, i_plural, i_ctx) if i is not None):
            continue
        msgid = _literal(args[i_msg])
        plural = _literal(args[i_plural]) if i_plural is not None else None
        context = _literal(args[i_ctx]) if i_ctx is not None else None
        if msgid is None or (i_plural is not None and plural is None):
            continue  # a variable: nothing to extract
        if i_ctx is not None and context is None:
            continue
        yield Message(msgid, plural, context, f"{where}:{node.lineno}")


# ---- catalogue ------------------------------------------------------------------------------
def _sources() -> Iterator[tuple[Path, str]]:
    for path in sorted(ROOT.rglob("*.html")):
        yield path, "html"
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, "py"


def messages() -> list[Message]:
    """Every marked message, first occurrence first, one per key (plural forms win)."""
    found: dict[str, Message] = {}
    wheres: dict[str, list[str]] = {}
    for path, kind in _sources():
        src = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        parse = _template_messages if kind == "html" else _python_messages
        for msg in parse(src, rel):
            if not msg.msgid:
                continue
            wheres.setdefault(msg.key, []).append(msg.where)
            old = found.get(msg.key)
            if old is None or (old.plural is None and msg.plural is not None):
                found[msg.key] = Message(msg.msgid, msg.plural, msg.context, wheres[msg.key][0])
    return [Message(m.msgid, m.plural, m.context, " ".join(wheres[m.key])) for m in found.values()]


def extract() -> dict[str, str | None]:
    """key (msgid, or "context\\x04msgid") → msgid_plural (or None) for every marked string."""
    return {m.key: m.plural for m in messages()}


def _polib() -> Any:
    import polib  # type: ignore[import-untyped]

    return polib


def _is_format(text: str) -> bool:
    return re.search(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]", text) is not None


def update() -> int:
    """Add missing messages (and refresh the source references) in the .po; return how many."""
    polib = _polib()
    po = polib.pofile(str(PO)) if PO.exists() else polib.POFile()
    po.metadata.setdefault("Content-Type", "text/plain; charset=UTF-8")
    po.metadata.setdefault("Language", "en")
    po.metadata.setdefault("Plural-Forms", "nplurals=2; plural=(n != 1);")
    known = {(e.msgctxt or None, e.msgid): e for e in po}
    found = messages()
    wanted = {(m.context, m.msgid) for m in found}
    for key, entry in known.items():  # no longer marked: drop if empty, else keep as obsolete
        if key not in wanted and key != (None, ""):
            if entry.translated():
                entry.obsolete = True
                entry.occurrences = []
            else:
                po.remove(entry)
    added = 0
    for msg in found:
        entry = known.get((msg.context, msg.msgid))
        if entry is None:
            entry = polib.POEntry(msgid=msg.msgid, msgstr="", msgctxt=msg.context)
            if msg.plural is not None:
                entry = polib.POEntry(
                    msgid=msg.msgid,
                    msgid_plural=msg.plural,
                    msgstr_plural={0: "", 1: ""},
                    msgctxt=msg.context,
                )
            po.append(entry)
            added += 1
        elif msg.plural is not None and entry.msgid_plural != msg.plural:
            entry.msgid_plural = msg.plural
            entry.msgstr_plural = {0: entry.msgstr, 1: entry.msgstr}
            entry.msgstr = ""
        entry.obsolete = False
        entry.occurrences = [tuple(w.rsplit(":", 1)) for w in msg.where.split()]
        if _is_format(msg.msgid) and "python-format" not in entry.flags:
            entry.flags.append("python-format")
    PO.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(PO))
    return added


def compile_mo() -> None:
    polib = _polib()
    polib.pofile(str(PO)).save_as_mofile(str(PO.with_suffix(".mo")))


def missing(catalog: dict[object, str]) -> list[str]:
    """Keys of marked messages with no (or an empty) translation in a compiled catalogue."""
    out = []
    for key, plural in extract().items():
        wanted = [(key, 0), (key, 1)] if plural is not None else [key]
        if not all(catalog.get(k) for k in wanted):
            out.append(key)
    return out


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
        absent = missing(catalog._catalog)  # type: ignore[attr-defined]
        print("\n".join(absent))
        return 1 if absent else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
