"""importing.validate / values: pure functions over plain values (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.core.text import fold
from dangbo.members.importing.columns import BY_FIELD, HEADERS
from dangbo.members.importing.validate import (
    CellRef,
    DepartmentRef,
    ExistingMember,
    Lookups,
    MemberData,
    RawRow,
    initial_status,
    map_headers,
    plan_import,
    rows_from_table,
)
from dangbo.members.importing.values import (
    GENDER_LABELS,
    GENDERS,
    STATUS_LABELS,
    STATUSES,
    CellProblem,
    parse_card,
    parse_citizen_id,
    parse_day,
    parse_phone,
)
from dangbo.members.models import Gender, MemberStatus

TODAY = dt.date(2026, 11, 23)
CELL = CellRef(7, "BVA-NOI", "Chi bộ Khoa Nội", "00010001", is_cell=True, writable=True)
OTHER = CellRef(8, "BVB-SAN", "Chi bộ Khoa Sản", "00020001", is_cell=True, writable=False)
DEPT = DepartmentRef(3, "Khoa Nội tổng hợp", "0001")
CELLS = {"BVA-NOI": CELL, "BVB-SAN": OTHER}


def lookups(*members: ExistingMember) -> Lookups:
    return Lookups(CELLS, {"khoa noi tong hop": [DEPT]}, list(members), TODAY)


def raw(row: int, **values: object) -> RawRow:
    base: dict[str, object] = {
        "full_name": "Nguyễn Văn An", "gender": "Nam", "date_of_birth": dt.date(1980, 5, 17),
        "admitted_on": "03/02/2010", "status": "Dự bị", "organization_id": "BVA-NOI",
    }  # fmt: skip
    base.update(values)
    return RawRow(row, base)


def stored(member_id: int, writable: bool = True, **values: object) -> ExistingMember:
    data = MemberData(
        full_name="Nguyễn Văn An", gender="male", date_of_birth=dt.date(1980, 5, 17),
        admitted_on=dt.date(2010, 2, 3), status="probationary", organization_id=7,
    )  # fmt: skip
    return ExistingMember(member_id, writable, MemberData(**{**data.__dict__, **values}))


def test_choice_labels_mirror_the_model_choices():
    assert {k: str(v) for k, v in Gender.choices} == GENDER_LABELS
    assert {k: str(v) for k, v in MemberStatus.choices} == STATUS_LABELS
    assert {fold(v): k for k, v in STATUS_LABELS.items()} == STATUSES
    assert {fold(v): k for k, v in GENDER_LABELS.items()} == GENDERS


def test_dates_real_or_text_and_bad_ones_explained():
    column = BY_FIELD["date_of_birth"]
    assert parse_day(dt.datetime(1980, 2, 3, 10, 0), column) == dt.date(1980, 2, 3)
    assert parse_day("03/02/1980", column) == dt.date(1980, 2, 3)
    assert parse_day("", column) is None
    for bad in ("31/02/1980", "3/2/80", 29221.0, "hôm qua"):
        with pytest.raises(CellProblem, match="không phải ngày hợp lệ"):
            parse_day(bad, column)
    with pytest.raises(CellProblem, match="Thiếu ngày"):
        parse_day(None, BY_FIELD["admitted_on"])


def test_numbers_that_lost_their_leading_zeros_get_them_back():
    assert parse_card(1234567.0, BY_FIELD["card_number"]) == "01234567"
    assert parse_card(" 1234 5678 ", BY_FIELD["card_number"]) == "12345678"
    assert parse_citizen_id(1080012345.0, BY_FIELD["citizen_id"]) == "001080012345"
    assert parse_phone(912345678.0, BY_FIELD["phone"]) == "0912345678"
    with pytest.raises(CellProblem, match="8 chữ số"):
        parse_card("1234567X", BY_FIELD["card_number"])


def test_header_found_under_a_title_and_row_numbers_stay_excel_numbers():
    table = [
        ["DANH SÁCH ĐẢNG VIÊN", "", ""],
        ["", "", ""],
        ["Họ và tên", "Giới tính (Nam/Nữ)", "NGAY VAO DANG", "Tình trạng", "Mã chi bộ", "Ghi chú"],
        ["Nguyễn Văn An", "Nam", "03/02/2010", "Dự bị", "BVA-NOI", "x"],
        ["", "", "", "", "", ""],
        ["Trần Thị Bình", "Nữ", "03/02/2010", "Dự bị", "BVA-NOI"],
    ]
    rows, header = rows_from_table(table)
    assert header.row == 3 and header.errors == () and header.ignored == ("Ghi chú",)
    assert [r.row for r in rows] == [4, 6]
    assert rows[1].values["gender"] == "Nữ"


def test_missing_required_column_is_reported_on_the_header_row():
    header = map_headers([["Họ và tên", "Giới tính", "Tình trạng", "Mã chi bộ"]])
    assert [(e.row, e.column) for e in header.errors] == [(1, "Ngày vào Đảng")]
    assert map_headers([["a", "b"]]).errors[0].row == 0
    assert map_headers([list(HEADERS)]).errors == ()


def test_new_update_same_and_card_completion():
    members = [
        stored(1, card_number="12345678"),
        stored(2, full_name="Lê Thị Hoa", gender="female"),
    ]
    plan = plan_import([
        raw(2, card_number="12345678"),  # same values as stored member 1
        raw(3, full_name="Lê Thị Hoa", gender="Nữ", card_number="87654321"),
        raw(4, full_name="Phan Văn Mới", department_id="Khoa noi tong hop"),
    ], lookups(*members))  # fmt: skip
    assert plan.errors == []
    assert [(r.row, r.action, r.member_id) for r in plan.rows] == [
        (2, "same", 1), (3, "update", 2), (4, "new", None)
    ]  # fmt: skip
    assert plan.rows[1].changed == ("card_number",)
    assert plan.rows[2].data.department_id == 3 and plan.rows[2].data.full_name == "Phan Văn Mới"


def test_two_rows_for_one_stored_member_and_ambiguous_matches_are_refused():
    plan = plan_import(
        [raw(2, card_number="12345678"), raw(3)], lookups(stored(1, card_number="12345678"))
    )
    assert [(e.row, e.column) for e in plan.errors] == [(3, "")]
    plan = plan_import([raw(2)], lookups(stored(1), stored(2)))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Số thẻ đảng viên")]


def test_out_of_scope_cell_and_out_of_scope_card():
    plan = plan_import(
        [raw(2, organization_id="bvb-san"), raw(3, card_number="55555555")],
        lookups(stored(9, writable=False, card_number="55555555", organization_id=8)),
    )
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Mã chi bộ"), (3, "Số thẻ đảng viên")]


def test_no_data_rows_is_an_error():
    plan = plan_import([], lookups())
    assert plan.errors and plan.errors[0].row == 0


def test_initial_status_row_of_a_new_member():
    d = MemberData(admitted_on=dt.date(2010, 2, 3), full_on=dt.date(2011, 2, 3), status="full")
    assert initial_status(d, TODAY) == ("full", dt.date(2011, 2, 3))
    d = MemberData(admitted_on=dt.date(2010, 2, 3), status="full")
    assert initial_status(d, TODAY) == ("full", dt.date(2010, 2, 3))
    d = MemberData(admitted_on=dt.date(2026, 2, 3), status="probationary")
    assert initial_status(d, TODAY) == ("probationary", dt.date(2026, 2, 3))
    d = MemberData(admitted_on=dt.date(2000, 2, 3), status="deceased")
    assert initial_status(d, TODAY) == ("deceased", TODAY)


def test_a_value_parsed_once_per_file_still_reports_every_row_it_breaks() -> None:
    """Issue 7 item 3 ("still fast"): each distinct value of a column is parsed once per file
    (``parse_row``'s memo); the rows repeating a wrong value each get their error, and 1 and
    1.0 and True are not mistaken for one another."""
    rows = [
        raw(2, gender="Không rõ", full_name="Lê Văn Bình"),
        raw(3, gender="Không rõ", full_name="Lê Văn Chung", organization_id="XX"),
        raw(4, gender="Nữ", full_name="Trần Thị Dung", card_number=12345678),
        raw(5, gender="Nữ", full_name="Trần Thị Dung", card_number=12345678.0),
    ]
    plan = plan_import(rows, lookups())
    by_row = {(e.row, e.column) for e in plan.errors}
    gender, cell = BY_FIELD["gender"].header, BY_FIELD["organization_id"].header
    assert {(2, gender), (3, gender), (3, cell)} <= by_row
    card = BY_FIELD["card_number"].header
    assert (5, card) in by_row  # the same card (int, then float): a duplicate, not a cache hit
