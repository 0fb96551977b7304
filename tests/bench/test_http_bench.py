"""The `make bench` HTTP stage without load (issue 7, Done-when: every page against the bare
page and against Django admin's changelist of the same 50 members, in the same run).

A small generated world; each page the benchmark would load is requested once in-process as
the user the benchmark would send, and must show what the benchmark checks — so a renamed URL,
a changed page or a broken bench account fails here, not after minutes of `make bench`. No
timing is asserted."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from bench import common, http_bench
from bench.generate import ADMIN_USER, MEMBER_USER, SECRETARY_USER, generate
from dangbo.accounts.models import Role
from dangbo.accounts.scope import scope_for
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.targets.models import Resolution, SubTarget

pytestmark = pytest.mark.django_db

PAGES = {
    "bare", "admin", "cell", "search", "list", "hospital", "tree", "res-list", "res", "target",
    "dashboard", "my-targets", "home-office", "home-superior", "home-secretary", "home-member",
}  # fmt: skip


@pytest.fixture
def world():
    return generate(6, 500, seed=5)  # three cells of ~170 members: one has ≥ 100 active


def _get(path: str, username: str):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client.get(path)


def test_every_page_answers_its_user_with_what_the_bench_checks(world):
    targets = http_bench.pick_targets()
    assert {t["name"] for t in targets} == PAGES
    assert targets[0]["name"] == http_bench.BARE
    for t in targets:
        response = _get(t["path"], t["user"])
        http_bench.check_page(t, response.status_code, response.content, "", common.BENCH_VAR)


def test_the_admin_changelist_shows_the_cell_pages_50_members_in_the_same_order(world):
    by_name = {t["name"]: t for t in http_bench.pick_targets()}
    admin, cell = by_name["admin"], by_name["cell"]
    assert admin["markers"] == cell["markers"] and len(cell["markers"]) == 50
    assert get_user_model().objects.get(username=admin["user"]).is_superuser
    pages = {name: _get(by_name[name]["path"], by_name[name]["user"]) for name in ("admin", "cell")}
    for name, response in pages.items():
        text = response.content.decode()
        at = 0
        for n in cell["markers"]:  # all 50, one after the other: Vietnamese name order
            at = text.find(f">{n}<", at)
            assert at != -1, (name, n)
    # the 51st member is on neither page (both pages hold 50)
    org_id = int(re.search(r"organization=(\d+)", admin["path"]).group(1))
    active = Member.objects.filter(organization_id=org_id, status__in=ACTIVE_STATUSES)
    fifty_first = active.order_by("sort_key", "id")[50]
    for response in pages.values():
        assert f">{fifty_first.full_name}<" not in response.content.decode() or (
            fifty_first.full_name in cell["markers"]  # a namesake among the first 50
        )


def test_generate_adds_the_role_users_and_a_resolution(world):
    users = get_user_model().objects
    assert users.get(username=ADMIN_USER).is_staff
    secretary = Role.objects.get(user__username=SECRETARY_USER, kind="cell_secretary")
    assert secretary.member.organization == secretary.organization
    member = Role.objects.get(user__username=MEMBER_USER, kind="member").member
    assert scope_for(users.get(username=MEMBER_USER)).own_member_ids == (member.pk,)
    resolution = Resolution.objects.get()
    assert world.targets == resolution.targets.count() == 3
    assert SubTarget.objects.filter(organization=secretary.organization).exists()


def test_ratios_to_the_bare_page_and_to_the_admin_changelist():
    def row(name: str, rps: float) -> dict[str, object]:
        return {"name": name, "path": f"/{name}", "rps": rps}

    targets = [row("bare", 1000.0), row("admin", 100.0), row("cell", 400.0), row("home", 50.0)]
    result = http_bench.summarize(targets, load={"tool": "python"})
    ratios = {t["name"]: (t["ratio_vs_bare"], t["ratio_vs_admin"]) for t in result["urls"]}
    assert ratios == {
        "bare": (1.0, 10.0), "admin": (0.1, 1.0), "cell": (0.4, 4.0), "home": (0.05, 0.5),
    }  # fmt: skip
    assert result["peer"] == {"name": "admin", "path": "/admin", "rps": 100.0}
    assert result["goal"]["cell_vs_admin"] == 4.0 and result["goal"]["met"] is False
    zero = http_bench.summarize([row("bare", 0.0), row("admin", 0.0), row("cell", 0.0)], load={})
    assert all(t["ratio_vs_bare"] != t["ratio_vs_bare"] for t in zero["urls"])  # NaN, no error


def test_results_are_strict_json(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "RESULTS_DIR", tmp_path)
    data = {"http": {"urls": [{"name": "cell", "ratio_vs_admin": float("nan")}]}}
    path = http_bench.write_json(data, "20260101-000000")
    assert path.parent == tmp_path
    loaded = json.loads(path.read_text())
    assert loaded["http"]["urls"][0]["ratio_vs_admin"] is None


def test_a_page_missing_a_member_fails_the_check():
    t = {"name": "admin", "path": "/x", "user": "u", "marker": "A", "markers": ["A", "B"]}
    http_bench.check_page(t, 200, b"<td>A</td><td>B</td>", "", common.BENCH_VAR)
    with pytest.raises(http_bench.BenchError, match="'B'"):
        http_bench.check_page(t, 200, b"<td>A</td>", "", common.BENCH_VAR)
    with pytest.raises(http_bench.BenchError, match="302"):
        http_bench.check_page(t, 302, b"", "/login", common.BENCH_VAR)
