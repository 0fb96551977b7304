"""Issue 8 item 5 (minutes, biên bản) and its "Done when": minutes generated from the meeting's
data in the standard structure (domain-rules §3) render as DOCX and PDF with the Party header,
the date line and the signature blocks of the chair and the secretary, every attendee category
and every absentee listed; approved minutes cannot be changed except by a new version with a
reason (page and service); the permission predicates of the minutes."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document as open_docx

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit
from dangbo.documents.spec import BulletList, Heading, Paragraph, Table
from dangbo.meetings import minutes, minutes_services, permissions, services
from dangbo.meetings.models import Meeting, MeetingStatus, Minutes
from tests.factories import MemberFactory
from tests.meetings.factories import cell_meeting, hospital_meeting
from tests.responses import close_response

GUEST = (
    "Đại tá Hoàng Minh Tuấn, Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu, "
    "Bộ Tư lệnh Quân khu 7"
)


def _fresh(meeting):
    return Meeting.objects.get(pk=meeting.pk)


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture
def held(world):
    """Cell A's June meeting, held: a guest, chair and secretary, a probationary member, an
    exempt member (absent), one absent after a night shift, one absent without reason, agenda,
    a directive speech, a conclusion with its unit and deadline, a vote."""
    world.hospital.place = "Biên Hòa"
    world.hospital.save()
    probationary = MemberFactory(full_name="Lý Thị Dự", organization=world.cell_a,
                                 status="probationary", full_on=None)  # fmt: skip
    exempt = MemberFactory(full_name="Vũ Văn Miễn", organization=world.cell_a,
                           exempt_since=dt.date(2020, 1, 1))  # fmt: skip
    absent = MemberFactory(full_name="Hồ Văn Vắng", organization=world.cell_a)
    MemberFactory(full_name="Đỗ Văn Có", organization=world.cell_a)
    actor = world.users["secretary"]
    chair, secretary, night = world.a_members
    m = cell_meeting(world)
    services.meeting_update(actor=actor, meeting_id=m.pk, version=_fresh(m).version,
                            chair=chair, secretary=secretary)  # fmt: skip
    services.guest_add(
        actor=actor, meeting_id=m.pk, version=_fresh(m).version, full_name="Hoàng Minh Tuấn",
        rank="Đại tá", title="Ủy viên Thường vụ Đảng ủy",
        position="Phó Chủ nhiệm Hậu cần Quân khu", organization="Bộ Tư lệnh Quân khu 7",
    )  # fmt: skip
    rows = {a.pk: a for a in m.attendances.all()}
    by_member = {a.member_id: a.pk for a in rows.values()}
    services.attendance_record(
        actor=actor, meeting_id=m.pk, version=_fresh(m).version,
        rows={
            by_member[night.pk]: {"status": "absent_with_reason", "reason": "after_night_shift"},
            by_member[absent.pk]: {"status": "absent_without_reason"},
            by_member[probationary.pk]: {"status": "late"},
        },
    )  # fmt: skip
    services.agenda_item_add(actor=actor, meeting_id=m.pk, version=_fresh(m).version,
                             title="Kiểm điểm công tác tháng 6", presenter="Bí thư chi bộ",
                             minutes=45)  # fmt: skip
    guest = m.guests.get()
    services.speech_add(actor=actor, meeting_id=m.pk, version=_fresh(m).version,
                        kind="directive", guest_id=guest.pk,
                        summary="Đề nghị chi bộ hoàn thành nghị quyết trước 15/7.")  # fmt: skip
    services.conclusion_add(actor=actor, meeting_id=m.pk, version=_fresh(m).version,
                            text="Hoàn thiện nghị quyết tháng 7", create_task=False,
                            responsible_organization=world.cell_a,
                            deadline=dt.date(2023, 7, 15))  # fmt: skip
    services.vote_add(actor=actor, meeting_id=m.pk, version=_fresh(m).version,
                      matter="Thông qua nghị quyết tháng 6", votes_for=3, against=0,
                      abstain=0)  # fmt: skip
    services.meeting_mark_held(actor=actor, meeting_id=m.pk, version=_fresh(m).version)
    m = _fresh(m)
    m.people = {"chair": chair, "secretary": secretary, "night": night, "absent": absent,
                "exempt": exempt, "probationary": probationary}  # fmt: skip
    return m


def _draft(world, meeting, user="secretary"):
    return minutes_services.minutes_create(actor=world.users[user], meeting_id=meeting.pk)


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


# ---- generation (item 5: the standard structure) -------------------------------------------------
def test_generated_text_has_every_part_category_and_absentee(world, held):
    text = _draft(world, held).text
    p = held.people
    for part in (
        "Bắt đầu lúc 14 giờ 00 phút, ngày 29 tháng 6 năm 2023.", "**Địa điểm:** Hội trường khoa.",
        f"**Chủ trì:** Đồng chí {p['chair'].full_name}",
        f"**Thư ký:** Đồng chí {p['secretary'].full_name}", f"- {GUEST}.",
        # totals: 7 invited (6 full + 1 probationary), 4 present (1 late), 2 with reason (the
        # night shift and the exempt member), 1 without; exempt counted separately
        "| Tổng số đảng viên được triệu tập | 7 |", "| Đảng viên chính thức | 6 |",
        "| Đảng viên dự bị | 1 |", "| Có mặt | 4 |", "| Trong đó: đến muộn | 1 |",
        "| Vắng có lý do | 2 |", "| Vắng không lý do | 1 |",
        "| Miễn công tác và sinh hoạt đảng (tính riêng) | 1 (có mặt 0) |",
        "| Sinh hoạt tạm thời nơi khác | 0 (có mặt 0) |", "| Đình chỉ sinh hoạt | 0 |",
        "| Khách mời có mặt | 1/1 |",
        # 6 full members minus the absent exempt one: 5; 3 present, more than half
        "**Tính hợp lệ:** Hội nghị hợp lệ: có mặt 3/5 đảng viên chính thức (cần ít nhất 3).",
        f"- Đồng chí {p['night'].full_name}: Vắng có lý do — Nghỉ sau trực đêm.",
        f"- Đồng chí {p['absent'].full_name}: Vắng không lý do.",
        f"- Đồng chí {p['exempt'].full_name} (miễn công tác và sinh hoạt đảng): Vắng có lý do.",
        "1. Kiểm điểm công tác tháng 6 (trình bày: Bí thư chi bộ; 45 phút).",
        "**Đại tá Hoàng Minh Tuấn (phát biểu chỉ đạo):** Đề nghị chi bộ hoàn thành nghị quyết",
        "- Hoàn thiện nghị quyết tháng 7 (đơn vị thực hiện: Chi bộ Khoa Nội; thời hạn: "
        "15/07/2023).",
        "- Thông qua nghị quyết tháng 6: ", "Quy định: Được quá 1/2",
        "_Buổi sinh hoạt kết thúc lúc 16 giờ 00 phút cùng ngày._",
    ):  # fmt: skip
        assert part in text, part


def test_figures_follow_the_records_not_typed_text(world, held):
    """The figures come from ``rules`` over the records: one more absentee changes them."""
    row = _draft(world, held)
    first = row.text
    assert "Thông qua: 3 tán thành, 0 không tán thành, 0 không biểu quyết (3/5, cần 3)." in first
    meeting = Meeting.objects.get(pk=held.pk)
    meeting.status = MeetingStatus.PLANNED  # reopen (test only) to correct the attendance
    meeting.save()
    chair = meeting.attendances.get(member=held.people["chair"])
    services.attendance_record(
        actor=world.users["secretary"],
        meeting_id=meeting.pk,
        version=meeting.version,
        rows={chair.pk: {"status": "absent_with_reason", "reason": "sick"}},
    )
    row = minutes_services.minutes_regenerate(actor=world.users["secretary"], minutes_id=row.pk,
                                              version=row.version)  # fmt: skip
    assert "| Vắng có lý do | 3 |" in row.text and "| Có mặt | 3 |" in row.text
    assert "Chưa đủ số lượng: có mặt 2/5" in row.text
    assert f"Đồng chí {held.people['chair'].full_name}: Vắng có lý do — Ốm." in row.text


def test_markup_parses_into_blocks():
    blocks = minutes.parse_body(
        "# I. A\n## Khách\n- một;\n- hai.\n| X | Y |\n|---|---|\n| 1 | 2 |\n"
        "**Thời gian:** 8 giờ\n_kết thúc_\nđoạn thường\n"
    )
    assert blocks == (
        Heading("I. A"), Heading("Khách", level=2), BulletList(("một;", "hai.")),
        Table(("X", "Y"), (("1", "2"),)), Paragraph("8 giờ", lead="Thời gian: "),
        Paragraph("kết thúc", italic=True), Paragraph("đoạn thường"),
    )  # fmt: skip


def test_issuer_and_date_line_without_place():
    assert minutes.issuer_of("Đảng bộ Bệnh viện A", False) == ("Đảng ủy Bệnh viện A", "ĐU")
    assert minutes.issuer_of("Chi bộ Khoa Nội", True) == ("Chi bộ Khoa Nội", "CB")
    header = minutes.Header("", "Chi bộ X", "CB", "", dt.date(2024, 1, 5), "T", "A", "B")
    assert minutes.document(header, "x").date_line == "Ngày 05 tháng 01 năm 2024"
    assert minutes.Header.from_json(header.as_json()) == header


# ---- outputs: DOCX, PDF, printable HTML ----------------------------------------------------------
def test_minutes_render_as_docx_with_header_date_signatures_and_people(client, world, held):
    row = _draft(world, held)
    p = held.people
    response = _get(client, world.users["secretary"],
                    reverse("meetings:minutes_docx", args=[held.pk, row.number]))  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-v1.docx"')
    out = open_docx(io.BytesIO(response.content))
    left, right = out.tables[0].rows[0].cells
    assert [x.text for x in left.paragraphs if x.text.strip()][:3] == [
        "ĐẢNG BỘ BỆNH VIỆN ĐA KHOA A", "CHI BỘ KHOA NỘI", "*"]  # fmt: skip
    assert [x.text for x in right.paragraphs if x.text.strip()] == [
        "ĐẢNG CỘNG SẢN VIỆT NAM", "Biên Hòa, ngày 29 tháng 6 năm 2023"]  # fmt: skip
    sig_left, sig_right = out.tables[-1].rows[0].cells
    assert [x.text for x in sig_left.paragraphs if x.text.strip()] == [
        "THƯ KÝ", p["secretary"].full_name]  # fmt: skip
    assert [x.text for x in sig_right.paragraphs if x.text.strip()] == [
        "CHỦ TRÌ", p["chair"].full_name]  # fmt: skip
    body = "\n".join(x.text for x in out.paragraphs)
    assert "BIÊN BẢN" in body and "Sinh hoạt chi bộ tháng 6/2023" in body
    for person in ("night", "absent", "exempt"):
        assert p[person].full_name in body
    assert GUEST in body
    totals = [r.cells[0].text for r in out.tables[1].rows]
    for label in (
        "Đảng viên chính thức",
        "Đảng viên dự bị",
        "Có mặt",
        "Vắng có lý do",
        "Vắng không lý do",
        "Miễn công tác và sinh hoạt đảng (tính riêng)",
        "Sinh hoạt tạm thời nơi khác",
        "Đình chỉ sinh hoạt",
        "Khách mời có mặt",
    ):
        assert label in totals, label  # fmt: skip


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_minutes_render_as_pdf_with_header_date_signatures_and_people(
    client, world, held, tmp_path
):
    row = _draft(world, held)
    p = held.people
    response = _get(client, world.users["office"],
                    reverse("meetings:minutes_pdf", args=[held.pk, row.number]))  # fmt: skip
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "bien-ban.pdf"
    path.write_bytes(response.content)
    text = _flat(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                capture_output=True, text=True, check=True).stdout)  # fmt: skip
    for part in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ KHOA NỘI", "Biên Hòa, ngày 29 tháng 6 năm 2023",
                 "BIÊN BẢN", "THƯ KÝ", "CHỦ TRÌ", p["chair"].full_name, p["secretary"].full_name,
                 p["night"].full_name, p["absent"].full_name, p["exempt"].full_name,
                 "Nghỉ sau trực đêm", "Vắng không lý do", "Hoàng Minh Tuấn"):  # fmt: skip
        assert part in text, part
    assert "\ufffd" not in text


def test_print_page_links_our_stylesheet_only(client, world, held):
    row = _draft(world, held)
    response = _get(client, world.users["secretary"],
                    reverse("meetings:minutes_print", args=[held.pk, row.number]))  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/static/documents/party.css"' in html and "style=" not in html
    assert "Biên Hòa, ngày 29 tháng 6 năm 2023" in html and "CHỦ TRÌ" in html


# ---- draft → approved → versions -----------------------------------------------------------------
def test_draft_is_edited_then_approval_locks_it_and_the_meeting(client, world, held):
    client.force_login(world.users["secretary"])
    row = _draft(world, held)
    edit = reverse("meetings:minutes_edit", args=[held.pk, 1])
    page = client.get(edit)
    close_response(page)
    assert (
        page.status_code == 200 and "# I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN" in page.content.decode()
    )
    detail = client.get(reverse("meetings:detail", args=[held.pk]))
    close_response(detail)
    assert reverse("meetings:minutes", args=[held.pk]) in detail.content.decode()
    response = client.post(edit, {"text": "# I. SỬA\nĐã sửa tay.", "version": row.version})
    close_response(response)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.text == "# I. SỬA\nĐã sửa tay.\n" and row.version == 2

    response = client.post(reverse("meetings:minutes_approve", args=[held.pk, 1]),
                           {"version": row.version})  # fmt: skip
    close_response(response)
    row.refresh_from_db()
    meeting = _fresh(held)
    assert row.approved_at is not None and row.approved_by == world.users["secretary"]
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert row.header["place"] == "Biên Hòa"

    # the page answers 403 (GET and POST), the service raises, the meeting refuses changes
    for method in (client.get, client.post):
        response = method(edit, {"text": "đổi", "version": row.version})
        close_response(response)
        assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        minutes_services.minutes_update(actor=world.users["office"], minutes_id=row.pk,
                                        version=row.version, text="đổi")  # fmt: skip
    with pytest.raises(PermissionDenied):
        minutes_services.minutes_regenerate(actor=world.users["office"], minutes_id=row.pk,
                                            version=row.version)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.guest_add(actor=world.users["office"], meeting_id=meeting.pk,
                           version=meeting.version, full_name="Khách muộn")  # fmt: skip
    row.refresh_from_db()
    assert row.text == "# I. SỬA\nĐã sửa tay.\n"
    assert row.history.count() == 3  # created, edited, approved (audited)


def test_a_new_version_needs_a_reason_and_keeps_the_approved_one(client, world, held):
    row = _draft(world, held)
    minutes_services.minutes_approve(actor=world.users["office"], minutes_id=row.pk,
                                     version=row.version)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        _draft(world, held)
    assert "reason" in exc.value.message_dict

    client.force_login(world.users["secretary"])
    url = reverse("meetings:minutes_create", args=[held.pk])
    response = client.post(url, {"reason": "  "})
    close_response(response)
    assert (
        response.status_code == 200 and "ghi lý do lập phiên bản mới" in response.content.decode()
    )
    response = client.post(url, {"reason": "Sửa tên khách mời"})
    close_response(response)
    assert response.status_code == 302
    new = Minutes.objects.get(meeting=held, number=2)
    assert new.is_draft and new.reason == "Sửa tên khách mời" and new.text == row.text
    # only one draft at a time
    with pytest.raises(ValidationError):
        minutes_services.minutes_create(actor=world.users["office"], meeting_id=held.pk,
                                        reason="lần nữa")  # fmt: skip
    # version 1 stays readable, unchanged; the list shows both
    old = _get(client, world.users["secretary"],
               reverse("meetings:minutes_print", args=[held.pk, 1]))  # fmt: skip
    assert old.status_code == 200
    html = _get(client, world.users["secretary"], reverse("meetings:minutes", args=[held.pk]))
    assert 'id="minutes-v1"' in html.content.decode() and 'id="minutes-v2"' in html.content.decode()


def test_stale_version_and_planned_meeting_are_refused(world, held):
    row = _draft(world, held)
    with pytest.raises(ConcurrentEdit):
        minutes_services.minutes_update(actor=world.users["secretary"], minutes_id=row.pk,
                                        version=row.version + 1, text="x")  # fmt: skip
    planned = cell_meeting(world, title="Tháng 7", date=dt.date(2023, 7, 20))
    with pytest.raises(ValidationError):
        _draft(world, planned)


def test_regenerate_takes_the_meetings_data_again(world, held):
    row = _draft(world, held)
    row = minutes_services.minutes_update(actor=world.users["secretary"], minutes_id=row.pk,
                                          version=row.version, text="chỉ một dòng")  # fmt: skip
    row = minutes_services.minutes_regenerate(actor=world.users["secretary"], minutes_id=row.pk,
                                              version=row.version)  # fmt: skip
    assert "# I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN" in row.text


# ---- who may do what -----------------------------------------------------------------------------
def test_permission_predicates(world, held):
    draft = _draft(world, held)
    approved = Minutes(meeting=held, number=9, text="x", approved_at=dt.datetime(2023, 7, 1))
    invited = list(held.attendances.values_list("member_id", flat=True))
    hospital = hospital_meeting(world)
    hospital.status = MeetingStatus.HELD
    s = {k: scope_for(u) for k, u in world.users.items()}
    # office of the subtree and the cell's secretary manage the cell's minutes
    for role in ("office", "secretary", "admin"):
        assert permissions.can_edit_minutes(s[role], held, draft), role
        assert permissions.can_draft_minutes(s[role], held, has_draft=False), role
        assert not permissions.can_edit_minutes(s[role], held, approved), role
    assert not permissions.can_draft_minutes(s["office"], held, has_draft=True)
    # the secretary does not manage the hospital's meeting
    assert not permissions.can_draft_minutes(s["secretary"], hospital, has_draft=False)
    assert permissions.can_draft_minutes(s["office"], hospital, has_draft=False)
    for role in ("member", "reader", "communications", "other_office"):
        assert not permissions.can_edit_minutes(s[role], held, draft), role
        assert not permissions.can_draft_minutes(s[role], held, has_draft=False), role
    # drafts: readers of the organization; approved: the invited member too
    assert permissions.can_read_minutes(s["reader"], held, draft, invited)
    assert not permissions.can_read_minutes(s["member"], held, draft, invited)
    assert permissions.can_read_minutes(s["member"], held, approved, invited)
    assert not permissions.can_read_minutes(s["other_office"], held, approved, invited)
    planned = cell_meeting(world, title="Tháng 7", date=dt.date(2023, 7, 20))
    assert not permissions.can_draft_minutes(s["office"], planned, has_draft=False)


def test_member_reads_the_approved_version_but_not_the_draft(client, world, held):
    row = _draft(world, held)
    url = reverse("meetings:minutes_print", args=[held.pk, 1])
    assert _get(client, world.users["member"], url).status_code == 403
    html = _get(client, world.users["member"], reverse("meetings:minutes", args=[held.pk]))
    assert 'id="minutes-v1"' not in html.content.decode()
    minutes_services.minutes_approve(actor=world.users["office"], minutes_id=row.pk,
                                     version=row.version)  # fmt: skip
    assert _get(client, world.users["member"], url).status_code == 200


def test_versions_page_query_count_does_not_grow(client, world, held):
    client.force_login(world.users["office"])
    url = reverse("meetings:minutes", args=[held.pk])
    row = _draft(world, held)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        close_response(response)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(3):
        minutes_services.minutes_approve(actor=world.users["office"], minutes_id=row.pk,
                                         version=row.version)  # fmt: skip
        row = minutes_services.minutes_create(actor=world.users["office"], meeting_id=held.pk,
                                              reason=f"Lần {n}")  # fmt: skip
    assert count() == few
