from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangbo.members.models import Member, SensitiveReveal


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    # The columns of the application's member list (no card or CCCD numbers: those are shown
    # masked, or revealed with a log entry); same order and page size, so that make bench
    # compares the cell page with this changelist of the same 50 members.
    list_display = (
        "full_name", "date_of_birth", "gender", "organization", "department", "admitted_on",
        "status",
    )  # fmt: skip
    list_filter = ("status",)
    list_select_related = ("organization", "department")  # department is nullable
    ordering = ("sort_key", "id")  # Vietnamese name order, as the member lists
    list_per_page = 50
    search_fields = ("name_folded", "card_number")
    raw_id_fields = ("organization", "department")


@admin.register(SensitiveReveal)
class SensitiveRevealAdmin(admin.ModelAdmin):
    list_display = ("revealed_at", "user", "member", "field", "ip_address")
