from django.urls import path

from dangbo.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.tree_page, name="tree"),
    path("<int:pk>/", views.detail, name="detail"),
]
