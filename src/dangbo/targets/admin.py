from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangbo.targets.models import Checkpoint, Entry, Resolution, StatusOverride, Target, Task


class TargetInline(admin.TabularInline):
    model = Target
    fields = ("position", "title", "kind", "direction", "planned", "unit")
    extra = 0


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ("number", "year", "organization")
    inlines = [TargetInline]
    raw_id_fields = ("organization",)


@admin.register(Checkpoint)
class CheckpointAdmin(SimpleHistoryAdmin):
    list_display = ("resolution", "kind", "as_of", "deadline", "frozen_at")
    readonly_fields = ("frozen_at", "frozen_by")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("target", "checkpoint", "organization", "value", "done", "recorded_by")

    def has_change_permission(self, request, obj=None):  # append-only
        return False


admin.site.register(StatusOverride, SimpleHistoryAdmin)
admin.site.register(Task, SimpleHistoryAdmin)
