"""Issue 7, defects 6, 11 (the page), 12 and 14: what the shared pagination counts, a locked
database, the error pages with DEBUG off, oversized searches and pages, and the API docs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousOperation
from django.db.utils import OperationalError
from django.test import Client, RequestFactory
from django.urls import include, path

from dangbo import urls as root_urls
from dangbo.targets.models import Resolution, Task
from tests.factories import MemberFactory, org

# The project's URLs plus views that fail on purpose (``pytest.mark.urls(__name__)``).


def _locked(request):
    raise OperationalError("database is locked")


def _other_db_error(request):
    raise OperationalError("no such table: nowhere")


def _boom(request):
    raise RuntimeError("boom")


def _suspicious(request):
    raise SuspiciousOperation("bad input")


urlpatterns = [
    path("__test__/locked/", _locked),
    path("__test__/db-error/", _other_db_error),
    path("__test__/boom/", _boom),
    path("__test__/suspicious/", _suspicious),
    path("", include(root_urls)),
]
handler400 = getattr(root_urls, "handler400", "django.views.defaults.bad_request")
handler500 = getattr(root_urls, "handler500", "django.views.defaults.server_error")

failing_views = pytest.mark.urls(__name__)


@pytest.fixture
def prod(settings):
    """DEBUG off, as in production; the test client answers errors instead of raising them."""
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def _pagination(html: str) -> str:
    found = re.search(r'<nav class="pagination".*?</nav>', html, re.S)
    assert found, "no pagination shown"
    return found.group(0)


# ---- Defect 6: the pagination counts what the list holds ----


def test_resolution_list_counts_resolutions(client, world, plan, settings):
    settings.PAGE_SIZE = 1
    Resolution.objects.create(
        organization=world.hospital, year=2024, number="07-NQ/ĐU",
        issued_on=dt.date(2024, 1, 9), title="Nghị quyết năm 2024",
    )  # fmt: skip
    client.force_login(world.users["office"])
    nav = _pagination(client.get("/nghi-quyet/").content.decode())
    assert "2 nghị quyết" in nav
    assert "đảng viên" not in nav


def test_task_list_counts_tasks(client, world, settings):
    settings.PAGE_SIZE = 1
    for title in ("Kiện toàn chi bộ", "Học tập nghị quyết", "Sinh hoạt chuyên đề"):
        Task.objects.create(organization=world.hospital, title=title)
    client.force_login(world.users["office"])
    nav = _pagination(client.get(f"/nghi-quyet/nhiem-vu/{world.hospital.pk}/").content.decode())
    assert "3 nhiệm vụ" in nav
    assert "đảng viên" not in nav


def test_organization_tree_counts_organizations(client, world):
    for i in range(98):  # 3 in the office's scope + 98: two pages of 100
        org(f"Chi bộ {i:03d}", "cell", world.hospital)
    client.force_login(world.users["office"])
    nav = _pagination(client.get("/to-chuc/").content.decode())
    assert "101 tổ chức" in nav
    assert "đảng viên" not in nav


def test_member_lists_still_count_members(client, world, settings):
    settings.PAGE_SIZE = 1
    client.force_login(world.users["office"])
    nav = _pagination(client.get("/dang-vien/tim-kiem/", {"q": "a"}).content.decode())
    assert re.search(r"\d+ đảng viên", nav)
    nav = _pagination(client.get(f"/to-chuc/{world.cell_a.pk}/").content.decode())
    assert "3 đảng viên" in nav


def test_every_include_of_the_pagination_names_its_count():
    src = Path(__file__).resolve().parents[2] / "src" / "dangbo"
    sites = []
    for template in src.rglob("templates/**/*.html"):
        for line in template.read_text(encoding="utf-8").splitlines():
            if '{% include "core/pagination.html"' in line:
                sites.append((template.name, line))
    assert len(sites) >= 6
    for name, line in sites:
        assert "with total=" in line, f"{name}: the pagination needs its own count label"


# ---- Defect 11: a locked database is a Vietnamese "busy" page, not an English 500 ----


@failing_views
def test_locked_database_answers_503_in_vietnamese(prod, world):
    response = prod.get("/__test__/locked/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Hệ thống đang bận" in html
    assert "thử lại sau ít phút" in html
    assert '<html lang="vi">' in html
    assert int(response["Retry-After"]) > 0


@failing_views
def test_locked_database_page_also_with_debug_on(settings, world):
    settings.DEBUG = True
    response = Client(raise_request_exception=False).get("/__test__/locked/")
    assert response.status_code == 503
    assert "Hệ thống đang bận" in response.content.decode()


@failing_views
def test_other_database_errors_stay_500(prod, world):
    response = prod.get("/__test__/db-error/")
    assert response.status_code == 500
    assert "Hệ thống đang bận" not in response.content.decode()


def test_lock_raised_outside_a_view_is_still_the_busy_page(db):
    """A lock met by a middleware (say the session save) reaches ``handler500``."""
    from django.urls import get_resolver

    handler = get_resolver().resolve_error_handler(500)
    request = RequestFactory().get("/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = handler(request)
    assert response.status_code == 503
    assert "Hệ thống đang bận" in response.content.decode()


# ---- Defect 12: error pages in Vietnamese with DEBUG off; no 500 from input size ----


@failing_views
def test_server_error_page_is_vietnamese(prod, world):
    response = prod.get("/__test__/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Đã có lỗi" in html
    assert "Server Error" not in html


@failing_views
def test_bad_request_page_is_vietnamese(prod, world):
    for response in (prod.get("/__test__/suspicious/"), prod.get("/", HTTP_HOST="evil.example")):
        assert response.status_code == 400
        html = response.content.decode()
        assert "Yêu cầu không hợp lệ" in html
        assert "Bad Request" not in html


def test_csrf_failure_page_is_vietnamese(settings, world):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["office"])
    response = client.post("/tai-khoan/dang-xuat/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in html
    assert "CSRF verification failed" not in html
    assert "Forbidden" not in html
    assert '<html lang="vi">' in html


def test_method_not_allowed_page_is_vietnamese(prod, world):
    prod.force_login(world.users["office"])
    member = world.a_members[0]
    for url in ("/tai-khoan/dang-xuat/", f"/dang-vien/{member.pk}/hien/card_number/"):
        response = prod.get(url)
        assert response.status_code == 405
        assert "POST" in response["Allow"]
        html = response.content.decode()
        assert "Thao tác này không dùng được theo cách vừa gửi" in html
        assert '<html lang="vi">' in html


def test_api_method_not_allowed_is_left_to_the_api(prod, world):
    prod.force_login(world.users["office"])
    response = prod.delete("/api/members?q=a")
    assert response.status_code == 405
    assert b"<html" not in response.content


LONG_QUERY = " ".join(["nguyen"] * 1000)
DIGITS_QUERY = " ".join(["1"] * 1000)


@pytest.mark.parametrize("q", [LONG_QUERY, DIGITS_QUERY, "x" * 50_000])
def test_a_search_of_a_thousand_words_is_capped(prod, world, q):
    prod.force_login(world.users["office"])
    response = prod.get("/dang-vien/tim-kiem/", {"q": q})
    assert response.status_code == 200
    assert prod.get(f"/to-chuc/{world.cell_a.pk}/", {"q": q}).status_code == 200
    assert prod.get("/api/members", {"q": q}).status_code == 200
    url = f"/api/organizations/{world.cell_a.pk}/members"
    assert prod.get(url, {"q": q}).status_code == 200


def test_a_capped_search_still_finds(client, world):
    client.force_login(world.users["office"])
    q = "dao thien tien " + " ".join(["tien"] * 500)
    html = client.get("/dang-vien/tim-kiem/", {"q": q}).content.decode()
    assert "Đào Thiện Tiến" in html


HUGE = str(10**30)


@pytest.mark.parametrize("page", [HUGE, "-" + HUGE, "abc", "1e400", "9" * 5000, ""])
def test_any_page_number_is_clamped_on_pages(prod, world, settings, page):
    settings.PAGE_SIZE = 1
    prod.force_login(world.users["office"])
    for url in (
        "/to-chuc/",
        f"/to-chuc/{world.cell_a.pk}/",
        "/dang-vien/tim-kiem/?q=a",
        "/dang-vien/het-han-du-bi/",
        "/nghi-quyet/",
        f"/nghi-quyet/nhiem-vu/{world.hospital.pk}/",
    ):
        sep = "&" if "?" in url else "?"
        response = prod.get(f"{url}{sep}page={page}")
        assert response.status_code == 200, url


def test_a_huge_page_is_the_last_page(client, world, settings):
    settings.PAGE_SIZE = 1
    client.force_login(world.users["office"])
    html = client.get(f"/to-chuc/{world.cell_a.pk}/", {"page": HUGE}).content.decode()
    assert "Trang 3/3" in html


@pytest.mark.parametrize("page", [HUGE, str(2**63)])
def test_any_page_number_is_clamped_in_the_api(prod, world, page):
    prod.force_login(world.users["office"])
    response = prod.get("/api/organizations", {"page": page})
    assert response.status_code == 200
    assert response.json()["items"] == []
    for url in ("/api/members", f"/api/organizations/{world.cell_a.pk}/members"):
        response = prod.get(url, {"q": "a", "page": page})
        assert response.status_code == 200, url
        assert response.json()["items"] == []
        assert response.json()["count"] > 0


def test_page_number_helper():
    from dangbo.core.pagination import MAX_PAGE, page_number

    assert page_number(None) == 1
    assert page_number("") == 1
    assert page_number("abc") == 1
    assert page_number("1e400") == 1
    assert page_number("-5") == 1
    assert page_number(" 3 ") == 3
    assert page_number(HUGE) == MAX_PAGE
    assert page_number("9" * 5000) == MAX_PAGE


# ---- Defect 14: /api/docs works offline under the CSP, for logged-in users only ----


def test_api_docs_require_login(client, world):
    for url in ("/api/docs", "/api/openapi.json"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_api_docs_use_only_local_assets(client, world):
    MemberFactory(full_name="Ngô Văn Sáu", organization=world.cell_a)
    client.force_login(world.users["office"])
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "https://" not in html and "http://" not in html
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert client.get(asset).status_code == 200, asset
    # Under the nonce CSP: no inline script runs, only JSON data blocks and local files.
    for attrs in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    csp = response["Content-Security-Policy"]
    assert "cdn" not in csp and "jsdelivr" not in csp
    assert "script-src 'self'" in csp
