"""Resolutions, their targets, checkpoints, recorded values, frozen figures and tasks.

Statuses are never stored as typed facts: they are computed by ``targets.rules`` from the
inputs kept here (planned values, recorded values, the frozen figures of a checkpoint). The only
stored status is a manual override, which needs a written reason and is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.targets import rules


class Resolution(models.Model):
    """Nghị quyết of an organization for a year (or a term)."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="resolutions"
    )
    horizon = models.CharField(
        _("loại nghị quyết"), max_length=8, choices=rules.Horizon.choices,
        default=rules.Horizon.ANNUAL.value,
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(
        _("năm"), db_index=True, help_text=_("Nghị quyết nhiệm kỳ: năm đầu nhiệm kỳ.")
    )
    end_year = models.PositiveSmallIntegerField(
        _("năm cuối nhiệm kỳ"), null=True, blank=True,
        help_text=_("Chỉ với nghị quyết nhiệm kỳ, ví dụ 2025 cho nhiệm kỳ 2020–2025."),
    )  # fmt: skip
    term = models.ForeignKey(
        "organizations.Term", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="resolutions", verbose_name=_("nhiệm kỳ"),
        help_text=_("Cho nghị quyết cả nhiệm kỳ; để trống với nghị quyết năm."),
    )  # fmt: skip
    number = models.CharField(_("số, ký hiệu"), max_length=40, help_text=_("Ví dụ 05-NQ/ĐU"))
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nghị quyết")
        verbose_name_plural = _("nghị quyết")
        ordering = ["-year", "-issued_on"]

    def __str__(self) -> str:
        return f"Nghị quyết số {self.number}"

    @property
    def period_label(self) -> str:
        """ "năm 2023" or "nhiệm kỳ 2020–2025"."""
        if self.horizon == rules.Horizon.TERM:
            return f"nhiệm kỳ {self.year}–{self.end_year or ''}"
        return f"năm {self.year}"


class TargetGroup(models.Model):
    """A group of targets within a resolution ("công tác chuyên môn", "xây dựng Đảng"), each with
    its own summary sentence and the noun its items are counted by."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nhóm chỉ tiêu"), max_length=200)
    noun = models.CharField(
        _("gọi là"), max_length=16, choices=rules.Noun.choices, default=rules.Noun.TARGETS.value
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhóm chỉ tiêu")
        verbose_name_plural = _("nhóm chỉ tiêu")
        ordering = ["resolution", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="targets")
    group = models.ForeignKey(
        TargetGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="targets",
        verbose_name=_("nhóm"),
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("chỉ tiêu"), max_length=500)
    clause = models.CharField(_("mục trong nghị quyết"), max_length=120, blank=True)
    kind = models.CharField(_("loại"), max_length=16, choices=rules.Kind.choices)
    direction = models.CharField(
        _("chiều"),
        max_length=8,
        choices=rules.Direction.choices,
        default=rules.Direction.HIGHER.value,
    )
    basis = models.CharField(
        _("cách đặt kế hoạch"), max_length=8, choices=rules.Basis.choices,
        default=rules.Basis.FIXED.value,
    )  # fmt: skip
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("giá trị nền"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    change_percent = models.DecimalField(
        _("mức tăng/giảm so với năm gốc (%)"), max_digits=6, decimal_places=2, null=True,
        blank=True, help_text=_("Ví dụ 10 cho “giảm 10% so với năm 2022”."),
    )  # fmt: skip
    planned = models.DecimalField(
        _("kế hoạch"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("Kế hoạch cả năm (nghị quyết năm) hoặc cả nhiệm kỳ (nghị quyết nhiệm kỳ)."),
    )  # fmt: skip
    tolerance = models.DecimalField(_("dung sai"), max_digits=14, decimal_places=2, default=0)
    midyear_share = models.DecimalField(
        _("tỷ lệ kỳ vọng 6 tháng"), max_digits=4, decimal_places=3, null=True, blank=True,
        help_text=_("Ví dụ 0,5 = một nửa kế hoạch năm; để trống = cả kế hoạch năm."),
    )  # fmt: skip
    ninemonth_share = models.DecimalField(
        _("tỷ lệ kỳ vọng 9 tháng"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    midterm_share = models.DecimalField(
        _("tỷ lệ kỳ vọng giữa nhiệm kỳ"), max_digits=4, decimal_places=3, null=True, blank=True,
        help_text=_("Ví dụ 0,5: giữa nhiệm kỳ phải đạt một nửa kế hoạch nhiệm kỳ."),
    )  # fmt: skip
    is_key = models.BooleanField(_("chỉ tiêu chủ yếu then chốt"), default=False)
    responsible_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="responsible_targets", verbose_name=_("đơn vị chủ trì"),
    )  # fmt: skip
    responsible_department = models.ForeignKey(
        "organizations.Department", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="responsible_targets", verbose_name=_("khoa/phòng chủ trì"),
    )  # fmt: skip
    responsible_member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="responsible_targets", verbose_name=_("người phụ trách"),
    )  # fmt: skip
    rollup = models.CharField(
        _("cộng dồn từ chi bộ"), max_length=8, choices=rules.Rollup.choices, blank=True,
        default="",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["resolution", "position", "id"]

    def __str__(self) -> str:
        return self.title


class SubTarget(models.Model):
    """A share of a target assigned to a cell; cells' values roll up per ``Target.rollup``."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="subtargets")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="subtargets"
    )
    planned = models.DecimalField(_("kế hoạch"), max_digits=14, decimal_places=2, null=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target", "organization"], name="uniq_subtarget_org")
        ]

    def __str__(self) -> str:
        return f"{self.target} — {self.organization}"


class Checkpoint(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="checkpoints")
    kind = models.CharField(_("kỳ"), max_length=16, choices=rules.Checkpoint.choices)
    as_of = models.DateField(_("số liệu tính đến ngày"))
    deadline = models.DateField(_("hạn báo cáo"))
    frozen_at = models.DateTimeField(_("chốt số liệu lúc"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_number = models.CharField(
        _("số văn bản báo cáo"), max_length=60, blank=True,
        help_text=_("Khi số liệu được chép lại từ báo cáo đã ban hành, ví dụ 25-BC/ĐU."),
    )  # fmt: skip
    source_date = models.DateField(_("ngày văn bản báo cáo"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["resolution", "as_of"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "kind"], name="uniq_checkpoint_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.resolution.year}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def label(self) -> str:
        return rules.Checkpoint(self.kind).label

    @property
    def period_name(self) -> str:
        """What the office types to confirm a freeze: "Sơ kết 6 tháng 2023"."""
        return f"{self.label} {self.resolution.year}"


class Entry(models.Model):
    """A value recorded for a target (or a cell's sub-target) at a checkpoint. Append-only:
    the newest entry counts; after a freeze, new entries are corrections with a reason and never
    change the frozen figures."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="entries")
    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="entries")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, blank=True,
        related_name="target_entries", help_text=_("Chi bộ báo cáo (chỉ tiêu giao cho chi bộ)."),
    )  # fmt: skip
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2, null=True)
    stated = models.CharField(
        _("số liệu như báo cáo ghi"), max_length=60, blank=True,
        help_text=_("Giữ nguyên cách ghi gần đúng, ví dụ “trên 150”."),
    )  # fmt: skip
    done = models.BooleanField(_("đã hoàn thành"), null=True)
    not_started = models.BooleanField(_("chưa thực hiện"), default=False)
    assessed_status = models.CharField(
        _("đánh giá (chỉ tiêu định tính)"), max_length=16, blank=True,
        choices=rules.Status.choices,
    )  # fmt: skip
    note = models.TextField(_("minh chứng, ghi chú"), blank=True)
    attachment = models.FileField(_("tệp minh chứng"), upload_to="targets/%Y/", blank=True)
    cause = models.TextField(_("nguyên nhân"), blank=True)
    remedy = models.TextField(_("giải pháp khắc phục"), blank=True)
    is_correction = models.BooleanField(default=False)
    correction_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    transcribed = models.BooleanField(
        _("chép lại từ báo cáo đã ban hành"), default=False,
        help_text=_("Số liệu kỳ trước nhập lại từ văn bản (số, ngày ở kỳ báo cáo)."),
    )  # fmt: skip
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["checkpoint", "target", "organization", "-id"])]

    def __str__(self) -> str:
        shown = self.value if self.value is not None else self.done
        return f"{self.target} @ {self.checkpoint}: {shown}"


class FrozenFigure(models.Model):
    """The figure of a target at a frozen checkpoint ("chốt số liệu"); never updated."""

    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="figures")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="figures")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, blank=True
    )
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    stated = models.CharField(max_length=60, blank=True)
    done = models.BooleanField(null=True)
    not_started = models.BooleanField(default=False)
    assessed_status = models.CharField(max_length=16, blank=True)
    activity_recorded = models.BooleanField(default=False)
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkpoint", "target"],
                condition=models.Q(organization__isnull=True),
                name="uniq_frozen_figure_target",
            ),
            models.UniqueConstraint(
                fields=["checkpoint", "target", "organization"],
                condition=models.Q(organization__isnull=False),
                name="uniq_frozen_figure_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} @ {self.checkpoint}"


class StatusOverride(models.Model):
    """A manual status for one target at one checkpoint; needs a written reason (audited)."""

    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="overrides")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="overrides")
    status = models.CharField(_("đánh giá"), max_length=16, choices=rules.Status.choices)
    reason = models.TextField(_("lý do"))
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "target"], name="uniq_override"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.status}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Hủy")


class Task(models.Model):
    """Phương hướng, nhiệm vụ, giải pháp for the next period."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="tasks"
    )
    resolution = models.ForeignKey(
        Resolution, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    responsible_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="responsible_tasks", verbose_name=_("đơn vị thực hiện"),
    )  # fmt: skip
    responsible_department = models.ForeignKey(
        "organizations.Department", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="responsible_tasks", verbose_name=_("khoa/phòng thực hiện"),
    )  # fmt: skip
    deadline = models.DateField(_("thời hạn"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.title


class TaskNote(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("tiến độ"))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Reminder(models.Model):
    """The office reminds a cell to report its share of a target at a checkpoint; shown to the
    cell's secretary until the cell reports."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reminders")
    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="reminders")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="target_reminders"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        help_text=_("Để trống: hệ thống tự nhắc trước hạn báo cáo (lệnh dangbo remind)."),
    )  # fmt: skip
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["organization", "checkpoint"])]

    def __str__(self) -> str:
        return f"{self.target} — {self.organization}"
