"""The English catalogue (core/i18n.py, locale/en): extraction finds what Django looks up at run
time, every marked message has an English translation with the same placeholders, the .mo is
compiled from the current .po, and the language switch actually changes the rendered page."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from unittest import mock

import polib
import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from dangbo.core import i18n

MO = i18n.PO.with_suffix(".mo")
# printf-style placeholders as Python's % operator reads them; "%%" is a literal percent sign
PLACEHOLDER = re.compile(r"%(?:\((?P<name>\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def placeholders(text: str) -> list[str]:
    return sorted(m[0] for m in PLACEHOLDER.finditer(text) if m[0] != "%%")


@pytest.fixture(scope="module")
def catalog() -> dict[object, str]:
    with MO.open("rb") as fh:
        return gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def extracted() -> dict[str, str | None]:
    found = i18n.extract()
    assert len(found) > 300  # the whole UI, not an empty scan
    return found


# ---- (a) every marked message is translated, placeholders intact ----------------------------
def test_every_marked_message_has_english(extracted, catalog):
    assert i18n.missing(catalog) == []
    for key, plural in extracted.items():
        if plural is None:
            assert catalog.get(key), key
        else:
            assert catalog.get((key, 0)) and catalog.get((key, 1)), key


def test_placeholders_match_between_vietnamese_and_english(extracted, catalog):
    problems = []
    for key, plural in extracted.items():
        msgid = key.split(i18n.CONTEXT_SEP)[-1]
        pairs = (
            [(msgid, catalog.get(key, ""))]
            if plural is None
            else [(msgid, catalog.get((key, 0), "")), (plural, catalog.get((key, 1), ""))]
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
    for key in extracted:
        english = catalog.get(key) or catalog.get((key, 0)) or ""
        words = english.split()
        vietnamese = [w for w in words if letters.search(w) and not re.search(r"[\d/]", w)]
        assert len(vietnamese) * 4 <= len(words), (key, english)


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


# ---- (b) the compiled catalogue is up to date ------------------------------------------------
def test_mo_is_compiled_from_current_po():
    po = polib.pofile(str(i18n.PO))
    fresh = gettext.GNUTranslations(io.BytesIO(po.to_binary()))._catalog  # type: ignore[attr-defined]
    with MO.open("rb") as fh:
        on_disk = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    assert set(on_disk.items()) == set(fresh.items()), "run: python -m dangbo.core.i18n compile"


def test_po_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(i18n.PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


# ---- extraction matches what Django looks up -------------------------------------------------
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
        asked.add(f"{context}{i18n.CONTEXT_SEP}{message}")
        return str(message)

    def ctx_many(context, singular, plural, number):
        asked.add(f"{context}{i18n.CONTEXT_SEP}{singular}")
        return str(singular if number == 1 else plural)

    patches = [
        mock.patch.object(translation._trans, name, fn)
        for name, fn in [("gettext", one), ("ngettext", many), ("pgettext", ctx)]
    ] + [mock.patch.object(translation._trans, "npgettext", ctx_many)]
    return asked, patches


@pytest.mark.parametrize("x", [1, 3])
def test_template_extraction_equals_runtime_lookups(x):
    extracted = {m.key: m.plural for m in i18n._template_messages(SAMPLE, "sample.html")}
    asked, patches = _recording()
    for p in patches:
        p.start()
    try:
        Template(SAMPLE).render(Context({"x": x}))
    finally:
        for p in patches:
            p.stop()
    assert set(extracted) == asked
    assert extracted["Dòng một và dòng %(n)s"] is None
    assert extracted["%(c)s đảng viên"] == "%(c)s người"
    assert extracted["một %(counter)s"] == "nhiều %(counter)s"
    assert "Tỷ lệ 100%%" in extracted and "Tăng 5%% so với %(x)s" in extracted
    assert "ngữ cảnh\x04Bốn" in extracted and "tháng\x04Năm" in extracted
    assert "Trống" in extracted and "Bỏ qua" not in extracted and "Cũng bỏ qua" not in extracted


PY_SAMPLE = """
from django.utils import translation
from django.utils.translation import gettext as gt, gettext_lazy as _, ngettext, pgettext_lazy

A = _("Một")
B = gt("Hai %(n)d") % {"n": 1}
C = _("Ba phần "
      "nối liền")
D = _(
    "Bốn %s"
) % "x"
E = ngettext("%(n)d chi bộ", "%(n)d chi bộ (nhiều)", 2)
F = pgettext_lazy("nút", "Hủy")
G = translation.gettext("Năm" + " sáu")
H = _(variable)
I = f"{_}"
J = other("Không phải")
"""


def test_python_extraction_follows_aliases_and_joins_literals():
    found = {m.key: m.plural for m in i18n._python_messages(PY_SAMPLE, "sample.py")}
    assert found == {
        "Một": None,
        "Hai %(n)d": None,
        "Ba phần nối liền": None,
        "Bốn %s": None,
        "%(n)d chi bộ": "%(n)d chi bộ (nhiều)",
        "nút\x04Hủy": None,
        "Năm sáu": None,
    }


def test_python_file_being_edited_falls_back_to_regex():
    broken = "x = _(\"Còn tìm thấy\")\ndef f(:\n    y = _('Cả cái này')\n"
    assert [m.msgid for m in i18n._python_messages(broken, "b.py")] == [
        "Còn tìm thấy",
        "Cả cái này",
    ]


def test_update_adds_missing_and_drops_stale_untranslated(tmp_path, monkeypatch):
    po_path = tmp_path / "django.po"
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Cũ, chưa dịch", msgstr=""))
    po.append(polib.POEntry(msgid="Cũ, đã dịch", msgstr="Old, translated"))
    po.append(polib.POEntry(msgid="Một", msgstr="One"))
    po.save(str(po_path))
    monkeypatch.setattr(i18n, "PO", po_path)
    monkeypatch.setattr(
        i18n,
        "messages",
        lambda: [i18n.Message("Một"), i18n.Message("%(n)s cái", "%(n)s cái", None, "a.html:1")],
    )
    assert i18n.update() == 1
    after = {e.msgid: e for e in polib.pofile(str(po_path))}
    assert "Cũ, chưa dịch" not in after
    assert after["Cũ, đã dịch"].obsolete
    assert after["Một"].msgstr == "One"
    assert after["%(n)s cái"].msgid_plural == "%(n)s cái"
    assert "python-format" in after["%(n)s cái"].flags


# ---- (c) the page follows the chosen language ------------------------------------------------
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
