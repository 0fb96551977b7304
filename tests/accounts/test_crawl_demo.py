"""Crawl the demo as every demo role (issue 7, "Done when"): from the home page, follow every
same-site link breadth-first; each must answer 200 (or redirect to a page that answers 200) to
the role that sees it, and a read-only role (the superior's reader ``captren.*``, the
communications team ``truyenthong.*``) must never be shown a form that writes.

The demo is loaded once per module (and rolled back at its end). Pages are deduplicated by
pattern: numeric ids in the path become ``<n>``, and a pattern (with the names of its query
parameters) is visited at most ``PER_PATTERN`` times, ``MAX_PAGES`` pages a role at most.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from dangbo.demo import data
from tests.responses import close_response

pytestmark = pytest.mark.django_db

MAX_PAGES = 60
PER_PATTERN = 3
MAX_REDIRECTS = 5
SKIPPED = ("/i18n/", "/quan-tri/", "/api/", "/static/")
READ_ONLY_PREFIXES = ("captren.", "truyenthong.")
# Issue 10 item 5: the communications team writes the hospital's news (and nothing else).
OWN_WRITES = {"truyenthong.": "/tin-tuc/bien-tap/"}
WRITE_ATTRIBUTES = ("hx-post", "hx-put", "hx-patch", "hx-delete")

# Links the crawl finds broken today: (username, path) → the reason. They are left out of the
# crawl and each is requested alone below as a strict xfail.
KNOWN_BROKEN: dict[tuple[str, str], str] = {}


def allowed_post_actions() -> set[str]:
    """The forms that POST and write nothing of the Party's: log out, switch the language, and
    the user's own secret calendar address (issue 8 item 6: a read-only superior may follow
    her subtree's meetings in her phone's calendar), and the consistency check of a pasted text
    (issue 10 item 4: a superior checks a subordinate's report; the text is too long for a GET
    and nothing is stored — tests/reports/test_check_views.py). (Search forms are GET forms.)"""
    return {
        reverse("logout"),
        reverse("set_language"),
        reverse("meetings:calendar_feeds"),
        reverse("reports:check"),
    }


class Page(HTMLParser):
    """Links (``<a href>``) and writing forms / htmx writes of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.writes: list[tuple[str, str | None]] = []  # (what, action URL; None: this page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self.writes.append(("<form method=post>", a.get("action") or None))
        for attr in WRITE_ATTRIBUTES:
            if a.get(attr):
                self.writes.append((f"<{tag} {attr}>", a[attr]))


def pattern_of(url: str) -> str:
    """``/dang-vien/123/?page=2&q=x`` → ``/dang-vien/<n>/?page&q``."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$|\.)", "/<n>", parts.path)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def same_site(base: str, href: str) -> str | None:
    """The local URL (path and query) of a link, or None for what the crawl skips."""
    href = href.strip()
    if href.startswith(("mailto:", "tel:", "javascript:", "data:")) or href.startswith("#"):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, urldefrag(href)[0]))
    if parts.netloc != "testserver" or parts.scheme not in ("http", "https"):
        return None
    url = parts.path + ("?" + parts.query if parts.query else "")
    if parts.path.startswith(SKIPPED) or parts.path.endswith(".xlsx"):
        return None
    if parts.path == reverse("logout"):
        return None
    return url


def fetch(client: Client, url: str) -> tuple[int, str, Any]:
    """Follow redirects (same site): the final status, URL and response."""
    response = client.get(url)
    for _ in range(MAX_REDIRECTS):
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        target = urlsplit(urljoin("http://testserver" + url, response["Location"]))
        if target.netloc != "testserver":
            break
        url = target.path + ("?" + target.query if target.query else "")
        close_response(response)
        response = client.get(url)
    return response.status_code, url, response


@dataclass
class Crawl:
    findings: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    write_forms: int = 0  # forms that write, seen by a role that may write (a check of the check)


def crawl(client: Client, username: str) -> Crawl:
    """Breadth-first from "/"."""
    read_only = username.startswith(READ_ONLY_PREFIXES)
    allowed = allowed_post_actions()
    result = Crawl()
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    seen: set[str] = {"/"}
    per_pattern: dict[str, int] = {}
    while queue and len(result.visited) < MAX_PAGES:
        url, referrer = queue.popleft()
        result.visited.append(url)
        if (username, urlsplit(url).path) in KNOWN_BROKEN:
            continue
        status, final, response = fetch(client, url)
        if status != 200:
            where = f" (redirected to {final})" if final != url else ""
            error = getattr(response, "exc_info", None)
            error = f": {error[0].__name__}: {error[1]}" if error else ""
            result.findings.append(f"{url} answers {status}{where}{error}; linked from {referrer}")
            close_response(response)
            continue
        content_type = response.get("Content-Type", "")
        if getattr(response, "streaming", False) or "text/html" not in content_type:
            close_response(response)
            continue
        page = Page()
        page.feed(response.content.decode())
        for what, action in page.writes:
            action_path = urlsplit(urljoin("http://testserver" + final, action or final)).path
            if action_path in allowed:
                continue
            own = [p for u, p in OWN_WRITES.items() if username.startswith(u)]
            if read_only and own and action_path.startswith(own[0]):
                result.write_forms += 1
            elif read_only:
                result.findings.append(f"{final} shows a write: {what} to {action_path}")
            else:
                result.write_forms += 1
        for href in page.links:
            link = same_site(final, href)
            if link is None or link in seen:
                continue
            seen.add(link)
            key = pattern_of(link)
            if per_pattern.get(key, 0) >= PER_PATTERN:
                continue
            per_pattern[key] = per_pattern.get(key, 0) + 1
            queue.append((link, final))
    return result


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", quiet=True)
        yield
        transaction.set_rollback(True)


def _client(username: str) -> Client:
    """Logged in through the login page, as a user would (django-axes wants the request)."""
    client = Client(raise_request_exception=False)
    response = client.post(reverse("login"), {"username": username, "password": data.DEMO_PASSWORD})
    assert response.status_code == 302, (username, response.status_code)
    return client


@pytest.mark.parametrize("username", data.demo_usernames())
def test_every_reachable_page_answers_and_read_only_roles_see_no_write_form(demo, username):
    result = crawl(_client(username), username)
    assert not result.findings, f"{username}:\n" + "\n".join(result.findings)
    # The crawl went somewhere: the menu of each role (the communications team lands on its
    # news posts, issue 10), and the write detector sees the office's and the newsroom's forms.
    least = {"admin": 40, "vanphong": 40, "captren": 15, "bithu": 10, "dangvien": 3}
    assert len(result.visited) >= least.get(username.split(".")[0], 1), result.visited
    if username.startswith(("admin", "vanphong.", "bithu.", "truyenthong.")):
        assert result.write_forms > 0


@pytest.mark.parametrize(
    "username,path",
    [
        pytest.param(user, path, marks=pytest.mark.xfail(strict=True, reason=reason))
        for (user, path), reason in sorted(KNOWN_BROKEN.items())
    ]
    or [pytest.param("-", "-", marks=pytest.mark.skip(reason="no known broken link"))],
)
def test_known_broken_link(demo, username, path):
    status, _final, _response = fetch(_client(username), path)
    assert status == 200
