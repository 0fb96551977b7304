"""Issue 8, item 4 (speeches and conclusions; also item 1's agenda and item 2's guests): what was
added to a meeting can be corrected or removed — by whoever may add it (the cell's secretary,
the office), under the meeting's optimistic lock, never once the minutes are approved (item 5:
"a later change needs a new version with a reason"); a corrected conclusion corrects its task in
the targets app, a removed one cancels it (the task stays); the agenda stays numbered 1, 2, 3…"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dangbo.meetings import items_services as items
from dangbo.meetings import minutes_services, services
from dangbo.meetings.models import AgendaItem, Conclusion, Guest, Meeting, Speech, Vote
from dangbo.targets.models import Task, TaskStatus
from tests.meetings.factories import cell_meeting
from tests.responses import close_response


def _v(meeting):
    return Meeting.objects.get(pk=meeting.pk).version


def _agenda(world, meeting, *titles):
    for title in titles:
        services.agenda_item_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                                 version=_v(meeting), title=title)  # fmt: skip
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("order"))


def _held(world, meeting):
    actor = world.users["secretary"]
    services.attendance_record(actor=actor, meeting_id=meeting.pk, version=_v(meeting), rows={})
    services.meeting_mark_held(actor=actor, meeting_id=meeting.pk, version=_v(meeting))


def _approve(world, meeting):
    """Hold the meeting and approve its minutes (item 5): the meeting is locked."""
    _held(world, meeting)
    row = minutes_services.minutes_create(actor=world.users["office"], meeting_id=meeting.pk)
    minutes_services.minutes_approve(actor=world.users["office"], minutes_id=row.pk,
                                     version=row.version)  # fmt: skip


def _conclusion(world, meeting, **values):
    data = {"text": "Văn phòng hoàn thiện nghị quyết", "responsible_organization": world.cell_a,
            "deadline": dt.date(2023, 7, 15)}  # fmt: skip
    data.update(values)
    return services.conclusion_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                                   version=_v(meeting), **data)  # fmt: skip


# ---- services -----------------------------------------------------------------------------------
def test_agenda_item_update_saves_with_history_and_bumps_the_version(world):
    meeting = cell_meeting(world)
    item = _agenda(world, meeting, "Báo cáo tình hình tháng 6")[0]
    before = _v(meeting)
    items.agenda_item_update(
        actor=world.users["secretary"], meeting_id=meeting.pk, item_id=item.pk, version=before,
        title="Báo cáo tình hình tháng 6/2023", presenter="Bí thư chi bộ", minutes=30,
    )  # fmt: skip
    item.refresh_from_db()
    assert (item.title, item.presenter, item.minutes) == (
        "Báo cáo tình hình tháng 6/2023", "Bí thư chi bộ", 30,
    )  # fmt: skip
    assert _v(meeting) == before + 1
    assert item.history.first().history_user == world.users["secretary"]


def test_agenda_delete_keeps_the_order_contiguous_and_records_who(world):
    meeting = cell_meeting(world)
    first, second, third = _agenda(world, meeting, "Một", "Hai", "Ba")
    items.agenda_item_delete(actor=world.users["office"], meeting_id=meeting.pk,
                             item_id=second.pk, version=_v(meeting))  # fmt: skip
    rows = list(AgendaItem.objects.filter(meeting=meeting).order_by("order"))
    assert [(r.title, r.order) for r in rows] == [("Một", 1), ("Ba", 2)]
    deleted = AgendaItem.history.filter(id=second.pk, history_type="-").get()
    assert deleted.history_user == world.users["office"]


def test_a_stale_version_is_refused_with_a_clear_message(world):
    meeting = cell_meeting(world)
    item = _agenda(world, meeting, "Một")[0]
    stale = _v(meeting) - 1
    with pytest.raises(ValidationError) as exc:
        items.agenda_item_update(actor=world.users["secretary"], meeting_id=meeting.pk,
                                 item_id=item.pk, version=stale, title="Khác")  # fmt: skip
    assert "người khác cập nhật" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        items.agenda_item_delete(actor=world.users["secretary"], meeting_id=meeting.pk,
                                 item_id=item.pk, version=stale)  # fmt: skip
    item.refresh_from_db()
    assert item.title == "Một"


def test_a_row_of_another_meeting_is_not_found(world):
    meeting, other = cell_meeting(world), cell_meeting(world, title="Khác")
    item = _agenda(world, other, "Của cuộc họp khác")[0]
    with pytest.raises(ValidationError) as exc:
        items.agenda_item_delete(actor=world.users["secretary"], meeting_id=meeting.pk,
                                 item_id=item.pk, version=_v(meeting))  # fmt: skip
    assert "tải lại trang" in exc.value.messages[0]
    assert AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("role", ["reader", "member", "communications", "other_office"])
def test_only_who_may_add_may_change_or_remove(world, role):
    meeting = cell_meeting(world)
    item = _agenda(world, meeting, "Một")[0]
    with pytest.raises(PermissionDenied):
        items.agenda_item_update(actor=world.users[role], meeting_id=meeting.pk, item_id=item.pk,
                                 version=_v(meeting), title="Khác")  # fmt: skip
    with pytest.raises(PermissionDenied):
        items.agenda_item_delete(actor=world.users[role], meeting_id=meeting.pk,
                                 item_id=item.pk, version=_v(meeting))  # fmt: skip


def test_approved_minutes_lock_every_row(world):
    """Item 5: once the minutes are approved nothing changes; the message says to make a new
    version of the minutes."""
    meeting = cell_meeting(world)
    item = _agenda(world, meeting, "Một")[0]
    guest = services.guest_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                               version=_v(meeting), full_name="Lê Văn Khách")  # fmt: skip
    conclusion = _conclusion(world, meeting)
    _approve(world, meeting)
    actor, version = world.users["secretary"], _v(meeting)
    calls = [
        lambda: items.agenda_item_update(actor=actor, meeting_id=meeting.pk, item_id=item.pk,
                                         version=version, title="Khác"),
        lambda: items.agenda_item_delete(actor=actor, meeting_id=meeting.pk, item_id=item.pk,
                                         version=version),
        lambda: items.guest_delete(actor=actor, meeting_id=meeting.pk, guest_id=guest.pk,
                                   version=version),
        lambda: items.conclusion_delete(actor=actor, meeting_id=meeting.pk,
                                        conclusion_id=conclusion.pk, version=version),
    ]  # fmt: skip
    for call in calls:
        with pytest.raises(PermissionDenied) as exc:
            call()
        assert "phiên bản biên bản mới" in str(exc.value)
    assert Conclusion.objects.filter(pk=conclusion.pk).exists()
    assert Task.objects.get(pk=conclusion.task_id).status == TaskStatus.OPEN


def test_guest_update_and_delete_refused_while_the_guest_has_spoken(world):
    meeting = cell_meeting(world)
    actor = world.users["secretary"]
    guest = services.guest_add(actor=actor, meeting_id=meeting.pk, version=_v(meeting),
                               full_name="Nguyễn Văn Khách")  # fmt: skip
    items.guest_update(actor=actor, meeting_id=meeting.pk, guest_id=guest.pk,
                       version=_v(meeting), full_name="Nguyễn Văn Khách", rank="Đại tá",
                       position="Phó Chủ nhiệm Hậu cần Quân khu")  # fmt: skip
    guest.refresh_from_db()
    assert guest.display == "Đại tá Nguyễn Văn Khách, Phó Chủ nhiệm Hậu cần Quân khu"
    with pytest.raises(ValidationError) as exc:
        items.guest_update(actor=actor, meeting_id=meeting.pk, guest_id=guest.pk,
                           version=_v(meeting), full_name="  ")  # fmt: skip
    assert "full_name" in exc.value.message_dict
    speech = services.speech_add(actor=actor, meeting_id=meeting.pk, version=_v(meeting),
                                 kind="directive", guest_id=guest.pk)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        items.guest_delete(actor=actor, meeting_id=meeting.pk, guest_id=guest.pk,
                           version=_v(meeting))  # fmt: skip
    assert "Nguyễn Văn Khách" in exc.value.messages[0]
    items.speech_delete(actor=actor, meeting_id=meeting.pk, speech_id=speech.pk,
                        version=_v(meeting))  # fmt: skip
    items.guest_delete(actor=actor, meeting_id=meeting.pk, guest_id=guest.pk, version=_v(meeting))
    assert not Guest.objects.filter(meeting=meeting).exists()


def test_speech_update_checks_the_speaker_like_adding(world):
    meeting = cell_meeting(world)
    actor = world.users["secretary"]
    speech = services.speech_add(actor=actor, meeting_id=meeting.pk, version=_v(meeting),
                                 kind="discussion", speaker_text="Đồng chí Bình")  # fmt: skip
    member_row = meeting.attendances.first()
    with pytest.raises(ValidationError) as exc:  # a directive speech is a guest's
        items.speech_update(actor=actor, meeting_id=meeting.pk, speech_id=speech.pk,
                            version=_v(meeting), kind="directive",
                            attendance_id=member_row.pk)  # fmt: skip
    assert "kind" in exc.value.message_dict
    items.speech_update(actor=actor, meeting_id=meeting.pk, speech_id=speech.pk,
                        version=_v(meeting), kind="contribution", attendance_id=member_row.pk,
                        summary="Tham luận về công tác chuyên môn")  # fmt: skip
    speech.refresh_from_db()
    assert (speech.kind, speech.attendance_id, speech.speaker_text) == (
        "contribution", member_row.pk, "",
    )  # fmt: skip


def test_vote_update_is_checked_by_the_rules_and_delete_is_plain(world):
    meeting = cell_meeting(world)
    actor = world.users["secretary"]
    _held(world, meeting)
    vote = services.vote_add(actor=actor, meeting_id=meeting.pk, version=_v(meeting),
                             matter="Thông qua nghị quyết tháng", votes_for=2)  # fmt: skip
    with pytest.raises(ValidationError) as exc:  # 3 members present: 9 votes cannot be
        items.vote_update(actor=actor, meeting_id=meeting.pk, vote_id=vote.pk,
                          version=_v(meeting), matter="Thông qua", votes_for=9)  # fmt: skip
    assert "votes_for" in exc.value.message_dict
    items.vote_update(actor=actor, meeting_id=meeting.pk, vote_id=vote.pk, version=_v(meeting),
                      matter="Thông qua nghị quyết tháng 6", votes_for=3)  # fmt: skip
    vote.refresh_from_db()
    assert (vote.matter, vote.votes_for) == ("Thông qua nghị quyết tháng 6", 3)
    items.vote_delete(actor=actor, meeting_id=meeting.pk, vote_id=vote.pk, version=_v(meeting))
    assert not Vote.objects.filter(meeting=meeting).exists()


def test_editing_a_conclusion_updates_its_task(world):
    """Item 4: conclusions create tasks (responsible unit, deadline) in the targets module —
    corrected, the task follows."""
    meeting = cell_meeting(world)
    conclusion = _conclusion(world, meeting)
    task = Task.objects.get(pk=conclusion.task_id)
    items.conclusion_update(
        actor=world.users["office"], meeting_id=meeting.pk, conclusion_id=conclusion.pk,
        version=_v(meeting), text="Văn phòng hoàn thiện nghị quyết và báo cáo",
        responsible_organization=None, deadline=dt.date(2023, 7, 31),
    )  # fmt: skip
    conclusion.refresh_from_db()
    task.refresh_from_db()
    assert conclusion.text == task.title == "Văn phòng hoàn thiện nghị quyết và báo cáo"
    assert conclusion.deadline == task.deadline == dt.date(2023, 7, 31)
    assert task.responsible_organization is None and task.version == 2
    assert task.history.first().history_user == world.users["office"]


def test_a_conclusion_outside_the_subtree_unit_is_refused_and_no_task_changes(world):
    meeting = cell_meeting(world)
    conclusion = _conclusion(world, meeting)
    with pytest.raises(ValidationError) as exc:
        items.conclusion_update(actor=world.users["secretary"], meeting_id=meeting.pk,
                                conclusion_id=conclusion.pk, version=_v(meeting), text="X",
                                responsible_organization=world.cell_b)  # fmt: skip
    assert "responsible_organization" in exc.value.message_dict
    assert Task.objects.get(pk=conclusion.task_id).title == "Văn phòng hoàn thiện nghị quyết"


def test_a_conclusion_without_task_gets_one_when_asked(world):
    meeting = cell_meeting(world)
    conclusion = _conclusion(world, meeting, create_task=False)
    assert conclusion.task_id is None
    items.conclusion_update(actor=world.users["secretary"], meeting_id=meeting.pk,
                            conclusion_id=conclusion.pk, version=_v(meeting),
                            text="Rà soát hồ sơ", create_task=True)  # fmt: skip
    conclusion.refresh_from_db()
    assert conclusion.task.title == "Rà soát hồ sơ"
    assert conclusion.task.organization == world.cell_a


def test_deleting_a_conclusion_cancels_its_task_with_a_note(world):
    meeting = cell_meeting(world)
    first, second = _conclusion(world, meeting), _conclusion(world, meeting, text="Thứ hai")
    items.conclusion_delete(actor=world.users["secretary"], meeting_id=meeting.pk,
                            conclusion_id=first.pk, version=_v(meeting))  # fmt: skip
    task = Task.objects.get(pk=first.task_id)  # never deleted
    assert task.status == TaskStatus.CANCELLED
    note = task.notes.get()
    assert "đã bị xóa" in note.text and "29/06/2023" in note.text
    assert note.written_by == world.users["secretary"]
    second.refresh_from_db()
    assert second.order == 1  # renumbered


def test_deleting_the_conclusion_of_a_done_task_keeps_it_done(world):
    meeting = cell_meeting(world)
    conclusion = _conclusion(world, meeting)
    Task.objects.filter(pk=conclusion.task_id).update(status=TaskStatus.DONE)
    items.conclusion_delete(actor=world.users["secretary"], meeting_id=meeting.pk,
                            conclusion_id=conclusion.pk, version=_v(meeting))  # fmt: skip
    task = Task.objects.get(pk=conclusion.task_id)
    assert task.status == TaskStatus.DONE
    assert "giữ nguyên" in task.notes.get().text


# ---- views --------------------------------------------------------------------------------------
def _status(client, user, method, url, data=None):
    client.force_login(user)
    response = client.post(url, data or {}) if method == "POST" else client.get(url)
    close_response(response)
    return response


@pytest.mark.parametrize(
    "role,expected", [("other_office", 404), ("communications", 404), ("reader", 403),
                      ("member", 403)],
)  # fmt: skip
def test_edit_and_delete_pages_404_outside_403_read_only(client, world, role, expected):
    meeting = cell_meeting(world)
    item = _agenda(world, meeting, "Một")[0]
    edit = reverse("meetings:agenda_edit", args=[meeting.pk, item.pk])
    delete = reverse("meetings:agenda_delete", args=[meeting.pk, item.pk])
    assert _status(client, world.users[role], "GET", edit).status_code == expected
    data = {"version": _v(meeting)}
    assert _status(client, world.users[role], "POST", delete, data).status_code == expected
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_row_of_another_meeting_is_404_on_the_page(client, world):
    meeting, other = cell_meeting(world), cell_meeting(world, title="Khác")
    item = _agenda(world, other, "Một")[0]
    url = reverse("meetings:agenda_edit", args=[meeting.pk, item.pk])
    assert _status(client, world.users["secretary"], "GET", url).status_code == 404


def test_the_secretary_edits_an_agenda_item_on_a_prefilled_form(client, world):
    meeting = cell_meeting(world)
    item = _agenda(world, meeting, "Báo cáo tình hình tháng 6")[0]
    url = reverse("meetings:agenda_edit", args=[meeting.pk, item.pk])
    response = _status(client, world.users["secretary"], "GET", url)
    html = response.content.decode()
    assert response.status_code == 200 and 'value="Báo cáo tình hình tháng 6"' in html
    assert f'name="version" value="{_v(meeting)}"' in html
    data = {"version": _v(meeting), "title": "Báo cáo tháng 6/2023", "presenter": "", "minutes": ""}
    response = _status(client, world.users["secretary"], "POST", url, data)
    assert response.status_code == 302 and response["Location"].endswith("#agenda")
    item.refresh_from_db()
    assert item.title == "Báo cáo tháng 6/2023"
    response = _status(client, world.users["secretary"], "POST", url, {**data, "version": 1})
    assert response.status_code == 200  # stale: the form again, with the message
    assert "người khác cập nhật" in response.content.decode()


def test_conclusion_edit_page_says_the_task_follows(client, world):
    meeting = cell_meeting(world)
    conclusion = _conclusion(world, meeting)
    url = reverse("meetings:conclusion_edit", args=[meeting.pk, conclusion.pk])
    html = _status(client, world.users["office"], "GET", url).content.decode()
    assert 'id="task-follows"' in html and 'name="create_task"' not in html
    data = {"version": _v(meeting), "text": "Hoàn thiện báo cáo", "deadline": "31/07/2023",
            "responsible_organization": world.cell_a.pk}  # fmt: skip
    assert _status(client, world.users["office"], "POST", url, data).status_code == 302
    task = Task.objects.get(pk=conclusion.task_id)
    assert (task.title, task.deadline) == ("Hoàn thiện báo cáo", dt.date(2023, 7, 31))


def test_delete_is_post_only_and_reports_a_refusal(client, world):
    meeting = cell_meeting(world)
    actor = world.users["secretary"]
    guest = services.guest_add(actor=actor, meeting_id=meeting.pk, version=_v(meeting),
                               full_name="Lê Văn Khách")  # fmt: skip
    services.speech_add(actor=actor, meeting_id=meeting.pk, version=_v(meeting),
                        kind="directive", guest_id=guest.pk)  # fmt: skip
    url = reverse("meetings:guest_delete", args=[meeting.pk, guest.pk])
    assert _status(client, actor, "GET", url).status_code == 405
    response = _status(client, actor, "POST", url, {"version": _v(meeting)})
    assert response.status_code == 302 and response["Location"].endswith("#guests")
    assert Guest.objects.filter(pk=guest.pk).exists()  # the guest has spoken
    detail = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert "Lê Văn Khách có phát biểu" in detail.content.decode()
    close_response(detail)
    speech = Speech.objects.get(meeting=meeting)
    url = reverse("meetings:speech_delete", args=[meeting.pk, speech.pk])
    assert _status(client, actor, "POST", url, {"version": _v(meeting)}).status_code == 302
    assert not Speech.objects.filter(pk=speech.pk).exists()


def test_detail_shows_the_buttons_only_when_the_predicate_allows(client, world):
    meeting = cell_meeting(world)
    item = _agenda(world, meeting, "Một")[0]
    conclusion = _conclusion(world, meeting)
    url = reverse("meetings:detail", args=[meeting.pk])
    edit = reverse("meetings:agenda_edit", args=[meeting.pk, item.pk])
    delete = reverse("meetings:conclusion_delete", args=[meeting.pk, conclusion.pk])
    html = _status(client, world.users["secretary"], "GET", url).content.decode()
    assert edit in html and delete in html and "<details" in html
    assert "Nhiệm vụ đi kèm không bị xóa" in html
    for role in ("member", "reader"):
        html = _status(client, world.users[role], "GET", url).content.decode()
        assert edit not in html and delete not in html
    _approve(world, meeting)
    html = _status(client, world.users["secretary"], "GET", url).content.decode()
    assert edit not in html and delete not in html
    assert _status(client, world.users["secretary"], "GET", edit).status_code == 403
