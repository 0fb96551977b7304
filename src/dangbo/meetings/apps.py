from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangbo.meetings"
    label = "meetings"
