"""members_import: all or nothing, duplicates, scope, re-import updates, audit history."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied

from dangbo.members.importing import services
from dangbo.members.importing.reader import read_workbook
from dangbo.members.models import Member, StatusChange

from .conftest import bulk_rows, db_fingerprint, member_row, xlsx


def _rows(content: bytes):
    sheet = read_workbook(io.BytesIO(content))
    assert sheet.errors == []
    return sheet.rows


def _rejected(actor, content: bytes):
    with pytest.raises(services.ImportRejected) as exc:
        services.members_import(actor=actor, rows=_rows(content))
    return exc.value.errors


def test_broken_row_2000_of_3000_changes_nothing_and_names_excel_row_2001(site):
    rows = bulk_rows(3000)
    rows[1999][2] = "31/02/1980"  # data row 2,000 → Excel row 2,001 (header is row 1)
    before = db_fingerprint()
    errors = _rejected(site.users["office"], xlsx(rows))
    assert db_fingerprint() == before
    assert [(e.row, e.column, e.value) for e in errors] == [(2001, "Ngày sinh", "31/02/1980")]
    assert str(errors[0]) == (
        "Dòng 2001, cột 'Ngày sinh': '31/02/1980' không phải ngày hợp lệ. "
        "Nhập ngày theo dạng dd/mm/yyyy."
    )


def test_valid_3000_rows_import_in_one_go_with_history_and_status_changes(site):
    actor = site.users["office"]
    before = Member.objects.count()
    result = services.members_import(actor=actor, rows=_rows(xlsx(bulk_rows(3000))))
    assert (result.created, result.updated, result.unchanged) == (3000, 0, 0)
    assert Member.objects.count() == before + 3000
    imported = Member.objects.filter(card_number__gte="30000000")
    assert imported.count() == 3000
    assert Member.history.filter(history_user=actor, history_type="+").count() == 3000
    one = imported.get(card_number="30000000")  # i = 0: "Chính thức" without full_on
    assert one.sort_key and one.name_folded == "tran van an a"
    assert StatusChange.objects.filter(member__in=imported, recorded_by=actor).count() == 3000
    change = StatusChange.objects.get(member=one)
    assert (change.status, change.changed_on) == ("full", one.admitted_on)
    assert change.recorded_at is not None


def test_duplicate_card_within_the_file_rejects_the_file(site):
    rows = bulk_rows(5)
    rows[4][6] = rows[1][6]  # row 6 repeats row 3's card
    before = db_fingerprint()
    errors = _rejected(site.users["office"], xlsx(rows))
    assert db_fingerprint() == before
    assert [(e.row, e.column) for e in errors] == [(6, "Số thẻ đảng viên")]
    assert "dòng 3" in errors[0].message


def test_card_of_a_member_outside_the_actors_scope_is_refused(site):
    row = member_row(full_name="Phạm Thị Đào", card_number="22220001")  # other hospital's member
    before = db_fingerprint()
    errors = _rejected(site.users["office"], xlsx([row]))
    assert db_fingerprint() == before
    assert [(e.row, e.column, e.value) for e in errors] == [(2, "Số thẻ đảng viên", "22220001")]
    assert "Phạm" not in str(errors[0])  # the other member is not disclosed


def test_unknown_cell_code_is_refused(site):
    errors = _rejected(site.users["office"], xlsx([member_row(organization_id="KHONG-CO")]))
    assert [(e.row, e.column, e.value) for e in errors] == [(2, "Mã chi bộ", "KHONG-CO")]
    assert "Không có chi bộ nào mã 'KHONG-CO'" in errors[0].message


def test_committee_code_is_not_a_cell(site):
    errors = _rejected(site.users["office"], xlsx([member_row(organization_id="BVA")]))
    assert [(e.row, e.column) for e in errors] == [(2, "Mã chi bộ")]
    assert "không phải chi bộ" in errors[0].message


def test_cell_secretary_may_import_only_into_her_own_cell(site):
    secretary = site.users["secretary"]
    rows = [
        member_row(card_number="40000001"),
        member_row(card_number="40000002", organization_id="BVA-NGOAI"),
    ]
    before = db_fingerprint()
    errors = _rejected(secretary, xlsx(rows))
    assert db_fingerprint() == before
    assert [(e.row, e.column, e.value) for e in errors] == [(3, "Mã chi bộ", "BVA-NGOAI")]
    assert "trong phạm vi bạn được cập nhật" in errors[0].message  # a cell she cannot see
    result = services.members_import(actor=secretary, rows=_rows(xlsx(rows[:1])))
    assert result.created == 1
    assert Member.objects.get(card_number="40000001").organization == site.cell_a


def test_users_without_write_scope_may_not_import(site):
    rows = _rows(xlsx([member_row()]))
    for role in ("reader", "member", "communications"):
        with pytest.raises(PermissionDenied):
            services.members_import(actor=site.users[role], rows=rows)
        with pytest.raises(PermissionDenied):
            services.import_plan(actor=site.users[role], rows=rows)


def test_reimport_updates_instead_of_duplicating(site):
    actor = site.users["office"]
    rows = bulk_rows(20)
    services.members_import(actor=actor, rows=_rows(xlsx(rows)))
    count, history = Member.objects.count(), Member.history.count()
    rows[7][14] = "Trưởng khoa"  # Chức vụ
    result = services.members_import(actor=actor, rows=_rows(xlsx(rows)))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 19)
    assert Member.objects.count() == count
    changed = Member.objects.get(card_number=rows[7][6])
    assert changed.job_title == "Trưởng khoa"
    assert changed.version == 2
    assert Member.history.count() == history + 1  # unchanged rows are not written
    last = changed.history.latest()
    assert (last.history_type, last.history_user, last.job_title) == ("~", actor, "Trưởng khoa")


def test_rows_without_card_match_on_name_birth_date_and_cell(site):
    actor = site.users["office"]
    row = member_row(full_name="Hoàng Minh Đức", date_of_birth="02/09/1985", gender="Nam")
    services.members_import(actor=actor, rows=_rows(xlsx([row])))
    member = Member.objects.get(name_folded="hoang minh duc")
    # Same person typed without diacritics in another case, now with a card number and a phone.
    again = member_row(
        full_name="HOÀNG minh Đức",
        date_of_birth=dt.date(1985, 9, 2),
        gender="Nam",
        card_number="45000001",
        phone="0987 654 321",
    )
    result = services.members_import(actor=actor, rows=_rows(xlsx([again])))
    assert (result.created, result.updated) == (0, 1)
    member.refresh_from_db()
    assert (member.card_number, member.phone) == ("45000001", "0987654321")
    # A blank card number later does not erase it.
    result = services.members_import(actor=actor, rows=_rows(xlsx([row])))
    member.refresh_from_db()
    assert member.card_number == "45000001"


def test_existing_member_updated_and_moved_between_cells_in_scope(site):
    actor = site.users["office"]
    a1 = site.members["a1"]
    row = member_row(
        full_name=a1.full_name,
        gender="Nam",
        date_of_birth="02/04/1975",
        card_number="11110001",
        admitted_on="19/05/2000",
        full_on="19/05/2001",
        organization_id="BVA-NGOAI",
        department_id="khoa noi tong hop",
    )
    result = services.members_import(actor=actor, rows=_rows(xlsx([row])))
    assert result.updated == 1
    a1.refresh_from_db()
    assert a1.organization == site.cell_b and a1.department == site.dept_a


def test_status_change_recorded_when_an_update_changes_status(site):
    actor = site.users["office"]
    b1 = site.members["b1"]
    row = member_row(
        full_name=b1.full_name,
        gender="Nam",
        date_of_birth="09/01/1982",
        card_number="11110002",
        admitted_on="03/03/2008",
        full_on="03/03/2009",
        organization_id="BVA-NGOAI",
        status="chinh thuc",
    )
    services.members_import(actor=actor, rows=_rows(xlsx([row])))
    b1.refresh_from_db()
    assert b1.status == "full"
    change = StatusChange.objects.get(member=b1)
    assert (change.status, change.changed_on, change.recorded_by) == (
        "full",
        dt.date(2009, 3, 3),
        actor,
    )


def test_every_error_of_the_file_is_reported(site):
    rows = [
        member_row(full_name=""),
        member_row(gender="X", card_number="123"),
        member_row(full_name="Vũ Thị Hà", status="Tạm"),
        member_row(full_name="Ngô Thị Lan", full_on="01/01/2009"),
        member_row(full_name="Mai Thị Hoa", department_id="Khoa Sản"),  # the other hospital's
    ]
    errors = _rejected(site.users["office"], xlsx(rows))
    found = {(e.row, e.column) for e in errors}
    assert found == {
        (2, "Họ và tên"), (3, "Giới tính"), (3, "Số thẻ đảng viên"), (4, "Tình trạng"),
        (5, "Ngày chính thức"), (6, "Khoa/Phòng"),
    }  # fmt: skip
    assert Member.objects.filter(card_number="123").count() == 0


def test_under_18_at_admission_is_refused(site):
    errors = _rejected(
        site.users["office"],
        xlsx([member_row(date_of_birth="01/06/1995", admitted_on="01/01/2012", full_on="")]),
    )
    assert [(e.row, e.column) for e in errors] == [(2, "Ngày vào Đảng")]
    assert "18 tuổi" in errors[0].message
