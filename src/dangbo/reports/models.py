"""Generated Party-format documents and the register of their numbers (issue 10 items 2 and 3).

A ``GeneratedDocument`` is a draft generated from the records (``reports.generate.draft_for``),
edited by the office, then issued: numbered from the register, rendered once as PDF and DOCX,
stored with the SHA-256 of the PDF, and locked. Every header field of the draft is stored on the
row, so an issued document is frozen whatever later happens to the organization's records.

``NumberCounter`` is the register (sổ đăng ký văn bản): the last number used per organization,
committee term and document type (HD 36: numbering restarts at 01 per type in each term).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DocumentKind(models.TextChoices):
    MIDYEAR_REPORT = "midyear_report", _("Báo cáo sơ kết 6 tháng")
    YEAREND_REPORT = "yearend_report", _("Báo cáo tổng kết năm")
    RESOLUTION = "resolution", _("Nghị quyết")
    MINUTES = "minutes", _("Biên bản")
    EVALUATION_NOTICE = "evaluation_notice", _("Thông báo kết quả đánh giá, xếp loại")


# The type code of the number ("Số 12-BC/ĐU") and the type name printed above the title
# (document text, not UI msgids).
TYPE_CODES: dict[str, str] = {
    DocumentKind.MIDYEAR_REPORT: "BC",
    DocumentKind.YEAREND_REPORT: "BC",
    DocumentKind.RESOLUTION: "NQ",
    DocumentKind.MINUTES: "BB",
    DocumentKind.EVALUATION_NOTICE: "TB",
}
TYPE_NAMES: dict[str, str] = {
    DocumentKind.MIDYEAR_REPORT: "Báo cáo",
    DocumentKind.YEAREND_REPORT: "Báo cáo",
    DocumentKind.RESOLUTION: "Nghị quyết",
    DocumentKind.MINUTES: "Biên bản",
    DocumentKind.EVALUATION_NOTICE: "Thông báo",
}
# The kinds generated from one meeting (a session's resolution, its minutes).
MEETING_KINDS = frozenset({DocumentKind.RESOLUTION, DocumentKind.MINUTES})


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


def type_code_of(kind: str) -> str:
    return TYPE_CODES[kind]


class GeneratedDocument(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="generated_documents",
        verbose_name=_("tổ chức"),
    )  # fmt: skip
    kind = models.CharField(_("loại văn bản"), max_length=32, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("cuộc họp"),
    )  # fmt: skip
    title = models.CharField(_("trích yếu"), max_length=500)
    date = models.DateField(_("ngày văn bản"))
    body = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=DocumentStatus.choices,
        default=DocumentStatus.DRAFT,
    )  # fmt: skip
    # the header of the draft, frozen on the row (generate.Draft)
    type_code = models.CharField(_("mã loại"), max_length=8)
    type_name = models.CharField(_("tên loại"), max_length=60)
    superior = models.CharField(_("cơ quan cấp trên"), max_length=255, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    issuer_code = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=16)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signatures = models.JSONField(default=list, blank=True)  # [{"titles": [...], "name": "…"}]
    recipients = models.JSONField(default=list, blank=True)  # ["- Đảng ủy cấp trên;", …]
    # the register
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    term = models.ForeignKey(
        "organizations.Term", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("nhiệm kỳ"),
    )  # fmt: skip
    term_key = models.PositiveBigIntegerField(default=0, editable=False)  # term id, 0: none
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("người ban hành"),
    )  # fmt: skip
    pdf = models.FileField(_("tệp PDF"), upload_to="van-ban/%Y/", blank=True)
    docx = models.FileField(_("tệp DOCX"), upload_to="van-ban/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256 của tệp PDF"), max_length=64, blank=True)
    check_reason = models.TextField(_("lý do ban hành khi còn sai lệch"), blank=True)
    check_findings = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("người tạo"),
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organization", "year"], name="reports_doc_org_year")]
        constraints = [
            # belt and braces beside the counter: a number is used once per register
            models.UniqueConstraint(
                fields=["organization", "term_key", "type_code", "number"],
                condition=models.Q(number__isnull=False),
                name="uniq_generated_document_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} — {self.title}"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    @property
    def number_text(self) -> str:
        """ "12-BC/ĐU" (HD 36: two digits below ten), empty for a draft."""
        if self.number is None:
            return ""
        return f"{self.number:02d}-{self.type_code}/{self.issuer_code}"


class NumberCounter(models.Model):
    """The last number used in one register: an organization, a committee term (``term_key``
    is the term's id, 0 when the organization has no term on record, so the uniqueness holds
    on both databases without NULLs), a document type code."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="number_counters",
        verbose_name=_("tổ chức"),
    )  # fmt: skip
    term = models.ForeignKey(
        "organizations.Term", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("nhiệm kỳ"),
    )  # fmt: skip
    term_key = models.PositiveBigIntegerField(default=0, editable=False)
    type_code = models.CharField(_("mã loại"), max_length=8)
    last = models.PositiveIntegerField(_("số cuối đã dùng"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "term_key", "type_code"], name="uniq_number_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.term_key}/{self.type_code}: {self.last}"
