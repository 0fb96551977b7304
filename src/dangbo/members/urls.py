from django.urls import path

from dangbo.members import views
from dangbo.members.importing import views as import_views

app_name = "members"
urlpatterns = [
    path("tim-kiem/", views.search_page, name="search"),
    path("het-han-du-bi/", views.probation_page, name="probation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/tinh-trang/", views.change_status, name="status"),
    path("them/", views.add, name="add"),
    path("<int:pk>/hien/<str:field>/", views.reveal, name="reveal"),
    path("nhap/", import_views.import_upload, name="import"),
    path("nhap/ghep-cot/", import_views.import_mapping, name="import_mapping"),
    path("nhap/xac-nhan/", import_views.import_confirm, name="import_confirm"),
    path("nhap/mau.xlsx", import_views.import_template, name="import_template"),
    path("xuat.xlsx", import_views.export, name="export"),
]
