"""Meetings built through the service (so the invitation list is filled as in the app)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.meetings import services

DAY = dt.date(2023, 6, 29)


def cell_meeting(world: Any, **values: Any) -> Any:
    """A monthly meeting of cell A (the three members of ``world.a_members`` invited)."""
    data: dict[str, Any] = {
        "kind": "cell_regular", "title": "Sinh hoạt chi bộ tháng 6/2023", "date": DAY,
        "start_time": dt.time(14, 0), "end_time": dt.time(16, 0), "place": "Hội trường khoa",
    }  # fmt: skip
    data.update(values)
    return services.meeting_create(
        actor=world.users["secretary"], organization=world.cell_a, **data
    )


def hospital_meeting(world: Any, **values: Any) -> Any:
    data: dict[str, Any] = {
        "kind": "mid_year_review", "title": "Hội nghị sơ kết 6 tháng đầu năm 2023", "date": DAY,
        "start_time": dt.time(7, 30), "end_time": dt.time(11, 0), "place": "Hội trường A",
    }  # fmt: skip
    data.update(values)
    return services.meeting_create(actor=world.users["office"], organization=world.hospital, **data)
