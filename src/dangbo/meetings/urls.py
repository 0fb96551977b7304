from django.urls import path

from dangbo.meetings import calendar_views, cancel_views, views
from dangbo.meetings import documents_views as dv
from dangbo.meetings import items_views as iv
from dangbo.meetings import minutes_views as mv

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("to-chuc/<int:org_id>/", views.meeting_list, name="list"),
    path("to-chuc/<int:org_id>/them/", views.meeting_create, name="create"),
    path("to-chuc/<int:org_id>/sinh-hoat-chi-bo/", views.compliance, name="compliance"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/sua/", views.meeting_edit, name="edit"),
    path("<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("<int:pk>/noi-dung/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/khach-moi/", views.guest_add, name="guest_add"),
    path("<int:pk>/phat-bieu/", views.speech_add, name="speech_add"),
    path("<int:pk>/bieu-quyet/", views.vote_add, name="vote_add"),
    path("<int:pk>/ket-luan/", views.conclusion_add, name="conclusion_add"),
    path("<int:pk>/da-hop/", views.mark_held, name="mark_held"),
    # edit / delete what was added (issue 8, item 4); delete is POST only
    path("<int:pk>/noi-dung/<int:item_id>/sua/", iv.agenda_edit, name="agenda_edit"),
    path("<int:pk>/noi-dung/<int:item_id>/xoa/", iv.agenda_delete, name="agenda_delete"),
    path("<int:pk>/khach-moi/<int:item_id>/sua/", iv.guest_edit, name="guest_edit"),
    path("<int:pk>/khach-moi/<int:item_id>/xoa/", iv.guest_delete, name="guest_delete"),
    path("<int:pk>/phat-bieu/<int:item_id>/sua/", iv.speech_edit, name="speech_edit"),
    path("<int:pk>/phat-bieu/<int:item_id>/xoa/", iv.speech_delete, name="speech_delete"),
    path("<int:pk>/bieu-quyet/<int:item_id>/sua/", iv.vote_edit, name="vote_edit"),
    path("<int:pk>/bieu-quyet/<int:item_id>/xoa/", iv.vote_delete, name="vote_delete"),
    path("<int:pk>/ket-luan/<int:item_id>/sua/", iv.conclusion_edit, name="conclusion_edit"),
    path("<int:pk>/ket-luan/<int:item_id>/xoa/", iv.conclusion_delete, name="conclusion_delete"),
    path("<int:pk>/huy/", cancel_views.meeting_cancel, name="cancel"),
    # the minutes (issue 8, item 5): versions, a draft, approval, the outputs
    path("<int:pk>/bien-ban/", mv.minutes_list, name="minutes"),
    path("<int:pk>/bien-ban/lap/", mv.minutes_create, name="minutes_create"),
    path("<int:pk>/bien-ban/<int:number>/", mv.minutes_print, name="minutes_print"),
    path("<int:pk>/bien-ban/<int:number>/sua/", mv.minutes_edit, name="minutes_edit"),
    path("<int:pk>/bien-ban/<int:number>/tao-lai/", mv.minutes_regenerate, name="minutes_redo"),
    path("<int:pk>/bien-ban/<int:number>/duyet/", mv.minutes_approve, name="minutes_approve"),
    path("<int:pk>/bien-ban/<int:number>/tai-ve.docx", mv.minutes_docx, name="minutes_docx"),
    path("<int:pk>/bien-ban/<int:number>/tai-ve.pdf", mv.minutes_pdf, name="minutes_pdf"),
    # the calendar (issue 8, item 6); a feed is read by calendar apps through its secret token
    path("to-chuc/<int:org_id>/lich/", calendar_views.org_calendar, name="calendar"),
    path("<int:pk>/lich.ics", calendar_views.meeting_ics, name="meeting_ics"),
    path("lich-cua-toi/", calendar_views.calendar_feeds, name="calendar_feeds"),
    path("lich/<str:token>.ics", calendar_views.user_feed, name="feed_user"),
    path("lich/<str:token>/to-chuc/<int:org_id>.ics", calendar_views.org_feed, name="feed_org"),
    # documents (issue 8, items 1 and 7): published to the invitees, served only through a view
    path("<int:pk>/tai-lieu/them/", dv.document_add, name="document_add"),
    path("<int:pk>/tai-lieu/<int:doc_id>/dang/", dv.document_publish, name="document_publish"),
    path("<int:pk>/tai-lieu/<int:doc_id>/xoa/", dv.document_remove, name="document_remove"),
    path("<int:pk>/tai-lieu/<int:doc_id>/", dv.document_download, name="document_download"),
]
