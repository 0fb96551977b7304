"""Generated Party-format documents, the register and the consistency check (issue 10)."""

from django.urls import path

from dangbo.reports import check_views, views

app_name = "reports"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("tao/", views.document_generate, name="generate"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/xem-truoc/", views.document_preview, name="preview"),
    path("<int:pk>/ban-hanh/", views.document_issue, name="issue"),
    path("<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("<int:pk>/docx/", views.document_docx, name="docx"),
    path("so-dang-ky/<int:org_pk>/", views.register, name="register"),
    path("kiem-tra/", check_views.check_text, name="check"),
]
