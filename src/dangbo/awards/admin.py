from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangbo.awards.models import Award, AwardProposal, BadgeAward


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ("year", "kind", "recipient_kind", "organization", "issuer_level",
                    "decision_number")  # fmt: skip
    list_filter = ("year", "kind", "issuer_level")
    raw_id_fields = ("organization", "member", "department")


@admin.register(AwardProposal)
class AwardProposalAdmin(SimpleHistoryAdmin):
    list_display = ("year", "basis", "organization", "member", "status")
    list_filter = ("year", "basis", "status")
    raw_id_fields = ("organization", "member", "award")


@admin.register(BadgeAward)
class BadgeAwardAdmin(SimpleHistoryAdmin):
    list_display = ("member", "milestone", "presented_on", "decision_number")
    list_filter = ("milestone",)
    raw_id_fields = ("member",)
