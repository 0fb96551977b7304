"""The member spreadsheet's columns: one definition for the template, the reader and the export.

The Vietnamese headers are the file format (a re-imported export must match), so they are not
translated. Pure module: no ORM, no request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangbo.core.text import fold

SHEET_MEMBERS = "Đảng viên"
SHEET_GUIDE = "Hướng dẫn"
SHEET_LISTS = "Danh mục"


@dataclass(frozen=True)
class Column:
    field: str  # MemberData attribute
    header: str  # Vietnamese header, as in the template
    kind: str  # text · name · choice · date · digits · dossier · cell · department · email
    required: bool
    max_length: int
    guide: str  # what to type, for the "Hướng dẫn" sheet
    example: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", "name", True, 120,
           "Họ, tên đệm và tên theo thứ tự thường viết. Bắt buộc.", "Nguyễn Thị Ánh",
           ("ho ten", "ho va ten dang vien", "ho va ten", "ho ten dang vien")),
    Column("gender", "Giới tính", "choice", True, 8, "Nam hoặc Nữ. Bắt buộc.", "Nữ",
           ("nam nu", "gioi")),
    Column("date_of_birth", "Ngày sinh", "date", False, 0,
           "Ngày dạng dd/mm/yyyy (ô kiểu ngày của Excel hoặc chữ).", "17/05/1980",
           ("ngay thang nam sinh", "sinh ngay")),
    Column("ethnicity", "Dân tộc", "text", False, 40, "Ví dụ: Kinh, Tày, Mường.", "Kinh"),
    Column("religion", "Tôn giáo", "text", False, 40, "Ví dụ: Không, Phật giáo.", "Không"),
    Column("home_town", "Quê quán", "text", False, 255, "Xã/phường, tỉnh/thành phố.",
           "Xã Yên Phụ, tỉnh Bắc Ninh"),
    Column("card_number", "Số thẻ đảng viên", "digits", False, 8,
           "Đúng 8 chữ số, không trùng. Dùng để nhận ra đảng viên đã có khi nhập lại tệp; "
           "để trống thì không xóa số thẻ đã lưu. Nếu Excel bỏ mất số 0 ở đầu (ô kiểu số), "
           "hệ thống tự thêm lại cho đủ 8 chữ số.", "01234567", ("so the", "so the dang")),
    Column("dossier_number", "Số lý lịch", "dossier", False, 12,
           "6 chữ số và mã tỉnh 1–3 chữ cái in hoa.", "012345HN", ("so ly lich dang vien",)),
    Column("citizen_id", "Số CCCD", "digits", False, 12,
           "Số căn cước công dân: đúng 12 chữ số.", "001080012345",
           ("cccd", "so can cuoc", "so can cuoc cong dan", "can cuoc cong dan")),
    Column("admitted_on", "Ngày vào Đảng", "date", True, 0,
           "Ngày kết nạp, dạng dd/mm/yyyy. Bắt buộc; không sớm hơn ngày đủ 18 tuổi.",
           "03/02/2010", ("ngay ket nap", "ngay vao dang du bi", "ngay ket nap dang")),
    Column("full_on", "Ngày chính thức", "date", False, 0,
           "Ngày công nhận đảng viên chính thức, dạng dd/mm/yyyy; không trước ngày vào Đảng.",
           "03/02/2011", ("ngay vao dang chinh thuc", "ngay cong nhan chinh thuc",
                          "ngay chinh thuc dang")),
    Column("status", "Tình trạng", "choice", True, 20,
           "Dự bị hoặc Chính thức. Bắt buộc. (Tệp xuất có thể có thêm: Đã chuyển sinh hoạt, "
           "Đã từ trần, Đã ra khỏi Đảng.)", "Chính thức", ("tinh trang dang vien",)),
    Column("organization_id", "Mã chi bộ", "cell", True, 40,
           "Mã của chi bộ nơi đảng viên sinh hoạt, xem trang “Danh mục” (tên chi bộ cũng được "
           "nhận). Bắt buộc; chỉ các chi bộ bạn được quyền cập nhật.", "BVA-NOI",
           ("ma chi bo sinh hoat", "chi bo", "ten chi bo", "chi bo sinh hoat")),
    Column("department_id", "Khoa/Phòng", "department", False, 255,
           "Tên khoa/phòng đúng như trong trang “Danh mục”; có thể để trống.",
           "Khoa Nội tổng hợp", ("khoa phong", "khoa", "phong", "don vi cong tac")),
    Column("job_title", "Chức vụ", "text", False, 120, "Ví dụ: Trưởng khoa.", "Trưởng khoa"),
    Column("professional_title", "Chức danh chuyên môn", "text", False, 120,
           "Ví dụ: BS CKII, ThS, Điều dưỡng.", "BS CKII", ("chuc danh",)),
    Column("military_rank", "Cấp bậc", "text", False, 40,
           "Cấp bậc quân hàm (chỉ đơn vị quân đội); có thể để trống.", "Thượng tá",
           ("cap bac quan ham", "quan ham")),
    Column("phone", "Điện thoại", "phone", False, 20,
           "9–12 chữ số, có thể bắt đầu bằng +; dấu cách, chấm, gạch được bỏ qua.",
           "0912345678", ("so dien thoai", "dt", "sdt")),
    Column("email", "Email", "email", False, 254, "Địa chỉ thư điện tử.",
           "anh.nguyen@benhvien.vn", ("e-mail", "thu dien tu")),
)  # fmt: skip

BY_FIELD: dict[str, Column] = {c.field: c for c in COLUMNS}
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)

_PARENS = re.compile(r"\(.*?\)")
_SEPARATORS = re.compile(r"[\s/_\-:.*]+")


def header_key(text: str) -> str:
    """Folded header without a parenthetical hint: "Giới tính (Nam/Nữ)" → "gioi tinh"."""
    return _SEPARATORS.sub(" ", _PARENS.sub(" ", fold(text))).strip()


HEADER_KEYS: dict[str, Column] = {}
for _col in COLUMNS:
    for _key in (_col.header, *_col.aliases):
        HEADER_KEYS[header_key(_key)] = _col
