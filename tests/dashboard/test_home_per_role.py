"""Issue 7, item 4: the home page per role; item 8: it lives in the dashboard app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from dangbo.targets import services
from dangbo.targets.models import Task


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("home"))


def test_office_sees_checkpoints_due_with_unreported_cells_and_tasks_due(client, world, plan):
    services.entry_record(
        actor=world.users["secretary"], target_id=plan.beds.pk, checkpoint_id=plan.midyear.pk,
        organization=world.cell_a, value=Decimal(300),
    )  # fmt: skip
    Task.objects.create(
        organization=world.hospital, title="Hoàn thiện báo cáo sơ kết", deadline=dt.date(2023, 7, 5)
    )
    Task.objects.create(
        organization=world.hospital, title="Đã xong", deadline=dt.date(2023, 7, 5), status="done"
    )
    html = _home(client, world.users["office"]).content.decode()
    agenda = html[html.index('id="agenda"') :]
    assert "Sơ kết 6 tháng — Nghị quyết số 05-NQ/ĐU" in agenda
    assert "1 phần việc của chi bộ chưa báo cáo" in agenda  # cell B, mid-year
    assert "2 phần việc của chi bộ chưa báo cáo" in agenda  # both cells, year-end
    assert "Hoàn thiện báo cáo sơ kết" in agenda and "Đã xong" not in agenda
    assert "quá hạn" in agenda


def test_secretary_sees_her_cell_and_her_reporting_work(client, world, plan):
    html = _home(client, world.users["secretary"]).content.decode()
    assert reverse("organizations:detail", args=[world.cell_a.pk]) in html
    assert 'id="todo"' in html and "Phần của Chi bộ Khoa Nội" in html
    assert 'id="agenda"' not in html  # the hospital's agenda is the office's


def test_member_with_a_target_sees_it_and_her_record(client, world, plan):
    html = _home(client, plan.head).content.decode()
    assert "Kết nạp đảng viên mới" in html
    assert reverse("members:detail", args=[plan.head_member.pk]) in html


def test_member_without_work_goes_to_her_record(client, world):
    response = _home(client, world.users["member"])
    assert response.status_code == 302
    assert response["Location"] == reverse("members:detail", args=[world.a_members[0].pk])


def test_reader_sees_counts_and_no_agenda(client, world, plan):
    html = _home(client, world.users["reader"]).content.decode()
    assert 'class="stat"' in html and 'id="agenda"' not in html and 'id="todo"' not in html
