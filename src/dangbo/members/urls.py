from django.urls import path

from dangbo.members import discipline_views, views
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
    # the discipline register (issue 9, item 8)
    path("ky-luat/to-chuc/<int:org_id>/", discipline_views.discipline_list, name="discipline_list"),
    path("<int:pk>/ky-luat/them/", discipline_views.discipline_add, name="discipline_add"),
    path("ky-luat/<int:pk>/sua/", discipline_views.discipline_edit, name="discipline_edit"),
]
