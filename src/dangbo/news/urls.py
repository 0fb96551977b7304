"""The public news site (issue 10 item 5) and the communications team's pages."""

from django.urls import path
from django.views.decorators.http import require_safe

from dangbo.news import public_views, views
from dangbo.news.feeds import LatestPosts, LatestPostsAtom

app_name = "news"

urlpatterns = [
    # the public site (no login)
    path("", public_views.index, name="index"),
    path("danh-muc/<slug:slug>/", public_views.category, name="category"),
    path("bai/<slug:slug>/", public_views.detail, name="detail"),
    path("anh/<int:pk>/", public_views.photo, name="photo"),
    path("rss/", require_safe(LatestPosts()), name="rss"),
    path("atom/", require_safe(LatestPostsAtom()), name="atom"),
    # the staff pages
    path("bien-tap/", views.post_list, name="posts"),
    path("bien-tap/viet-moi/", views.post_new, name="post_new"),
    path("bien-tap/tu-hoi-nghi/", views.from_meeting, name="from_meeting"),
    path("bien-tap/<int:pk>/", views.post_preview, name="post_preview"),
    path("bien-tap/<int:pk>/sua/", views.post_edit, name="post_edit"),
    path("bien-tap/<int:pk>/anh/", views.post_photos, name="post_photos"),
    path("bien-tap/<int:pk>/anh/<int:photo_pk>/bo/", views.photo_remove, name="photo_remove"),
    path("bien-tap/<int:pk>/gui-duyet/", views.post_submit, name="post_submit"),
    path("bien-tap/<int:pk>/duyet/", views.post_approve, name="post_approve"),
    path("bien-tap/<int:pk>/tra-lai/", views.post_send_back, name="post_send_back"),
]
