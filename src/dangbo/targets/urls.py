from django.urls import path

from dangbo.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.resolution_list, name="list"),
    path("cua-toi/", views.my_targets, name="mine"),
    path("nghi-quyet/<int:pk>/", views.resolution_detail, name="resolution"),
    path("to-chuc/<int:org_id>/them/", views.resolution_create, name="resolution_create"),
    path("nghi-quyet/<int:pk>/them-chi-tieu/", views.target_create, name="target_create"),
    path("nghi-quyet/<int:pk>/them-ky/", views.checkpoint_create, name="checkpoint_create"),
    path("nhiem-vu/<int:org_id>/them/", views.task_create, name="task_create"),
    path("nghi-quyet/<int:pk>/them-nhom/", views.group_create, name="group_create"),
    path("chi-tieu/<int:pk>/", views.target_detail, name="target"),
    path("chi-tieu/<int:pk>/ky/<int:checkpoint_id>/ghi/", views.entry_record, name="record"),
    path(
        "chi-tieu/<int:pk>/ky/<int:checkpoint_id>/chi-bo/<int:org_id>/ghi/",
        views.entry_record,
        name="record_cell",
    ),
    path("chi-tieu/<int:pk>/ky/<int:checkpoint_id>/nhac/", views.remind, name="remind"),
    path("chi-tieu/<int:pk>/ky/<int:checkpoint_id>/ghi-de/", views.override, name="override"),
    path("minh-chung/<int:pk>/", views.evidence, name="evidence"),
    path("ky/<int:pk>/chot/", views.freeze, name="freeze"),
    path("ky/<int:pk>/nhap-lai/", views.transcribe, name="transcribe"),
    path("tong-hop/<int:org_id>/", views.dashboard, name="dashboard"),
    path("tong-hop/<int:org_id>/xuat.xlsx", views.dashboard_export, name="dashboard_export"),
    path("nhiem-vu/<int:org_id>/", views.task_list, name="tasks"),
    path("nhiem-vu/sua/<int:pk>/", views.task_update, name="task_update"),
]
