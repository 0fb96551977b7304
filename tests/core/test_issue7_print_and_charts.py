"""Issue 7, item 5 (phones and print), on the server side: "In danh sách" gives a list all its
rows on one page (capped, with a note), the print header names the organization and the date,
and charts write no SVG text (which shrinks with the SVG on a phone). The browser side is in
tests/browser/test_print_and_charts.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dangbo.core import charts, pagination
from dangbo.members.models import Member
from tests.factories import MemberFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "dangbo"


def _rows(html: str) -> int:
    """Rows of the cell page's member table."""
    table = html.split('<div id="member-rows">', 1)[1]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return len(re.findall(r"<tr[ >]", body))


# ---- paginate: ?print=1 gives every row, up to a cap ----


@pytest.mark.django_db
def test_print_gives_every_row_on_one_page(world, settings):
    settings.PAGE_SIZE = 2
    rf = RequestFactory()
    qs = Member.objects.order_by("pk")
    page = pagination.paginate(rf.get("/", {"page": "2"}), qs)
    assert len(page.object_list) == 2 and not page.paginator.printing
    page = pagination.paginate(rf.get("/", {"page": "2", "print": "1"}), qs)
    assert page.paginator.printing and not page.paginator.capped
    assert page.number == 1 and list(page.object_list) == list(qs)


@pytest.mark.django_db
def test_print_is_capped_and_says_so(world, monkeypatch):
    monkeypatch.setattr(pagination, "PRINT_MAX_ROWS", 3)
    page = pagination.paginate(
        RequestFactory().get("/", {"print": "1"}), Member.objects.order_by("pk")
    )
    assert page.paginator.capped
    assert len(page.object_list) == 3 < page.paginator.count


@pytest.mark.django_db
def test_print_with_values_keeps_the_tuples(world):
    page = pagination.paginate(
        RequestFactory().get("/", {"print": "1"}), Member.objects.order_by("pk"),
        values=("pk", "full_name"),
    )  # fmt: skip
    assert list(page.object_list) == list(
        Member.objects.order_by("pk").values_list("pk", "full_name")
    )


def test_other_print_values_are_not_printing():
    rf = RequestFactory()
    for value in ("", "0", "yes", "11"):
        assert not pagination.printing(rf.get("/", {"print": value}))
    assert pagination.printing(rf.get("/", {"print": "1"}))


# ---- the pages ----


def test_every_paginated_list_goes_through_core_pagination():
    """Every list that pages gets "In danh sách" only through ``core.pagination.paginate``:
    no view builds its own ``Paginator``."""
    own = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "Paginator(" in path.read_text(encoding="utf-8") and path.name != "pagination.py"
    ]
    assert own == []


@pytest.mark.django_db
def test_cell_list_prints_every_member_with_its_organization_and_date(client, world, settings):
    settings.PAGE_SIZE = 2
    client.force_login(world.users["office"])
    url = f"/to-chuc/{world.cell_a.pk}/"
    html = client.get(url).content.decode()
    assert _rows(html) == 2
    link = re.search(
        r'<a class="button secondary print-link" href="([^"]+)">In danh sách</a>', html
    )
    assert link, "the list offers to print itself"
    assert "print=1" in link.group(1) and "page=" not in link.group(1)

    html = client.get(url, {"print": "1", "page": "2"}).content.decode()
    assert _rows(html) == 3  # all of cell A, whatever ?page= said
    assert "data-autoprint" in html
    assert '<nav class="pagination"' not in html
    head = re.search(r'<div class="print-head".*?</div>', html, re.S).group(0)
    assert "Chi bộ Khoa Nội" in head
    assert timezone.localdate().strftime("%d/%m/%Y") in head
    assert "3 đảng viên" in html


@pytest.mark.django_db
def test_a_list_without_an_organization_prints_the_users_own(client, world, settings):
    settings.PAGE_SIZE = 1
    client.force_login(world.users["office"])
    html = client.get("/dang-vien/tim-kiem/", {"q": "a", "print": "1"}).content.decode()
    head = re.search(r'<div class="print-head".*?</div>', html, re.S).group(0)
    assert "Đảng bộ Bệnh viện Đa khoa A" in head
    assert "data-autoprint" in html


@pytest.mark.django_db
def test_a_capped_printout_says_how_many_rows_it_holds(client, world, monkeypatch):
    monkeypatch.setattr(pagination, "PRINT_MAX_ROWS", 2)
    client.force_login(world.users["office"])
    html = client.get(f"/to-chuc/{world.cell_a.pk}/", {"print": "1"}).content.decode()
    assert _rows(html) == 2
    assert "Chỉ in 2 dòng đầu trong tổng số 3 dòng" in html


@pytest.mark.django_db
def test_printing_costs_no_query_per_row(client, world):
    """The printout is the list's own queries plus one for the user's organization, whatever
    the number of rows."""
    client.force_login(world.users["office"])
    url = "/dang-vien/tim-kiem/"
    client.get(url, {"q": "a", "print": "1"})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "a", "print": "1"})
    MemberFactory.create_batch(60, organization=world.cell_a, full_name="Ngô Văn Tâm")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url, {"q": "a", "print": "1"}).content.decode()
    assert "Ngô Văn Tâm" in html
    assert len(many) == len(few)


# ---- charts: no SVG text ----


def test_bar_chart_writes_its_text_as_html():
    out = charts.stacked_bars(
        [("Chi bộ <Nội>", [2, 1]), ("Chi bộ Ngoại có tên rất dài " * 3, [0, 4])],
        [charts.Series("Đạt", "#1a7f37"), charts.Series("Chưa đạt", "#b3121b")],
        title="Chỉ tiêu theo kết quả",
    )
    assert "<text" not in out  # SVG text shrinks with the chart on a phone
    assert "<figcaption>Chỉ tiêu theo kết quả</figcaption>" in out
    assert '<span class="bar-label">Chi bộ &lt;Nội&gt;</span>' in out
    assert "…" not in out  # long names wrap, they are no longer cut
    assert '<span class="bar-total">3</span>' in out and '<span class="bar-total">4</span>' in out
    # Lengths against the biggest total (4): 2 → 500, 1 → 250, 4 → 1000 of 1000.
    widths = re.findall(r'<rect x="[\d.]+" width="([\d.]+)"', out)
    assert widths == ["500.0", "250.0", "1000.0"]
    assert 'aria-label="Chi bộ &lt;Nội&gt;: Đạt: 2, Chưa đạt: 1"' in out
    assert "style=" not in out  # the CSP allows no inline style


def test_line_chart_writes_its_text_as_html():
    out = charts.line_percent(
        [("2022", 40), ("2023", None), ("2024", 75)], title="Tỷ lệ đạt và vượt"
    )
    assert "<text" not in out and "style=" not in out
    assert [y for y in re.findall(r"<span><span>(\d+)</span></span>", out)] == [
        "2022", "2023", "2024",
    ]  # fmt: skip
    assert "<span>100%</span><span>50%</span><span>0%</span>" in out
    # Points evenly spaced over 1000 units, 100 units high; no dot for the gap.
    assert re.findall(r'<path d="M([\d.]+) ([\d.]+)h0"', out) == [
        ("0.0", "60.0"),
        ("1000.0", "25.0"),
    ]
    assert '<polyline points="0.0,60.0 1000.0,25.0"' in out
