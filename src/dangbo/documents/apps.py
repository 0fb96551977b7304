from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Party-format documents (HD 36-HD/VPTW): a plain ``spec.Document`` rendered as HTML, PDF
    and DOCX (``render.py``). No models: callers pass the data."""

    name = "dangbo.documents"
    label = "documents"
