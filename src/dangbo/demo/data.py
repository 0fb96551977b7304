"""Static description of the demo: the two hospital Party organizations, their superiors,
departments, cells, committees and demo accounts. Plain data, no ORM.

Everything about a *person* (names, dates, numbers) is generated in ``people.py`` from a fixed
seed; this module only says how many people each cell has and which positions exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SEED = 20260101
DEMO_PASSWORD = "dangbo2026"
# Fixed dates are chosen on or before this day; only the admission dates of probationary members
# follow the real calendar (see people.py).
REFERENCE_DATE = dt.date(2026, 1, 1)
# Full members were admitted at the latest on this day, so every full member was already full
# when the cells elected their 2025–2027 committees (March 2025).
LATEST_FULL_ADMISSION = dt.date(2024, 3, 1)

# Department profiles (what kind of staff a department has).
BOARD = "board"
CLINICAL = "clinical"
ANESTHESIA = "anesthesia"
PARACLINICAL = "paraclinical"
PHARMACY = "pharmacy"
NUTRITION = "nutrition"
INFECTION = "infection"
OFFICE_MEDICAL = "office_medical"
OFFICE_NURSING = "office_nursing"
OFFICE_FINANCE = "office_finance"
OFFICE_ADMIN = "office_admin"
OFFICE_TECH = "office_tech"
POLITICAL = "political"
LOGISTICS = "logistics"

# Department.kind for each profile.
PROFILE_KIND = {
    BOARD: "other",
    CLINICAL: "clinical",
    ANESTHESIA: "clinical",
    PARACLINICAL: "clinical",
    PHARMACY: "clinical",
    NUTRITION: "clinical",
    INFECTION: "clinical",
    OFFICE_MEDICAL: "office",
    OFFICE_NURSING: "office",
    OFFICE_FINANCE: "office",
    OFFICE_ADMIN: "office",
    OFFICE_TECH: "office",
    POLITICAL: "office",
    LOGISTICS: "office",
}


@dataclass(frozen=True)
class TitleProfile:
    """Professional titles by position inside a department of one profile."""

    head: tuple[str, ...]
    deputy: tuple[str, ...]
    staff: tuple[tuple[str, int], ...]  # (title, weight)
    third: tuple[str, str] | None = None  # (job title, professional title), e.g. nurse head


TITLES: dict[str, TitleProfile] = {
    CLINICAL: TitleProfile(
        head=("BS CKII", "TS.BS", "ThS.BS", "BS CKII"),
        deputy=("BS CKI", "ThS.BS", "BS CKII"),
        staff=(("BS CKI", 2), ("ThS.BS", 2), ("Bác sĩ", 2), ("Điều dưỡng", 7), ("KTV", 1)),
        third=("Điều dưỡng trưởng", "Điều dưỡng"),
    ),
    ANESTHESIA: TitleProfile(
        head=("BS CKII", "TS.BS"),
        deputy=("BS CKI", "ThS.BS"),
        staff=(("BS CKI", 2), ("ThS.BS", 1), ("Bác sĩ", 1), ("Điều dưỡng", 4), ("KTV", 3)),
        third=("Điều dưỡng trưởng", "Điều dưỡng"),
    ),
    PARACLINICAL: TitleProfile(
        head=("BS CKII", "ThS.BS", "TS.BS"),
        deputy=("BS CKI", "ThS.BS"),
        staff=(("KTV", 6), ("BS CKI", 1), ("Bác sĩ", 1), ("Cử nhân", 1)),
        third=("Kỹ thuật viên trưởng", "KTV"),
    ),
    PHARMACY: TitleProfile(
        head=("DS CKII", "ThS.DS"),
        deputy=("DS CKI", "ThS.DS"),
        staff=(("Dược sĩ", 5), ("DS CKI", 1), ("Cử nhân", 1)),
    ),
    NUTRITION: TitleProfile(
        head=("BS CKI", "ThS.BS"),
        deputy=("Cử nhân",),
        staff=(("Cử nhân", 2), ("Điều dưỡng", 2)),
    ),
    INFECTION: TitleProfile(
        head=("BS CKI", "ThS.BS"),
        deputy=("Điều dưỡng", "BS CKI"),
        staff=(("Điều dưỡng", 3), ("KTV", 1), ("Cử nhân", 1)),
    ),
    OFFICE_MEDICAL: TitleProfile(
        head=("BS CKII", "ThS.BS"),
        deputy=("BS CKI", "ThS.BS", "Cử nhân"),
        staff=(("Bác sĩ", 2), ("Cử nhân", 3), ("Điều dưỡng", 1)),
    ),
    OFFICE_NURSING: TitleProfile(
        head=("ThS Điều dưỡng", "Điều dưỡng"),
        deputy=("Điều dưỡng",),
        staff=(("Điều dưỡng", 3), ("Cử nhân", 1)),
    ),
    OFFICE_FINANCE: TitleProfile(
        head=("ThS Kinh tế", "Cử nhân"),
        deputy=("Cử nhân",),
        staff=(("Cử nhân", 4),),
    ),
    OFFICE_ADMIN: TitleProfile(
        head=("Cử nhân", "ThS", "BS CKI"),
        deputy=("Cử nhân",),
        staff=(("Cử nhân", 4), ("Kỹ sư", 1)),
    ),
    OFFICE_TECH: TitleProfile(
        head=("Kỹ sư", "ThS"),
        deputy=("Kỹ sư",),
        staff=(("Kỹ sư", 3), ("Cử nhân", 1), ("KTV", 1)),
    ),
    POLITICAL: TitleProfile(
        head=("Cử nhân", "ThS"),
        deputy=("Cử nhân",),
        staff=(("Cử nhân", 4),),
    ),
    LOGISTICS: TitleProfile(
        head=("Kỹ sư", "Cử nhân"),
        deputy=("Kỹ sư", "Cử nhân"),
        staff=(("Kỹ sư", 2), ("Cử nhân", 2), ("KTV", 1)),
    ),
}

DOCTOR_TITLES = frozenset(
    {"BS CKII", "BS CKI", "ThS.BS", "TS.BS", "Bác sĩ"}
)  # military doctors are officers

OFFICER_RANKS = (
    "Thiếu úy", "Trung úy", "Thượng úy", "Đại úy", "Thiếu tá", "Trung tá", "Thượng tá", "Đại tá",
)  # fmt: skip
# Minimum age (in the reference year) for each officer rank, highest first.
OFFICER_RANK_BY_AGE = (
    (52, "Đại tá"), (46, "Thượng tá"), (40, "Trung tá"), (35, "Thiếu tá"), (31, "Đại úy"),
    (28, "Thượng úy"), (25, "Trung úy"), (0, "Thiếu úy"),
)  # fmt: skip
# Professional soldiers (quân nhân chuyên nghiệp): the highest QNCN rank is Thượng tá.
QNCN_RANK_BY_AGE = (
    (50, "Thượng tá QNCN"), (44, "Trung tá QNCN"), (38, "Thiếu tá QNCN"), (33, "Đại úy QNCN"),
    (29, "Thượng úy QNCN"), (26, "Trung úy QNCN"), (0, "Thiếu úy QNCN"),
)  # fmt: skip
QNCN_RANKS = tuple(rank for _, rank in QNCN_RANK_BY_AGE)


@dataclass(frozen=True)
class BoardSeat:
    """A member of the hospital's board (Ban Giám đốc)."""

    job_title: str
    titles: tuple[str, ...]
    gender: str | None = None  # None: drawn
    rank: str = ""  # military hospitals only


@dataclass(frozen=True)
class CellSpec:
    code: str
    name: str
    departments: tuple[str, ...]
    size: int  # members, active and inactive


@dataclass(frozen=True)
class Place:
    home_town: str
    citizen_prefix: str  # province code of the 12-digit citizen ID
    weight: int


@dataclass(frozen=True)
class Seat:
    """A committee seat, filled by the holder of a position: (department, job title, n-th)."""

    role: str
    department: str
    job_title: str
    nth: int = 0


@dataclass(frozen=True)
class TermSpec:
    name: str
    starts_on: dt.date
    ends_on: dt.date | None
    executive: tuple[Seat, ...] = ()
    standing: tuple[str, ...] = ()  # roles of the executive seats that form the standing committee


@dataclass(frozen=True)
class AccountSpec:
    username: str
    kind: str  # accounts.RoleKind value
    target: str  # "hospital", "superior", "cell:<code>", "admin"
    linked_member: str = ""  # "" | "secretary" (the cell's secretary) | "member" | "office"
    description: str = ""


@dataclass(frozen=True)
class HospitalSpec:
    code: str
    name: str
    is_military: bool
    superiors: tuple[tuple[str, str], ...]  # (code, name) from the root down
    departments: tuple[tuple[str, str], ...]  # (name, profile)
    board: tuple[BoardSeat, ...]
    cells: tuple[CellSpec, ...]
    places: tuple[Place, ...]
    dossier_code: str
    ethnicities: tuple[tuple[str, int], ...]
    probationary: int
    exempt: int
    suspended: int
    transferred_out: int
    hospital_terms: tuple[TermSpec, ...]
    cell_terms: tuple[TermSpec, ...]
    accounts: tuple[AccountSpec, ...]
    account_cell: str
    office_department: str
    seed_offset: int
    # (year, members rated that year): members who left since are added as "former members"
    # (transferred out later) until that year's roster reaches the published figure (issue 9:
    # Hà Đông rated 261 members in 2021, while part of today's 261 joined after mid-2021)
    rated_roster: tuple[int, int] | None = None

    @property
    def active_members(self) -> int:
        return sum(c.size for c in self.cells) - self.transferred_out

    @property
    def superior_code(self) -> str:
        return self.superiors[-1][0]


# Names of well-known public figures that Faker's vi_VN lists happen to be able to build. The
# demo is fiction: none of these is given to a synthetic person.
PUBLIC_FIGURES = frozenset(
    {
        "Nguyễn Xuân Phúc", "Nguyễn Tấn Dũng", "Nguyễn Phú Trọng", "Lê Đức Anh", "Lê Văn Thành",
        "Nguyễn Xuân Anh", "Trần Văn Nam", "Bùi Quang Huy", "Lê Quang Huy", "Lê Quang Tùng",
        "Nguyễn Đức Trung", "Nguyễn Văn Phúc", "Nguyễn Thị Hồng",
    }
)  # fmt: skip

RELIGIONS = (("Không", 90), ("Phật giáo", 6), ("Công giáo", 4))

FEMALE_SHARE = {
    "Điều dưỡng": 0.85, "ThS Điều dưỡng": 0.8, "Dược sĩ": 0.75, "DS CKI": 0.7, "DS CKII": 0.6,
    "ThS.DS": 0.65, "KTV": 0.55, "Cử nhân": 0.6, "ThS": 0.5, "ThS Kinh tế": 0.6, "Kỹ sư": 0.25,
    "Bác sĩ": 0.5, "BS CKI": 0.45, "ThS.BS": 0.45, "BS CKII": 0.35, "TS.BS": 0.3,
}  # fmt: skip
MILITARY_FEMALE_FACTOR = 0.6  # fewer women among officers of a military hospital


# ---------------------------------------------------------------------------------------------
# 1. Bệnh viện Quân dân y miền Đông — military hospital under Quân khu 7
# ---------------------------------------------------------------------------------------------
_QDY_DEPARTMENTS = (
    ("Ban Giám đốc", BOARD),
    ("Phòng Chính trị", POLITICAL),
    ("Phòng Kế hoạch tổng hợp", OFFICE_MEDICAL),
    ("Phòng Hậu cần - Kỹ thuật", LOGISTICS),
    ("Phòng Tài chính", OFFICE_FINANCE),
    ("Phòng Điều dưỡng", OFFICE_NURSING),
    ("Khoa Kiểm soát nhiễm khuẩn", INFECTION),
    ("Khoa Khám bệnh", CLINICAL),
    ("Khoa Cấp cứu", CLINICAL),
    ("Khoa Hồi sức tích cực - Chống độc", CLINICAL),
    ("Khoa Nội tổng hợp", CLINICAL),
    ("Khoa Nội tim mạch", CLINICAL),
    ("Khoa Truyền nhiễm", CLINICAL),
    ("Khoa Ngoại tổng hợp", CLINICAL),
    ("Khoa Ngoại chấn thương", CLINICAL),
    ("Khoa Phẫu thuật - Gây mê hồi sức", ANESTHESIA),
    ("Khoa Sản", CLINICAL),
    ("Khoa Nhi", CLINICAL),
    ("Khoa Tai Mũi Họng", CLINICAL),
    ("Khoa Răng Hàm Mặt", CLINICAL),
    ("Khoa Mắt", CLINICAL),
    ("Khoa Y học cổ truyền", CLINICAL),
    ("Khoa Phục hồi chức năng", CLINICAL),
    ("Khoa Chẩn đoán hình ảnh", PARACLINICAL),
    ("Khoa Xét nghiệm", PARACLINICAL),
    ("Khoa Dược", PHARMACY),
)

_QDY_CELLS = (
    CellSpec("QDY-CB01", "Chi bộ Ban Giám đốc - Phòng Chính trị",
             ("Ban Giám đốc", "Phòng Chính trị"), 11),
    CellSpec("QDY-CB02", "Chi bộ Phòng Kế hoạch tổng hợp", ("Phòng Kế hoạch tổng hợp",), 9),
    CellSpec("QDY-CB03", "Chi bộ Phòng Hậu cần - Kỹ thuật và Phòng Tài chính",
             ("Phòng Hậu cần - Kỹ thuật", "Phòng Tài chính"), 12),
    CellSpec("QDY-CB04", "Chi bộ Phòng Điều dưỡng - Khoa Kiểm soát nhiễm khuẩn",
             ("Phòng Điều dưỡng", "Khoa Kiểm soát nhiễm khuẩn"), 8),
    CellSpec("QDY-CB05", "Chi bộ Khoa Khám bệnh", ("Khoa Khám bệnh",), 9),
    CellSpec("QDY-CB06", "Chi bộ Khoa Cấp cứu", ("Khoa Cấp cứu",), 10),
    CellSpec("QDY-CB07", "Chi bộ Khoa Hồi sức tích cực - Chống độc",
             ("Khoa Hồi sức tích cực - Chống độc",), 11),
    CellSpec("QDY-CB08", "Chi bộ Khoa Nội tổng hợp", ("Khoa Nội tổng hợp",), 12),
    CellSpec("QDY-CB09", "Chi bộ Khoa Nội tim mạch", ("Khoa Nội tim mạch",), 8),
    CellSpec("QDY-CB10", "Chi bộ Khoa Truyền nhiễm", ("Khoa Truyền nhiễm",), 7),
    CellSpec("QDY-CB11", "Chi bộ Khoa Ngoại tổng hợp", ("Khoa Ngoại tổng hợp",), 12),
    CellSpec("QDY-CB12", "Chi bộ Khoa Ngoại chấn thương", ("Khoa Ngoại chấn thương",), 10),
    CellSpec("QDY-CB13", "Chi bộ Khoa Phẫu thuật - Gây mê hồi sức",
             ("Khoa Phẫu thuật - Gây mê hồi sức",), 11),
    CellSpec("QDY-CB14", "Chi bộ Khoa Sản - Nhi", ("Khoa Sản", "Khoa Nhi"), 12),
    CellSpec("QDY-CB15", "Chi bộ Liên khoa Tai Mũi Họng - Răng Hàm Mặt - Mắt",
             ("Khoa Tai Mũi Họng", "Khoa Răng Hàm Mặt", "Khoa Mắt"), 9),
    CellSpec("QDY-CB16", "Chi bộ Khoa Y học cổ truyền - Phục hồi chức năng",
             ("Khoa Y học cổ truyền", "Khoa Phục hồi chức năng"), 8),
    CellSpec("QDY-CB17", "Chi bộ Khoa Chẩn đoán hình ảnh - Xét nghiệm",
             ("Khoa Chẩn đoán hình ảnh", "Khoa Xét nghiệm"), 10),
    CellSpec("QDY-CB18", "Chi bộ Khoa Dược", ("Khoa Dược",), 7),
)  # fmt: skip

_QDY_PLACES = (
    Place("Biên Hòa, Đồng Nai", "075", 8), Place("Long Thành, Đồng Nai", "075", 5),
    Place("Xuân Lộc, Đồng Nai", "075", 5), Place("Định Quán, Đồng Nai", "075", 3),
    Place("Thủ Dầu Một, Bình Dương", "074", 3), Place("Bà Rịa, Bà Rịa - Vũng Tàu", "077", 3),
    Place("Đồng Xoài, Bình Phước", "070", 2), Place("Hòa Thành, Tây Ninh", "072", 2),
    Place("Thủ Đức, TP. Hồ Chí Minh", "079", 4), Place("Nghi Lộc, Nghệ An", "040", 4),
    Place("Can Lộc, Hà Tĩnh", "042", 3), Place("Hoằng Hóa, Thanh Hóa", "038", 3),
    Place("Hải Hậu, Nam Định", "036", 3), Place("Kiến Xương, Thái Bình", "034", 2),
    Place("Lệ Thủy, Quảng Bình", "044", 2), Place("Điện Bàn, Quảng Nam", "049", 2),
    Place("Tuy Phước, Bình Định", "052", 2), Place("Krông Pắc, Đắk Lắk", "066", 1),
)  # fmt: skip

QDY = HospitalSpec(
    code="QDY",
    name="Đảng bộ Bệnh viện Quân dân y miền Đông",
    is_military=True,
    superiors=(
        ("QK7", "Đảng bộ Quân khu 7"),
        ("QK7-HCKT", "Đảng bộ Cục Hậu cần - Kỹ thuật Quân khu 7"),
    ),
    departments=_QDY_DEPARTMENTS,
    board=(
        BoardSeat("Chính ủy", ("Cử nhân", "ThS"), gender="male", rank="Đại tá"),
        BoardSeat("Giám đốc", ("BS CKII", "TS.BS"), gender="male", rank="Đại tá"),
        BoardSeat("Phó Giám đốc", ("BS CKII", "ThS.BS"), rank="Thượng tá"),
        BoardSeat("Phó Giám đốc", ("BS CKII", "TS.BS"), rank="Thượng tá"),
        BoardSeat("Phó Chính ủy", ("Cử nhân",), gender="male", rank="Thượng tá"),
    ),
    cells=_QDY_CELLS,
    places=_QDY_PLACES,
    dossier_code="ĐN",
    ethnicities=(("Kinh", 92), ("Hoa", 3), ("Khmer", 2), ("Tày", 2), ("Nùng", 1)),
    probationary=14,
    exempt=0,
    suspended=0,
    transferred_out=2,
    hospital_terms=(
        TermSpec(
            "2020–2025", dt.date(2020, 6, 5), dt.date(2025, 5, 29),
            executive=(
                Seat("secretary", "Ban Giám đốc", "Chính ủy"),
                Seat("deputy_secretary", "Ban Giám đốc", "Giám đốc"),
                Seat("standing_member", "Ban Giám đốc", "Phó Giám đốc", 0),
                Seat("standing_member", "Ban Giám đốc", "Phó Chính ủy"),
                Seat("standing_member", "Phòng Chính trị", "Trưởng phòng"),
                Seat("member", "Ban Giám đốc", "Phó Giám đốc", 1),
                Seat("member", "Phòng Kế hoạch tổng hợp", "Trưởng phòng"),
                Seat("member", "Khoa Cấp cứu", "Trưởng khoa"),
                Seat("member", "Khoa Ngoại chấn thương", "Trưởng khoa"),
                Seat("member", "Khoa Dược", "Trưởng khoa"),
                Seat("member", "Phòng Điều dưỡng", "Trưởng phòng"),
            ),
            standing=("secretary", "deputy_secretary", "standing_member"),
        ),
        TermSpec(
            "2025–2030", dt.date(2025, 5, 30), None,
            executive=(
                Seat("secretary", "Ban Giám đốc", "Chính ủy"),
                Seat("deputy_secretary", "Ban Giám đốc", "Giám đốc"),
                Seat("standing_member", "Ban Giám đốc", "Phó Giám đốc", 0),
                Seat("standing_member", "Ban Giám đốc", "Phó Chính ủy"),
                Seat("standing_member", "Phòng Kế hoạch tổng hợp", "Trưởng phòng"),
                Seat("member", "Ban Giám đốc", "Phó Giám đốc", 1),
                Seat("member", "Phòng Chính trị", "Trưởng phòng"),
                Seat("member", "Phòng Hậu cần - Kỹ thuật", "Trưởng phòng"),
                Seat("member", "Khoa Ngoại tổng hợp", "Trưởng khoa"),
                Seat("member", "Khoa Nội tổng hợp", "Trưởng khoa"),
                Seat("member", "Khoa Hồi sức tích cực - Chống độc", "Trưởng khoa"),
            ),
            standing=("secretary", "deputy_secretary", "standing_member"),
        ),
    ),
    cell_terms=(
        TermSpec("2022–2025", dt.date(2022, 9, 20), dt.date(2025, 3, 9)),
        TermSpec("2025–2027", dt.date(2025, 3, 10), None),
    ),
    accounts=(
        AccountSpec("vanphong.qdy", "office", "hospital", "office",
                    "Văn phòng Đảng ủy Bệnh viện Quân dân y miền Đông"),
        AccountSpec("bithu.qdy", "cell_secretary", "cell", "secretary", "Bí thư chi bộ"),
        AccountSpec("dangvien.qdy", "member", "cell", "member", "Đảng viên"),
        AccountSpec("captren.qdy", "superior_reader", "superior", "",
                    "Cán bộ Đảng ủy cấp trên (chỉ xem)"),
        AccountSpec("truyenthong.qdy", "communications", "hospital", "", "Tổ truyền thông"),
    ),
    account_cell="QDY-CB08",
    office_department="Phòng Chính trị",
    seed_offset=1,
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# 2. Bệnh viện Đa khoa Hà Đông — 33 cells, 261 members
# ---------------------------------------------------------------------------------------------
_HD_DEPARTMENTS = (
    ("Ban Giám đốc", BOARD),
    ("Phòng Tổ chức cán bộ", OFFICE_ADMIN),
    ("Phòng Kế hoạch tổng hợp", OFFICE_MEDICAL),
    ("Phòng Chỉ đạo tuyến", OFFICE_MEDICAL),
    ("Phòng Điều dưỡng", OFFICE_NURSING),
    ("Phòng Tài chính kế toán", OFFICE_FINANCE),
    ("Phòng Hành chính quản trị", OFFICE_ADMIN),
    ("Phòng Công nghệ thông tin", OFFICE_TECH),
    ("Phòng Vật tư - Thiết bị y tế", OFFICE_TECH),
    ("Phòng Quản lý chất lượng", OFFICE_MEDICAL),
    ("Phòng Công tác xã hội", OFFICE_ADMIN),
    ("Khoa Khám bệnh", CLINICAL),
    ("Khoa Cấp cứu", CLINICAL),
    ("Khoa Hồi sức tích cực - Chống độc", CLINICAL),
    ("Khoa Nội tổng hợp", CLINICAL),
    ("Khoa Nội tiết", CLINICAL),
    ("Khoa Nội tim mạch", CLINICAL),
    ("Khoa Nội tiêu hóa", CLINICAL),
    ("Khoa Nội thận - Tiết niệu", CLINICAL),
    ("Khoa Nội hô hấp", CLINICAL),
    ("Khoa Thần kinh", CLINICAL),
    ("Khoa Lão khoa", CLINICAL),
    ("Khoa Truyền nhiễm", CLINICAL),
    ("Khoa Da liễu", CLINICAL),
    ("Khoa Ngoại tổng hợp", CLINICAL),
    ("Khoa Ngoại chấn thương chỉnh hình", CLINICAL),
    ("Khoa Ngoại thận - Tiết niệu", CLINICAL),
    ("Khoa Ngoại thần kinh", CLINICAL),
    ("Khoa Phẫu thuật - Gây mê hồi sức", ANESTHESIA),
    ("Khoa Sản", CLINICAL),
    ("Khoa Nhi", CLINICAL),
    ("Khoa Sơ sinh", CLINICAL),
    ("Khoa Tai Mũi Họng", CLINICAL),
    ("Khoa Răng Hàm Mặt", CLINICAL),
    ("Khoa Mắt", CLINICAL),
    ("Khoa Ung bướu", CLINICAL),
    ("Khoa Y học cổ truyền", CLINICAL),
    ("Khoa Phục hồi chức năng", CLINICAL),
    ("Khoa Chẩn đoán hình ảnh", PARACLINICAL),
    ("Khoa Thăm dò chức năng", PARACLINICAL),
    ("Khoa Xét nghiệm", PARACLINICAL),
    ("Khoa Giải phẫu bệnh", PARACLINICAL),
    ("Khoa Dược", PHARMACY),
    ("Khoa Kiểm soát nhiễm khuẩn", INFECTION),
    ("Khoa Dinh dưỡng", NUTRITION),
)

_HD_CELLS = (
    CellSpec("HD-CB01", "Chi bộ Ban Giám đốc - Phòng Tổ chức cán bộ",
             ("Ban Giám đốc", "Phòng Tổ chức cán bộ"), 10),
    CellSpec("HD-CB02", "Chi bộ Phòng Kế hoạch tổng hợp - Chỉ đạo tuyến",
             ("Phòng Kế hoạch tổng hợp", "Phòng Chỉ đạo tuyến"), 9),
    CellSpec("HD-CB03", "Chi bộ Phòng Điều dưỡng", ("Phòng Điều dưỡng",), 6),
    CellSpec("HD-CB04", "Chi bộ Phòng Tài chính kế toán", ("Phòng Tài chính kế toán",), 7),
    CellSpec("HD-CB05", "Chi bộ Phòng Hành chính quản trị - Công nghệ thông tin",
             ("Phòng Hành chính quản trị", "Phòng Công nghệ thông tin"), 8),
    CellSpec("HD-CB06", "Chi bộ Phòng Vật tư - Thiết bị y tế",
             ("Phòng Vật tư - Thiết bị y tế",), 5),
    CellSpec("HD-CB07", "Chi bộ Phòng Quản lý chất lượng - Công tác xã hội",
             ("Phòng Quản lý chất lượng", "Phòng Công tác xã hội"), 6),
    CellSpec("HD-CB08", "Chi bộ Khoa Khám bệnh", ("Khoa Khám bệnh",), 9),
    CellSpec("HD-CB09", "Chi bộ Khoa Cấp cứu", ("Khoa Cấp cứu",), 10),
    CellSpec("HD-CB10", "Chi bộ Khoa Hồi sức tích cực - Chống độc",
             ("Khoa Hồi sức tích cực - Chống độc",), 11),
    CellSpec("HD-CB11", "Chi bộ Khoa Nội tổng hợp - Nội tiết",
             ("Khoa Nội tổng hợp", "Khoa Nội tiết"), 10),
    CellSpec("HD-CB12", "Chi bộ Khoa Nội tim mạch", ("Khoa Nội tim mạch",), 8),
    CellSpec("HD-CB13", "Chi bộ Khoa Nội tiêu hóa", ("Khoa Nội tiêu hóa",), 7),
    CellSpec("HD-CB14", "Chi bộ Khoa Nội thận - Tiết niệu", ("Khoa Nội thận - Tiết niệu",), 6),
    CellSpec("HD-CB15", "Chi bộ Khoa Thần kinh", ("Khoa Thần kinh",), 7),
    CellSpec("HD-CB16", "Chi bộ Khoa Lão khoa", ("Khoa Lão khoa",), 6),
    CellSpec("HD-CB17", "Chi bộ Khoa Truyền nhiễm - Da liễu",
             ("Khoa Truyền nhiễm", "Khoa Da liễu"), 7),
    CellSpec("HD-CB18", "Chi bộ Khoa Ngoại tổng hợp", ("Khoa Ngoại tổng hợp",), 11),
    CellSpec("HD-CB19", "Chi bộ Khoa Ngoại chấn thương chỉnh hình",
             ("Khoa Ngoại chấn thương chỉnh hình",), 9),
    CellSpec("HD-CB20", "Chi bộ Khoa Ngoại thận - Tiết niệu", ("Khoa Ngoại thận - Tiết niệu",), 6),
    CellSpec("HD-CB21", "Chi bộ Khoa Ngoại thần kinh", ("Khoa Ngoại thần kinh",), 6),
    CellSpec("HD-CB22", "Chi bộ Khoa Phẫu thuật - Gây mê hồi sức",
             ("Khoa Phẫu thuật - Gây mê hồi sức",), 12),
    CellSpec("HD-CB23", "Chi bộ Khoa Sản", ("Khoa Sản",), 10),
    CellSpec("HD-CB24", "Chi bộ Khoa Nhi - Sơ sinh", ("Khoa Nhi", "Khoa Sơ sinh"), 10),
    CellSpec("HD-CB25", "Chi bộ Liên khoa Tai Mũi Họng - Răng Hàm Mặt - Mắt",
             ("Khoa Tai Mũi Họng", "Khoa Răng Hàm Mặt", "Khoa Mắt"), 8),
    CellSpec("HD-CB26", "Chi bộ Khoa Ung bướu", ("Khoa Ung bướu",), 7),
    CellSpec("HD-CB27", "Chi bộ Khoa Y học cổ truyền - Phục hồi chức năng",
             ("Khoa Y học cổ truyền", "Khoa Phục hồi chức năng"), 8),
    CellSpec("HD-CB28", "Chi bộ Khoa Chẩn đoán hình ảnh", ("Khoa Chẩn đoán hình ảnh",), 8),
    CellSpec("HD-CB29", "Chi bộ Khoa Thăm dò chức năng", ("Khoa Thăm dò chức năng",), 5),
    CellSpec("HD-CB30", "Chi bộ Khoa Xét nghiệm - Giải phẫu bệnh",
             ("Khoa Xét nghiệm", "Khoa Giải phẫu bệnh"), 9),
    CellSpec("HD-CB31", "Chi bộ Khoa Dược", ("Khoa Dược",), 8),
    CellSpec("HD-CB32", "Chi bộ Khoa Kiểm soát nhiễm khuẩn - Dinh dưỡng",
             ("Khoa Kiểm soát nhiễm khuẩn", "Khoa Dinh dưỡng"), 5),
    CellSpec("HD-CB33", "Chi bộ Khoa Nội hô hấp", ("Khoa Nội hô hấp",), 7),
)  # fmt: skip

_HD_PLACES = (
    Place("Hà Đông, Hà Nội", "001", 10), Place("Thanh Oai, Hà Nội", "001", 6),
    Place("Chương Mỹ, Hà Nội", "001", 5), Place("Ứng Hòa, Hà Nội", "001", 4),
    Place("Thường Tín, Hà Nội", "001", 4), Place("Mỹ Đức, Hà Nội", "001", 3),
    Place("Quốc Oai, Hà Nội", "001", 3), Place("Phú Xuyên, Hà Nội", "001", 3),
    Place("Ý Yên, Nam Định", "036", 3), Place("Hải Hậu, Nam Định", "036", 2),
    Place("Vũ Thư, Thái Bình", "034", 3), Place("Duy Tiên, Hà Nam", "035", 3),
    Place("Kim Bảng, Hà Nam", "035", 2), Place("Hoa Lư, Ninh Bình", "037", 2),
    Place("Hoằng Hóa, Thanh Hóa", "038", 2), Place("Nghi Lộc, Nghệ An", "040", 2),
    Place("Lương Sơn, Hòa Bình", "017", 2), Place("Lâm Thao, Phú Thọ", "025", 1),
    Place("Văn Giang, Hưng Yên", "033", 1), Place("Cẩm Giàng, Hải Dương", "030", 1),
)  # fmt: skip

HD = HospitalSpec(
    code="HD",
    name="Đảng bộ Bệnh viện Đa khoa Hà Đông",
    is_military=False,
    superiors=(
        ("HN", "Đảng bộ Thành phố Hà Nội"),
        ("HN-SYT", "Đảng bộ Sở Y tế Hà Nội"),
    ),
    departments=_HD_DEPARTMENTS,
    board=(
        BoardSeat("Giám đốc", ("TS.BS", "BS CKII")),
        BoardSeat("Phó Giám đốc", ("BS CKII", "TS.BS")),
        BoardSeat("Phó Giám đốc", ("BS CKII", "ThS.BS")),
        BoardSeat("Phó Giám đốc", ("BS CKII",)),
    ),
    cells=_HD_CELLS,
    places=_HD_PLACES,
    dossier_code="HN",
    ethnicities=(("Kinh", 94), ("Mường", 3), ("Tày", 1), ("Thái", 1), ("Nùng", 1)),
    probationary=21,
    exempt=3,
    suspended=1,
    transferred_out=0,
    hospital_terms=(
        TermSpec(
            "2020–2025", dt.date(2020, 7, 10), dt.date(2025, 6, 19),
            executive=(
                Seat("secretary", "Ban Giám đốc", "Giám đốc"),
                Seat("deputy_secretary", "Ban Giám đốc", "Phó Giám đốc", 0),
                Seat("standing_member", "Ban Giám đốc", "Phó Giám đốc", 1),
                Seat("standing_member", "Phòng Tổ chức cán bộ", "Trưởng phòng"),
                Seat("standing_member", "Phòng Kế hoạch tổng hợp", "Trưởng phòng"),
                Seat("member", "Ban Giám đốc", "Phó Giám đốc", 2),
                Seat("member", "Phòng Điều dưỡng", "Trưởng phòng"),
                Seat("member", "Khoa Cấp cứu", "Trưởng khoa"),
                Seat("member", "Khoa Ngoại chấn thương chỉnh hình", "Trưởng khoa"),
                Seat("member", "Khoa Nội tim mạch", "Trưởng khoa"),
                Seat("member", "Khoa Dược", "Trưởng khoa"),
                Seat("member", "Khoa Xét nghiệm", "Trưởng khoa"),
                Seat("member", "Phòng Tài chính kế toán", "Trưởng phòng"),
            ),
            standing=("secretary", "deputy_secretary", "standing_member"),
        ),
        TermSpec(
            "2025–2030", dt.date(2025, 6, 20), None,
            executive=(
                Seat("secretary", "Ban Giám đốc", "Giám đốc"),
                Seat("deputy_secretary", "Ban Giám đốc", "Phó Giám đốc", 0),
                Seat("standing_member", "Ban Giám đốc", "Phó Giám đốc", 1),
                Seat("standing_member", "Phòng Tổ chức cán bộ", "Trưởng phòng"),
                Seat("standing_member", "Phòng Kế hoạch tổng hợp", "Trưởng phòng"),
                Seat("member", "Ban Giám đốc", "Phó Giám đốc", 2),
                Seat("member", "Phòng Điều dưỡng", "Trưởng phòng"),
                Seat("member", "Khoa Hồi sức tích cực - Chống độc", "Trưởng khoa"),
                Seat("member", "Khoa Ngoại tổng hợp", "Trưởng khoa"),
                Seat("member", "Khoa Nội tổng hợp", "Trưởng khoa"),
                Seat("member", "Khoa Sản", "Trưởng khoa"),
                Seat("member", "Khoa Nhi", "Trưởng khoa"),
                Seat("member", "Phòng Tài chính kế toán", "Trưởng phòng"),
            ),
            standing=("secretary", "deputy_secretary", "standing_member"),
        ),
    ),
    cell_terms=(
        TermSpec("2022–2025", dt.date(2022, 10, 15), dt.date(2025, 3, 14)),
        TermSpec("2025–2027", dt.date(2025, 3, 15), None),
    ),
    accounts=(
        AccountSpec("vanphong.hd", "office", "hospital", "office",
                    "Văn phòng Đảng ủy Bệnh viện Đa khoa Hà Đông"),
        AccountSpec("bithu.hd", "cell_secretary", "cell", "secretary", "Bí thư chi bộ"),
        AccountSpec("dangvien.hd", "member", "cell", "member", "Đảng viên"),
        AccountSpec("captren.hd", "superior_reader", "superior", "",
                    "Cán bộ Đảng ủy cấp trên (chỉ xem)"),
        AccountSpec("truyenthong.hd", "communications", "hospital", "", "Tổ truyền thông"),
    ),
    account_cell="HD-CB11",
    office_department="Phòng Tổ chức cán bộ",
    seed_offset=2,
    rated_roster=(2021, 261),
)  # fmt: skip

HOSPITALS: tuple[HospitalSpec, ...] = (QDY, HD)

ADMIN_USERNAME = "admin"

ROOT_CODES = tuple(dict.fromkeys(h.superiors[0][0] for h in HOSPITALS))


def all_codes() -> dict[str, str]:
    """Every organization code the demo creates → its name."""
    codes: dict[str, str] = {}
    for h in HOSPITALS:
        codes.update(dict(h.superiors))
        codes[h.code] = h.name
        codes.update({c.code: c.name for c in h.cells})
    return codes


def demo_usernames() -> tuple[str, ...]:
    return tuple(a.username for h in HOSPITALS for a in h.accounts) + (ADMIN_USERNAME,)
