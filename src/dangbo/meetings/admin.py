from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangbo.meetings.models import AgendaItem, Attendance, Conclusion, Guest, Meeting


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ("member",)


class ConclusionInline(admin.TabularInline):
    model = Conclusion
    extra = 0
    raw_id_fields = ("responsible_organization", "task")


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "date", "organization", "status")
    list_filter = ("kind", "status")
    raw_id_fields = ("organization", "chair", "secretary")
    inlines = [AgendaInline, GuestInline, AttendanceInline, ConclusionInline]
