"""Tasks and status overrides (issue 6, items 7–9): who is offered and allowed an update, a
cell's list of the tasks assigned to it, optimistic locking of tasks and overrides, and "today"
as the local date in Asia/Ho_Chi_Minh."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit
from dangbo.targets import queries, services
from dangbo.targets.models import Checkpoint, StatusOverride, Task, TaskStatus

STALE = "Hồ sơ đã được người khác sửa"  # the start of ConcurrentEdit's message


@pytest.fixture
def tasks(world):
    """Two tasks the hospital assigned, one to each cell, and one of the other hospital."""
    mine = Task.objects.create(
        organization=world.hospital, title="Rà soát hồ sơ bệnh án nội trú",
        responsible_organization=world.cell_a, deadline=dt.date(2030, 9, 30),
    )  # fmt: skip
    theirs = Task.objects.create(
        organization=world.hospital, title="Sắp xếp lại phòng mổ",
        responsible_organization=world.cell_b, deadline=dt.date(2030, 9, 30),
    )  # fmt: skip
    other = Task.objects.create(
        organization=world.other_hospital, title="Nhiệm vụ của bệnh viện B",
        responsible_organization=world.other_cell,
    )  # fmt: skip
    return mine, theirs, other


def _update_url(task):
    return reverse("targets:task_update", args=[task.pk])


def _override_url(target, checkpoint):
    return reverse("targets:override", args=[target.pk, checkpoint.pk])


# ---- item 7: tasks ----------------------------------------------------------------------


def test_cell_secretary_sees_and_updates_the_task_assigned_to_her_cell(client, world, tasks):
    mine, theirs, other = tasks
    client.force_login(world.users["secretary"])
    page = client.get(reverse("targets:tasks", args=[world.cell_a.pk])).content.decode()
    assert mine.title in page and _update_url(mine) in page
    assert theirs.title not in page and other.title not in page
    assert reverse("targets:task_create", args=[world.cell_a.pk]) in page  # her own cell

    response = client.get(_update_url(mine))
    assert response.status_code == 200
    assert 'type="hidden" name="version" value="1"' in response.content.decode()
    response = client.post(
        _update_url(mine), {"status": "in_progress", "note": "Đã rà soát 40 hồ sơ", "version": 1}
    )
    assert response.status_code == 302
    assert response.url == reverse("targets:tasks", args=[world.cell_a.pk])  # not the hospital's
    mine.refresh_from_db()
    assert (mine.status, mine.version) == (TaskStatus.IN_PROGRESS, 2)
    assert mine.notes.get().text == "Đã rà soát 40 hồ sơ"

    assert client.get(_update_url(theirs)).status_code == 404  # another cell's task
    assert client.get(_update_url(other)).status_code == 404


@pytest.mark.parametrize(
    ("role", "list_status", "update_status"),
    [
        ("reader", 200, 403),  # the superior committee reads, never updates
        ("other_office", 404, 404),
        ("member", 404, 404),
        ("communications", 404, 404),
    ],
)
def test_read_only_roles_are_offered_no_update_and_refused(
    client, world, tasks, role, list_status, update_status
):
    mine = tasks[0]
    client.force_login(world.users[role])
    response = client.get(reverse("targets:tasks", args=[world.hospital.pk]))
    assert response.status_code == list_status
    if list_status == 200:
        page = response.content.decode()
        assert mine.title in page
        assert _update_url(mine) not in page
        assert "Cập nhật</a>" not in page
        assert reverse("targets:task_create", args=[world.hospital.pk]) not in page
    assert client.get(_update_url(mine)).status_code == update_status
    response = client.post(_update_url(mine), {"status": "done", "version": 1})
    assert response.status_code == update_status
    mine.refresh_from_db()
    assert (mine.status, mine.version) == (TaskStatus.OPEN, 1)


def test_office_is_offered_every_update_of_its_tasks(client, world, tasks):
    client.force_login(world.users["office"])
    page = client.get(reverse("targets:tasks", args=[world.hospital.pk])).content.decode()
    assert _update_url(tasks[0]) in page and _update_url(tasks[1]) in page
    assert tasks[2].title not in page
    assert client.get(_update_url(tasks[1])).status_code == 200


def test_task_update_service_uses_the_same_predicate(world, tasks):
    mine, theirs, _ = tasks
    for role, task in [("reader", mine), ("secretary", theirs), ("other_office", mine)]:
        with pytest.raises(PermissionDenied):
            services.task_update(actor=world.users[role], task_id=task.pk, status="done", version=1)
    task = services.task_update(
        actor=world.users["secretary"], task_id=mine.pk, status="done", version=1
    )
    assert (task.status, task.version) == (TaskStatus.DONE, 2)


def test_cell_task_list_is_one_query_within_the_actors_scope(world, tasks):
    secretary, office, reader = (world.users[r] for r in ("secretary", "office", "reader"))
    for user in (secretary, office, reader):
        scope_for(user)  # roles are read once per request, before the list
    with CaptureQueriesContext(connection) as ctx:
        listed = list(queries.tasks(secretary, world.cell_a))
    assert len(ctx.captured_queries) == 1
    assert listed == [tasks[0]]
    assert list(queries.tasks(office, world.cell_a)) == [tasks[0]]
    assert set(queries.tasks(office, world.hospital)) == {tasks[0], tasks[1]}
    assert set(queries.tasks(reader, world.superior)) == set(tasks)
    assert list(queries.tasks(secretary, world.hospital)) == [tasks[0]]  # only what she reads


# ---- item 7: overrides --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "target_name", "status"),
    [
        ("reader", "project", 403),
        ("secretary", "beds", 403),  # reads the target assigned to her cell, may not override
        ("secretary", "project", 404),
        ("head", "admissions", 403),  # responsible for the target, may not override it
        ("member", "project", 404),
        ("other_office", "project", 404),
    ],
)
def test_override_form_is_refused_to_read_only_roles(
    client, world, plan, role, target_name, status
):
    user = plan.head if role == "head" else world.users[role]
    target = getattr(plan, target_name)
    client.force_login(user)
    url = _override_url(target, plan.midyear)
    assert client.get(url).status_code == status
    response = client.post(url, {"status": "met", "reason": "Có quyết định", "version": 0})
    assert response.status_code == status
    assert not StatusOverride.objects.exists()
    with pytest.raises(PermissionDenied):
        services.status_override_set(
            actor=user, target=target, checkpoint=plan.midyear, status="met",
            reason="Có quyết định", version=0,
        )  # fmt: skip


def test_office_overrides_and_a_frozen_period_shows_why_not(client, world, plan):
    client.force_login(world.users["office"])
    url = _override_url(plan.project, plan.midyear)
    response = client.get(url)
    assert response.status_code == 200
    assert 'type="hidden" name="version" value="0"' in response.content.decode()
    assert (
        client.post(url, {"status": "met", "reason": "Đã phê duyệt", "version": 0}).status_code
        == 302
    )
    override = StatusOverride.objects.get()
    assert (override.status, override.version) == ("met", 1)

    Checkpoint.objects.filter(pk=plan.midyear.pk).update(frozen_at=timezone.now())
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "đã chốt số liệu" in html and 'name="reason"' not in html
    response = client.post(url, {"status": "not_met", "reason": "Thử", "version": 1})
    assert response.status_code == 200
    assert StatusOverride.objects.get().status == "met"


# ---- item 9: optimistic locking -------------------------------------------------------------


def test_stale_task_form_is_refused_with_the_vietnamese_message(client, world, tasks):
    mine = tasks[0]
    client.force_login(world.users["office"])
    assert 'name="version" value="1"' in client.get(_update_url(mine)).content.decode()
    # meanwhile the cell marks it done
    services.task_update(actor=world.users["secretary"], task_id=mine.pk, status="done", version=1)
    response = client.post(_update_url(mine), {"status": "in_progress", "version": 1})
    assert response.status_code == 200 and STALE in response.content.decode()
    mine.refresh_from_db()
    assert (mine.status, mine.version) == (TaskStatus.DONE, 2)
    with pytest.raises(ConcurrentEdit):
        services.task_update(actor=world.users["office"], task_id=mine.pk, status="open", version=1)
    response = client.post(_update_url(mine), {"status": "in_progress", "version": 2})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.version) == (TaskStatus.IN_PROGRESS, 3)


def test_stale_override_form_is_refused_with_the_vietnamese_message(client, world, plan):
    office, admin = world.users["office"], world.users["admin"]
    client.force_login(office)
    url = _override_url(plan.project, plan.midyear)
    assert 'name="version" value="0"' in client.get(url).content.decode()
    # meanwhile somebody else sets an override: a form opened on "no override" is stale
    services.status_override_set(
        actor=admin, target=plan.project, checkpoint=plan.midyear, status="met",
        reason="Quyết định phê duyệt số 12", version=0,
    )  # fmt: skip
    response = client.post(url, {"status": "not_met", "reason": "Chậm tiến độ", "version": 0})
    assert response.status_code == 200 and STALE in response.content.decode()
    override = StatusOverride.objects.get()
    assert (override.status, override.reason, override.version) == (
        "met", "Quyết định phê duyệt số 12", 1,
    )  # fmt: skip

    form = client.get(url).content.decode()
    assert 'name="version" value="1"' in form
    assert (
        client.post(url, {"status": "not_met", "reason": "Chậm", "version": 1}).status_code == 302
    )
    assert StatusOverride.objects.get().version == 2
    with pytest.raises(ConcurrentEdit):  # removing needs the current version too
        services.status_override_set(
            actor=admin, target=plan.project, checkpoint=plan.midyear, status=None,
            reason="Bỏ", version=1,
        )  # fmt: skip


def test_override_removed_and_set_again_does_not_reuse_a_version(world, plan):
    """A form opened on an override that was then removed and set again (by others) must not
    overwrite the new one just because both are "version 1"."""
    office, admin = world.users["office"], world.users["admin"]
    common = {"target": plan.project, "checkpoint": plan.midyear}
    services.status_override_set(actor=admin, status="met", reason="Lần 1", version=0, **common)
    stale_form_version = 1
    services.status_override_set(actor=admin, status=None, reason="Bỏ", version=1, **common)
    assert not StatusOverride.objects.exists()
    again = services.status_override_set(
        actor=admin, status="not_met", reason="Lần 2", version=0, **common
    )
    assert again.version > stale_form_version
    with pytest.raises(ConcurrentEdit):
        services.status_override_set(
            actor=office, status="exceeded", reason="Cũ", version=stale_form_version, **common
        )
    assert StatusOverride.objects.get().reason == "Lần 2"
    with pytest.raises(ValidationError):  # the reason is still required
        services.status_override_set(
            actor=office, status="met", reason=" ", version=again.version, **common
        )


# ---- item 8: today is the local date -------------------------------------------------------

INSTANT = dt.datetime(2023, 7, 11, 18, 30, tzinfo=dt.UTC)  # 01:30 on 12/07/2023 in Hà Nội


@contextmanager
def utc_server_at_0130_local() -> Iterator[None]:
    """A server whose clock says 2023-07-11 18:30 and whose system time zone is UTC: the
    server's date is 11/07 while it is already 12/07 in Asia/Ho_Chi_Minh."""
    saved_tz = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        with (
            mock.patch("time.time", return_value=INSTANT.timestamp()),
            mock.patch("django.utils.timezone.now", return_value=INSTANT),
        ):
            assert dt.date.today() == dt.date(2023, 7, 11)  # the server's date
            assert timezone.localdate() == dt.date(2023, 7, 12)  # the hospital's date
            yield
    finally:
        if saved_tz is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved_tz
        time.tzset()


def test_overdue_uses_the_local_date_not_the_servers(client, world, plan):
    Checkpoint.objects.filter(pk=plan.midyear.pk).update(deadline=dt.date(2023, 7, 11))
    task = Task.objects.create(
        organization=world.hospital, title="Báo cáo sơ kết 6 tháng", deadline=dt.date(2023, 7, 11)
    )
    office = world.users["office"]
    client.force_login(office)
    with utc_server_at_0130_local():
        data = queries.dashboard(office, world.hospital, 2023, "midyear")
        page = client.get(reverse("targets:tasks", args=[world.hospital.pk])).content.decode()
    late = {line.organization.name for line in data["late"]}
    # the deadline 11/07 has passed in Hà Nội (it is 12/07, 01:30), though not on a UTC clock
    assert world.hospital.name in late
    assert {world.cell_a.name, world.cell_b.name} <= late
    assert queries.is_overdue(task, dt.date(2023, 7, 12))
    assert "quá hạn" in page
