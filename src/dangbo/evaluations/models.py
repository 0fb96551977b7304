"""Rating campaigns and ratings (issue 9, items 1–2 and 5).

Nothing here computes a rule: the rule sets in ``evaluations/rulesets/`` check a snapshot built
from these rows. A rating stores the three steps (self-assessment, proposal, decision), each with
who and when; ``version`` is the optimistic lock (a save with a stale version is refused).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.evaluations.rulesets.base import CapBase, Level, NotRatedReason, SubjectKind


class LevelChoice(models.TextChoices):
    EXCELLENT = Level.EXCELLENT.value, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = Level.GOOD.value, _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = Level.COMPLETED.value, _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = Level.NOT_COMPLETED.value, _("Không hoàn thành nhiệm vụ")


class SubjectKindChoice(models.TextChoices):
    MEMBER = SubjectKind.MEMBER.value, _("Đảng viên")
    CELL = SubjectKind.CELL.value, _("Chi bộ")
    COLLECTIVE = SubjectKind.COLLECTIVE.value, _("Tập thể lãnh đạo")
    ORGANIZATION = SubjectKind.ORGANIZATION.value, _("Tổ chức cơ sở đảng")


class CapBaseChoice(models.TextChoices):
    GOOD_OR_ABOVE = CapBase.GOOD_OR_ABOVE.value, _("Tính trên số hoàn thành tốt nhiệm vụ trở lên")
    GOOD_ONLY = CapBase.GOOD_ONLY.value, _("Tính trên số hoàn thành tốt nhiệm vụ")


class NotRatedChoice(models.TextChoices):
    EXEMPT = NotRatedReason.EXEMPT.value, _("Miễn công tác và sinh hoạt đảng")
    SUSPENDED = NotRatedReason.SUSPENDED.value, _("Đình chỉ sinh hoạt đảng")
    ADMITTED_RECENTLY = NotRatedReason.ADMITTED_RECENTLY.value, _("Vào Đảng chưa đủ 6 tháng")
    FOUNDED_RECENTLY = NotRatedReason.FOUNDED_RECENTLY.value, _("Thành lập chưa đủ 6 tháng")


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Đang đánh giá")
    FINALIZED = "finalized", _("Đã quyết định")


class Campaign(models.Model):
    """Đợt kiểm điểm, đánh giá, xếp loại of one grassroots organization for one year."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="campaigns"
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=CampaignStatus.choices,
        default=CampaignStatus.OPEN,
    )  # fmt: skip
    self_assessment_due = models.DateField(_("hạn tự đánh giá"), null=True, blank=True)
    proposal_due = models.DateField(_("hạn chi bộ đề xuất"), null=True, blank=True)
    decision_due = models.DateField(_("hạn cấp ủy quyết định"), null=True, blank=True)
    cap_base = models.CharField(
        _("cách tính tỷ lệ 20%"), max_length=16, choices=CapBaseChoice.choices,
        default=CapBaseChoice.GOOD_OR_ABOVE,
    )  # fmt: skip
    # A superior's documented exception to the 20 % cap (domain-rules decision 2): the decision
    # number and date as written on it; empty = none.
    member_cap_exception = models.CharField(
        _("ngoại lệ tỷ lệ đảng viên (số, ngày quyết định)"), max_length=200, blank=True
    )
    cell_cap_exception = models.CharField(
        _("ngoại lệ tỷ lệ chi bộ (số, ngày quyết định)"), max_length=200, blank=True
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    opened_at = models.DateTimeField(auto_now_add=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    finalized_at = models.DateTimeField(null=True, blank=True)
    is_demo_exception = models.BooleanField(default=False, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt đánh giá, xếp loại")
        verbose_name_plural = _("đợt đánh giá, xếp loại")
        ordering = ["-year", "organization_id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="uniq_campaign_org_year")
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.year}"


class Rating(models.Model):
    """One subject's rating in a campaign: self-assessment → proposal → decision."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="ratings")
    subject_kind = models.CharField(
        _("đối tượng"), max_length=16, choices=SubjectKindChoice.choices
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="ratings",
        null=True, blank=True,
    )  # fmt: skip
    # the member's cell (members), the cell (cells), the grassroots organization (the collective
    # and the organization itself): scoping and grouping go through this column
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="ratings"
    )
    not_rated_reason = models.CharField(
        _("không xếp loại vì"), max_length=24, choices=NotRatedChoice.choices, blank=True
    )
    # step 1: self-assessment (the member's own form)
    self_level = models.CharField(
        _("tự xếp loại"), max_length=8, choices=LevelChoice.choices, blank=True
    )
    strengths = models.TextField(_("ưu điểm"), blank=True)
    shortcomings = models.TextField(_("khuyết điểm, hạn chế"), blank=True)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    self_at = models.DateTimeField(null=True, blank=True)
    # step 2: proposal by the cell or the appraisal body
    proposed_level = models.CharField(
        _("chi bộ đề xuất"), max_length=8, choices=LevelChoice.choices, blank=True
    )
    proposal_note = models.TextField(_("nhận xét của chi bộ"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    proposed_at = models.DateTimeField(null=True, blank=True)
    # step 3: decision by the committee; a decided rating is locked
    decided_level = models.CharField(
        _("cấp ủy quyết định"), max_length=8, choices=LevelChoice.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)
    # a superior's cancel and re-rate keeps the old level visible here (and in the history)
    previous_level = models.CharField(
        _("mức trước khi xếp loại lại"), max_length=8, choices=LevelChoice.choices, blank=True
    )
    rerate_reason = models.TextField(_("lý do xếp loại lại"), blank=True)
    # facts the rules read
    sick_leave_days = models.PositiveSmallIntegerField(_("số ngày nghỉ ốm trong năm"), default=0)
    justification = models.TextField(_("giải trình (cảnh báo)"), blank=True)
    recognition = models.BooleanField(_("đề nghị tiêu biểu"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại")
        verbose_name_plural = _("xếp loại")
        ordering = ["campaign_id", "subject_kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "member"], condition=models.Q(member__isnull=False),
                name="uniq_rating_member",
            ),
            models.UniqueConstraint(
                fields=["campaign", "subject_kind", "organization"],
                condition=models.Q(member__isnull=True), name="uniq_rating_org",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["campaign", "organization"])]

    def __str__(self) -> str:
        return f"{self.get_subject_kind_display()} — {self.member or self.organization}"

    @property
    def level(self) -> str:
        """The level in force: decided, else proposed, else self-assessed."""
        return self.decided_level or self.proposed_level or self.self_level
