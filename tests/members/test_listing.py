"""members/listing.py: the member tables written in Python must say what the templates said,
escaped."""

from __future__ import annotations

import datetime as dt

from dangbo.members import listing


def _row(**values):
    base = {
        "id": 7, "full_name": "Đào Thiện Tiến", "date_of_birth": dt.date(1975, 4, 2),
        "card_number": "11110001", "status": "probationary", "job_title": "Trưởng khoa",
        "professional_title": "BS CKII", "military_rank": "Đại tá",
        "organization__is_military": True, "organization__name": "Chi bộ Khoa Nội",
        "department__name": "Khoa Nội tổng hợp",
    }  # fmt: skip
    base.update(values)
    return tuple(base[f] for f in listing.ROW_FIELDS)


def test_cell_row_has_every_column():
    html = listing.cell_rows([_row()], offset=50, member_base="/dang-vien/")
    assert html == (
        '<tr><td>51</td><td><a href="/dang-vien/7/">Đào Thiện Tiến</a></td>'
        '<td class="opt" data-label="Ngày sinh">02/04/1975</td>'
        '<td data-label="Chức vụ / chuyên môn">Đại tá, BS CKII — Trưởng khoa</td>'
        '<td class="opt" data-label="Khoa/phòng">Khoa Nội tổng hợp</td>'
        '<td class="opt" data-label="Số thẻ">•••••001</td>'
        '<td data-label="Tình trạng"><span class="badge probationary">Dự bị</span></td></tr>'
    )


def test_values_are_escaped_and_missing_ones_blank():
    row = _row(
        full_name="<script>alert(1)</script>", date_of_birth=None, department__name=None,
        card_number=None, organization__name='Chi bộ "A" & B',
    )  # fmt: skip
    cell = listing.cell_rows([row], 0, "/dang-vien/")
    search = listing.search_rows([row], "/dang-vien/")
    for html in (cell, search):
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<td class="opt" data-label="Ngày sinh"></td>' in cell  # no birth date
    assert "Chi bộ &quot;A&quot; &amp; B" in search


def test_rows_number_from_the_offset():
    html = listing.cell_rows([_row(id=1), _row(id=2)], 100, "/m/")
    assert html.index("<td>101</td>") < html.index("<td>102</td>")
