from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "dangbo.news"
    verbose_name = "Tin tức"
    default_auto_field = "django.db.models.BigAutoField"
