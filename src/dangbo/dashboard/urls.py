"""URLs of the pages that combine several apps. The organization pages keep their namespace:
``include(organization_urls)`` under ``to-chuc/`` answers ``organizations:tree`` and
``organizations:detail`` (the ``organizations`` app imports neither ``members`` nor this)."""

from django.urls import path

from dangbo.dashboard import organizations

organization_urls = (
    [
        path("", organizations.tree, name="tree"),
        path("<int:pk>/", organizations.detail, name="detail"),
    ],
    "organizations",
)
