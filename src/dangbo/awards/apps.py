from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "dangbo.awards"
    label = "awards"
