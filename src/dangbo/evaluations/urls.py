from django.urls import path

from dangbo.evaluations import stats_views, views

app_name = "evaluations"
urlpatterns = [
    # the rating workflow (issue 9, items 1, 2 and 4)
    path("", views.index, name="index"),
    path("mo-dot/", views.campaign_open, name="open"),
    path("<int:pk>/", views.campaign_detail, name="campaign"),
    path("<int:pk>/chi-bo/<int:org_id>/", views.cell_proposal, name="cell"),
    path("<int:pk>/dang-uy/", views.office_proposal, name="office"),
    path("<int:pk>/xem-truoc/", views.preview, name="preview"),
    path("<int:pk>/quyet-dinh/", views.finalize, name="finalize"),
    path("<int:pk>/ngoai-le/", views.record_exception, name="exception"),
    path("xep-loai/<int:pk>/tu-danh-gia/", views.self_assess, name="self_assess"),
    path("xep-loai/<int:pk>/xep-loai-lai/", views.rerate, name="rerate"),
    # statistics, results, export (another part of issue 9) are appended below
    # statistics (issue 9, item 5): a campaign's, and a superior's roll-up of a year
    path("<int:pk>/thong-ke/", stats_views.campaign_stats, name="stats"),
    path("<int:pk>/thong-ke.xlsx", stats_views.campaign_stats_xlsx, name="stats_xlsx"),
    path("to-chuc/<int:org_id>/thong-ke/", stats_views.subtree_stats, name="stats_subtree"),
    path(
        "to-chuc/<int:org_id>/thong-ke.xlsx",
        stats_views.subtree_stats_xlsx,
        name="stats_subtree_xlsx",
    ),
]
