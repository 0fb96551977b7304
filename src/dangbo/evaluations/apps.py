from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "dangbo.evaluations"
    label = "evaluations"
