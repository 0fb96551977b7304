from django.apps import AppConfig
from django.db.models.signals import post_migrate


def analyze(using: str = "default", **kwargs: object) -> None:
    """Refresh SQLite's planner statistics (PostgreSQL's autovacuum does this by itself)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class CoreConfig(AppConfig):
    name = "dangbo.core"
    label = "core"

    def ready(self) -> None:
        post_migrate.connect(analyze, sender=self, dispatch_uid="dangbo-analyze")
