"""A sample minutes document (the demo session of issue 8 item 8, synthetic names) used by the
renderer tests."""

from __future__ import annotations

import datetime as dt

from dangbo.documents.rules import Authority
from dangbo.documents.spec import BulletList, Document, Heading, Paragraph, Signature, Table

# Every Vietnamese letter with every tone mark, upper and lower case: the PDF must show them all.
VIETNAMESE_SAMPLE = (
    "aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ đ "
    "AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ Đ"
)

ABSENTEES = (
    "Đồng chí Nguyễn Thị Hằng, Ủy viên Ban Chấp hành: vắng có lý do (trực sau đêm)",
    "Đồng chí Phạm Quốc Dũng, Ủy viên Ban Chấp hành: vắng có lý do (đi công tác)",
)


def minutes(*, number: int | None = 12, paragraphs: int = 3) -> Document:
    body = [
        Heading("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"),
        Paragraph("08 giờ 00 phút, ngày 29 tháng 6 năm 2023.", lead="Thời gian: "),
        Paragraph("Hội trường Bệnh viện Quân dân y miền Đông.", lead="Địa điểm: "),
        Paragraph("Đồng chí Trần Văn Bình, Bí thư Đảng ủy.", lead="Chủ trì: "),
        Paragraph("Đồng chí Lê Thị Mai, Ủy viên Ban Chấp hành.", lead="Thư ký: "),
        Heading("Khách mời", level=2),
        BulletList(
            (
                "Đại tá Hoàng Minh Tuấn, Ủy viên Thường vụ Đảng ủy, "
                "Phó Chủ nhiệm Hậu cần Quân khu;",
                "Thượng tá Đỗ Văn Khải, Tham mưu trưởng Hậu cần Quân khu;",
            )
        ),
        Heading("Số lượng", level=2),
        Table(
            ("Thành phần", "Tổng số", "Có mặt", "Vắng"),
            (("Ủy viên Ban Chấp hành", "15", "13", "2"), ("Khách mời", "4", "4", "0")),
        ),
        Heading("Vắng mặt", level=2),
        BulletList(ABSENTEES),
        Heading("II. NỘI DUNG"),
        Paragraph(VIETNAMESE_SAMPLE, align="left"),
    ]
    filler = (
        "Hội nghị đã nghe đồng chí Bí thư Đảng ủy trình bày báo cáo sơ kết công tác lãnh đạo 6 "
        "tháng đầu năm 2023; các đồng chí đại biểu thảo luận, đóng góp ý kiến về kết quả thực "
        "hiện các chỉ tiêu, nguyên nhân của hạn chế và giải pháp khắc phục trong thời gian tới."
    )
    body += [Paragraph(filler) for _ in range(paragraphs)]
    body.append(Paragraph("Hội nghị kết thúc lúc 11 giờ 30 phút cùng ngày.", italic=True))
    return Document(
        superior="Đảng bộ Quân khu 7",
        issuer="Đảng ủy Bệnh viện Quân dân y miền Đông",
        type_name="Biên bản",
        title="Hội nghị Đảng ủy phiên 6 tháng đầu năm 2023",
        place="Hà Đông",
        date=dt.date(2023, 6, 29),
        type_code="BB",
        issuer_code="ĐU",
        number=number,
        body=tuple(body),
        signatures=(
            Signature.of("thư ký", "Lê Thị Mai"),
            Signature.of("chủ trì", "Trần Văn Bình"),
        ),
        recipients=("Đảng ủy Quân khu 7", "Các chi bộ trực thuộc"),
    )


def report() -> Document:
    """One signature on the right, recipients on the left (issue 10 item 1)."""
    doc = minutes(number=3, paragraphs=1)
    from dataclasses import replace

    return replace(
        doc,
        type_name="Báo cáo",
        type_code="BC",
        title="Tổng kết công tác năm 2021, phương hướng nhiệm vụ năm 2022",
        date=dt.date(2022, 1, 9),
        signatures=(Signature.of("bí thư", "Trần Văn Bình", Authority.ON_BEHALF, "đảng ủy"),),
    )
