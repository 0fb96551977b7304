"""Meetings of every kind (issue 8, items 1, 2 and 4): the meeting, its agenda, the attendance
of each invited member, guests, speeches, votes and conclusions.

Nothing here stores what a rule computes: the quorum, a vote's result and the duration problems
come from ``meetings.rules`` over the stored inputs (the attendance rows with the flags copied at
invitation, the votes as counted, the start and end times)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.meetings import rules

# The labels are msgids (``gettext_noop`` in rules.py), translated when shown.
KIND_CHOICES = [(str(k), _(rules.KIND_LABELS[k])) for k in rules.MeetingKind]
ATTENDANCE_CHOICES = [(str(s), _(rules.ATTENDANCE_LABELS[s])) for s in rules.AttendanceStatus]
REASON_CHOICES = [(str(r), _(rules.REASON_LABELS[r])) for r in rules.AbsenceReason]


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    HELD = "held", _("Đã họp")
    MINUTES_APPROVED = "minutes_approved", _("Đã duyệt biên bản")
    CANCELLED = "cancelled", _("Đã hủy")


class Meeting(models.Model):
    """A meeting (hội nghị, sinh hoạt chi bộ, học tập nghị quyết) of one organization."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="meetings",
        verbose_name=_("tổ chức đảng"),
    )  # fmt: skip
    kind = models.CharField(_("loại cuộc họp"), max_length=24, choices=KIND_CHOICES)
    combined_thematic = models.BooleanField(
        _("kết hợp sinh hoạt chuyên đề"), default=False,
        help_text=_("Buổi sinh hoạt thường kỳ kết hợp chuyên đề: tối thiểu 120 phút."),
    )  # fmt: skip
    title = models.CharField(_("tên cuộc họp"), max_length=300)
    date = models.DateField(_("ngày họp"), db_index=True)
    start_time = models.TimeField(_("giờ bắt đầu"))
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    chair = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("chủ trì"),
    )  # fmt: skip
    secretary = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("thư ký"),
    )  # fmt: skip
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
    )  # fmt: skip
    attendance_taken_at = models.DateTimeField(_("điểm danh lúc"), null=True, blank=True)
    cancel_reason = models.TextField(
        _("lý do hủy"), blank=True,
        help_text=_("Ghi khi hủy hoặc hoãn cuộc họp; gửi kèm thư báo hủy cho người được mời."),
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        ordering = ["-date", "-start_time", "-id"]
        indexes = [models.Index(fields=["organization", "date"], name="meeting_org_date")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def kind_enum(self) -> rules.MeetingKind:
        return rules.MeetingKind(self.kind)

    @property
    def kind_label(self) -> str:
        return self.kind_enum.label

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start_time)

    @property
    def ends_at(self) -> dt.datetime | None:
        if self.end_time is None:
            return None
        return dt.datetime.combine(self.date, self.end_time)

    @property
    def minutes_long(self) -> int | None:
        """The length in whole minutes, when the end time is known and after the start."""
        end = self.ends_at
        if end is None or end <= self.starts_at:
            return None
        return int((end - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def is_locked(self) -> bool:
        """Approved minutes freeze the meeting (a later change needs a new minutes version); a
        cancelled meeting is closed too (nothing is recorded for a meeting that did not happen)."""
        return self.status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nội dung"), max_length=500)
    presenter = models.CharField(_("người trình bày"), max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung họp")
        verbose_name_plural = _("nội dung họp")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """One invited member. ``probationary``, ``exempt``, ``suspended`` and
    ``registered_elsewhere`` are copied from the member at invitation (the minutes count the
    list as it was on the day) and may be corrected on the attendance page."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="meeting_attendances"
    )
    status = models.CharField(
        _("điểm danh"), max_length=24, choices=ATTENDANCE_CHOICES,
        default=rules.AttendanceStatus.PRESENT.value,
    )  # fmt: skip
    reason = models.CharField(_("lý do vắng"), max_length=24, choices=REASON_CHOICES, blank=True)
    reason_text = models.CharField(_("lý do khác"), max_length=200, blank=True)
    probationary = models.BooleanField(_("đảng viên dự bị"), default=False)
    exempt = models.BooleanField(_("miễn công tác và sinh hoạt đảng"), default=False)
    registered_elsewhere = models.BooleanField(_("sinh hoạt tạm thời nơi khác"), default=False)
    suspended = models.BooleanField(_("đình chỉ sinh hoạt"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="uniq_attendance_member")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.meeting_id}: {self.status}"

    @property
    def reason_label(self) -> str:
        """The reason as the minutes write it: the standard one, then the free text."""
        parts = [rules.AbsenceReason(self.reason).label] if self.reason else []
        if self.reason_text:
            parts.append(self.reason_text)
        return "; ".join(parts)

    def as_attendee(self) -> rules.Attendee:
        return rules.Attendee(
            status=rules.AttendanceStatus(self.status), reason=self.reason_label,
            probationary=self.probationary, exempt=self.exempt,
            registered_elsewhere=self.registered_elsewhere, suspended=self.suspended,
        )  # fmt: skip


class Guest(models.Model):
    """An invited guest (đại biểu, khách mời), often from the superior level."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    rank = models.CharField(_("cấp bậc"), max_length=40, blank=True, help_text=_("Ví dụ: Đại tá"))
    title = models.CharField(
        _("chức danh đảng"), max_length=200, blank=True,
        help_text=_("Ví dụ: Ủy viên Thường vụ Đảng ủy"),
    )  # fmt: skip
    position = models.CharField(
        _("chức vụ"), max_length=200, blank=True,
        help_text=_("Ví dụ: Phó Chủ nhiệm Hậu cần Quân khu"),
    )  # fmt: skip
    organization = models.CharField(_("cơ quan, đơn vị"), max_length=200, blank=True)
    status = models.CharField(
        _("điểm danh"), max_length=24, choices=ATTENDANCE_CHOICES,
        default=rules.AttendanceStatus.PRESENT.value,
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khách mời")
        verbose_name_plural = _("khách mời")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        """ "Đại tá Nguyễn Văn A, Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu"."""
        name = f"{self.rank} {self.full_name}".strip()
        return ", ".join(p for p in (name, self.title, self.position, self.organization) if p)


class SpeechKind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    CONTRIBUTION = "contribution", _("Tham luận")
    DISCUSSION = "discussion", _("Thảo luận")
    DIRECTIVE = "directive", _("Phát biểu chỉ đạo")
    CONCLUSION = "conclusion", _("Kết luận")


class Speech(models.Model):
    """A speaker of the register: an invited member, a guest, or a name typed in."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speeches")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại phát biểu"), max_length=16, choices=SpeechKind.choices)
    attendance = models.ForeignKey(
        Attendance, on_delete=models.PROTECT, null=True, blank=True, related_name="speeches",
        verbose_name=_("đảng viên phát biểu"),
    )  # fmt: skip
    guest = models.ForeignKey(
        Guest, on_delete=models.PROTECT, null=True, blank=True, related_name="speeches",
        verbose_name=_("khách mời phát biểu"),
    )  # fmt: skip
    speaker_text = models.CharField(_("người phát biểu khác"), max_length=200, blank=True)
    summary = models.TextField(_("tóm tắt nội dung"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phát biểu")
        verbose_name_plural = _("phát biểu")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.meeting_id}"


class Vote(models.Model):
    """A matter voted on, as counted; whether it passed is ``rules.vote_result`` of these
    figures and the attendance."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    matter = models.CharField(_("vấn đề biểu quyết"), max_length=500)
    votes_for = models.PositiveIntegerField(_("tán thành"))
    against = models.PositiveIntegerField(_("không tán thành"), default=0)
    abstain = models.PositiveIntegerField(_("không biểu quyết"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biểu quyết")
        verbose_name_plural = _("biểu quyết")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.matter


class Conclusion(models.Model):
    """A conclusion of the chair; it creates a task of the targets app (the one-to-one link
    lets the meeting show the task's progress)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung kết luận"))
    responsible_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("đơn vị thực hiện"),
    )  # fmt: skip
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    task = models.OneToOneField(
        "targets.Task", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="meeting_conclusion",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết luận")
        verbose_name_plural = _("kết luận")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class CalendarToken(models.Model):
    """The secret of a user's iCalendar feeds (issue 8, item 6): calendar apps cannot log in,
    so the feed URL carries a random token. Only its SHA-256 is stored; the URL is shown once,
    when the token is made, and making a new one (or revoking it) ends the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_calendar_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now=True)

    class Meta:
        verbose_name = _("địa chỉ lịch")
        verbose_name_plural = _("địa chỉ lịch")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.created_at:%d/%m/%Y}"


class NoticeKind(models.TextChoices):
    """What an email to an invitee announced (``InvitationSent.kind``)."""

    INVITATION = "invitation", _("Giấy mời họp")
    CANCELLATION = "cancellation", _("Thông báo hủy cuộc họp")
    DOCUMENT = "document", _("Thông báo tài liệu cuộc họp")


class InvitationSent(models.Model):
    """One email sent to an invited member (issue 8, item 6). An invitation records the
    schedule it announced (``calendar.schedule_key``) and the meeting's version then: it goes
    out only when the schedule differs from the one last sent to her, so saving twice sends
    once. A cancellation notice (``kind``) goes out once per invitee, a document notice once per
    invitee and published ``document``."""

    attendance = models.ForeignKey(
        Attendance, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    kind = models.CharField(
        max_length=16, choices=NoticeKind.choices, default=NoticeKind.INVITATION
    )
    document = models.ForeignKey(
        "MeetingDocument", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    schedule = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField()
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giấy mời đã gửi")
        verbose_name_plural = _("giấy mời đã gửi")
        ordering = ["attendance", "-id"]

    def __str__(self) -> str:
        return f"{self.attendance_id} v{self.sequence}"


class Minutes(models.Model):
    """One version of a meeting's minutes (biên bản, issue 8 item 5). ``text`` is the body in
    the light markup of ``meetings.minutes`` (generated from the meeting, edited as a draft);
    ``header`` is the snapshot of the document's header and signers, frozen at approval.
    Approving locks the version and the meeting; a later change is a new version with a
    ``reason``, the approved ones staying readable."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    text = models.TextField(_("nội dung biên bản"))
    header = models.JSONField(default=dict, editable=False)
    reason = models.TextField(_("lý do lập phiên bản mới"), blank=True)
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("người lập"),
    )  # fmt: skip
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("người duyệt"),
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biên bản")
        verbose_name_plural = _("biên bản")
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="uniq_minutes_number")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.approved_at is None


class MeetingDocument(models.Model):
    """A document of a meeting (issue 8, item 1): attached by whoever manages the meeting,
    published to the invitees (``published_at``; null = not yet) at least 01 day ahead
    (``rules.documents_deadline``). For a study session (học tập, quán triệt) the title names the
    document studied, e.g. "Nghị quyết số 57-NQ/TW …". The file is served only through
    ``meetings:document_download``, which checks ``permissions.can_download_document``."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(
        _("tên tài liệu"), max_length=300,
        help_text=_("Học tập, quán triệt: ghi tên văn bản, ví dụ “Nghị quyết số 57-NQ/TW …”."),
    )  # fmt: skip
    file = models.FileField(_("tệp tài liệu"), upload_to="meetings/%Y/")
    published_at = models.DateTimeField(_("đăng cho đảng viên lúc"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("người tải lên"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu cuộc họp")
        verbose_name_plural = _("tài liệu cuộc họp")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
