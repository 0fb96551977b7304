"""Party members, their status history and the log of sensitive-field reveals."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.core.text import fold, name_sort_key, nfc, normalize_name
from dangbo.members.rules import mask, position_text


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("Dự bị")
    FULL = "full", _("Chính thức")
    TRANSFERRED_OUT = "transferred_out", _("Đã chuyển sinh hoạt")
    DECEASED = "deceased", _("Đã từ trần")
    REMOVED = "removed", _("Đã ra khỏi Đảng")


ACTIVE_STATUSES = (MemberStatus.PROBATIONARY, MemberStatus.FULL)


class Member(models.Model):
    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_folded = models.CharField(max_length=120, editable=False)
    sort_key = models.CharField(max_length=400, editable=False)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, blank=True, default="Kinh")
    religion = models.CharField(_("tôn giáo"), max_length=40, blank=True, default="Không")
    home_town = models.CharField(_("quê quán"), max_length=255, blank=True)
    card_number = models.CharField(
        _("số thẻ đảng viên"), max_length=8, unique=True, null=True, blank=True
    )
    dossier_number = models.CharField(_("số lý lịch"), max_length=12, blank=True)
    citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True)
    admitted_on = models.DateField(_("ngày vào Đảng"))
    full_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    # No index on status alone: without planner statistics SQLite would start every subtree
    # query from it and read all active members (bench: cell page 52 ms → 15 ms without it).
    status = models.CharField(_("tình trạng"), max_length=20, choices=MemberStatus.choices)
    exempt_since = models.DateField(_("miễn công tác và sinh hoạt từ"), null=True, blank=True)
    suspended_since = models.DateField(_("đình chỉ sinh hoạt từ"), null=True, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("chi bộ"),
    )
    department = models.ForeignKey(
        "organizations.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("khoa/phòng"),
    )
    job_title = models.CharField(_("chức vụ"), max_length=120, blank=True)
    professional_title = models.CharField(
        _("chức danh chuyên môn"), max_length=120, blank=True, help_text=_("Ví dụ: BS CKII")
    )
    military_rank = models.CharField(_("cấp bậc"), max_length=40, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["name_folded", "sort_key"])

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        indexes = [models.Index(fields=["organization", "sort_key"], name="member_org_sort")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.full_name = normalize_name(self.full_name)
        self.name_folded = fold(self.full_name)
        self.sort_key = name_sort_key(self.full_name)
        self.home_town = nfc(self.home_town)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def position_text(self) -> str:
        """ "Đại tá, BS CKII — Trưởng khoa" (see rules.position_text)."""
        return position_text(
            self.military_rank, self.professional_title, self.job_title,
            self.organization.is_military,
        )  # fmt: skip

    @property
    def card_masked(self) -> str:
        return mask(self.card_number)

    @property
    def citizen_id_masked(self) -> str:
        return mask(self.citizen_id)


class StatusChange(models.Model):
    """Dated status history of a member (admission, recognition as full, transfer …)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("tình trạng"), max_length=20, choices=MemberStatus.choices)
    changed_on = models.DateField(_("ngày"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.member} {self.status} {self.changed_on}"


class DisciplineKind(models.TextChoices):
    """The Charter's measures for a member (Điều 35), lightest first; values match
    ``evaluations.rulesets.base.DISCIPLINE_RANK``."""

    REPRIMAND = "khien_trach", _("Khiển trách")
    WARNING = "canh_cao", _("Cảnh cáo")
    DISMISSAL = "cach_chuc", _("Cách chức")
    EXPULSION = "khai_tru", _("Khai trừ")


class Discipline(models.Model):
    """Discipline register (issue 9, item 8): read by the rating rules of the year decided."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="disciplines")
    kind = models.CharField(_("hình thức kỷ luật"), max_length=16, choices=DisciplineKind.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    issuer = models.CharField(_("cấp quyết định"), max_length=200)
    reason = models.TextField(_("lý do"), blank=True)
    self_detected = models.BooleanField(_("tự phát hiện, tự khắc phục"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_kind_display()} {self.decided_on:%d/%m/%Y}"


class RevealChannel(models.TextChoices):
    PAGE = "page", _("Trang hồ sơ")
    EXPORT = "export", _("Xuất Excel")


class SensitiveReveal(models.Model):
    """Every reveal of a masked field (card number, citizen ID) is logged: the "Hiện số" button
    of the record and edit pages, and each member of an export with full numbers.

    The log outlives the member: deleting a member sets ``member`` to NULL and keeps the copies
    ``member_pk`` and ``member_name`` (the member's history rows keep the rest)."""

    member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="reveals"
    )
    member_pk = models.BigIntegerField(db_index=True)
    member_name = models.CharField(max_length=120)
    field = models.CharField(max_length=32)
    channel = models.CharField(
        max_length=8, choices=RevealChannel.choices, default=RevealChannel.PAGE
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    revealed_at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-revealed_at"]

    def __str__(self) -> str:
        return f"{self.user} → {self.member_name}.{self.field}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.member is not None and not self.member_pk:
            self.member_pk, self.member_name = self.member.pk, self.member.full_name
        super().save(*args, **kwargs)


class ImportMapping(models.Model):
    """The column mapping a user confirmed on the import's mapping step, remembered for the
    next upload of a file with the same header row (issue 7, item 3): ``signature`` is
    ``importing.mapping.signature`` of that row, ``mapping`` its ``header_to_json``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_mappings"
    )
    signature = models.CharField(max_length=64)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "signature"], name="import_mapping_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.signature[:8]}"
