"""Issue 7, item 7: settings for a real deployment — `check --deploy` is clean with production
settings, HTTPS behind the hospital's proxy, the data folder does not follow the current
directory."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import dangbo

CHECKOUT = Path(dangbo.__file__).resolve().parent.parent.parent


def _run(code: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    skip = ("DANGBO", "DEBUG", "DJANGO_", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS")
    base = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    return subprocess.run(
        [sys.executable, "-c", code], env={**base, **env}, cwd=cwd, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "dangbo.benhvien.local",
    "DANGBO_HTTPS": "1",
    "DEBUG": "0",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='dangbo.settings'; "
        "django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = _run(code, {**PRODUCTION, "DANGBO_VAR": str(tmp_path)}, CHECKOUT)
    assert result.returncode == 0, result.stderr[-2000:]


def test_https_behind_the_proxy_redirects_and_sends_hsts(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='dangbo.settings'; "
        "django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    out = _run(code, {**PRODUCTION, "DANGBO_VAR": str(tmp_path)}, CHECKOUT).stdout
    assert out.split() == ["('HTTP_X_FORWARDED_PROTO',", "'https')", "True", "31536000", "True",
                           "True"]  # fmt: skip


def test_the_sqlite_file_does_not_follow_the_current_directory(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='dangbo.settings'; "
        "django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['NAME'])"
    )
    out = _run(code, {"DEBUG": "1"}, tmp_path).stdout.strip()
    assert out == str(CHECKOUT / "var" / "dangbo.sqlite3")
