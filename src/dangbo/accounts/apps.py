from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangbo.accounts"
    label = "accounts"

    def ready(self) -> None:
        from dangbo.accounts import permissions  # noqa: F401  (registers the rules)
