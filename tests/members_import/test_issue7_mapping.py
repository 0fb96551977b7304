"""Issue 7, item 3 ("Any spreadsheet in"): the mapping step's rules (importing.mapping) and the
reading of an office's own file (validate.extract_rows, cells by name). Pure: no database."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dangbo.members.importing import mapping
from dangbo.members.importing.columns import HEADERS
from dangbo.members.importing.mapping import (
    Known,
    Proposal,
    Remembered,
    SourceColumn,
    choose,
    column_kind,
    column_letter,
    header_field,
    header_from_json,
    header_signature,
    header_to_json,
    propose,
    remembered_from_json,
    signature,
    value_kinds,
)
from dangbo.members.importing.validate import (
    CellRef,
    DepartmentRef,
    HeaderMap,
    Lookups,
    RawRow,
    SkippedRow,
    cell_keys,
    department_keys,
    extract_rows,
    find_cell,
    find_header_row,
    plan_import,
    rows_from_table,
)
from dangbo.members.importing.values import CellProblem
from tests.members_import.test_rules_validate import CELL, CELLS, TODAY, lookups, raw, stored

KNOWN = Known(
    frozenset(
        {"BVA-NOI", "BVA-NGOAI", *cell_keys("Chi bộ Khoa Nội"), *cell_keys("Chi bộ Khoa Ngoại")}
    ),
    frozenset(department_keys("Khoa Nội tổng hợp")),
)
NGOAI = CellRef(10, "BVA-NGOAI", "Chi bộ Khoa Ngoại", "00010002", True, True)


def names_of(*cells: CellRef) -> dict[str, list[CellRef]]:
    found: dict[str, list[CellRef]] = {}
    for c in cells:
        for key in cell_keys(c.name):
            found.setdefault(key, []).append(c)
    return found


# ---- headers ----------------------------------------------------------------------------------
def test_header_proposal_by_folded_header_alias_and_contained_alias():
    """Item 3: a column is proposed by its folded header: the template's header or an alias
    (exactly), else the longest alias it contains as whole words."""
    assert header_field("Họ và tên đảng viên") == ("full_name", True)
    assert header_field("NGÀY THÁNG NĂM SINH") == ("date_of_birth", True)
    assert header_field("Nam/Nữ") == ("gender", True)
    assert header_field("Chi bộ") == ("organization_id", True)
    assert header_field("Ngày vào Đảng chính thức") == ("full_on", True)
    assert header_field("Số điện thoại di động") == ("phone", False)
    assert header_field("Khoa phòng công tác hiện nay") == ("department_id", False)
    assert header_field("STT") == (None, False)
    assert header_field("Ghi chú") == (None, False)


def test_header_row_is_the_one_naming_the_name_else_most_known_columns():
    """The header may sit under a title; without a recognised name column the row naming at
    least three known columns is the header (the user then picks the name column)."""
    title = ["DANH SÁCH ĐẢNG VIÊN"]
    assert find_header_row([title, [], ["STT", "Họ và tên đảng viên"]]) == 2
    no_name = ["Tên", "Giới tính", "Ngày vào Đảng", "Chi bộ"]
    assert find_header_row([title, ["Giới tính", "Chi bộ"], no_name]) == 2
    assert find_header_row([title, ["Giới tính", "Chi bộ"]]) is None


def test_signature_is_the_same_for_headers_that_fold_alike():
    """The remembered mapping is found again for the same headers, however they are typed."""
    a = signature(["STT", "Họ và tên", "Giới tính", None, ""])
    assert a == signature(["stt", "HO VA TEN", "Giới  tính"])
    assert a != signature(["STT", "Họ và tên", "Giới tính", "Chi bộ"])
    assert header_signature([["x"], ["Họ và tên", "Giới tính"]]) == signature(
        ["Họ và tên", "Giới tính"]
    )
    assert header_signature([["x"]]) is None
    assert [column_letter(i) for i in (0, 25, 26, 27, 51, 52)] == ["A", "Z", "AA", "AB", "AZ", "BA"]


# ---- content ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ("01234567", {"card"}), (1234567.0, {"card"}), (12345678, {"card"}),
        ("001080012345", {"citizen"}), (1080012345.0 * 10, {"citizen"}),
        ("0912 345 678", {"phone"}), (912345678.0, {"phone"}), ("123", set()),
        (12.5, set()), (-12345678, set()), (True, set()), (None, set()), ("  ", set()),
        ("012345HN", {"dossier"}), ("an@bv.vn", {"email"}), ("Nữ", {"gender"}),
        ("NAM", {"gender"}), ("Chính thức", {"status"}), ("bva-noi", {"cell"}),
        ("Chi bộ Khoa Nội", {"cell"}), ("Khoa Ngoại", {"cell"}), ("Nội", {"cell"}),
        ("Nội tổng hợp", {"department"}), ("Khoa Nội tổng hợp", {"department"}),
        (dt.date(1980, 3, 5), {"date"}), (dt.datetime(1980, 3, 5, 0, 0), {"date"}),
        ("5-3-1980", {"date"}), ("05/3/1980", {"date"}), ("31/02/1980", set()),
        ("Xã Yên Phụ", set()),
    ],
)  # fmt: skip
def test_value_kinds(value, kinds):
    """Item 3, proposal by content: what one value looks like (Excel's numbers lose leading
    zeros, so 7 digits may be a card number and 11 a CCCD)."""
    assert value_kinds(value, KNOWN) == kinds


def test_column_kind_needs_most_values_to_fit():
    """A column is of a kind when at least 80% of its non-blank values fit it; a tie goes to
    the more specific kind; blanks do not count."""
    assert (
        column_kind(["40000001", "40000002", None, "", "40000003", "40000004", "x"], KNOWN)
        == "card"
    )
    assert column_kind(["40000001", "x", "y"], KNOWN) is None
    assert column_kind([None, ""], KNOWN) is None
    assert column_kind(["Nam", "Nữ", "Nam", "Nữ"], KNOWN) == "gender"
    assert column_kind(["Ghi chú", "khác"], KNOWN) is None


def _table(headers, *rows):
    return [["DANH SÁCH ĐẢNG VIÊN"], [], list(headers), *[list(r) for r in rows]]


def test_proposal_by_header_then_content_with_dates_by_their_median():
    """Item 3: headers first; the columns left are proposed by content: 12 digits → CCCD, a
    cell name → cell, Nam/Nữ → gender, and unnamed date columns go to the free date fields in
    the order of their dates (birth before admission)."""
    table = _table(
        ["STT", "Họ và tên", "Ngày A", "Ngày B", "Phái", "Đơn vị", "Giấy tờ", "Tình trạng", None],
        [1, "Nguyễn Văn An", "03/02/2010", "05/03/1980", "Nam", "Khoa Ngoại", "001080012345",
         "Dự bị", None],
        [2, "Lê Thị Bình", "03/02/2012", dt.date(1982, 1, 9), "Nữ", "Chi bộ Khoa Nội",
         "001080012346", "Dự bị", "x"],
    )  # fmt: skip
    proposal = propose(table, KNOWN)
    assert proposal is not None and proposal.header_row == 3 and not proposal.automatic
    assert proposal.chosen == {
        "full_name": 1, "status": 7, "date_of_birth": 3, "admitted_on": 2, "gender": 4,
        "organization_id": 5, "citizen_id": 6,
    }  # fmt: skip
    assert proposal.how["full_name"] == "header" and proposal.how["citizen_id"] == "content"
    assert proposal.missing == ()
    # Column I has no header but values: offered, without a header; samples as shown.
    assert proposal.columns[-1] == SourceColumn(8, "", ("x",))
    assert proposal.columns[3].samples == ("05/03/1980", "09/01/1982")
    assert proposal.columns[3].letter == "D"


def test_proposal_first_exact_header_wins_and_content_never_takes_a_taken_field():
    """An exact header beats a contained alias for the same field; a content guess never takes
    a field a header gave, nor a column a header took."""
    table = _table(
        ["Bí thư chi bộ", "Họ tên", "Chi bộ", "Số thẻ", "Mã khác"],
        ["Lê Văn C", "Nguyễn Văn An", "BVA-NOI", "40000001", "40000009"],
    )
    proposal = propose(table, KNOWN)
    assert proposal is not None
    assert proposal.chosen == {"full_name": 1, "organization_id": 2, "card_number": 3}
    assert proposal.missing == ("gender", "admitted_on", "status")


def test_proposal_skips_spacer_columns_and_the_numbering_and_totals_rows_in_samples():
    table = [
        ["Họ và tên", None, "Giới tính"],
        ["(1)", None, "(2)", "(3)"],
        ["Nguyễn Văn An", None, "Nam"],
        ["Tổng cộng: 1", None, None],
    ]
    proposal = propose(table, KNOWN)
    assert proposal is not None
    assert [(c.index, c.header, c.samples) for c in proposal.columns] == [
        (0, "Họ và tên", ("Nguyễn Văn An",)), (2, "Giới tính", ("Nam",)),
    ]  # fmt: skip


def test_no_header_row_means_no_proposal():
    assert propose([["DANH SÁCH"], ["a", "b"]], KNOWN) is None


def test_the_template_headers_are_automatic_and_need_no_mapping_step():
    """A file with the template's own headers (an export, the template) skips the mapping step;
    one unknown or missing column, or a header twice, does not."""
    assert propose([list(HEADERS)], KNOWN).automatic
    assert not propose([[*HEADERS, "Ghi chú"]], KNOWN).automatic
    assert not propose([[h for h in HEADERS if h != "Tình trạng"]], KNOWN).automatic
    assert not propose([[*HEADERS, "Họ tên"]], KNOWN).automatic


def test_remembered_mapping_replaces_the_proposal_but_not_for_the_template():
    """Item 3: the mapping this user confirmed for the same headers is proposed again as it was
    (a column she chose to leave out stays out); indexes no longer in the file are dropped."""
    table = _table(["Họ và tên", "Quê quán", "Giới tính"], ["Nguyễn Văn An", "Bắc Ninh", "Nam"])
    memory = Remembered({"full_name": 0, "gender": 2, "email": 9, "nonsense": 1},
                        {"status": "full", "organization_id": "BVA-NOI", "other": "x"})  # fmt: skip
    proposal = propose(table, KNOWN, memory, default_cell="BVA-NGOAI")
    assert proposal.remembered and proposal.chosen == {"full_name": 0, "gender": 2}
    assert set(proposal.how.values()) == {"remembered"}
    assert proposal.defaults == {"status": "full", "organization_id": "BVA-NOI"}
    fresh = propose(table, KNOWN, None, default_cell="BVA-NGOAI")
    assert fresh.chosen["home_town"] == 1 and not fresh.remembered
    assert fresh.defaults == {"status": "derive", "organization_id": "BVA-NGOAI"}
    assert not propose([list(HEADERS)], KNOWN, memory).remembered


# ---- the user's choice -------------------------------------------------------------------------
def _proposal(*headers: str) -> Proposal:
    columns = tuple(SourceColumn(i, h, ()) for i, h in enumerate(headers))
    return Proposal(header_row=3, columns=columns, chosen={}, how={})


def _messages(header: HeaderMap) -> list[str]:
    return [e.message for e in header.errors]


def test_choose_a_valid_mapping_with_defaults():
    """Item 3: the chosen columns and the defaults for the missing ones become the HeaderMap the
    reader applies; unmapped columns are listed as ignored."""
    proposal = _proposal("Tên", "Phái", "Ngày kết nạp", "Ghi chú", "")
    header = choose(
        proposal,
        {"full_name": "0", "gender": " 1 ", "admitted_on": "2", "email": ""},
        {"status": "derive", "organization_id": "BVA-NOI"},
        ["BVA-NOI"],
    )
    assert header == HeaderMap(
        3, {0: "full_name", 1: "gender", 2: "admitted_on"}, ("Ghi chú",), (),
        {"status": "derive", "organization_id": "BVA-NOI"},
    )  # fmt: skip


def test_choose_reports_every_problem_in_vietnamese():
    """A column not in the file, one column for two fields, a required field without a column
    (status and cell: or a default), an unknown default cell: each said, with what to do."""
    proposal = _proposal("Tên", "Phái")
    header = choose(
        proposal,
        {"full_name": "0", "gender": "0", "email": "7", "phone": "abc"},
        {"status": "bogus", "organization_id": "BVB-SAN"},
        ["BVA-NOI"],
    )
    assert _messages(header) == [
        "Cột A được chọn cho cả 'Họ và tên' và 'Giới tính'. Mỗi cột chỉ dùng cho một mục; "
        "chọn lại một trong hai.",
        "Cột chọn cho 'Điện thoại' không có trong tệp. Chọn lại từ danh sách.",
        "Cột chọn cho 'Email' không có trong tệp. Chọn lại từ danh sách.",
        "Không có chi bộ 'BVB-SAN' trong các chi bộ bạn được cập nhật. Chọn lại chi bộ trong "
        "danh sách.",
        "Chưa chọn cột cho 'Giới tính' (bắt buộc). Chọn cột chứa mục này; nếu tệp không có, "
        "thêm cột đó vào tệp rồi tải lên lại.",
        "Chưa chọn cột cho 'Ngày vào Đảng' (bắt buộc). Chọn cột chứa mục này; nếu tệp không "
        "có, thêm cột đó vào tệp rồi tải lên lại.",
        "Tệp không có cột 'Tình trạng'. Chọn cột chứa tình trạng, hoặc chọn bên dưới một cách "
        "ghi tình trạng cho cả tệp.",
        "Tệp không có cột chi bộ. Chọn cột chứa mã hoặc tên chi bộ, hoặc chọn bên dưới một chi "
        "bộ cho cả tệp.",
    ]
    assert header.defaults == {}


def test_a_default_is_dropped_when_its_column_is_chosen():
    proposal = _proposal("Tên", "Tình trạng", "Chi bộ")
    header = choose(
        proposal,
        {"status": "1", "organization_id": "2"},
        {"status": "full", "organization_id": "NOT-CHECKED"},
        [],
    )
    assert header.defaults == {} and header.columns == {1: "status", 2: "organization_id"}


def test_mapping_travels_as_json_and_is_remembered_as_fields():
    header = HeaderMap(5, {1: "full_name", 3: "gender"}, ("STT",), (), {"status": "derive"})
    data = header_to_json(header)
    assert data == {"row": 5, "columns": {"1": "full_name", "3": "gender"}, "ignored": ["STT"],
                    "defaults": {"status": "derive"}}  # fmt: skip
    assert header_from_json(data) == header
    tampered = {**data, "columns": {"1": "full_name", "2": "is_superuser"}, "defaults": {"x": "y"}}
    assert header_from_json(tampered).columns == {1: "full_name"}
    assert header_from_json(tampered).defaults == {}
    assert remembered_from_json(data) == Remembered(
        {"full_name": 1, "gender": 3}, {"status": "derive"}
    )


# ---- reading the rows: skipped rows and defaults -------------------------------------------------
def _header(**defaults: str) -> HeaderMap:
    columns = {0: "full_name", 1: "gender", 2: "admitted_on", 3: "full_on", 4: "organization_id"}
    return HeaderMap(1, columns, (), (), defaults)


def test_blank_totals_and_numbering_rows_are_skipped_and_listed():
    """Item 3: blank rows and totals lines are skipped and listed (row numbers as in Excel); so
    is the row of column numbers under the header. A member named Tống is no totals line, and a
    row with only its name is a member's row (its errors are reported)."""
    table = [
        ["Họ và tên", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "STT"],
        [1, 2, "(3)", "4", "(5)"],
        ["Tống Văn An", "Nam", "03/02/2010", "", "BVA-NOI", 1],
        [None, None, None, None, None, 2],
        ["", "", "", "", ""],
        ["Tống Thị Bình", "", "", "", ""],
        ["Tổng cộng: 2 đảng viên"],
        [None, None, None, None, None, "Cộng: 2"],
        ["TỔNG SỐ", 2],
        ["Tổng", None],
    ]
    rows, skipped = extract_rows(table, _header())
    assert [r.row for r in rows] == [3, 6]
    assert skipped == [
        SkippedRow(2, "numbering"), SkippedRow(4, "blank"), SkippedRow(5, "blank"),
        SkippedRow(7, "total"), SkippedRow(8, "total"), SkippedRow(9, "total"),
        SkippedRow(10, "total"),
    ]  # fmt: skip


def test_numbering_row_only_right_under_the_header():
    table = [["Họ và tên", "Giới tính", "Ngày vào Đảng"], ["Nguyễn Văn An", "Nam", "03/02/2010"],
             [1, 2, 3], [1, 2], [1.5, 2, 3]]  # fmt: skip
    rows, skipped = extract_rows(
        table, HeaderMap(1, {0: "full_name", 1: "gender", 2: "admitted_on"}, (), ())
    )
    assert [r.row for r in rows] == [2, 3, 4, 5] and skipped == []


def test_status_derived_from_the_official_date_and_marked_as_default():
    """Item 3, default for a missing status column: "derive" — an official date → Chính thức,
    none → Dự bị; the value is marked as a default (it fills new members only)."""
    table = [["Họ và tên"], ["An", "Nam", "03/02/2010", "03/02/2011", "BVA-NOI"],
             ["Bình", "Nữ", "03/02/2010", None, "BVA-NOI"]]  # fmt: skip
    rows, _ = extract_rows(table, _header(status="derive"))
    assert [r.values["status"] for r in rows] == ["Chính thức", "Dự bị"]
    assert rows[0].defaulted == frozenset({"status"})
    rows, _ = extract_rows(table, _header(status="probationary", organization_id="BVA-NGOAI"))
    assert [r.values["status"] for r in rows] == ["Dự bị", "Dự bị"]
    assert rows[0].values["organization_id"] == "BVA-NOI"  # the column wins over a default
    assert rows[0].defaulted == frozenset({"status"})
    rows, _ = extract_rows(table, _header())
    assert "status" not in rows[0].values and rows[0].defaulted == frozenset()
    header = dataclasses.replace(
        _header(organization_id="BVA-NGOAI"),
        columns={0: "full_name", 1: "gender", 2: "admitted_on"},
    )
    rows, _ = extract_rows(table, header)
    assert rows[0].values["organization_id"] == "BVA-NGOAI"
    assert rows[0].defaulted == frozenset({"organization_id"})


def test_rows_from_table_with_a_chosen_mapping_and_with_header_errors():
    table = [["Tên", "Phái"], ["Nguyễn Văn An", "Nam"]]
    rows, header = rows_from_table(table, HeaderMap(1, {0: "full_name", 1: "gender"}, (), ()))
    assert [r.values for r in rows] == [{"full_name": "Nguyễn Văn An", "gender": "Nam"}]
    rows, header = rows_from_table(table)
    assert rows == [] and header.errors


def test_default_values_fill_new_members_and_leave_stored_ones_as_they_are():
    """A default chosen for the file (status, cell) fills a new member; a stored member matched
    by card keeps its status and its cell — re-importing the same file changes nothing."""
    existing = stored(1, card_number="12345678", status="probationary")
    row = raw(2, card_number="12345678", status="Chính thức")
    defaulted = RawRow(2, row.values, frozenset({"status"}))
    plan = plan_import([defaulted], lookups(existing))
    assert plan.ok and plan.rows[0].action == "same"
    plan = plan_import([row], lookups(existing))
    assert plan.ok and plan.rows[0].changed == ("status",)
    new = plan_import([RawRow(2, row.values, frozenset({"status"}))], lookups())
    assert new.ok and new.rows[0].data.status == "full"


# ---- cells by name ----------------------------------------------------------------------------
def test_cell_found_by_code_or_by_folded_name_with_the_prefix_optional():
    """Item 3: a cell by its code or its name, accents, case, NFD and "Chi bộ " not minding;
    "Khoa " may be left out too."""
    names = names_of(CELL, NGOAI)
    for value in ("BVA-NOI", "bva-noi", "Chi bộ Khoa Nội", "CHI BO KHOA NOI", "Khoa Nội", "Nội",
                  "Chi bo Khoa Noi", "Chi bộ - Khoa Nội", "Chi bộ Khoa Nội"):  # fmt: skip
        assert find_cell(value, CELLS, names) == CELL, value
    assert find_cell("Khoa Ngoại", CELLS, names) == NGOAI


def test_an_ambiguous_cell_name_is_an_error_listing_the_candidates():
    """Item 3: a name matching several cells the actor may import into is an error on that row
    listing them; a read-only or dissolved namesake does not make it ambiguous."""
    twin = CellRef(11, "BVA-NOI2", "Chi bộ Khoa Nội", "00010003", True, True)
    with pytest.raises(CellProblem) as problem:
        find_cell("Khoa Nội", CELLS, names_of(CELL, twin))
    assert str(problem.value) == (
        "Có 2 chi bộ cùng tên 'Khoa Nội': Chi bộ Khoa Nội (BVA-NOI), Chi bộ Khoa Nội (BVA-NOI2). "
        "Ghi mã chi bộ thay cho tên."
    )
    read_only = dataclasses.replace(twin, writable=False)
    gone = dataclasses.replace(twin, id=12, dissolved=True)
    assert find_cell("Khoa Nội", CELLS, names_of(read_only, CELL, gone)) == CELL
    look = Lookups(CELLS, {}, [], TODAY, names_of(CELL, twin))
    plan = plan_import([raw(2, organization_id="Chi bộ Khoa Nội")], look)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Mã chi bộ")]
    assert "BVA-NOI2" in plan.errors[0].message


def test_a_cell_name_outside_the_scope_is_answered_generically():
    """A name that matches no cell the actor can see reads as unknown (defect 13: nothing about
    other hospitals); a read-only namesake is refused like its code."""
    with pytest.raises(CellProblem) as problem:
        find_cell("Chi bộ Khoa Sản", CELLS, names_of(CELL))
    assert str(problem.value) == (
        "Không có chi bộ nào tên 'Chi bộ Khoa Sản' trong phạm vi bạn được cập nhật. Ghi mã chi "
        "bộ (xem trang 'Danh mục' của tệp mẫu) hoặc tên đúng như trong hệ thống."
    )
    with pytest.raises(
        CellProblem, match="không có chi bộ nào mã 'SAN'|Không có chi bộ nào mã 'SAN'"
    ):
        find_cell("SAN", CELLS, names_of(CELL))
    read_only = dataclasses.replace(NGOAI, writable=False)
    with pytest.raises(CellProblem, match="Bạn không có quyền cập nhật Chi bộ Khoa Ngoại"):
        find_cell("Khoa Ngoại", CELLS, names_of(read_only))


def test_department_found_without_its_khoa_prefix():
    """ "Nội tổng hợp" names "Khoa Nội tổng hợp"; "Phòng Nội tổng hợp" does not."""
    dept = DepartmentRef(3, "Khoa Nội tổng hợp", "0001")
    departments: dict[str, list[DepartmentRef]] = {}
    for key in department_keys(dept.name):
        departments.setdefault(key, []).append(dept)
    look = Lookups(CELLS, departments, [], TODAY)
    plan = plan_import([raw(2, department_id="Nội tổng hợp")], look)
    assert plan.ok and plan.rows[0].data.department_id == 3
    plan = plan_import([raw(2, department_id="Phòng Nội tổng hợp")], look)
    assert not plan.ok
    assert department_keys("Phòng") == ("phong",) and cell_keys("Chi bộ") == ("chi bo",)


def test_every_error_of_a_row_in_one_pass():
    """Item 3: all errors of a row are reported at once — the gender, the dates, the card
    number, the cell and the department, not only the first."""
    look = dataclasses.replace(lookups(), cell_names=names_of(CELL))
    plan = plan_import(
        [raw(2, gender="X", date_of_birth="31/02/1980", card_number="12", full_on="01/01/2000",
             organization_id="Chi bộ Không Có", department_id="Khoa Lạ")],
        look,
    )  # fmt: skip
    assert [e.column for e in plan.errors] == ["Giới tính", "Ngày sinh", "Mã chi bộ",
                                               "Số thẻ đảng viên", "Ngày chính thức"]  # fmt: skip


def test_mapping_module_constants_are_consistent():
    assert set(mapping.KIND_FIELDS.values()) <= {c for c in mapping.BY_FIELD}
    assert mapping.STATUS_CHOICES == ("derive", "full", "probationary")
