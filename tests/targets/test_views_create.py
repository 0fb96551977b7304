"""The office sets up a resolution: targets (with cells), checkpoints, tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.targets.models import Checkpoint, Resolution, SubTarget, Target, Task


def test_office_sets_up_a_resolution(client, world):
    client.force_login(world.users["office"])
    url = reverse("targets:resolution_create", args=[world.hospital.pk])
    response = client.post(
        url,
        {
            "horizon": "annual",
            "year": 2024,
            "number": "07-NQ/ĐU",
            "issued_on": "15/01/2024",
            "title": "Nghị quyết năm 2024",
        },
    )
    res = Resolution.objects.get(number="07-NQ/ĐU")
    assert response.status_code == 302 and res.issued_on == dt.date(2024, 1, 15)
    assert res.history.latest().history_user == world.users["office"]

    url = reverse("targets:target_create", args=[res.pk])
    data = {
        "title": "Người bệnh nội trú",
        "kind": "numeric",
        "direction": "higher",
        "basis": "fixed",
        "planned": "1.000",
        "tolerance": "0",
        "midyear_share": "0,5",
        "rollup": "sum",
        "cells": [world.cell_a.pk, world.cell_b.pk],
        "responsible_department": world.dept_a.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    target = Target.objects.get(resolution=res)
    assert SubTarget.objects.filter(target=target).count() == 2

    url = reverse("targets:checkpoint_create", args=[res.pk])
    data = {"kind": "midyear", "as_of": "30/06/2024", "deadline": "10/07/2024"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)  # same kind twice
    assert response.status_code == 200 and "đã có kỳ báo cáo" in response.content.decode()
    assert Checkpoint.objects.filter(resolution=res).count() == 1

    url = reverse("targets:task_create", args=[world.hospital.pk])
    data = {
        "title": "Mở rộng khu điều trị",
        "deadline": "30/09/2024",
        "responsible_organization": world.cell_a.pk,
    }
    assert client.post(url, data).status_code == 302
    task = Task.objects.get()
    page = client.get(reverse("targets:tasks", args=[world.hospital.pk])).content.decode()
    assert task.title in page and "quá hạn" in page  # 30/09/2024 is past


def test_bad_target_gives_vietnamese_errors_and_creates_nothing(client, world, plan):
    client.force_login(world.users["office"])
    url = reverse("targets:target_create", args=[plan.resolution.pk])
    before = Target.objects.count()
    response = client.post(
        url,
        {
            "title": "X",
            "kind": "numeric",
            "direction": "higher",
            "tolerance": "0",
            "midyear_share": "2",
            "cells": [world.cell_a.pk],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "cộng dồn" in html  # cells without a roll-up method
    assert Target.objects.count() == before


@pytest.mark.parametrize("role", ["secretary", "reader", "member", "other_office"])
def test_only_the_office_sets_up_resolutions(client, world, plan, role):
    client.force_login(world.users[role])
    urls = [
        reverse("targets:resolution_create", args=[world.hospital.pk]),
        reverse("targets:target_create", args=[plan.resolution.pk]),
        reverse("targets:checkpoint_create", args=[plan.resolution.pk]),
        reverse("targets:task_create", args=[world.hospital.pk]),
    ]
    for url in urls:
        assert client.post(url, {"title": "x"}).status_code in (403, 404)
    assert Resolution.objects.count() == 1 and Task.objects.count() == 0
