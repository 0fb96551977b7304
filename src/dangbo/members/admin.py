from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangbo.members.models import Member, SensitiveReveal


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "organization", "status")
    list_filter = ("status",)
    search_fields = ("name_folded", "card_number")
    raw_id_fields = ("organization", "department")


@admin.register(SensitiveReveal)
class SensitiveRevealAdmin(admin.ModelAdmin):
    list_display = ("revealed_at", "user", "member", "field", "ip_address")
