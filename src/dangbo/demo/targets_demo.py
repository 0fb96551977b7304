"""Demo: the mid-year 2023 picture of the 2023 resolution of "Đảng bộ Bệnh viện Quân dân y
miền Đông" — 13 main targets; at the frozen mid-year checkpoint 7 are met or exceeded, 3 not
yet started and 3 not met. Statuses are NOT written here: only planned and recorded values;
the rules compute the statuses (tests/demo checks the summary sentence).

Figures are synthetic but plausible for a 500-bed hospital; no real person is named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from dangbo.organizations.models import Department, Organization
from dangbo.targets.models import (
    Checkpoint,
    Entry,
    FrozenFigure,
    Resolution,
    SubTarget,
    Target,
    Task,
)

D = Decimal
# (title, clause, kind, direction, unit, baseline, planned, midyear share, department,
#  mid-year value or None (not started), cause, remedy, rollup cells)
TARGETS: list[dict[str, Any]] = [
    dict(
        title="Tổng số lượt khám bệnh",
        clause="Mục II.1",
        kind="numeric",
        unit="lượt",
        baseline=D(171500),
        planned=D(180000),
        midyear_share=D("0.5"),
        department="Khoa Khám bệnh",
        value=D(96500),
    ),
    dict(
        title="Số người bệnh điều trị nội trú",
        clause="Mục II.1",
        kind="numeric",
        unit="người",
        baseline=D(13600),
        planned=D(14000),
        midyear_share=D("0.5"),
        rollup="sum",
        department="Phòng Kế hoạch tổng hợp",
        cells={"QDY-CB08": D(2650), "QDY-CB11": D(2400), "QDY-CB14": D(2300)},
    ),
    dict(
        title="Công suất sử dụng giường bệnh",
        clause="Mục II.1",
        kind="percentage",
        unit="%",
        baseline=D(94),
        planned=D(95),
        tolerance=D("0.5"),
        department="Phòng Kế hoạch tổng hợp",
        value=D("97.2"),
    ),
    dict(
        title="Tỷ lệ người bệnh hài lòng với dịch vụ khám, chữa bệnh",
        clause="Mục II.2",
        kind="percentage",
        unit="%",
        baseline=D(88),
        planned=D(90),
        department="Phòng Điều dưỡng",
        value=D("92.5"),
    ),
    dict(
        title="Không để xảy ra sai sót chuyên môn nghiêm trọng",
        clause="Mục II.2",
        kind="zero",
        direction="lower",
        unit="vụ",
        planned=D(0),
        department="Phòng Kế hoạch tổng hợp",
        value=D(0),
        is_key=True,
    ),
    dict(
        title="Đảng viên được học tập, quán triệt nghị quyết của Đảng",
        clause="Mục II.4",
        kind="percentage",
        unit="%",
        planned=D(100),
        department="Phòng Chính trị",
        value=D(100),
    ),
    dict(
        title="Tỷ lệ nhiễm khuẩn bệnh viện",
        clause="Mục II.2",
        kind="percentage",
        direction="lower",
        unit="%",
        baseline=D("2.3"),
        planned=D(2),
        department="Khoa Kiểm soát nhiễm khuẩn",
        value=D("1.6"),
    ),
    dict(
        title="Đề tài nghiên cứu khoa học cấp cơ sở được nghiệm thu",
        clause="Mục II.3",
        kind="numeric",
        unit="đề tài",
        baseline=D(10),
        planned=D(12),
        department="Phòng Kế hoạch tổng hợp",
        value=None,
    ),
    dict(
        title="Sáng kiến cải tiến kỹ thuật được công nhận",
        clause="Mục II.3",
        kind="numeric",
        unit="sáng kiến",
        baseline=D(18),
        planned=D(20),
        department="Phòng Kế hoạch tổng hợp",
        value=None,
    ),
    dict(
        title="Khởi công dự án mở rộng khu điều trị 260 giường bệnh",
        clause="Mục II.5",
        kind="milestone",
        department="Phòng Hậu cần - Kỹ thuật",
        value=None,
        is_key=True,
    ),
    dict(
        title="Kết nạp đảng viên mới",
        clause="Mục II.4",
        kind="numeric",
        unit="đảng viên",
        baseline=D(9),
        planned=D(10),
        midyear_share=D("0.5"),
        department="Phòng Chính trị",
        value=D(2),
        is_key=True,
        cause="Nhiều quần chúng ưu tú mới chuyển công tác về đơn vị, chưa đủ thời gian "
        "rèn luyện, thử thách; việc thẩm tra lý lịch ở địa phương còn chậm.",
        remedy="Các chi bộ phân công đảng viên chính thức giúp đỡ quần chúng ưu tú; Văn phòng "
        "Đảng ủy phối hợp địa phương đẩy nhanh thẩm tra lý lịch, phấn đấu kết nạp 8 "
        "đảng viên trong 6 tháng cuối năm.",
    ),
    dict(
        title="Triển khai kỹ thuật mới trong khám, chữa bệnh",
        clause="Mục II.3",
        kind="numeric",
        unit="kỹ thuật",
        baseline=D(12),
        planned=D(15),
        midyear_share=D("0.5"),
        department="Phòng Kế hoạch tổng hợp",
        value=D(5),
        cause="Một số trang thiết bị chưa được bàn giao; nhân lực được đào tạo chuyên sâu còn "
        "thiếu.",
        remedy="Đề nghị cấp trên sớm bàn giao thiết bị; cử 6 bác sĩ đi đào tạo chuyển giao kỹ "
        "thuật trong quý III.",
    ),
    dict(
        title="Hồ sơ bệnh án đạt yêu cầu khi kiểm tra",
        clause="Mục II.2",
        kind="percentage",
        unit="%",
        baseline=D(92),
        planned=D(95),
        department="Phòng Kế hoạch tổng hợp",
        value=D(91),
        cause="Khối lượng công việc tăng, một số bác sĩ trẻ ghi chép hồ sơ chưa đầy đủ.",
        remedy="Tập huấn ghi chép hồ sơ bệnh án; kiểm tra chéo hằng tháng giữa các khoa.",
    ),
]

TASKS = [
    ("Phấn đấu hoàn thành 100% chỉ tiêu chuyên môn năm 2023", dt.date(2023, 12, 31), "done"),
    ("Hoàn thiện hồ sơ, thủ tục khởi công dự án khu điều trị 260 giường", dt.date(2023, 9, 30),
     "in_progress"),
    ("Kết nạp ít nhất 8 đảng viên mới trong 6 tháng cuối năm", dt.date(2023, 12, 15), "done"),
    ("Đưa vào triển khai thêm 10 kỹ thuật mới", dt.date(2023, 12, 31), "open"),
    ("Tổ chức tập huấn ghi chép hồ sơ bệnh án cho bác sĩ trẻ", dt.date(2023, 8, 31), "done"),
]  # fmt: skip


def load_targets(*, hospital_code: str, office_user: Any) -> Resolution:
    hospital = Organization.objects.get(code=hospital_code)
    departments = {d.name: d for d in Department.objects.filter(organization=hospital)}
    cells = {o.code: o for o in Organization.objects.filter(code__startswith=f"{hospital_code}-")}
    res = Resolution.objects.create(
        organization=hospital, year=2023, number="05-NQ/ĐU", issued_on=dt.date(2023, 1, 12),
        title="Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị năm 2023",
    )  # fmt: skip
    midyear = Checkpoint.objects.create(
        resolution=res, kind="midyear", as_of=dt.date(2023, 6, 30), deadline=dt.date(2023, 7, 10)
    )
    Checkpoint.objects.create(
        resolution=res, kind="annual", as_of=dt.date(2023, 12, 31), deadline=dt.date(2024, 1, 10)
    )
    entries = []
    for i, spec in enumerate(TARGETS, start=1):
        spec = dict(spec)
        value = spec.pop("value", None)
        cause, remedy = spec.pop("cause", ""), spec.pop("remedy", "")
        cell_values = spec.pop("cells", {})
        dept = departments.get(spec.pop("department"))
        target = Target.objects.create(
            resolution=res, position=i, responsible_organization=hospital,
            responsible_department=dept, direction=spec.pop("direction", "higher"), **spec,
        )  # fmt: skip
        if value is not None:
            entries.append(Entry(
                target=target, checkpoint=midyear, value=value, cause=cause, remedy=remedy,
                note="Số liệu báo cáo sơ kết 6 tháng", recorded_by=office_user,
            ))  # fmt: skip
        for code, cell_value in cell_values.items():
            SubTarget.objects.create(target=target, organization=cells[code])
            entries.append(Entry(
                target=target, checkpoint=midyear, organization=cells[code], value=cell_value,
                recorded_by=office_user, note="Chi bộ báo cáo",
            ))  # fmt: skip
    Entry.objects.bulk_create(entries)
    FrozenFigure.objects.bulk_create(
        FrozenFigure(checkpoint=midyear, target_id=e.target_id, organization_id=e.organization_id,
                     value=e.value, done=e.done, activity_recorded=True, entry=e)
        for e in Entry.objects.filter(checkpoint=midyear)
    )  # fmt: skip
    midyear.frozen_at = timezone.make_aware(dt.datetime(2023, 7, 12, 9, 0))
    midyear.frozen_by = office_user
    midyear.save(update_fields=["frozen_at", "frozen_by"])
    for title, deadline, status in TASKS:
        Task.objects.create(organization=hospital, resolution=res, title=title, deadline=deadline,
                            status=status, responsible_organization=hospital)  # fmt: skip
    return res
