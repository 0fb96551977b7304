"""Awards register, award proposals that flow from ratings, and the Party-badge register
(issue 9, items 6 and 7). The rules (eligibility, badge dates, the summary sentence) live in
``awards/rules.py`` and ``awards/summary.py``; ``version`` is the optimistic lock; every row has
its audit history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.awards.rules import (
    BADGE_MILESTONES,
    AwardKind,
    Circumstance,
    IssuerLevel,
    ProposalBasis,
    RecipientKind,
)


class AwardKindChoice(models.TextChoices):
    BANG_KHEN = AwardKind.BANG_KHEN.value, _("Bằng khen")
    GIAY_KHEN = AwardKind.GIAY_KHEN.value, _("Giấy khen")
    CHIEN_SI_THI_DUA = AwardKind.CHIEN_SI_THI_DUA.value, _("Chiến sĩ thi đua")
    DANH_HIEU = AwardKind.DANH_HIEU.value, _("Danh hiệu")
    CO_THI_DUA = AwardKind.CO_THI_DUA.value, _("Cờ thi đua")
    HUY_HIEU = AwardKind.HUY_HIEU.value, _("Huy hiệu")
    OTHER = AwardKind.OTHER.value, _("Hình thức khác")


class IssuerLevelChoice(models.TextChoices):
    PRIME_MINISTER = IssuerLevel.PRIME_MINISTER.value, _("Thủ tướng Chính phủ")
    MINISTRY = IssuerLevel.MINISTRY.value, _("Bộ, ngành Trung ương")
    PROVINCIAL_COMMITTEE = IssuerLevel.PROVINCIAL_COMMITTEE.value, _("Tỉnh ủy/Thành ủy")
    PROVINCIAL_PEOPLE = IssuerLevel.PROVINCIAL_PEOPLE.value, _("UBND Thành phố/Tỉnh")
    DISTRICT_COMMITTEE = (
        IssuerLevel.DISTRICT_COMMITTEE.value,
        _("Quận ủy/Huyện ủy (cấp trên trực tiếp)"),
    )
    GRASSROOTS_COMMITTEE = IssuerLevel.GRASSROOTS_COMMITTEE.value, _("Đảng ủy bệnh viện")
    HOSPITAL = IssuerLevel.HOSPITAL.value, _("Giám đốc bệnh viện")
    OTHER = IssuerLevel.OTHER.value, _("Cấp khác")


class RecipientKindChoice(models.TextChoices):
    MEMBER = RecipientKind.MEMBER.value, _("Cá nhân (đảng viên)")
    CELL = RecipientKind.CELL.value, _("Chi bộ")
    DEPARTMENT = RecipientKind.DEPARTMENT.value, _("Khoa, phòng")
    ORGANIZATION = RecipientKind.ORGANIZATION.value, _("Đảng bộ")


class BasisChoice(models.TextChoices):
    MEMBER_EXCELLENT = (
        ProposalBasis.MEMBER_EXCELLENT.value,
        _("Đảng viên hoàn thành xuất sắc nhiệm vụ"),
    )
    CELL_EXEMPLARY = (
        ProposalBasis.CELL_EXEMPLARY.value,
        _("Chi bộ hoàn thành xuất sắc nhiệm vụ tiêu biểu"),
    )
    ORGANIZATION_EXEMPLARY = (
        ProposalBasis.ORGANIZATION_EXEMPLARY.value,
        _("Đảng bộ trong sạch, vững mạnh tiêu biểu"),
    )


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đã đề nghị")
    AWARDED = "awarded", _("Đã khen thưởng")


class CircumstanceChoice(models.TextChoices):
    NORMAL = Circumstance.NORMAL.value, _("Đúng niên hạn")
    GRAVELY_ILL = Circumstance.GRAVELY_ILL.value, _("Ốm nặng (xét tặng sớm)")
    POSTHUMOUS = Circumstance.POSTHUMOUS.value, _("Đã từ trần (truy tặng)")


MILESTONE_CHOICES = [(y, format_lazy("{} {}", y, _("năm tuổi Đảng"))) for y in BADGE_MILESTONES]


class Award(models.Model):
    """A commendation received (bằng khen, giấy khen …). ``organization`` is the scoping column:
    the member's cell, the cell or organization itself, or the department's organization."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="awards",
        verbose_name=_("tổ chức"),
    )  # fmt: skip
    recipient_kind = models.CharField(
        _("đối tượng"), max_length=16, choices=RecipientKindChoice.choices
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="awards",
        null=True, blank=True, verbose_name=_("đảng viên"),
    )  # fmt: skip
    department = models.ForeignKey(
        "organizations.Department", on_delete=models.PROTECT, related_name="awards",
        null=True, blank=True, verbose_name=_("khoa/phòng"),
    )  # fmt: skip
    kind = models.CharField(_("hình thức"), max_length=24, choices=AwardKindChoice.choices)
    title = models.CharField(
        _("tên danh hiệu, hình thức"), max_length=200, blank=True,
        help_text=_("Ví dụ: Trong sạch, vững mạnh tiêu biểu"),
    )  # fmt: skip
    issuer_level = models.CharField(
        _("cấp khen thưởng"), max_length=24, choices=IssuerLevelChoice.choices
    )
    issuer_name = models.CharField(
        _("tên cơ quan khen thưởng"), max_length=200, blank=True,
        help_text=_("Ví dụ: UBND Thành phố Hà Nội; để trống thì dùng tên cấp khen thưởng."),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    reason = models.TextField(_("thành tích, lý do"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-year", "id"]
        indexes = [models.Index(fields=["organization", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(recipient_kind="member") & models.Q(member__isnull=False))
                | (~models.Q(recipient_kind="member") & models.Q(member__isnull=True)),
                name="award_member_iff_individual",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(recipient_kind="department") & models.Q(department__isnull=False)
                )
                | (~models.Q(recipient_kind="department") & models.Q(department__isnull=True)),
                name="award_department_iff_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.recipient_name} ({self.year})"

    @property
    def recipient_name(self) -> str:
        if self.member_id:
            return str(self.member)
        if self.department_id:
            return str(self.department)
        return str(self.organization)

    @property
    def is_collective(self) -> bool:
        return self.recipient_kind != RecipientKind.MEMBER.value


class AwardProposal(models.Model):
    """A proposal to commend a rated subject (issue 9 item 6): only subjects whose decided
    rating of the year is "Hoàn thành xuất sắc nhiệm vụ" (``rules.proposal_problem``);
    ``rating_level`` keeps the decided level read when proposed. Becomes an ``Award``."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="award_proposals",
        verbose_name=_("tổ chức"),
    )  # fmt: skip
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="award_proposals",
        null=True, blank=True, verbose_name=_("đảng viên"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    basis = models.CharField(_("đề nghị"), max_length=32, choices=BasisChoice.choices)
    kind = models.CharField(_("hình thức"), max_length=24, choices=AwardKindChoice.choices)
    issuer_level = models.CharField(
        _("cấp khen thưởng đề nghị"), max_length=24, choices=IssuerLevelChoice.choices
    )
    rating_level = models.CharField(_("kết quả xếp loại"), max_length=8)
    reason = models.TextField(_("thành tích, lý do"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )  # fmt: skip
    award = models.OneToOneField(
        Award, on_delete=models.PROTECT, related_name="proposal", null=True, blank=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    proposed_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "basis", "member"], condition=models.Q(member__isnull=False),
                name="uniq_proposal_member",
            ),
            models.UniqueConstraint(
                fields=["year", "basis", "organization"],
                condition=models.Q(member__isnull=True), name="uniq_proposal_org",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_basis_display()} — {self.member or self.organization} ({self.year})"

    @property
    def recipient_name(self) -> str:
        return str(self.member or self.organization)


class BadgeAward(models.Model):
    """A Party badge given (issue 9 item 7): the member drops from the upcoming list for it."""

    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="badges",
        verbose_name=_("đảng viên"),
    )  # fmt: skip
    milestone = models.PositiveSmallIntegerField(_("mốc tuổi Đảng"), choices=MILESTONE_CHOICES)
    circumstance = models.CharField(
        _("trường hợp"), max_length=16, choices=CircumstanceChoice.choices,
        default=CircumstanceChoice.NORMAL,
    )  # fmt: skip
    presented_on = models.DateField(_("ngày trao"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Huy hiệu Đảng")
        verbose_name_plural = _("Huy hiệu Đảng")
        ordering = ["-presented_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "milestone"], name="uniq_badge_milestone")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.milestone}"
