"""importing.validate: the rarer rules of the member import — header row, cell and department
lookups, duplicates inside one file, the files the service looks up. Pure: no database."""

from __future__ import annotations

import dataclasses

from dangbo.members.importing.validate import (
    CellRef,
    DepartmentRef,
    Lookups,
    Plan,
    RawRow,
    RowError,
    map_headers,
    plan_import,
    referenced,
    rows_from_table,
)
from dangbo.members.importing.values import folded
from tests.members_import.test_rules_validate import CELL, CELLS, TODAY, lookups, raw, stored

REQUIRED_HEADERS = ["Họ và tên", "Giới tính", "Ngày vào Đảng", "Tình trạng", "Mã chi bộ"]


def errors_of(plan: Plan) -> list[tuple[int, str, str, str]]:
    return [(e.row, e.column, e.value, e.message) for e in plan.errors]


# ---- errors as the user reads them ------------------------------------------------------------
def test_error_text_names_the_row_and_the_column_or_only_the_row():
    """Every error says where to fix it: "Dòng n, cột 'X': …"; a whole-row error (two rows for
    one member) "Dòng n: …"; a whole-file error only the message."""
    assert str(RowError(4, "Mã chi bộ", "X", "Sai mã.")) == "Dòng 4, cột 'Mã chi bộ': Sai mã."
    assert str(RowError(0, "", "", "Tệp rỗng.")) == "Tệp rỗng."
    plan = plan_import(
        [raw(2, card_number="12345678"), raw(3)], lookups(stored(1, card_number="12345678"))
    )
    assert not plan.ok
    assert [str(e) for e in plan.errors] == [
        "Dòng 3: Dòng này và dòng 2 cùng là một đảng viên. Xóa một trong hai dòng."
    ]


def test_plan_is_ok_only_without_errors():
    """Any error rejects the whole file (services.members_import): ``ok`` is what it checks."""
    good = plan_import([raw(2)], lookups())
    assert good.ok and good.count("new") == 1
    bad = plan_import([raw(2), raw(3, full_name="Lê Văn Bình", status="Đang học")], lookups())
    assert not bad.ok and [(e.row, e.column) for e in bad.errors] == [(3, "Tình trạng")]


# ---- header row -------------------------------------------------------------------------------
def test_blank_header_cells_are_skipped_and_their_data_not_read():
    """Headers are matched by name, not position: an empty header cell (a spacer column) maps
    to nothing, is not reported as ignored, and the values under it are not read."""
    table = [
        ["Họ và tên", None, "Giới tính", "  ", "Ngày vào Đảng", "Tình trạng", "Mã chi bộ"],
        ["Nguyễn Văn An", "ghi chú", "Nam", "x", "03/02/2010", "Dự bị", "BVA-NOI"],
    ]
    rows, header = rows_from_table(table)
    assert header.errors == () and header.ignored == ()
    assert header.columns == {
        0: "full_name", 2: "gender", 4: "admitted_on", 5: "status", 6: "organization_id"
    }  # fmt: skip
    assert [r.row for r in rows] == [2]
    assert rows[0].values == {
        "full_name": "Nguyễn Văn An", "gender": "Nam", "admitted_on": "03/02/2010",
        "status": "Dự bị", "organization_id": "BVA-NOI",
    }  # fmt: skip


def test_a_column_given_twice_is_refused_and_no_row_is_read():
    """A header present twice (here "Họ và tên" and its alias "HO TEN") is ambiguous: an error
    on the header row naming the column, and no data row is read while the header is wrong."""
    header_row = [*REQUIRED_HEADERS, "HO TEN"]
    header = map_headers([header_row])
    assert [(e.row, e.column, e.value, e.message) for e in header.errors] == [
        (1, "Họ và tên", "HO TEN", "Cột này có hai lần. Xóa một cột.")
    ]
    assert header.columns[0] == "full_name" and 5 not in header.columns
    table = [header_row, ["Nguyễn Văn An", "Nam", "03/02/2010", "Dự bị", "BVA-NOI", "Lê Văn B"]]
    rows, header = rows_from_table(table)
    assert rows == [] and len(header.errors) == 1


# ---- cell and department ----------------------------------------------------------------------
def test_cell_code_is_required():
    """The cell is required (module rules): a blank "Mã chi bộ" says where to find the codes."""
    plan = plan_import([raw(2, organization_id="  "), raw(3, organization_id=None)], lookups())
    message = "Thiếu mã chi bộ. Xem mã trong trang 'Danh mục' của tệp mẫu."
    assert errors_of(plan) == [(2, "Mã chi bộ", "", message), (3, "Mã chi bộ", "", message)]


def test_dissolved_cell_takes_no_members():
    """The cell must be an active cell in the actor's write scope: a dissolved one is refused
    even when the actor may write to it."""
    old = CellRef(9, "BVA-CU", "Chi bộ Khoa Cũ", "00010003", True, True, dissolved=True)
    plan = plan_import(
        [raw(2, organization_id="bva-cu")], Lookups({**CELLS, "BVA-CU": old}, {}, [], TODAY)
    )
    assert errors_of(plan) == [
        (2, "Mã chi bộ", "bva-cu",
         "Chi bộ Khoa Cũ (mã 'bva-cu') đã giải thể. Chọn chi bộ đang hoạt động."),
    ]  # fmt: skip


def test_department_name_differing_only_in_tone_marks_from_two_departments_is_refused():
    """Diacritics may differ from the stored name only when that leaves one department:
    "Khoa Lảo" (a wrong tone mark) folds like both "Khoa Lao" and "Khoa Lão"."""
    lao = DepartmentRef(4, "Khoa Lao", "0001")
    lao_khoa = DepartmentRef(5, "Khoa Lão", "0001")
    departments = {folded("Khoa Lao"): [lao, lao_khoa]}
    look = Lookups(CELLS, departments, [], TODAY)
    plan = plan_import([raw(2, department_id="Khoa Lảo")], look)
    assert errors_of(plan) == [
        (2, "Khoa/Phòng", "Khoa Lảo",
         "Có nhiều khoa/phòng tên gần giống 'Khoa Lảo'. Gõ đúng tên có dấu."),
    ]  # fmt: skip
    plan = plan_import([raw(2, department_id="khoa lão")], look)  # exact up to case: accepted
    assert plan.ok and plan.rows[0].data.department_id == 5
    assert plan.rows[0].department_name == "Khoa Lão"


# ---- matching and duplicates in one file -----------------------------------------------------
def test_fresh_import_with_card_numbers_keeps_namesakes_apart():
    """Matching is by card number first: with nothing stored, two namesakes born the same day in
    the same cell but with their own card numbers are two new members, not a duplicate."""
    plan = plan_import([raw(2, card_number="12345678"), raw(3, card_number="12345679")], lookups())
    assert plan.ok
    assert [(r.row, r.action, r.data.card_number) for r in plan.rows] == [
        (2, "new", "12345678"), (3, "new", "12345679")
    ]  # fmt: skip


def test_same_name_birth_date_and_cell_twice_without_card_is_refused():
    """Without a card number a row is known by (folded name, date of birth, cell): the same key
    twice in the file is refused on the later row — "nguyen van an" is "Nguyễn Văn An"."""
    plan = plan_import([raw(2), raw(3, full_name="nguyen van an")], lookups())
    assert errors_of(plan) == [
        (3, "Họ và tên", "Nguyen Van An",
         "Trùng họ tên, ngày sinh và chi bộ với dòng 2 trong tệp. "
         "Nhập số thẻ đảng viên để phân biệt, hoặc xóa dòng trùng."),
    ]  # fmt: skip
    other_cell = dataclasses.replace(CELL, id=10, code="BVA-NGOAI", path="00010002")
    look = Lookups({**CELLS, "BVA-NGOAI": other_cell}, {}, [], TODAY)
    plan = plan_import([raw(2), raw(3, organization_id="BVA-NGOAI")], look)  # other cell
    assert plan.ok and plan.count("new") == 2


# ---- what the service looks up ---------------------------------------------------------------
def test_referenced_codes_and_cards_skip_blank_and_invalid_cells():
    """The service looks up every cell code (as typed and upper-cased) and every valid card
    number the file mentions; a row without a cell code or with a bad card adds nothing."""
    rows = [
        RawRow(2, {"organization_id": "bva-noi", "card_number": 1234567.0}),
        RawRow(3, {"organization_id": "  ", "card_number": "87654321"}),
        RawRow(4, {"full_name": "Lê Văn B", "card_number": "1234"}),
        RawRow(5, {"organization_id": "BVB-SAN", "card_number": ""}),
    ]
    codes, cards = referenced(rows)
    assert codes == {"bva-noi", "BVA-NOI", "BVB-SAN"}
    assert cards == {"01234567", "87654321"}


def test_a_masked_number_keeps_the_stored_one_and_tells_nothing_of_a_new_member():
    """The masked export writes "•••••678": re-imported, it keeps the stored card and citizen-ID
    numbers (issue 7, defect 4 follow-up); for a new member it is no number at all."""
    existing = stored(1, card_number="12345678", citizen_id="001075000111")
    plan = plan_import(
        [raw(2, card_number="•••••678", citizen_id="•••••••••111")], lookups(existing)
    )
    assert plan.ok and [r.action for r in plan.rows] == ["same"]
    new = plan_import([raw(2, citizen_id="•••••••••111")], lookups())
    assert new.ok and new.rows[0].data.citizen_id == "" and new.rows[0].data.card_number is None
