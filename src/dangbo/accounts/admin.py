from django.contrib import admin

from dangbo.accounts.models import Role


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "organization", "member")
    list_filter = ("kind",)
    raw_id_fields = ("user", "organization", "member")
