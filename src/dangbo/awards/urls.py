from django.urls import path

from dangbo.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    # the awards register (issue 9, item 6)
    path("to-chuc/<int:org_id>/", views.award_list, name="list"),
    path("to-chuc/<int:org_id>/them/", views.award_create, name="create"),
    path("<int:pk>/sua/", views.award_edit, name="edit"),
    # proposals that flow from ratings
    path("to-chuc/<int:org_id>/de-nghi/", views.proposal_list, name="proposals"),
    path("to-chuc/<int:org_id>/de-nghi/them/", views.proposal_create, name="proposal_create"),
    path("de-nghi/<int:pk>/quyet-dinh/", views.proposal_award, name="proposal_award"),
    # Party badges (issue 9, item 7)
    path("to-chuc/<int:org_id>/huy-hieu/", views.badges_upcoming, name="badges"),
    path("to-chuc/<int:org_id>/huy-hieu/da-trao/", views.badge_register, name="badge_register"),
    path("huy-hieu/dang-vien/<int:member_id>/", views.badge_create, name="badge_create"),
]
