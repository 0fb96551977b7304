from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Party-format documents generated from the records (issue 10): reports, resolutions,
    minutes and notices as drafts the office edits and issues; the register of numbers; the
    consistency check of a text against the records. Rendering is ``documents`` (a low layer
    that knows no domain); this app sits above meetings, evaluations and awards."""

    name = "dangbo.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"
