from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dangbo.dashboard"
    label = "dashboard"
