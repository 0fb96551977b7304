"""Demo resolutions, targets and reports (targets app). Statuses are NOT written here: only
plans and reported values; ``targets.rules`` computes every status (tests/demo checks the
summary sentences).

1. Bệnh viện Quân dân y miền Đông, 2023 (the seed story, ``05-NQ/ĐU``): 13 main targets; at the
   frozen mid-year checkpoint 7 are met or exceeded, 3 reported "chưa triển khai" and 3 not
   met. The year-end figures were entered afterwards from the published report 42-BC/ĐU
   (back entry, ``transcribed``).
2. Both hospitals, 2026: a yearly resolution in two groups (công tác chuyên môn, công tác xây
   dựng Đảng) with every kind of target: numeric, percentage, zero, milestone, qualitative,
   relative to a baseline, better than the baseline. The mid-year checkpoint is frozen; the
   year-end checkpoint is OPEN: the cell of the demo accounts (QDY-CB08, HD-CB11) has its share
   of two split targets to report, one of the other two cells already reported, and the demo
   secretary, member and office accounts are responsible for targets of their own.
3. Bệnh viện Đa khoa Hà Đông, term 2020–2025: the congress resolution, with its mid-term review
   (đạt tiến độ / chưa đạt tiến độ) and its term-end review, both transcribed from published
   reports.
4. Bệnh viện Đa khoa Hà Đông, 2021: the yearly resolution behind the 2021 year-end review
   (seed 003), six targets all met or exceeded at the year-end checkpoint frozen in January 2022.

Figures are synthetic but plausible; no real person is named. People are the synthetic
members of the hospital (heads of the departments in charge, the members linked to the demo
accounts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from dangbo.accounts.models import Role, RoleKind
from dangbo.demo import data
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.organizations.models import Department, Organization, Term
from dangbo.targets.models import (
    Checkpoint,
    Entry,
    FrozenFigure,
    Reminder,
    Resolution,
    SubTarget,
    Target,
    TargetGroup,
    Task,
)
from dangbo.targets.services import frozen_figures, target_problems

D = Decimal

# Who is responsible for a target: the head of its department (default), or a demo account's
# linked member.
HEAD, OFFICE, MEMBER = "head", "office", "member"


@dataclass(frozen=True)
class R:
    """A report of a target (or of a cell's share) at a checkpoint."""

    value: Decimal | None = None
    stated: str = ""
    done: bool | None = None
    not_started: bool = False
    assessed: str = ""
    note: str = ""
    cause: str = ""
    remedy: str = ""


@dataclass(frozen=True)
class Freeze:
    """How a checkpoint was frozen: in the system at ``at``, or entered afterwards from a
    published report (``source_number``, ``source_date``: back entry, ``transcribed``)."""

    at: dt.datetime
    source_number: str = ""
    source_date: dt.date | None = None

    @property
    def transcribed(self) -> bool:
        return bool(self.source_number)


@dataclass(frozen=True)
class CheckpointSpec:
    kind: str
    as_of: dt.date
    deadline: dt.date
    freeze: Freeze | None = None


@dataclass(frozen=True)
class TargetSpec:
    title: str
    kind: str
    group: int | None = None  # index into ResolutionSpec.groups
    clause: str = ""
    unit: str = ""
    direction: str = "higher"
    basis: str = "fixed"
    baseline: Decimal | None = None
    baseline_year: int | None = None
    change_percent: Decimal | None = None
    planned: Decimal | None = None
    tolerance: Decimal = D(0)
    midyear_share: Decimal | None = None
    midterm_share: Decimal | None = None
    is_key: bool = False
    department: str = ""
    responsible: str = HEAD
    rollup: str = ""
    cells: dict[str, Decimal | None] = field(default_factory=dict)  # cell code → its plan
    reports: dict[str, R] = field(default_factory=dict)  # checkpoint kind → report
    cell_reports: dict[str, dict[str, R]] = field(default_factory=dict)  # kind → code → report


@dataclass(frozen=True)
class TaskSpec:
    title: str
    deadline: dt.date
    status: str
    department: str = ""
    cell: str = ""  # responsible cell (code); the hospital when empty


@dataclass(frozen=True)
class ResolutionSpec:
    hospital: data.HospitalSpec
    number: str
    issued_on: dt.date
    title: str
    year: int
    checkpoints: tuple[CheckpointSpec, ...]
    targets: tuple[TargetSpec, ...]
    horizon: str = "annual"
    end_year: int | None = None
    term: str = ""  # name of the hospital's Term
    groups: tuple[tuple[str, str], ...] = ()  # (title, noun)
    tasks: tuple[TaskSpec, ...] = ()
    reminders: tuple[tuple[int, str, str], ...] = ()  # (target index, checkpoint kind, cell)
    # When the cells' early reports and the reminders of an open checkpoint were written.
    reported_at: dt.datetime | None = None
    reminded_at: dt.datetime | None = None


def _at(y: int, m: int, d: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hour, minute))


NOT_YET = "Chưa triển khai trong 6 tháng đầu năm"
AT_MIDYEAR_2023 = "Số liệu báo cáo sơ kết 6 tháng"
BY_CELL = "Chi bộ báo cáo"
FROM_42 = "Theo Báo cáo số 42-BC/ĐU ngày 28/12/2023"
FROM_15 = "Theo Báo cáo sơ kết giữa nhiệm kỳ số 15-BC/ĐU ngày 20/07/2023"
FROM_TERM = "Theo Báo cáo chính trị trình Đại hội lần thứ XIII (số 118-BC/ĐU ngày 12/05/2025)"
ESTIMATE = "Ước thực hiện cả năm, chi bộ báo cáo sớm"

# ---------------------------------------------------------------------------------------------
# 1. QDY 2023 — the seed story
# ---------------------------------------------------------------------------------------------
QDY_2023 = ResolutionSpec(
    hospital=data.QDY,
    number="05-NQ/ĐU",
    issued_on=dt.date(2023, 1, 12),
    title="Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị năm 2023",
    year=2023,
    checkpoints=(
        CheckpointSpec("midyear", dt.date(2023, 6, 30), dt.date(2023, 7, 10),
                       Freeze(_at(2023, 7, 12))),
        CheckpointSpec("annual", dt.date(2023, 12, 31), dt.date(2024, 1, 10),
                       Freeze(_at(2024, 1, 15), "42-BC/ĐU", dt.date(2023, 12, 28))),
    ),
    targets=(
        TargetSpec(
            "Tổng số lượt khám bệnh", "numeric", clause="Mục II.1", unit="lượt",
            baseline=D(171500), planned=D(180000), midyear_share=D("0.5"),
            department="Khoa Khám bệnh",
            reports={"midyear": R(D(96500), note=AT_MIDYEAR_2023),
                     "annual": R(D(186000), stated="trên 186.000", note=FROM_42)},
        ),
        TargetSpec(
            "Số người bệnh điều trị nội trú", "numeric", clause="Mục II.1", unit="người",
            baseline=D(13600), planned=D(14000), midyear_share=D("0.5"), rollup="sum",
            department="Phòng Kế hoạch tổng hợp",
            cells={"QDY-CB08": None, "QDY-CB11": None, "QDY-CB14": None},
            cell_reports={
                "midyear": {"QDY-CB08": R(D(2650), note=BY_CELL),
                            "QDY-CB11": R(D(2400), note=BY_CELL),
                            "QDY-CB14": R(D(2300), note=BY_CELL)},
                "annual": {"QDY-CB08": R(D(5210), note=FROM_42),
                           "QDY-CB11": R(D(4790), note=FROM_42),
                           "QDY-CB14": R(D(4520), note=FROM_42)},
            },
        ),
        TargetSpec(
            "Công suất sử dụng giường bệnh", "percentage", clause="Mục II.1", unit="%",
            baseline=D(94), planned=D(95), tolerance=D("0.5"),
            department="Phòng Kế hoạch tổng hợp",
            reports={"midyear": R(D("97.2"), note=AT_MIDYEAR_2023),
                     "annual": R(D("96.1"), note=FROM_42)},
        ),
        TargetSpec(
            "Tỷ lệ người bệnh hài lòng với dịch vụ khám, chữa bệnh", "percentage",
            clause="Mục II.2", unit="%", baseline=D(88), planned=D(90),
            department="Phòng Điều dưỡng",
            reports={"midyear": R(D("92.5"), note=AT_MIDYEAR_2023),
                     "annual": R(D("93.2"), note=FROM_42)},
        ),
        TargetSpec(
            "Không để xảy ra sai sót chuyên môn nghiêm trọng", "zero", clause="Mục II.2",
            direction="lower", unit="vụ", planned=D(0), is_key=True,
            department="Phòng Kế hoạch tổng hợp",
            reports={"midyear": R(D(0), note=AT_MIDYEAR_2023), "annual": R(D(0), note=FROM_42)},
        ),
        TargetSpec(
            "Đảng viên được học tập, quán triệt nghị quyết của Đảng", "percentage",
            clause="Mục II.4", unit="%", planned=D(100), department="Phòng Chính trị",
            responsible=OFFICE,
            reports={"midyear": R(D(100), note=AT_MIDYEAR_2023),
                     "annual": R(D(100), note=FROM_42)},
        ),
        TargetSpec(
            "Tỷ lệ nhiễm khuẩn bệnh viện", "percentage", clause="Mục II.2", direction="lower",
            unit="%", baseline=D("2.3"), planned=D(2), department="Khoa Kiểm soát nhiễm khuẩn",
            reports={"midyear": R(D("1.6"), note=AT_MIDYEAR_2023),
                     "annual": R(D("1.7"), note=FROM_42)},
        ),
        TargetSpec(
            "Đề tài nghiên cứu khoa học cấp cơ sở được nghiệm thu", "numeric",
            clause="Mục II.3", unit="đề tài", baseline=D(10), planned=D(12),
            department="Phòng Kế hoạch tổng hợp",
            reports={"midyear": R(not_started=True, note=NOT_YET),
                     "annual": R(D(12), note=FROM_42)},
        ),
        TargetSpec(
            "Sáng kiến cải tiến kỹ thuật được công nhận", "numeric", clause="Mục II.3",
            unit="sáng kiến", baseline=D(18), planned=D(20),
            department="Phòng Kế hoạch tổng hợp",
            reports={"midyear": R(not_started=True, note=NOT_YET),
                     "annual": R(D(17), note=FROM_42 + "; 3 sáng kiến chuyển sang năm 2024 "
                                 "xét công nhận")},
        ),
        TargetSpec(
            "Khởi công dự án mở rộng khu điều trị 260 giường bệnh", "milestone",
            clause="Mục II.5", is_key=True, department="Phòng Hậu cần - Kỹ thuật",
            reports={"midyear": R(not_started=True, note=NOT_YET),
                     "annual": R(done=False, note=FROM_42 + "; đang hoàn thiện thủ tục đầu tư, "
                                 "dự kiến khởi công quý I/2024")},
        ),
        TargetSpec(
            "Kết nạp đảng viên mới", "numeric", clause="Mục II.4", unit="đảng viên",
            baseline=D(9), planned=D(10), midyear_share=D("0.5"), is_key=True,
            department="Phòng Chính trị",
            reports={
                "midyear": R(
                    D(2), note=AT_MIDYEAR_2023,
                    cause="Nhiều quần chúng ưu tú mới chuyển công tác về đơn vị, chưa đủ thời "
                    "gian rèn luyện, thử thách; việc thẩm tra lý lịch ở địa phương còn chậm.",
                    remedy="Các chi bộ phân công đảng viên chính thức giúp đỡ quần chúng ưu tú; "
                    "Văn phòng Đảng ủy phối hợp địa phương đẩy nhanh thẩm tra lý lịch, phấn "
                    "đấu kết nạp 8 đảng viên trong 6 tháng cuối năm.",
                ),
                "annual": R(D(10), note=FROM_42),
            },
        ),
        TargetSpec(
            "Triển khai kỹ thuật mới trong khám, chữa bệnh", "numeric", clause="Mục II.3",
            unit="kỹ thuật", baseline=D(12), planned=D(15), midyear_share=D("0.5"),
            department="Phòng Kế hoạch tổng hợp",
            reports={
                "midyear": R(
                    D(5), note=AT_MIDYEAR_2023,
                    cause="Một số trang thiết bị chưa được bàn giao; nhân lực được đào tạo "
                    "chuyên sâu còn thiếu.",
                    remedy="Đề nghị cấp trên sớm bàn giao thiết bị; cử 6 bác sĩ đi đào tạo "
                    "chuyển giao kỹ thuật trong quý III.",
                ),
                "annual": R(D(16), note=FROM_42),
            },
        ),
        TargetSpec(
            "Hồ sơ bệnh án đạt yêu cầu khi kiểm tra", "percentage", clause="Mục II.2", unit="%",
            baseline=D(92), planned=D(95), department="Phòng Kế hoạch tổng hợp",
            reports={
                "midyear": R(
                    D(91), note=AT_MIDYEAR_2023,
                    cause="Khối lượng công việc tăng, một số bác sĩ trẻ ghi chép hồ sơ chưa "
                    "đầy đủ.",
                    remedy="Tập huấn ghi chép hồ sơ bệnh án; kiểm tra chéo hằng tháng giữa "
                    "các khoa.",
                ),
                "annual": R(D(95), note=FROM_42),
            },
        ),
    ),
    tasks=(
        TaskSpec("Phấn đấu hoàn thành 100% chỉ tiêu chuyên môn năm 2023", dt.date(2023, 12, 31),
                 "done"),
        TaskSpec("Hoàn thiện hồ sơ, thủ tục khởi công dự án khu điều trị 260 giường",
                 dt.date(2023, 9, 30), "in_progress", department="Phòng Hậu cần - Kỹ thuật"),
        TaskSpec("Kết nạp ít nhất 8 đảng viên mới trong 6 tháng cuối năm", dt.date(2023, 12, 15),
                 "done", department="Phòng Chính trị"),
        TaskSpec("Đưa vào triển khai thêm 10 kỹ thuật mới", dt.date(2023, 12, 31), "open"),
        TaskSpec("Tổ chức tập huấn ghi chép hồ sơ bệnh án cho bác sĩ trẻ", dt.date(2023, 8, 31),
                 "done", department="Phòng Kế hoạch tổng hợp"),
    ),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# 2. The 2026 yearly resolutions (mid-year frozen, year-end open)
# ---------------------------------------------------------------------------------------------
TITLE_2026 = "Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị năm 2026"
AT_MIDYEAR = "Số liệu báo cáo sơ kết 6 tháng đầu năm 2026"
RATING_AT_YEAR_END = "Việc đánh giá, xếp loại đảng viên thực hiện vào cuối năm"
GROUPS_2026 = "Công tác chuyên môn", "Công tác xây dựng Đảng"


def _checkpoints_2026(frozen_on: dt.datetime) -> tuple[CheckpointSpec, ...]:
    return (
        CheckpointSpec("midyear", dt.date(2026, 6, 30), dt.date(2026, 7, 10), Freeze(frozen_on)),
        CheckpointSpec("annual", dt.date(2026, 12, 31), dt.date(2027, 1, 10)),
    )


def _party_targets(
    *, office: str, admissions: int, admitted: R, learning: R, meetings: R
) -> tuple[TargetSpec, ...]:
    """The "xây dựng Đảng" group of a 2026 resolution (group index 1)."""
    return (
        TargetSpec(
            "Kết nạp đảng viên mới", "numeric", group=1, clause="Mục III.1", unit="đảng viên",
            planned=D(admissions), midyear_share=D("0.5"), is_key=True, department=office,
            reports={"midyear": admitted},
        ),
        TargetSpec(
            "Đảng viên được học tập, quán triệt nghị quyết của Đảng", "percentage", group=1,
            clause="Mục III.2", unit="%", planned=D(100), department=office, responsible=OFFICE,
            reports={"midyear": learning},
        ),
        TargetSpec(
            "Nâng cao chất lượng sinh hoạt chi bộ", "qualitative", group=1, clause="Mục III.3",
            department=office, reports={"midyear": meetings},
        ),
        TargetSpec(
            "Đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên", "percentage", group=1,
            clause="Mục III.4", unit="%", planned=D(90), department=office,
            reports={"midyear": R(not_started=True, note=RATING_AT_YEAR_END)},
        ),
    )  # fmt: skip


QDY_2026 = ResolutionSpec(
    hospital=data.QDY,
    number="09-NQ/ĐU",
    issued_on=dt.date(2026, 1, 15),
    title=TITLE_2026,
    year=2026,
    checkpoints=_checkpoints_2026(_at(2026, 7, 13)),
    groups=((GROUPS_2026[0], "targets"), (GROUPS_2026[1], "key_tasks")),
    targets=(
        TargetSpec(
            "Số người bệnh điều trị nội trú tại các khoa khối Nội", "numeric", group=0,
            clause="Mục II.1", unit="người", planned=D(9000), midyear_share=D("0.5"),
            rollup="sum", department="Phòng Kế hoạch tổng hợp",
            cells={"QDY-CB08": D(3500), "QDY-CB09": D(3000), "QDY-CB10": D(2500)},
            cell_reports={
                "midyear": {"QDY-CB08": R(D(1800), stated="trên 1.800", note=BY_CELL),
                            "QDY-CB09": R(D(1560), note=BY_CELL),
                            "QDY-CB10": R(D(1290), note=BY_CELL)},
                "annual": {"QDY-CB10": R(D(2650), stated="ước 2.650", note=ESTIMATE)},
            },
        ),
        TargetSpec(
            "Triển khai kỹ thuật mới tại các khoa lâm sàng", "numeric", group=0,
            clause="Mục II.2", unit="kỹ thuật", planned=D(10), midyear_share=D("0.5"),
            rollup="sum", department="Phòng Kế hoạch tổng hợp",
            cells={"QDY-CB08": D(4), "QDY-CB11": D(3), "QDY-CB13": D(3)},
            cell_reports={
                "midyear": {"QDY-CB08": R(D(2), note=BY_CELL), "QDY-CB11": R(D(2), note=BY_CELL),
                            "QDY-CB13": R(D(1), note=BY_CELL)},
                "annual": {"QDY-CB13": R(D(3), note=ESTIMATE)},
            },
        ),
        TargetSpec(
            "Tỷ lệ người bệnh hài lòng với dịch vụ khám, chữa bệnh cao hơn năm 2025",
            "percentage", group=0, clause="Mục II.3", unit="%", basis="improve",
            baseline=D("91.2"), baseline_year=2025, department="Phòng Điều dưỡng",
            responsible=MEMBER,
            reports={"midyear": R(D(93), stated="trên 93%",
                                  note="Khảo sát 1.200 người bệnh nội trú và ngoại trú")},
        ),
        TargetSpec(
            "Không để xảy ra sai sót chuyên môn nghiêm trọng", "zero", group=0,
            clause="Mục II.3", direction="lower", unit="vụ", planned=D(0), is_key=True,
            department="Phòng Kế hoạch tổng hợp", reports={"midyear": R(D(0), note=AT_MIDYEAR)},
        ),
        TargetSpec(
            "Giảm 10% tỷ lệ nhiễm khuẩn bệnh viện so với năm 2025", "percentage", group=0,
            clause="Mục II.3", direction="lower", unit="%", basis="relative",
            baseline=D("1.8"), baseline_year=2025, change_percent=D(10),
            department="Khoa Kiểm soát nhiễm khuẩn",
            reports={
                "midyear": R(
                    D("1.7"), note=AT_MIDYEAR,
                    cause="Khu điều trị mới đưa vào sử dụng, quy trình vô khuẩn ở một số buồng "
                    "bệnh chưa ổn định; số ca thở máy kéo dài tăng.",
                    remedy="Giám sát tuân thủ vệ sinh tay hằng tuần tại khu điều trị mới; tập "
                    "huấn lại quy trình chăm sóc người bệnh thở máy trong quý III.",
                ),
            },
        ),
        TargetSpec(
            "Đưa khu điều trị 260 giường bệnh vào sử dụng", "milestone", group=0,
            clause="Mục II.4", is_key=True, department="Phòng Hậu cần - Kỹ thuật",
            reports={"midyear": R(done=True, note="Khánh thành, đưa vào sử dụng ngày 19/5/2026")},
        ),
        *_party_targets(
            office="Phòng Chính trị",
            admissions=12,
            admitted=R(
                D(4), note=AT_MIDYEAR,
                cause="Nguồn phát triển đảng chủ yếu là nhân viên mới tuyển dụng, chưa đủ "
                "thời gian rèn luyện; 3 hồ sơ còn chờ thẩm tra lý lịch.",
                remedy="Các chi bộ phân công đảng viên giúp đỡ quần chúng ưu tú; Phòng Chính "
                "trị hoàn thành thẩm tra lý lịch trước 15/9/2026.",
            ),
            learning=R(D(100), note=AT_MIDYEAR),
            meetings=R(
                assessed="met",
                note="18/18 chi bộ sinh hoạt định kỳ đúng nội dung, quy trình; mỗi chi bộ tổ "
                "chức ít nhất 1 buổi sinh hoạt chuyên đề về y đức.",
            ),
        ),
    ),
    tasks=(
        TaskSpec("Rà soát quy trình kiểm soát nhiễm khuẩn tại khu điều trị 260 giường",
                 dt.date(2026, 10, 31), "in_progress", department="Khoa Kiểm soát nhiễm khuẩn"),
        TaskSpec("Hoàn thành thẩm tra lý lịch quần chúng ưu tú đề nghị kết nạp",
                 dt.date(2026, 9, 15), "done", department="Phòng Chính trị"),
        TaskSpec("Phân công đảng viên giúp đỡ 2 quần chúng ưu tú của Khoa Nội tổng hợp, "
                 "đề nghị kết nạp trong quý IV", dt.date(2026, 12, 15), "open", cell="QDY-CB08"),
    ),
    reminders=((0, "annual", "QDY-CB08"), (0, "annual", "QDY-CB09")),
    reported_at=_at(2026, 11, 25, 10, 30),
    reminded_at=_at(2026, 11, 26, 8, 15),
)  # fmt: skip

HD_2026 = ResolutionSpec(
    hospital=data.HD,
    number="07-NQ/ĐU",
    issued_on=dt.date(2026, 1, 22),
    title=TITLE_2026,
    year=2026,
    checkpoints=_checkpoints_2026(_at(2026, 7, 14, 15)),
    groups=((GROUPS_2026[0], "targets"), (GROUPS_2026[1], "targets")),
    targets=(
        TargetSpec(
            "Số người bệnh điều trị nội trú tại các khoa khối Nội", "numeric", group=0,
            clause="Mục II.1", unit="người", planned=D(8400), midyear_share=D("0.5"),
            rollup="sum", department="Phòng Kế hoạch tổng hợp",
            cells={"HD-CB11": D(3200), "HD-CB12": D(2800), "HD-CB13": D(2400)},
            cell_reports={
                "midyear": {"HD-CB11": R(D(1650), stated="trên 1.650", note=BY_CELL),
                            "HD-CB12": R(D(1430), note=BY_CELL),
                            "HD-CB13": R(D(1170), note=BY_CELL)},
                "annual": {"HD-CB12": R(D(2900), stated="ước 2.900", note=ESTIMATE)},
            },
        ),
        TargetSpec(
            "Triển khai kỹ thuật mới tại các khoa lâm sàng", "numeric", group=0,
            clause="Mục II.2", unit="kỹ thuật", planned=D(9), midyear_share=D("0.5"),
            rollup="sum", department="Phòng Kế hoạch tổng hợp",
            cells={"HD-CB11": D(3), "HD-CB18": D(3), "HD-CB22": D(3)},
            cell_reports={
                "midyear": {"HD-CB11": R(D(1), note=BY_CELL), "HD-CB18": R(D(1), note=BY_CELL),
                            "HD-CB22": R(D(1), note=BY_CELL)},
                "annual": {"HD-CB22": R(D(3), note=ESTIMATE)},
            },
        ),
        TargetSpec(
            "Tỷ lệ người bệnh hài lòng với dịch vụ khám, chữa bệnh", "percentage", group=0,
            clause="Mục II.3", unit="%", planned=D(92), department="Phòng Điều dưỡng",
            responsible=MEMBER,
            reports={"midyear": R(D(93), stated="trên 93%",
                                  note="Khảo sát 1.500 người bệnh nội trú và ngoại trú")},
        ),
        TargetSpec(
            "Điểm chất lượng bệnh viện (Bộ tiêu chí chất lượng bệnh viện Việt Nam) cao hơn "
            "năm 2025", "numeric", group=0, clause="Mục II.3", unit="điểm", basis="improve",
            baseline=D("3.62"), baseline_year=2025, department="Phòng Quản lý chất lượng",
            reports={"midyear": R(D("3.70"), note="Bệnh viện tự đánh giá 6 tháng đầu năm")},
        ),
        TargetSpec(
            "Không để xảy ra sai sót chuyên môn nghiêm trọng", "zero", group=0,
            clause="Mục II.3", direction="lower", unit="vụ", planned=D(0), is_key=True,
            department="Phòng Kế hoạch tổng hợp", reports={"midyear": R(D(0), note=AT_MIDYEAR)},
        ),
        TargetSpec(
            "Giảm 10% tỷ lệ nhiễm khuẩn bệnh viện so với năm 2025", "percentage", group=0,
            clause="Mục II.3", direction="lower", unit="%", basis="relative",
            baseline=D("2.0"), baseline_year=2025, change_percent=D(10),
            department="Khoa Kiểm soát nhiễm khuẩn",
            reports={"midyear": R(D("1.7"), note=AT_MIDYEAR)},
        ),
        TargetSpec(
            "Hoàn thành triển khai bệnh án điện tử toàn viện", "milestone", group=0,
            clause="Mục II.4", is_key=True, department="Phòng Công nghệ thông tin",
            reports={
                "midyear": R(
                    done=False, note="Đã triển khai tại 28/45 khoa, phòng",
                    cause="Hệ thống lưu trữ và truyền hình ảnh (PACS) chưa kết nối xong với "
                    "phần mềm bệnh án; một số khoa còn thiếu máy trạm.",
                    remedy="Hoàn thành kết nối PACS trong quý III; bổ sung 60 máy trạm; nghiệm "
                    "thu toàn viện trước 31/12/2026.",
                ),
            },
        ),
        *_party_targets(
            office="Phòng Tổ chức cán bộ",
            admissions=15,
            admitted=R(D(8), note=AT_MIDYEAR),
            learning=R(
                D(98), stated="trên 98%", note=AT_MIDYEAR,
                cause="Một số đảng viên đi học dài hạn, nghỉ chế độ thai sản, chưa tham gia "
                "hội nghị học tập tập trung.",
                remedy="Các chi bộ tổ chức học tập bù, thu hoạch cá nhân trong quý III.",
            ),
            meetings=R(
                assessed="met",
                note="33/33 chi bộ duy trì sinh hoạt định kỳ hằng tháng; nội dung sinh hoạt gắn "
                "với nhiệm vụ chuyên môn của khoa, phòng.",
            ),
        ),
    ),
    tasks=(
        TaskSpec("Nghiệm thu, đưa vào vận hành bệnh án điện tử toàn viện", dt.date(2026, 12, 31),
                 "in_progress", department="Phòng Công nghệ thông tin"),
        TaskSpec("Tổ chức học tập bù nghị quyết cho đảng viên chưa tham gia hội nghị tập trung",
                 dt.date(2026, 9, 30), "done", department="Phòng Tổ chức cán bộ"),
        TaskSpec("Giới thiệu 2 quần chúng ưu tú của Khoa Nội tổng hợp - Nội tiết để kết nạp "
                 "Đảng", dt.date(2026, 12, 15), "open", cell="HD-CB11"),
    ),
    reminders=((0, "annual", "HD-CB11"), (0, "annual", "HD-CB13")),
    reported_at=_at(2026, 11, 24, 14, 0),
    reminded_at=_at(2026, 11, 26, 14, 30),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# 3. HD — the congress resolution of the 2020–2025 term
# ---------------------------------------------------------------------------------------------
# Both reviews are transcribed: the term ended with the congress of June 2025, so its
# term-end figures exist (Báo cáo chính trị); an open term-end checkpoint would put a report
# of a closed term on the "mine" pages and among the late reports.
HD_TERM = ResolutionSpec(
    hospital=data.HD,
    number="01-NQ/ĐH",
    issued_on=dt.date(2020, 7, 11),
    title="Nghị quyết Đại hội Đảng bộ Bệnh viện Đa khoa Hà Đông lần thứ XII, nhiệm kỳ 2020–2025",
    year=2020,
    horizon="term",
    end_year=2025,
    term="2020–2025",
    checkpoints=(
        CheckpointSpec("midterm", dt.date(2023, 6, 30), dt.date(2023, 7, 15),
                       Freeze(_at(2026, 2, 10), "15-BC/ĐU", dt.date(2023, 7, 20))),
        CheckpointSpec("term_end", dt.date(2025, 3, 31), dt.date(2025, 4, 15),
                       Freeze(_at(2026, 2, 10, 10), "118-BC/ĐU", dt.date(2025, 5, 12))),
    ),
    targets=(
        TargetSpec(
            "Kết nạp 60 đảng viên mới trong nhiệm kỳ", "numeric", clause="Chỉ tiêu 1",
            unit="đảng viên", planned=D(60), midterm_share=D("0.5"), is_key=True,
            department="Phòng Tổ chức cán bộ",
            reports={"midterm": R(D(32), note=FROM_15), "term_end": R(D(64), note=FROM_TERM)},
        ),
        TargetSpec(
            "Hằng năm có từ 90% đảng viên trở lên được xếp loại hoàn thành tốt nhiệm vụ trở lên",
            "percentage", clause="Chỉ tiêu 2", unit="%", planned=D(90),
            department="Phòng Tổ chức cán bộ",
            reports={"midterm": R(D(90), stated="trên 90%", note=FROM_15),
                     "term_end": R(D("92.4"), note=FROM_TERM)},
        ),
        TargetSpec(
            "Xây dựng Đảng bộ trong sạch, vững mạnh", "qualitative", clause="Chỉ tiêu 3",
            department="Phòng Tổ chức cán bộ",
            reports={
                "midterm": R(assessed="on_track", note=FROM_15 + ": Đảng bộ được xếp loại hoàn "
                             "thành tốt nhiệm vụ năm 2021 và năm 2022"),
                "term_end": R(assessed="met", note=FROM_TERM + ": Đảng bộ 5 năm liền hoàn "
                              "thành tốt nhiệm vụ, năm 2023 hoàn thành xuất sắc nhiệm vụ"),
            },
        ),
        TargetSpec(
            "Giảm 20% thời gian chờ khám bệnh trung bình so với năm 2019", "numeric",
            clause="Chỉ tiêu 4", unit="phút", direction="lower", basis="relative",
            baseline=D(60), baseline_year=2019, change_percent=D(20),
            department="Khoa Khám bệnh",
            reports={
                "midterm": R(D(52), note=FROM_15 + "; lượng người bệnh tăng mạnh sau dịch "
                             "COVID-19, khu khám bệnh mới chưa đưa vào sử dụng"),
                "term_end": R(D(45), note=FROM_TERM),
            },
        ),
        TargetSpec(
            "Triển khai bệnh án điện tử", "milestone", clause="Chỉ tiêu 5",
            department="Phòng Công nghệ thông tin",
            reports={
                "midterm": R(done=False, note=FROM_15 + "; mới thí điểm tại 5 khoa"),
                "term_end": R(done=False, note=FROM_TERM + "; đã triển khai tại 20/45 khoa, "
                              "phòng, chuyển tiếp sang nhiệm kỳ 2025–2030"),
            },
        ),
        TargetSpec(
            "Đào tạo sau đại học cho 40 bác sĩ, dược sĩ", "numeric", clause="Chỉ tiêu 6",
            unit="người", planned=D(40), midterm_share=D("0.5"),
            department="Phòng Tổ chức cán bộ",
            reports={"midterm": R(D(22), note=FROM_15), "term_end": R(D(41), note=FROM_TERM)},
        ),
    ),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# 4. HD 2021 — the yearly resolution behind the 2021 year-end review (seed 003)
# ---------------------------------------------------------------------------------------------
# Kept small: the targets the seed story speaks of, all met or exceeded at the year-end
# checkpoint frozen in January 2022, before the review conference of 14/01/2022. The share of
# members rated good or above is the 2021 campaign's (256 of 261, evaluations_demo).
AT_YEAREND_2021 = "Số liệu báo cáo tổng kết năm 2021"
HD_2021 = ResolutionSpec(
    hospital=data.HD,
    number="02-NQ/ĐU",
    issued_on=dt.date(2021, 1, 20),
    title="Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị năm 2021",
    year=2021,
    checkpoints=(
        CheckpointSpec("annual", dt.date(2021, 12, 31), dt.date(2022, 1, 10),
                       Freeze(_at(2022, 1, 12))),
    ),
    targets=(
        TargetSpec(
            "Thực hiện tốt công tác phòng, chống dịch COVID-19", "qualitative",
            clause="Mục II.1", is_key=True, department="Khoa Kiểm soát nhiễm khuẩn",
            reports={"annual": R(assessed="met", note=AT_YEAREND_2021 + ": tiếp nhận, điều trị "
                                 "người bệnh COVID-19 theo phân công của Sở Y tế")},
        ),
        TargetSpec(
            "Hoàn thành chỉ tiêu khám, chữa bệnh Sở Y tế giao", "numeric", clause="Mục II.1",
            unit="lượt", planned=D(350000), is_key=True, department="Phòng Kế hoạch tổng hợp",
            reports={"annual": R(D(356200), stated="trên 356.000", note=AT_YEAREND_2021)},
        ),
        TargetSpec(
            "Đủ năng lực xét nghiệm khẳng định vi rút SARS-CoV-2 bằng kỹ thuật Realtime RT-PCR",
            "milestone", clause="Mục II.2", department="Khoa Xét nghiệm",
            reports={"annual": R(done=True, note="Được cấp giấy chứng nhận đủ năng lực xét "
                                 "nghiệm khẳng định")},
        ),
        TargetSpec(
            "Triển khai kỹ thuật mới, kỹ thuật cao trong khám, chữa bệnh", "numeric",
            clause="Mục II.2", unit="kỹ thuật", planned=D(10),
            department="Phòng Kế hoạch tổng hợp",
            reports={"annual": R(D(12), note=AT_YEAREND_2021)},
        ),
        TargetSpec(
            "Kết nạp đảng viên mới", "numeric", clause="Mục III.1", unit="đảng viên",
            planned=D(15), department="Phòng Tổ chức cán bộ",
            reports={"annual": R(D(15), note=AT_YEAREND_2021)},
        ),
        TargetSpec(
            "Đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên", "percentage",
            clause="Mục III.2", unit="%", planned=D(90), department="Phòng Tổ chức cán bộ",
            reports={"annual": R(D("98.1"), note="256/261 đảng viên được xếp loại (kết quả "
                                 "đánh giá, xếp loại năm 2021)")},
        ),
    ),
)  # fmt: skip

RESOLUTIONS: tuple[ResolutionSpec, ...] = (QDY_2023, QDY_2026, HD_2026, HD_TERM, HD_2021)


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------
@dataclass
class _Hospital:
    """What the targets of one hospital refer to, fetched once."""

    organization: Organization
    cells: dict[str, Organization]
    departments: dict[str, Department]
    heads: dict[str, Member]  # department name → its head
    office_user: Any
    linked: dict[str, Member]  # "office" / "member" / "secretary" → the account's member
    users: dict[int, Any]  # member id → the demo user linked to that member


def _hospital(spec: data.HospitalSpec) -> _Hospital:
    hospital = Organization.objects.get(code=spec.code)
    usernames = {a.username: a.linked_member for a in spec.accounts if a.linked_member}
    linked: dict[str, Member] = {}
    users: dict[int, Any] = {}
    for role in Role.objects.filter(
        user__username__in=list(usernames), kind=RoleKind.MEMBER
    ).select_related("user", "member"):
        assert role.member is not None
        linked[usernames[role.user.username]] = role.member
        users[role.member.pk] = role.user
    office = next(a.username for a in spec.accounts if a.kind == RoleKind.OFFICE)
    heads = {
        m.department.name: m
        for m in Member.objects.filter(
            department__organization=hospital, job_title__in=("Trưởng khoa", "Trưởng phòng"),
            status__in=ACTIVE_STATUSES,
        ).select_related("department").order_by("-id")
    }  # fmt: skip
    return _Hospital(
        organization=hospital,
        cells={o.code: o for o in Organization.objects.get_children(hospital)},
        departments={d.name: d for d in Department.objects.filter(organization=hospital)},
        heads=heads,
        office_user=get_user_model().objects.get(username=office),
        linked=linked,
        users=users,
    )


def _responsible(h: _Hospital, spec: TargetSpec) -> Member | None:
    if spec.responsible == HEAD:
        return h.heads.get(spec.department)
    return h.linked[spec.responsible]


def _entry(h: _Hospital, target: Target, cp: Checkpoint, report: R, **extra: Any) -> Entry:
    return Entry(
        target=target, checkpoint=cp, value=report.value,
        stated=report.stated if report.value is not None else "", done=report.done,
        not_started=report.not_started, assessed_status=report.assessed, note=report.note,
        cause=report.cause, remedy=report.remedy, **extra,
    )  # fmt: skip


def _freeze(cp: Checkpoint, freeze: Freeze, office_user: Any) -> None:
    """Chốt số liệu as ``services._freeze`` does, at a fixed time (no history user)."""
    FrozenFigure.objects.bulk_create(frozen_figures(cp))
    cp.frozen_at, cp.frozen_by = freeze.at, office_user
    cp.source_number, cp.source_date = freeze.source_number, freeze.source_date
    cp.save(update_fields=["frozen_at", "frozen_by", "source_number", "source_date"])


def _recorded_at(cp: CheckpointSpec, spec: ResolutionSpec) -> dt.datetime:
    """When a checkpoint's reports were written: a few days before its freeze (or, for a
    transcription, just before it); the resolution's ``reported_at`` for an open one."""
    if cp.freeze is None:
        assert spec.reported_at is not None
        return min(spec.reported_at, timezone.now())
    if cp.freeze.transcribed:
        return cp.freeze.at - dt.timedelta(minutes=20)
    return timezone.make_aware(dt.datetime.combine(cp.deadline, dt.time(15, 0))) - dt.timedelta(
        days=2
    )


def load_resolution(spec: ResolutionSpec, h: _Hospital) -> Resolution:
    """One resolution with its groups, targets, cells' shares, reports, freezes and tasks."""
    res = Resolution.objects.create(
        organization=h.organization, horizon=spec.horizon, year=spec.year,
        end_year=spec.end_year, number=spec.number, issued_on=spec.issued_on, title=spec.title,
        term=Term.objects.get(organization=h.organization, name=spec.term) if spec.term else None,
    )  # fmt: skip
    groups = [
        TargetGroup.objects.create(resolution=res, position=i, title=title, noun=noun)
        for i, (title, noun) in enumerate(spec.groups, start=1)
    ]
    cps = {
        c.kind: Checkpoint.objects.create(
            resolution=res, kind=c.kind, as_of=c.as_of, deadline=c.deadline
        )
        for c in spec.checkpoints
    }
    cp_specs = {c.kind: c for c in spec.checkpoints}
    targets: list[Target] = []
    entries: list[Entry] = []
    for position, t in enumerate(spec.targets, start=1):
        responsible = _responsible(h, t)
        target = Target(
            resolution=res, group=groups[t.group] if t.group is not None else None,
            position=position, title=t.title, clause=t.clause, kind=t.kind,
            direction=t.direction, basis=t.basis, unit=t.unit, baseline=t.baseline,
            baseline_year=t.baseline_year, change_percent=t.change_percent, planned=t.planned,
            tolerance=t.tolerance, midyear_share=t.midyear_share, midterm_share=t.midterm_share,
            is_key=t.is_key, responsible_organization=h.organization,
            responsible_department=h.departments.get(t.department),
            responsible_member=responsible, rollup=t.rollup,
        )  # fmt: skip
        problems = target_problems(target)
        if problems:
            raise ValueError(f"{spec.number} «{t.title}»: {problems}")
        target.save()
        targets.append(target)
        for code, planned in t.cells.items():
            SubTarget.objects.create(target=target, organization=h.cells[code], planned=planned)
        for kind, report in t.reports.items():
            transcribed = bool(cp_specs[kind].freeze and cp_specs[kind].freeze.transcribed)
            by = h.office_user
            if not transcribed and responsible is not None:
                by = h.users.get(responsible.pk, h.office_user)
            entries.append(
                _entry(h, target, cps[kind], report, transcribed=transcribed, recorded_by=by)
            )
        for kind, by_cell in t.cell_reports.items():
            transcribed = bool(cp_specs[kind].freeze and cp_specs[kind].freeze.transcribed)
            for code, report in by_cell.items():
                cell = h.cells[code]
                by = h.office_user
                if code == spec.hospital.account_cell and not transcribed:
                    by = h.users.get(h.linked["secretary"].pk, h.office_user)
                entries.append(
                    _entry(h, target, cps[kind], report, organization=cell,
                           transcribed=transcribed, recorded_by=by)
                )  # fmt: skip
    Entry.objects.bulk_create(entries)
    for c in spec.checkpoints:
        Entry.objects.filter(checkpoint=cps[c.kind]).update(recorded_at=_recorded_at(c, spec))
        if c.freeze is not None:
            _freeze(cps[c.kind], c.freeze, h.office_user)
    Reminder.objects.bulk_create(
        Reminder(target=targets[i], checkpoint=cps[kind], organization=h.cells[code],
                 sent_by=h.office_user)
        for i, kind, code in spec.reminders
    )  # fmt: skip
    if spec.reminders:
        assert spec.reminded_at is not None
        Reminder.objects.filter(checkpoint__resolution=res).update(
            sent_at=min(spec.reminded_at, timezone.now())
        )
    for task in spec.tasks:
        Task.objects.create(
            organization=h.organization, resolution=res, title=task.title,
            deadline=task.deadline, status=task.status,
            responsible_organization=h.cells[task.cell] if task.cell else h.organization,
            responsible_department=h.departments.get(task.department),
        )  # fmt: skip
    return res


def load_targets(specs: Sequence[ResolutionSpec] = RESOLUTIONS) -> list[Resolution]:
    """Every demo resolution, in ``specs`` order (the demo accounts must exist already)."""
    hospitals: dict[str, _Hospital] = {}
    loaded = []
    for spec in specs:
        code = spec.hospital.code
        if code not in hospitals:
            hospitals[code] = _hospital(spec.hospital)
        loaded.append(load_resolution(spec, hospitals[code]))
    return loaded
