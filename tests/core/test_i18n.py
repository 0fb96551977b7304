"""The English catalogue (src/dangbo/locale/en), made by Django's `makemessages` and
`compilemessages` with GNU gettext (`make messages`; issue 7, item 6 — no home-made extractor).

(a) every message marked in the source has an English translation with the same placeholders;
(b) the committed catalogue is not behind the source: the same extraction as `make messages`
    runs on a copy of the package (never on the working tree) and must find exactly the msgids
    of the committed .po; the .po has nothing empty or fuzzy and the committed .mo is compiled
    from it; (c) what xgettext extracts is what Django looks up at run time; (d) the language
    switch actually changes the rendered page."""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import polib
import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.utils import translation

import dangbo

SRC = Path(dangbo.__file__).resolve().parent
PO = SRC / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
CONTEXT_SEP = "\x04"  # a message with a context is keyed "context\x04msgid" in a catalogue
REFRESH = (
    "Run `make messages`, translate the entries it leaves empty or fuzzy in "
    "src/dangbo/locale/en/LC_MESSAGES/django.po, then run `make messages` again."
)
# printf-style placeholders as Python's % operator reads them; "%%" is a literal percent sign
PLACEHOLDER = re.compile(r"%(?:\((?P<name>\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def placeholders(text: str) -> list[str]:
    return sorted(m[0] for m in PLACEHOLDER.finditer(text) if m[0] != "%%")


def key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}{CONTEXT_SEP}{entry.msgid}" if entry.msgctxt else entry.msgid


def need_gettext() -> None:
    missing = [p for p in ("xgettext", "msgmerge", "msgfmt") if shutil.which(p) is None]
    if missing:
        pytest.fail(
            f"GNU gettext is needed to check the catalogue ({', '.join(missing)} not found): "
            "sudo apt-get install gettext (.ci/run installs it)"
        )


def extract(source: Path, work: Path) -> dict[str, str | None]:
    """key → msgid_plural (or None) of every message `make messages` would put in the catalogue,
    found by Django's makemessages with the Makefile's options, run on a copy of `source` (the
    .py/.html/.txt files it reads) so that neither its template work files nor the .po it
    writes touch the working tree."""
    need_gettext()
    package = work / "package"
    shutil.copytree(
        source,
        package,
        ignore=lambda d, names: [
            n
            for n in names
            if n in {"__pycache__", "static", "locale", "node_modules"}
            or (Path(d, n).is_file() and Path(n).suffix not in {".py", ".html", ".txt"})
        ],
    )
    (package / "locale").mkdir()
    here = Path.cwd()
    os.chdir(package)  # makemessages walks the current directory, as in `make messages`
    try:
        with override_settings(LOCALE_PATHS=[str(package / "locale")]):
            call_command(
                "makemessages",
                locale=["en"],
                no_obsolete=True,
                add_location="file",
                ignore_patterns=["static", "node_modules", "var", "tests", "bench"],
                verbosity=0,
            )
    finally:
        os.chdir(here)
    fresh = polib.pofile(str(package / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    return {key(e): e.msgid_plural or None for e in fresh if not e.obsolete}


def out_of_date(extracted: dict[str, str | None], po: polib.POFile) -> list[str]:
    """What keeps the committed catalogue from matching the source, one line per problem."""
    committed = {key(e): e.msgid_plural or None for e in po if not e.obsolete}
    problems = [f"missing from the .po: {k!r}" for k in extracted if k not in committed]
    problems += [
        f"plural changed: {k!r} now has {extracted[k]!r}, the .po {committed[k]!r}"
        for k in extracted
        if k in committed and committed[k] != extracted[k]
    ]
    problems += [f"no longer in the source: {k!r}" for k in committed if k not in extracted]
    return problems


@pytest.fixture(scope="module")
def catalog() -> dict[object, str]:
    with MO.open("rb") as fh:
        return gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, str | None]:
    before = PO.read_bytes()
    found = extract(SRC, tmp_path_factory.mktemp("makemessages"))
    assert PO.read_bytes() == before  # the check never rewrites the committed catalogue
    assert len(found) > 300  # the whole UI, not an empty scan
    return found


# ---- (a) every marked message is translated, placeholders intact ----------------------------
def test_every_marked_message_has_english(extracted, catalog):
    untranslated = [
        k
        for k, plural in extracted.items()
        if not (catalog.get((k, 0)) and catalog.get((k, 1)) if plural else catalog.get(k))
    ]
    assert untranslated == [], REFRESH


def test_placeholders_match_between_vietnamese_and_english(extracted, catalog):
    problems = []
    for key_, plural in extracted.items():
        msgid = key_.split(CONTEXT_SEP)[-1]
        pairs = (
            [(msgid, catalog.get(key_, ""))]
            if plural is None
            else [(msgid, catalog.get((key_, 0), "")), (plural, catalog.get((key_, 1), ""))]
        )
        for source, english in pairs:
            if placeholders(source) != placeholders(english):
                problems.append((source, english))
    assert problems == []


def test_english_is_english(extracted, catalog):
    """No entry left in Vietnamese. Vietnamese words may appear only where the English quotes
    something the user must type or find (a column header, a sheet name, a value)."""
    same_in_both = {"Email", "email", "English", "Menu"}
    assert [k for k in extracted if catalog.get(k) == k and k not in same_in_both] == []
    letters = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
    for key_ in extracted:
        english = catalog.get(key_) or catalog.get((key_, 0)) or ""
        words = english.split()
        vietnamese = [w for w in words if letters.search(w) and not re.search(r"[\d/]", w)]
        assert len(vietnamese) * 4 <= len(words), (key_, english)


def test_glossary_terms(catalog):
    assert catalog["Chi bộ"] == "Party cell"
    assert catalog["Đảng bộ cơ sở"] == "Grassroots Party committee"
    assert catalog["Sơ kết 6 tháng"] == "Mid-year review"
    assert catalog["Đạt và vượt"] == "Met or exceeded"
    assert catalog["vượt"] == "exceeded"
    assert catalog["không có số liệu"] == "no data"
    assert catalog["Chưa thực hiện"] == "Not started"
    assert catalog["đảng viên dự bị"] == "probationary members"
    assert "freeze the figures" in catalog["Chốt số liệu kỳ này…"].lower()


# ---- (b) the committed catalogue is not behind the source -------------------------------------
def test_catalogue_has_exactly_the_msgids_of_the_source(extracted, po):
    """Issue 7, item 6: a msgid added in code (or dropped from it) without `make messages`
    fails the suite, with the list of what differs."""
    problems = out_of_date(extracted, po)
    assert problems == [], (
        "The English catalogue is out of date. " + REFRESH + "\n" + "\n".join(problems)
    )


def test_po_has_no_untranslated_or_fuzzy_entries(po):
    assert [e.msgid for e in po.untranslated_entries()] == [], REFRESH
    assert [e.msgid for e in po.fuzzy_entries()] == [], REFRESH


def test_mo_is_compiled_from_current_po(po):
    """The .mo is committed, so `make run` works where GNU gettext is not installed; it must
    hold exactly the .po's translations (the header differs: msgfmt drops the POT date)."""
    fresh = gettext.GNUTranslations(io.BytesIO(po.to_binary()))._catalog  # type: ignore[attr-defined]
    with MO.open("rb") as fh:
        on_disk = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    fresh.pop("", None)
    on_disk.pop("", None)
    assert set(on_disk.items()) == set(fresh.items()), "run: make messages"


def test_po_passes_msgfmt_checks():
    """What compilemessages runs (msgfmt --check-format), plus the header and domain checks."""
    need_gettext()
    done = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(PO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_the_check_finds_a_new_msgid_and_a_dropped_one(tmp_path):
    """The comparison above can fail: a template gains a msgid the .po lacks, and the .po keeps
    one the source no longer uses."""
    app = tmp_path / "src" / "app" / "templates"
    app.mkdir(parents=True)
    (app / "page.html").write_text(
        '{% load i18n %}<h1>{% translate "Đã có" %}</h1><p>{% translate "Chuỗi mới" %}</p>\n'
        "{% blocktranslate count n=x %}{{ n }} chi bộ{% plural %}{{ n }} chi bộ{% "
        "endblocktranslate %}\n",
        encoding="utf-8",
    )
    (tmp_path / "src" / "app" / "rules.py").write_text(
        'from django.utils.translation import pgettext_lazy\nA = pgettext_lazy("nút", "Lưu")\n',
        encoding="utf-8",
    )
    po = polib.POFile()
    for msgid, msgstr in [("Đã có", "Present"), ("Đã bỏ", "Dropped")]:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    found = extract(tmp_path / "src", tmp_path / "work")
    assert found == {
        "Đã có": None,
        "Chuỗi mới": None,
        "%(n)s chi bộ": "%(n)s chi bộ",
        "nút\x04Lưu": None,
    }
    assert sorted(out_of_date(found, po)) == [
        "missing from the .po: '%(n)s chi bộ'",
        "missing from the .po: 'Chuỗi mới'",
        "missing from the .po: 'nút\\x04Lưu'",
        "no longer in the source: 'Đã bỏ'",
    ]
    assert sorted(p.name for p in app.iterdir()) == ["page.html"]  # no work files left behind


# ---- (c) what xgettext extracts is what Django looks up ---------------------------------------
SAMPLE = """{% load i18n %}
{% translate "Một" %} {% translate 'Hai' as two %}{{ two }} {% translate "Ba"|upper %}
{% translate "Tỷ lệ 100%" %} {% translate "Bốn" context "ngữ cảnh" %}
{% blocktranslate with n=x %}Có {{ n }} chi bộ{% endblocktranslate %}
{% blocktranslate trimmed with n=x %}
  Dòng một
  và dòng {{ n }}
{% endblocktranslate %}
{% blocktranslate count c=x %}{{ c }} đảng viên{% plural %}{{ c }} người{% endblocktranslate %}
{% blocktranslate count counter=x trimmed %}
  một {{ counter }}
{% plural %}
  nhiều {{ counter }}
{% endblocktranslate %}
{% blocktranslate context "tháng" %}Năm{% endblocktranslate %}
{% blocktranslate %}Tăng 5% so với {{ x }}{% endblocktranslate %}
{{ nothing|default:_("Trống") }}
{% comment %}{% translate "Bỏ qua" %}{% endcomment %}
{# {% translate "Cũng bỏ qua" %} #}
"""


def _recording():
    asked: set[str] = set()

    def one(message):
        asked.add(str(message))
        return str(message)

    def many(singular, plural, number):
        asked.add(str(singular))
        return str(singular if number == 1 else plural)

    def ctx(context, message):
        asked.add(f"{context}{CONTEXT_SEP}{message}")
        return str(message)

    def ctx_many(context, singular, plural, number):
        asked.add(f"{context}{CONTEXT_SEP}{singular}")
        return str(singular if number == 1 else plural)

    patches = [
        mock.patch.object(translation._trans, name, fn)
        for name, fn in [("gettext", one), ("ngettext", many), ("pgettext", ctx)]
    ] + [mock.patch.object(translation._trans, "npgettext", ctx_many)]
    return asked, patches


@pytest.fixture(scope="module")
def sample_extracted(tmp_path_factory) -> dict[str, str | None]:
    root = tmp_path_factory.mktemp("sample")
    (root / "src" / "templates").mkdir(parents=True)
    (root / "src" / "templates" / "sample.html").write_text(SAMPLE, encoding="utf-8")
    (root / "src" / "sample.py").write_text(PY_SAMPLE, encoding="utf-8")
    return extract(root / "src", root / "work")


@pytest.mark.parametrize("x", [1, 3])
def test_template_extraction_equals_runtime_lookups(x, sample_extracted):
    asked, patches = _recording()
    for p in patches:
        p.start()
    try:
        Template(SAMPLE).render(Context({"x": x}))
    finally:
        for p in patches:
            p.stop()
    from_template = {k: v for k, v in sample_extracted.items() if k not in PY_EXPECTED}
    assert set(from_template) == asked
    assert from_template["Dòng một và dòng %(n)s"] is None
    assert from_template["%(c)s đảng viên"] == "%(c)s người"
    assert from_template["một %(counter)s"] == "nhiều %(counter)s"
    assert "Tỷ lệ 100%%" in from_template and "Tăng 5%% so với %(x)s" in from_template
    assert "ngữ cảnh\x04Bốn" in from_template and "tháng\x04Năm" in from_template
    assert "Trống" in from_template
    assert "Bỏ qua" not in from_template and "Cũng bỏ qua" not in from_template


PY_SAMPLE = """
from django.utils import translation
from django.utils.translation import gettext as gt, gettext_lazy as _, ngettext, pgettext_lazy

A = _("Python một")
B = gettext("Python hai %(n)d") % {"n": 1}
C = _("Ba phần "
      "nối liền")
D = _(
    "Bốn %s"
) % "x"
E = ngettext("%(n)d chi bộ", "%(n)d chi bộ (nhiều)", 2)
F = pgettext_lazy("nút", "Hủy")
G = translation.gettext("Bảy")
H = _(variable)
I = gt("Bí danh: xgettext không biết")
J = other("Không phải")
"""
PY_EXPECTED = {
    "Python một": None,
    "Python hai %(n)d": None,
    "Ba phần nối liền": None,
    "Bốn %s": None,
    "%(n)d chi bộ": "%(n)d chi bộ (nhiều)",
    "nút\x04Hủy": None,
    "Bảy": None,
}


def test_python_extraction_knows_django_names_only(sample_extracted):
    """xgettext reads Django's function names (any module prefix) and joins adjacent literals;
    it does not follow aliases such as `gettext as gt` — the next test keeps them out."""
    from_python = {k: v for k, v in sample_extracted.items() if k in PY_EXPECTED}
    assert from_python == PY_EXPECTED
    assert "Bí danh: xgettext không biết" not in sample_extracted
    assert "Không phải" not in sample_extracted


XGETTEXT_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_source_marks_strings_the_way_xgettext_reads_them():
    """Strings xgettext would miss: a translation function imported under another name, or a
    msgid built with `+` or an f-string (only its first literal would be extracted)."""
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        where = path.relative_to(SRC)
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:  # being edited by someone else; ruff reports it
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                problems += [
                    f"{where}:{node.lineno}: {a.name} as {a.asname}"
                    for a in node.names
                    if a.asname and a.asname not in XGETTEXT_NAMES
                ]
            elif isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in XGETTEXT_NAMES and isinstance(node.args[0], ast.BinOp | ast.JoinedStr):
                    problems.append(f"{where}:{node.lineno}: {name}() of a built string")
    assert problems == []


# ---- (d) the page follows the chosen language ------------------------------------------------
@pytest.mark.django_db
def test_login_page_is_vietnamese_by_default(client):
    html = client.get("/tai-khoan/dang-nhap/", follow=True).content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html and "Tên đăng nhập" in html
    assert "Log in" not in html


@pytest.mark.django_db
def test_language_cookie_switches_the_page_to_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/tai-khoan/dang-nhap/", follow=True).content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html and "Username" in html and "Password" in html
    assert "Đăng nhập" not in html


@pytest.mark.django_db
def test_switcher_posts_to_set_language_and_sticks(client, settings):
    page = client.get("/tai-khoan/dang-nhap/", follow=True)
    html = page.content.decode()
    form = re.search(r'<form class="lang" method="post" action="([^"]+)".*?</form>', html, re.S)
    assert form and form[1] == "/i18n/setlang/"
    assert 'name="language" value="en"' in form[0] and 'name="language" value="vi"' in form[0]
    assert re.search(r"\son\w+=", form[0]) is None  # strict CSP: no inline handlers
    assert 'type="submit"' in form[0] and 'name="csrfmiddlewaretoken"' in form[0]

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/tai-khoan/dang-nhap/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/tai-khoan/dang-nhap/", follow=True).content.decode()
    assert "Log in" in html
    assert re.search(r'value="en"[^>]*class="current"', html)

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Đăng nhập" in client.get("/tai-khoan/dang-nhap/", follow=True).content.decode()


def test_translation_override_renders_english(rf: RequestFactory):
    request = rf.get("/")
    request.user = mock.Mock(is_authenticated=False)
    with translation.override("en"):
        english = render_to_string("accounts/login.html", {"form": None}, request=request)
    vietnamese = render_to_string("accounts/login.html", {"form": None}, request=request)
    assert "Log in" in english and "Username" in english and 'aria-label="Language"' in english
    assert "Đăng nhập" in vietnamese and 'aria-label="Ngôn ngữ"' in vietnamese
    assert "Log in" not in vietnamese


# ---- texts made in Python follow the request's language ---------------------------------------
def test_python_side_texts_follow_the_language():
    from django.utils import translation

    from dangbo.core.errors import ConcurrentEdit
    from dangbo.members.rules import date_problems
    from dangbo.organizations.models import Organization
    from dangbo.organizations.rules import position_title
    from dangbo.targets.rules import Checkpoint, Status, spec_problems

    future = dt.date(2100, 1, 1)
    with translation.override("vi"):
        assert Status.EXCEEDED.label == "vượt"
        assert Organization(kind="cell").kind_label == "Chi bộ"
        assert position_title("secretary", "grassroots_committee") == "Bí thư Đảng ủy"
    with translation.override("en"):
        assert [s.label for s in Status] == [
            "exceeded", "met", "on track", "behind schedule", "not met", "not started", "no data",
        ]  # fmt: skip
        assert Checkpoint.MIDYEAR.label == "Mid-year review"
        assert position_title("secretary", "grassroots_committee") == (
            "Secretary of the Party Committee"
        )
        assert position_title("member", "cell") == "Cell committee member"
        assert Organization(kind="cell").kind_label == "Party cell"  # core.choices, cached
        assert str(ConcurrentEdit()).startswith("Someone else changed this record")
        problems = date_problems(
            date_of_birth=future, admitted_on=None, full_on=None, today=dt.date(2026, 1, 1)
        )
        assert problems == [("date_of_birth", "The date of birth is in the future.")]
        assert ("planned", "The planned value is missing.") in spec_problems(
            kind="numeric", direction="higher", planned=None
        )
