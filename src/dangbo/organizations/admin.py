from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from dangbo.organizations.models import (
    Committee,
    CommitteeMembership,
    Department,
    Organization,
    Term,
)


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin):
    form = movenodeform_factory(Organization)
    list_display = ("name", "code", "kind")
    search_fields = ("name_folded", "code")


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "organization")


class MembershipInline(admin.TabularInline):
    model = CommitteeMembership
    raw_id_fields = ("member",)


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    inlines = [MembershipInline]


admin.site.register(Term, SimpleHistoryAdmin)
