"""Dates and numbers through Django's formats (``dangbo/formats/vi`` and ``/en``), issue 7 item 6:
no home-made ``vndate``/``vnnum``; the active language decides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from dangbo.core.templatetags.dangbo import number


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("vi", Decimal("185300"), "185.300"),
        ("vi", Decimal("97.50"), "97,5"),
        ("vi", Decimal("1250.5"), "1.250,5"),
        ("vi", Decimal("1E+3"), "1.000"),
        ("vi", Decimal("0.00"), "0"),
        ("vi", -3.25, "-3,25"),
        ("en", Decimal("185300"), "185,300"),
        ("en", Decimal("97.50"), "97.5"),
        ("vi", None, ""),
        ("vi", "", ""),
        ("vi", True, ""),
        ("vi", "trên 150", "trên 150"),
        ("vi", "NaN", "NaN"),
    ],
)
def test_number_filter_follows_the_language(lang: str, value: object, shown: str) -> None:
    with translation.override(lang):
        assert number(value) == shown


def test_dates_use_short_date_format_in_both_languages() -> None:
    tpl = Template(
        '{{ d|date:"SHORT_DATE_FORMAT" }} {% now "SHORT_DATE_FORMAT" as n %}{{ n|length }}'
    )
    for lang in ("vi", "en"):
        with translation.override(lang):
            assert tpl.render(Context({"d": dt.date(2024, 2, 29)})) == "29/02/2024 10"


def test_no_template_uses_the_home_made_filters() -> None:
    from pathlib import Path

    import dangbo

    root = Path(dangbo.__file__).parent
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if "|vndate" in p.read_text() or "|vnnum" in p.read_text() or '"d/m/Y' in p.read_text()
    ]
    assert offenders == []


@pytest.mark.django_db
def test_vietnamese_whatever_the_browser_language_english_by_the_switcher(client) -> None:
    """Issue 7 item 5: an English browser still gets Vietnamese; the switcher's choice (the
    language cookie) is remembered."""
    from django.conf import settings

    login = "/tai-khoan/dang-nhap/"
    page = client.get(login, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode() and "Log in" not in page.content.decode()
    assert page.headers["Content-Language"] == "vi"
    client.post("/i18n/setlang/", {"language": "en", "next": login})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(login, HTTP_ACCEPT_LANGUAGE="vi")
    assert "Log in" in page.content.decode()
