from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangbo.reports.models import GeneratedDocument, NumberCounter


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("organization", "kind", "year", "number", "status", "date")
    list_filter = ("kind", "status", "year")
    raw_id_fields = ("organization", "meeting", "term", "issued_by", "created_by")
    readonly_fields = ("number", "term", "sha256", "pdf", "docx", "issued_at", "issued_by")


@admin.register(NumberCounter)
class NumberCounterAdmin(SimpleHistoryAdmin):
    list_display = ("organization", "term", "type_code", "last")
    raw_id_fields = ("organization", "term")
