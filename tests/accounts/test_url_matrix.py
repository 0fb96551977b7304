"""The role × URL × method matrix, generated from the URL patterns and the API schema (issue 7,
item 1): every named URL pattern of the project (GET and POST) and every operation of the
ninja API must have a MATRIX row, so a new URL without a row fails the suite.

Each row builds its URL from the ``world`` / ``plan`` fixtures, always on objects of the
hospital of ``office`` (cell A where a cell is needed), and states the status each role gets:
404 outside the scope, 403 for read-only roles, never 500. A POST with an empty or minimal body
is enough: an allowed role gets the form back with its errors (200) or a redirect (302).
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter, methodcaller
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.responses import close_response

ROLES = ["admin", "office", "secretary", "member", "reader", "communications", "other_office"]
COLUMNS = [*ROLES, "anonymous"]

SKIPPED_PREFIXES = ("quan-tri/", "i18n/", "healthz")  # Django admin, set_language, bare page
API_PREFIX = "api/"


# ---- discovery --------------------------------------------------------------------------------
def _walk(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, str | None]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace, p.name


def _api_schema_paths() -> dict[str, list[str]]:
    from dangbo.api.urls import api

    return {
        path: sorted(m.upper() for m in ops)
        for path, ops in api.get_openapi_schema()["paths"].items()
    }


def _as_schema_path(route: str) -> str:
    """``api/organizations/<org_id>/members`` → ``/api/organizations/{org_id}/members``."""
    parts = []
    for part in route.split("/"):
        if part.startswith("<") and part.endswith(">"):
            part = "{" + part[1:-1].split(":")[-1] + "}"
        parts.append(part)
    return "/" + "/".join(parts)


def discovered_patterns() -> tuple[set[str], list[str]]:
    """Named patterns (``namespace:name``) outside the skipped prefixes, except the API
    operations (covered through the schema); and the routes that have no name at all."""
    schema = _api_schema_paths()
    names: set[str] = set()
    unnamed: list[str] = []
    for route, namespace, name in _walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if route.startswith(API_PREFIX) and _as_schema_path(route) in schema:
            continue
        if not name:
            unnamed.append(route)
            continue
        names.add(f"{namespace}:{name}" if namespace else name)
    return names, unnamed


def discovered_keys() -> set[str]:
    names, _unnamed = discovered_patterns()
    keys = {f"{name} {method}" for name in names for method in ("GET", "POST")}
    keys |= {
        f"API {method} {path}"
        for path, methods in _api_schema_paths().items()
        for method in methods
    }
    return keys


# ---- URL builders -----------------------------------------------------------------------------
@dataclass
class Req:
    url: str
    data: dict[str, Any] | None = None
    json: bool = False


@dataclass
class Ctx:
    world: Any
    plan: Any
    _made: dict[str, Any] = field(default_factory=dict)

    @property
    def a1(self) -> Any:  # a colleague of ``member`` in cell A
        return self.world.a_members[1]

    def evidence(self) -> Any:
        """An entry of cell A's share of ``beds`` with an evidence file."""
        from dangbo.targets.models import Entry

        if "entry" not in self._made:
            entry = Entry(
                target=self.plan.beds,
                checkpoint=self.plan.midyear,
                organization=self.world.cell_a,
                value=Decimal(250),
                recorded_by=self.world.users["secretary"],
            )
            entry.attachment.save("bien-ban.pdf", ContentFile(b"%PDF-1.4 minh chung"), save=False)
            entry.save()
            self._made["entry"] = entry
        return self._made["entry"]

    def task(self) -> Any:
        """A task the hospital gave cell A."""
        from dangbo.targets.models import Task

        if "task" not in self._made:
            self._made["task"] = Task.objects.create(
                organization=self.world.hospital,
                resolution=self.plan.resolution,
                title="Rà soát hồ sơ đảng viên",
                responsible_organization=self.world.cell_a,
                deadline=dt.date(2023, 12, 1),
            )
        return self._made["task"]

    def meeting(self) -> Any:
        """A monthly meeting of cell A; ``member`` (a member of cell A) is invited."""
        from tests.meetings.factories import cell_meeting

        if "meeting" not in self._made:
            self._made["meeting"] = cell_meeting(self.world)
        return self._made["meeting"]

    def minutes(self) -> Any:
        """Cell A's meeting, held, with a draft of its minutes (version 1)."""
        from dangbo.meetings import minutes_services, services

        if "minutes" not in self._made:
            meeting, actor = self.meeting(), self.world.users["secretary"]
            services.attendance_record(actor=actor, meeting_id=meeting.pk,
                                       version=meeting.version, rows={})  # fmt: skip
            meeting.refresh_from_db()
            services.meeting_mark_held(actor=actor, meeting_id=meeting.pk,
                                       version=meeting.version)  # fmt: skip
            self._made["minutes"] = minutes_services.minutes_create(
                actor=actor, meeting_id=meeting.pk
            )
        return self._made["minutes"]


def u(name: str, *args: Callable[[Ctx], Any] | str, query: str = "") -> Callable[[Ctx], Req]:
    """A builder: reverse ``name`` with the pks of the objects picked from the context (a
    string is passed as it is)."""

    def build(c: Ctx) -> Req:
        values = [a if isinstance(a, str) else a(c) for a in args]
        url = reverse(name, args=[getattr(v, "pk", v) for v in values])
        return Req(url + query.format(cell_a=c.world.cell_a.pk))

    return build


def api(path: str, data: Callable[[Ctx], dict[str, Any]] | None = None) -> Callable[[Ctx], Req]:
    def build(c: Ctx) -> Req:
        w, p = c.world, c.plan
        url = path.format(
            cell_a=w.cell_a.pk, a1=c.a1.pk, res=p.resolution.pk, beds=p.beds.pk,
            meeting=c.meeting().pk if "{meeting}" in path else 0,
        )  # fmt: skip
        return Req(url, data(c) if data else None, json=data is not None)

    return build


# Objects every row is built on: the office's hospital, cell A, and the plan.
HOSPITAL = attrgetter("world.hospital")
CELL_A = attrgetter("world.cell_a")
A1 = attrgetter("a1")
RES = attrgetter("plan.resolution")
BEDS = attrgetter("plan.beds")  # rolled up from cells A and B
MIDYEAR = attrgetter("plan.midyear")
ENTRY = methodcaller("evidence")
TASK = methodcaller("task")
MEETING = methodcaller("meeting")
MINUTES = methodcaller("minutes")  # a draft


def campaign(c: Ctx) -> Any:
    """Issue 9: the hospital's 2023 rating campaign, opened by its office."""
    from dangbo.evaluations import services

    if "campaign" not in c._made:
        c._made["campaign"] = services.campaign_open(
            actor=c.world.users["office"], organization=c.world.hospital, year=2023
        )
    return c._made["campaign"]


def own_rating(c: Ctx) -> Any:
    """The rating of ``member`` (her self-assessment) in the campaign."""
    return campaign(c).ratings.get(member=c.world.a_members[0])


def decided_rating(c: Ctx) -> Any:
    """A1's rating, decided (as after finalizing): the superior may re-rate it."""
    rating = campaign(c).ratings.get(member=c.a1)
    type(rating).objects.filter(pk=rating.pk).update(decided_level="httnv")
    return rating


def evaluations_api(
    path: str, data: Callable[[Ctx], dict[str, Any]] | None = None
) -> Callable[[Ctx], Req]:
    """An evaluations API path (issue 9, item 10): ``{campaign}`` the hospital's campaign,
    ``{rating}`` A1's rating in it, ``{hospital}`` the hospital."""

    def build(c: Ctx) -> Req:
        row = campaign(c)
        rating = row.ratings.get(member=c.a1) if "{rating}" in path else None
        url = path.format(campaign=row.pk, rating=getattr(rating, "pk", 0),
                          hospital=c.world.hospital.pk)  # fmt: skip
        return Req(url, data(c) if data else None, json=data is not None)

    return build


def minutes_meeting(c: Ctx) -> Any:
    """The meeting of the draft minutes (held)."""
    return c.minutes().meeting


def minutes_url(name: str) -> Callable[[Ctx], Req]:
    """A URL of version ``number`` of the minutes of cell A's held meeting."""

    def build(c: Ctx) -> Req:
        row = c.minutes()
        return Req(reverse(name, args=[row.meeting_id, row.number]))

    return build


def minutes_api(
    path: str, data: Callable[[Ctx], dict[str, Any]] | None = None
) -> Callable[[Ctx], Req]:
    """An API path on the draft minutes: ``{meeting}`` its held meeting, ``{number}`` it."""

    def build(c: Ctx) -> Req:
        row = c.minutes()
        url = path.format(meeting=row.meeting_id, number=row.number)
        return Req(url, data(c) if data else None, json=data is not None)

    return build


def document_url(name: str) -> Callable[[Ctx], Req]:
    """A URL of an unpublished document of cell A's meeting (issue 8, items 1 and 7): the
    invited member may not download it yet (404), like any non-manager."""

    def build(c: Ctx) -> Req:
        from dangbo.meetings.models import MeetingDocument

        if "document" not in c._made:
            doc = MeetingDocument(meeting=c.meeting(), title="Nghị quyết số 57-NQ/TW")
            doc.file.save("nq-57.pdf", ContentFile(b"%PDF-1.4 tai lieu"), save=False)
            doc.save()
            c._made["document"] = doc
        doc = c._made["document"]
        return Req(reverse(name, args=[doc.meeting_id, doc.pk]))

    return build


def item_url(name: str) -> Callable[[Ctx], Req]:
    """A URL of one row of cell A's meeting (issue 8 item 4: edit / delete an agenda item, a
    guest, a speech, a vote, a conclusion), ``name`` being ``meetings:<kind>_<edit|delete>``."""

    def build(c: Ctx) -> Req:
        from dangbo.meetings.models import AgendaItem, Conclusion, Guest, Speech, Vote

        kind = name.split(":")[1].rsplit("_", 1)[0]
        key = f"item-{kind}"
        if key not in c._made:
            m = c.meeting()
            c._made[key] = {
                "agenda": lambda: AgendaItem.objects.create(meeting=m, order=1, title="Báo cáo"),
                "guest": lambda: Guest.objects.create(meeting=m, order=1, full_name="Lê Khách"),
                "speech": lambda: Speech.objects.create(meeting=m, order=1, kind="discussion",
                                                        speaker_text="Đồng chí Bình"),
                "vote": lambda: Vote.objects.create(meeting=m, order=1, matter="Thông qua",
                                                    votes_for=3),
                "conclusion": lambda: Conclusion.objects.create(meeting=m, order=1,
                                                                text="Hoàn thiện nghị quyết"),
            }[kind]()  # fmt: skip
        row = c._made[key]
        return Req(reverse(name, args=[row.meeting_id, row.pk]))

    return build


def feed_token(role: str) -> Callable[[Ctx], str]:
    """The secret of ``role``'s calendar feeds (issue 8 item 6): the URL is the credential."""

    def make(c: Ctx) -> str:
        from dangbo.meetings.calendar_views import issue_token

        return issue_token(c.world.users[role])

    return make


def awards_row(kind: str) -> Callable[[Ctx], Any]:
    """Issue 9, items 6 and 8: an award of the hospital, the hospital's proposal to be
    recognised "trong sạch, vững mạnh tiêu biểu", a discipline record of A1."""

    def make(c: Ctx) -> Any:
        from dangbo.awards.models import Award, AwardProposal
        from dangbo.members.models import Discipline

        key = f"awards-{kind}"
        if key not in c._made:
            w = c.world
            c._made[key] = {
                "award": lambda: Award.objects.create(
                    organization=w.hospital,
                    recipient_kind="organization",
                    kind="giay_khen",
                    issuer_level="district_committee",
                    year=2021,
                ),
                "proposal": lambda: AwardProposal.objects.create(
                    organization=w.hospital,
                    year=2021,
                    basis="organization_exemplary",
                    kind="giay_khen",
                    issuer_level="district_committee",
                    rating_level="htxsnv",
                ),
                "discipline": lambda: Discipline.objects.create(
                    member=c.a1,
                    kind="khien_trach",
                    decided_on=dt.date(2021, 8, 10),
                    issuer="Đảng ủy Bệnh viện",
                ),
            }[kind]()
        return c._made[key]

    return make


def generated(c: Ctx) -> Any:
    """Issue 10, items 2 and 3: a draft year-end report of the hospital (a generated
    document, not yet issued)."""
    from dangbo.reports.models import GeneratedDocument

    if "generated" not in c._made:
        c._made["generated"] = GeneratedDocument.objects.create(
            organization=c.world.hospital, kind="yearend_report", year=2023,
            title="Tổng kết công tác năm 2023", date=dt.date(2024, 1, 19),
            body="# I. KẾT QUẢ\nNội dung báo cáo.\n", type_code="BC", type_name="Báo cáo",
            superior="Đảng bộ Sở Y tế", issuer="Đảng ủy Bệnh viện Đa khoa A", issuer_code="ĐU",
            place="Hà Nội",
        )  # fmt: skip
    return c._made["generated"]


def news_row(kind: str) -> Callable[[Ctx], Any]:
    """Issue 10, item 5: a post of the hospital — a ``draft``, a ``submitted`` one, a
    ``published`` one (its slug, for the public page), a ``photo`` of the draft, a
    ``category`` (its slug)."""

    def make(c: Ctx) -> Any:
        from django.utils import timezone

        from dangbo.news.models import Category, Photo, Post

        key = f"news-{kind}"
        if key not in c._made:
            w = c.world

            def _post(status: str) -> Any:
                return Post.objects.create(
                    organization=w.hospital, title=f"Tin {status}", slug=f"tin-{status}",
                    body="Đoạn một.\n\nĐoạn hai.", status=status,
                    published_at=timezone.now() if status == "published" else None,
                )  # fmt: skip

            def _photo() -> Any:
                photo = Photo(post=make_of("draft")(c), caption="Quang cảnh hội nghị.")
                photo.image.save("anh.png", ContentFile(b"png"), save=False)
                photo.save()
                return photo

            c._made[key] = {
                "draft": lambda: _post("draft"),
                "submitted": lambda: _post("submitted"),
                "published": lambda: _post("published").slug,
                "photo": _photo,
                "category": lambda: Category.objects.create(name="Hoạt động Đảng",
                                                            slug="hoat-dong-dang").slug,
            }[kind]()  # fmt: skip
        return c._made[key]

    def make_of(other: str) -> Callable[[Ctx], Any]:
        return news_row(other)

    return make


def photo_of_draft(c: Ctx) -> Req:
    """A photo of a draft: only its newsroom and office (public once published)."""
    return Req(reverse("news:photo", args=[news_row("photo")(c).pk]))


def photo_url(name: str) -> Callable[[Ctx], Req]:
    def build(c: Ctx) -> Req:
        photo = news_row("photo")(c)
        return Req(reverse(name, args=[photo.post_id, photo.pk]))

    return build


# Common rows of statuses, in the order of COLUMNS:
#            admin office secr member reader comms other  anonymous
SUBTREE = (200, 200, 200, 404, 200, 404, 200, 302)  # pages of one's own subtree, any org
CELL_READ = (200, 200, 200, 404, 200, 404, 404, 302)  # reading cell A or its members
CELL_WRITE = (200, 200, 200, 404, 403, 404, 404, 302)  # writing in cell A
HOSP_READ = (200, 200, 404, 404, 200, 404, 404, 302)  # reading the hospital's resolution
HOSP_WRITE = (200, 200, 404, 404, 403, 404, 404, 302)  # the hospital office's work
IMPORT = (200, 200, 200, 404, 403, 404, 200, 302)  # whoever writes some organization
EVERYONE = (200, 200, 200, 200, 200, 200, 200, 302)
NOT_ALLOWED = (405, 405, 405, 405, 405, 405, 405, 302)  # method refused once logged in
MEETING_READ = (200, 200, 200, 200, 200, 404, 404, 302)  # cell A's meeting; member invited
MEETING_WRITE = (200, 200, 200, 403, 403, 404, 404, 302)  # the invited member reads only
DRAFT_READ = (200, 200, 200, 403, 200, 404, 404, 302)  # a draft: not the invited member
DRAFT_ACTION = (302, 302, 302, 403, 403, 404, 404, 302)  # POST-only actions on a draft
PUBLIC = (200, 200, 200, 200, 200, 200, 200, 200)  # issue 10: the news site, no login
PUBLIC_GET_ONLY = (405, 405, 405, 405, 405, 405, 405, 405)
NEWS_POST = (200, 200, 404, 404, 404, 200, 404, 302)  # a draft: its newsroom and office
NEWS_ACTION = (302, 302, 404, 404, 404, 302, 404, 302)  # POST-only actions on a draft
NEWS_REVIEW = (200, 200, 404, 404, 404, 403, 404, 302)  # approve: the office, never comms

MATRIX: dict[str, tuple[Callable[[Ctx], Req], tuple[int, ...]]] = {
    #                                                  admin offi secr memb read comm other anon
    "home GET": (u("home"),                            (200, 200, 200, 302, 200, 302, 200, 302)),
    "home POST": (u("home"),                           (200, 200, 200, 302, 200, 302, 200, 302)),
    "login GET": (u("login"),                          (302, 302, 302, 302, 302, 302, 302, 200)),
    "login POST": (u("login"),                         (302, 302, 302, 302, 302, 302, 302, 200)),
    "logout GET": (u("logout"),                        (405, 405, 405, 405, 405, 405, 405, 405)),
    "logout POST": (u("logout"),                       (302, 302, 302, 302, 302, 302, 302, 302)),
    "organizations:tree GET": (u("organizations:tree"), SUBTREE),
    "organizations:tree POST": (u("organizations:tree"), SUBTREE),
    "organizations:detail GET": (u("organizations:detail", CELL_A), CELL_READ),
    "organizations:detail POST": (u("organizations:detail", CELL_A), CELL_READ),
    "members:search GET": (u("members:search", query="?q=an"), SUBTREE),
    "members:search POST": (u("members:search", query="?q=an"), SUBTREE),
    "members:probation GET": (u("members:probation"), SUBTREE),
    "members:probation POST": (u("members:probation"), SUBTREE),
    "members:detail GET": (u("members:detail", A1), CELL_READ),
    "members:detail POST": (u("members:detail", A1), CELL_READ),
    "members:edit GET": (u("members:edit", A1), CELL_WRITE),
    "members:edit POST": (u("members:edit", A1), CELL_WRITE),
    "members:status GET": (u("members:status", A1), CELL_WRITE),
    "members:status POST": (u("members:status", A1), CELL_WRITE),
    "members:add GET": (u("members:add"), IMPORT),
    "members:add POST": (u("members:add"), IMPORT),
    "members:reveal GET": (u("members:reveal", A1, "card_number"), NOT_ALLOWED),
    "members:reveal POST": (u("members:reveal", A1, "card_number"), CELL_WRITE),
    "members:import GET": (u("members:import"), IMPORT),
    "members:import POST": (u("members:import"), IMPORT),
    "members:import_mapping GET": (u("members:import_mapping"), NOT_ALLOWED),
    "members:import_mapping POST": (u("members:import_mapping"),
                                                       (302, 302, 302, 404, 403, 404, 302, 302)),
    "members:import_confirm GET": (u("members:import_confirm"), NOT_ALLOWED),
    "members:import_confirm POST": (u("members:import_confirm"),
                                                       (302, 302, 302, 404, 403, 404, 302, 302)),
    "members:import_template GET": (u("members:import_template"), IMPORT),
    "members:import_template POST": (u("members:import_template"), NOT_ALLOWED),
    "members:export GET": (u("members:export", query="?org={cell_a}"), CELL_READ),
    "members:export POST": (u("members:export", query="?org={cell_a}"), NOT_ALLOWED),
    "targets:list GET": (u("targets:list"), SUBTREE),
    "targets:list POST": (u("targets:list"), SUBTREE),
    "targets:mine GET": (u("targets:mine"), EVERYONE),
    "targets:mine POST": (u("targets:mine"), EVERYONE),
    "targets:resolution GET": (u("targets:resolution", RES), HOSP_READ),
    "targets:resolution POST": (u("targets:resolution", RES), HOSP_READ),
    "targets:resolution_create GET": (u("targets:resolution_create", HOSPITAL), HOSP_WRITE),
    "targets:resolution_create POST": (u("targets:resolution_create", HOSPITAL), HOSP_WRITE),
    "targets:target_create GET": (u("targets:target_create", RES), HOSP_WRITE),
    "targets:target_create POST": (u("targets:target_create", RES), HOSP_WRITE),
    "targets:checkpoint_create GET": (u("targets:checkpoint_create", RES), HOSP_WRITE),
    "targets:checkpoint_create POST": (u("targets:checkpoint_create", RES), HOSP_WRITE),
    "targets:group_create GET": (u("targets:group_create", RES), HOSP_WRITE),
    "targets:group_create POST": (u("targets:group_create", RES), HOSP_WRITE),
    "targets:task_create GET": (u("targets:task_create", HOSPITAL), HOSP_WRITE),
    "targets:task_create POST": (u("targets:task_create", HOSPITAL), HOSP_WRITE),
    "targets:target GET": (u("targets:target", BEDS), CELL_READ),
    "targets:target POST": (u("targets:target", BEDS), CELL_READ),
    # The target's own value: the office (a cell's secretary reads it, records only her share).
    "targets:record GET": (u("targets:record", BEDS, MIDYEAR),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "targets:record POST": (u("targets:record", BEDS, MIDYEAR),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "targets:record_cell GET": (u("targets:record_cell", BEDS, MIDYEAR, CELL_A), CELL_WRITE),
    "targets:record_cell POST": (u("targets:record_cell", BEDS, MIDYEAR, CELL_A), CELL_WRITE),
    "targets:remind GET": (u("targets:remind", BEDS, MIDYEAR), NOT_ALLOWED),
    "targets:remind POST": (u("targets:remind", BEDS, MIDYEAR),
                                                       (302, 302, 403, 404, 403, 404, 404, 302)),
    "targets:override GET": (u("targets:override", BEDS, MIDYEAR),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "targets:override POST": (u("targets:override", BEDS, MIDYEAR),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "targets:evidence GET": (u("targets:evidence", ENTRY), CELL_READ),
    "targets:evidence POST": (u("targets:evidence", ENTRY), CELL_READ),
    "targets:freeze GET": (u("targets:freeze", MIDYEAR), HOSP_WRITE),
    "targets:freeze POST": (u("targets:freeze", MIDYEAR), HOSP_WRITE),
    "targets:transcribe GET": (u("targets:transcribe", MIDYEAR), HOSP_WRITE),
    "targets:transcribe POST": (u("targets:transcribe", MIDYEAR), HOSP_WRITE),
    "targets:dashboard GET": (u("targets:dashboard", CELL_A), CELL_READ),
    "targets:dashboard POST": (u("targets:dashboard", CELL_A), CELL_READ),
    "targets:dashboard_export GET": (u("targets:dashboard_export", CELL_A), CELL_READ),
    "targets:dashboard_export POST": (u("targets:dashboard_export", CELL_A), CELL_READ),
    "targets:tasks GET": (u("targets:tasks", CELL_A), CELL_READ),
    "targets:tasks POST": (u("targets:tasks", CELL_A), CELL_READ),
    "targets:task_update GET": (u("targets:task_update", TASK), CELL_WRITE),
    "targets:task_update POST": (u("targets:task_update", TASK), CELL_WRITE),
    "meetings:index GET": (u("meetings:index"),      (200, 200, 200, 200, 200, 404, 200, 302)),
    "meetings:index POST": (u("meetings:index"),     (200, 200, 200, 200, 200, 404, 200, 302)),
    "meetings:list GET": (u("meetings:list", CELL_A), CELL_READ),
    "meetings:list POST": (u("meetings:list", CELL_A), CELL_READ),
    "meetings:create GET": (u("meetings:create", CELL_A), CELL_WRITE),
    "meetings:create POST": (u("meetings:create", CELL_A), CELL_WRITE),
    "meetings:compliance GET": (u("meetings:compliance", CELL_A), CELL_READ),
    "meetings:compliance POST": (u("meetings:compliance", CELL_A), CELL_READ),
    "meetings:detail GET": (u("meetings:detail", MEETING), MEETING_READ),
    "meetings:detail POST": (u("meetings:detail", MEETING), MEETING_READ),
    "meetings:edit GET": (u("meetings:edit", MEETING), MEETING_WRITE),
    "meetings:edit POST": (u("meetings:edit", MEETING), MEETING_WRITE),
    "meetings:attendance GET": (u("meetings:attendance", MEETING), MEETING_WRITE),
    "meetings:attendance POST": (u("meetings:attendance", MEETING), MEETING_WRITE),
    "meetings:agenda_add GET": (u("meetings:agenda_add", MEETING), MEETING_WRITE),
    "meetings:agenda_add POST": (u("meetings:agenda_add", MEETING), MEETING_WRITE),
    "meetings:guest_add GET": (u("meetings:guest_add", MEETING), MEETING_WRITE),
    "meetings:guest_add POST": (u("meetings:guest_add", MEETING), MEETING_WRITE),
    "meetings:speech_add GET": (u("meetings:speech_add", MEETING), MEETING_WRITE),
    "meetings:speech_add POST": (u("meetings:speech_add", MEETING), MEETING_WRITE),
    "meetings:vote_add GET": (u("meetings:vote_add", MEETING), MEETING_WRITE),
    "meetings:vote_add POST": (u("meetings:vote_add", MEETING), MEETING_WRITE),
    "meetings:conclusion_add GET": (u("meetings:conclusion_add", MEETING), MEETING_WRITE),
    "meetings:conclusion_add POST": (u("meetings:conclusion_add", MEETING), MEETING_WRITE),
    "meetings:mark_held GET": (u("meetings:mark_held", MEETING), NOT_ALLOWED),
    # issue 8 finishing work: cancel a planned meeting (reason required: an empty POST → 200)
    "meetings:cancel GET": (u("meetings:cancel", MEETING), MEETING_WRITE),
    "meetings:cancel POST": (u("meetings:cancel", MEETING), MEETING_WRITE),
    "meetings:mark_held POST": (u("meetings:mark_held", MEETING),
                                                       (302, 302, 302, 403, 403, 404, 404, 302)),
    # issue 8 item 4: edit / delete a row of the meeting (delete: POST only, then back)
    "meetings:agenda_edit GET": (item_url("meetings:agenda_edit"), MEETING_WRITE),
    "meetings:agenda_edit POST": (item_url("meetings:agenda_edit"), MEETING_WRITE),
    "meetings:agenda_delete GET": (item_url("meetings:agenda_delete"), NOT_ALLOWED),
    "meetings:agenda_delete POST": (item_url("meetings:agenda_delete"), DRAFT_ACTION),
    "meetings:guest_edit GET": (item_url("meetings:guest_edit"), MEETING_WRITE),
    "meetings:guest_edit POST": (item_url("meetings:guest_edit"), MEETING_WRITE),
    "meetings:guest_delete GET": (item_url("meetings:guest_delete"), NOT_ALLOWED),
    "meetings:guest_delete POST": (item_url("meetings:guest_delete"), DRAFT_ACTION),
    "meetings:speech_edit GET": (item_url("meetings:speech_edit"), MEETING_WRITE),
    "meetings:speech_edit POST": (item_url("meetings:speech_edit"), MEETING_WRITE),
    "meetings:speech_delete GET": (item_url("meetings:speech_delete"), NOT_ALLOWED),
    "meetings:speech_delete POST": (item_url("meetings:speech_delete"), DRAFT_ACTION),
    "meetings:vote_edit GET": (item_url("meetings:vote_edit"), MEETING_WRITE),
    "meetings:vote_edit POST": (item_url("meetings:vote_edit"), MEETING_WRITE),
    "meetings:vote_delete GET": (item_url("meetings:vote_delete"), NOT_ALLOWED),
    "meetings:vote_delete POST": (item_url("meetings:vote_delete"), DRAFT_ACTION),
    "meetings:conclusion_edit GET": (item_url("meetings:conclusion_edit"), MEETING_WRITE),
    "meetings:conclusion_edit POST": (item_url("meetings:conclusion_edit"), MEETING_WRITE),
    "meetings:conclusion_delete GET": (item_url("meetings:conclusion_delete"), NOT_ALLOWED),
    "meetings:conclusion_delete POST": (item_url("meetings:conclusion_delete"), DRAFT_ACTION),
    # the minutes (issue 8 item 5), on a draft of cell A's held meeting
    "meetings:minutes GET": (u("meetings:minutes", minutes_meeting), MEETING_READ),
    "meetings:minutes POST": (u("meetings:minutes", minutes_meeting), MEETING_READ),
    "meetings:minutes_create GET": (u("meetings:minutes_create", minutes_meeting), MEETING_WRITE),
    "meetings:minutes_create POST": (u("meetings:minutes_create", minutes_meeting),
                                                       MEETING_WRITE),
    "meetings:minutes_print GET": (minutes_url("meetings:minutes_print"), DRAFT_READ),
    "meetings:minutes_print POST": (minutes_url("meetings:minutes_print"), NOT_ALLOWED),
    "meetings:minutes_edit GET": (minutes_url("meetings:minutes_edit"), MEETING_WRITE),
    "meetings:minutes_edit POST": (minutes_url("meetings:minutes_edit"), MEETING_WRITE),
    "meetings:minutes_redo GET": (minutes_url("meetings:minutes_redo"), NOT_ALLOWED),
    "meetings:minutes_redo POST": (minutes_url("meetings:minutes_redo"), DRAFT_ACTION),
    "meetings:minutes_approve GET": (minutes_url("meetings:minutes_approve"), NOT_ALLOWED),
    "meetings:minutes_approve POST": (minutes_url("meetings:minutes_approve"), DRAFT_ACTION),
    "meetings:minutes_docx GET": (minutes_url("meetings:minutes_docx"), DRAFT_READ),
    "meetings:minutes_docx POST": (minutes_url("meetings:minutes_docx"), NOT_ALLOWED),
    "meetings:minutes_pdf GET": (minutes_url("meetings:minutes_pdf"), DRAFT_READ),
    "meetings:minutes_pdf POST": (minutes_url("meetings:minutes_pdf"), NOT_ALLOWED),
    # the calendar (issue 8 item 6); a feed answers its token's user, whoever asks (no login)
    "meetings:calendar GET": (u("meetings:calendar", CELL_A), CELL_READ),
    "meetings:calendar POST": (u("meetings:calendar", CELL_A), CELL_READ),
    "meetings:meeting_ics GET": (u("meetings:meeting_ics", MEETING), MEETING_READ),
    "meetings:meeting_ics POST": (u("meetings:meeting_ics", MEETING), NOT_ALLOWED),
    "meetings:calendar_feeds GET": (u("meetings:calendar_feeds"),
                                                       (200, 200, 200, 200, 200, 404, 200, 302)),
    "meetings:calendar_feeds POST": (u("meetings:calendar_feeds"),
                                                       (200, 200, 200, 200, 200, 404, 200, 302)),
    "meetings:feed_user GET": (u("meetings:feed_user", feed_token("member")),
                                                       (200, 200, 200, 200, 200, 200, 200, 200)),
    "meetings:feed_user POST": (u("meetings:feed_user", feed_token("member")),
                                                       (405, 405, 405, 405, 405, 405, 405, 405)),
    "meetings:feed_org GET": (u("meetings:feed_org", feed_token("secretary"), CELL_A),
                                                       (200, 200, 200, 200, 200, 200, 200, 200)),
    "meetings:feed_org POST": (u("meetings:feed_org", feed_token("secretary"), CELL_A),
                                                       (405, 405, 405, 405, 405, 405, 405, 405)),
    # issue 8, items 1 and 7: a meeting's documents (files only through the download view)
    "meetings:document_add GET": (u("meetings:document_add", MEETING), MEETING_WRITE),
    "meetings:document_add POST": (u("meetings:document_add", MEETING), MEETING_WRITE),
    "meetings:document_publish GET": (document_url("meetings:document_publish"), NOT_ALLOWED),
    "meetings:document_publish POST": (document_url("meetings:document_publish"), DRAFT_ACTION),
    "meetings:document_remove GET": (document_url("meetings:document_remove"), NOT_ALLOWED),
    "meetings:document_remove POST": (document_url("meetings:document_remove"), DRAFT_ACTION),
    "meetings:document_download GET": (document_url("meetings:document_download"),
                                                       (200, 200, 200, 404, 404, 404, 404, 302)),
    "meetings:document_download POST": (document_url("meetings:document_download"), NOT_ALLOWED),
    # issue 9, items 1, 2 and 4: the rating workflow on the hospital's campaign
    "evaluations:index GET": (u("evaluations:index"), (200, 200, 200, 200, 200, 404, 200, 302)),
    "evaluations:index POST": (u("evaluations:index"), (200, 200, 200, 200, 200, 404, 200, 302)),
    "evaluations:open GET": (u("evaluations:open"),   (200, 200, 403, 403, 403, 404, 200, 302)),
    "evaluations:open POST": (u("evaluations:open"),  (200, 200, 403, 403, 403, 404, 200, 302)),
    # a cell's secretary is sent to her cell's page
    "evaluations:campaign GET": (u("evaluations:campaign", campaign),
                                                       (200, 200, 302, 404, 200, 404, 404, 302)),
    "evaluations:campaign POST": (u("evaluations:campaign", campaign),
                                                       (200, 200, 302, 404, 200, 404, 404, 302)),
    "evaluations:cell GET": (u("evaluations:cell", campaign, CELL_A), CELL_READ),
    "evaluations:cell POST": (u("evaluations:cell", campaign, CELL_A),
                                                       (302, 302, 302, 404, 403, 404, 404, 302)),
    "evaluations:office GET": (u("evaluations:office", campaign),
                                                       (200, 200, 403, 404, 200, 404, 404, 302)),
    "evaluations:office POST": (u("evaluations:office", campaign),
                                                       (302, 302, 403, 404, 403, 404, 404, 302)),
    "evaluations:preview GET": (u("evaluations:preview", campaign), NOT_ALLOWED),
    "evaluations:preview POST": (u("evaluations:preview", campaign),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "evaluations:finalize GET": (u("evaluations:finalize", campaign), NOT_ALLOWED),
    "evaluations:finalize POST": (u("evaluations:finalize", campaign),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    # the superior's work: only an administrator here (no role writes the superior org)
    "evaluations:exception GET": (u("evaluations:exception", campaign),
                                                       (200, 403, 403, 404, 403, 404, 404, 302)),
    "evaluations:exception POST": (u("evaluations:exception", campaign),
                                                       (200, 403, 403, 404, 403, 404, 404, 302)),
    "evaluations:self_assess GET": (u("evaluations:self_assess", own_rating),
                                                       (403, 403, 403, 200, 403, 404, 404, 302)),
    "evaluations:self_assess POST": (u("evaluations:self_assess", own_rating),
                                                       (403, 403, 403, 200, 403, 404, 404, 302)),
    "evaluations:rerate GET": (u("evaluations:rerate", decided_rating),
                                                       (200, 403, 403, 404, 403, 404, 404, 302)),
    "evaluations:rerate POST": (u("evaluations:rerate", decided_rating),
                                                       (200, 403, 403, 404, 403, 404, 404, 302)),
    # issue 9, item 5: the statistics of the campaign and of a subtree, with their xlsx
    "evaluations:stats GET": (u("evaluations:stats", campaign), HOSP_READ),
    "evaluations:stats POST": (u("evaluations:stats", campaign), HOSP_READ),
    "evaluations:stats_xlsx GET": (u("evaluations:stats_xlsx", campaign), HOSP_READ),
    "evaluations:stats_xlsx POST": (u("evaluations:stats_xlsx", campaign), HOSP_READ),
    "evaluations:stats_subtree GET": (u("evaluations:stats_subtree", HOSPITAL), HOSP_READ),
    "evaluations:stats_subtree POST": (u("evaluations:stats_subtree", HOSPITAL), HOSP_READ),
    "evaluations:stats_subtree_xlsx GET": (u("evaluations:stats_subtree_xlsx", HOSPITAL),
                                                       HOSP_READ),
    "evaluations:stats_subtree_xlsx POST": (u("evaluations:stats_subtree_xlsx", HOSPITAL),
                                                       HOSP_READ),
    # issue 9, items 6 and 7: awards, proposals, Party badges — the office records
    "awards:index GET": (u("awards:index"), SUBTREE),
    "awards:index POST": (u("awards:index"), SUBTREE),
    "awards:list GET": (u("awards:list", HOSPITAL), HOSP_READ),
    "awards:list POST": (u("awards:list", HOSPITAL), HOSP_READ),
    "awards:create GET": (u("awards:create", HOSPITAL), HOSP_WRITE),
    "awards:create POST": (u("awards:create", HOSPITAL), HOSP_WRITE),
    "awards:edit GET": (u("awards:edit", awards_row("award")), HOSP_WRITE),
    "awards:edit POST": (u("awards:edit", awards_row("award")), HOSP_WRITE),
    "awards:proposals GET": (u("awards:proposals", HOSPITAL), HOSP_READ),
    "awards:proposals POST": (u("awards:proposals", HOSPITAL), HOSP_READ),
    "awards:proposal_create GET": (u("awards:proposal_create", HOSPITAL), HOSP_WRITE),
    "awards:proposal_create POST": (u("awards:proposal_create", HOSPITAL), HOSP_WRITE),
    "awards:proposal_award GET": (u("awards:proposal_award", awards_row("proposal")),
                                                       HOSP_WRITE),
    "awards:proposal_award POST": (u("awards:proposal_award", awards_row("proposal")),
                                                       HOSP_WRITE),
    "awards:badges GET": (u("awards:badges", CELL_A), CELL_READ),
    "awards:badges POST": (u("awards:badges", CELL_A), CELL_READ),
    "awards:badge_register GET": (u("awards:badge_register", CELL_A), CELL_READ),
    "awards:badge_register POST": (u("awards:badge_register", CELL_A), CELL_READ),
    "awards:badge_create GET": (u("awards:badge_create", A1),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "awards:badge_create POST": (u("awards:badge_create", A1),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    # issue 9, item 8: the discipline register — the office records, a cell's secretary reads
    "members:discipline_list GET": (u("members:discipline_list", CELL_A), CELL_READ),
    "members:discipline_list POST": (u("members:discipline_list", CELL_A), CELL_READ),
    "members:discipline_add GET": (u("members:discipline_add", A1),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "members:discipline_add POST": (u("members:discipline_add", A1),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "members:discipline_edit GET": (u("members:discipline_edit", awards_row("discipline")),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    "members:discipline_edit POST": (u("members:discipline_edit", awards_row("discipline")),
                                                       (200, 200, 403, 404, 403, 404, 404, 302)),
    # issue 10, items 2 and 3: generated documents (a draft of the hospital) and the register
    # issue 10 item 4: the consistency check of a pasted text — whoever reads some organization
    "reports:check GET": (u("reports:check"), SUBTREE),
    "reports:check POST": (u("reports:check"), SUBTREE),
    "reports:list GET": (u("reports:list"), SUBTREE),
    "reports:list POST": (u("reports:list"), NOT_ALLOWED),
    "reports:generate GET": (u("reports:generate"), IMPORT),
    "reports:generate POST": (u("reports:generate"), IMPORT),
    "reports:detail GET": (u("reports:detail", generated), HOSP_READ),
    "reports:detail POST": (u("reports:detail", generated), HOSP_WRITE),
    "reports:preview GET": (u("reports:preview", generated), NOT_ALLOWED),
    "reports:preview POST": (u("reports:preview", generated), HOSP_WRITE),
    "reports:issue GET": (u("reports:issue", generated), NOT_ALLOWED),
    "reports:issue POST": (u("reports:issue", generated),
                                                       (302, 302, 404, 404, 403, 404, 404, 302)),
    "reports:pdf GET": (u("reports:pdf", generated), HOSP_READ),
    "reports:pdf POST": (u("reports:pdf", generated), NOT_ALLOWED),
    "reports:docx GET": (u("reports:docx", generated), HOSP_READ),
    "reports:docx POST": (u("reports:docx", generated), NOT_ALLOWED),
    "reports:register GET": (u("reports:register", HOSPITAL), HOSP_READ),
    "reports:register POST": (u("reports:register", HOSPITAL), HOSP_WRITE),
    "api:openapi-json GET": (u("api:openapi-json"), EVERYONE),
    "api:openapi-json POST": (u("api:openapi-json"), EVERYONE),
    "api:openapi-view GET": (u("api:openapi-view"), EVERYONE),
    "api:openapi-view POST": (u("api:openapi-view"), EVERYONE),
    "api:api-root GET": (u("api:api-root"),            (404, 404, 404, 404, 404, 404, 404, 404)),
    "api:api-root POST": (u("api:api-root"),           (404, 404, 404, 404, 404, 404, 404, 404)),
    # ---- the API (anonymous: 401) ---------------------------------------------------------
    "API GET /api/organizations": (api("/api/organizations"),
                                                       (200, 200, 200, 200, 200, 200, 200, 401)),
    "API GET /api/organizations/{org_id}/members": (api("/api/organizations/{cell_a}/members"),
                                                       (200, 200, 200, 404, 200, 404, 404, 401)),
    "API GET /api/members": (api("/api/members?q=an"), (200, 200, 200, 200, 200, 200, 200, 401)),
    "API GET /api/members/{member_id}": (api("/api/members/{a1}"),
                                                       (200, 200, 200, 404, 200, 404, 404, 401)),
    "API GET /api/resolutions": (api("/api/resolutions"),
                                                       (200, 200, 200, 200, 200, 200, 200, 401)),
    "API GET /api/resolutions/{resolution_id}/targets": (api("/api/resolutions/{res}/targets"),
                                                       (200, 200, 404, 404, 200, 404, 404, 401)),
    "API POST /api/targets/{target_id}/entries": (
        api("/api/targets/{beds}/entries", lambda c: {"checkpoint_id": c.plan.midyear.pk,
                                                      "value": 600}),
                                                       (201, 201, 403, 404, 403, 404, 404, 401)),
    # issue 8, item 9: a member lists her invitations; cell A's meeting as on the pages.
    "API GET /api/meetings": (api("/api/meetings"), (200, 200, 200, 200, 200, 200, 200, 401)),
    "API GET /api/meetings/{meeting_id}": (api("/api/meetings/{meeting}"),
                                                       (200, 200, 200, 200, 200, 404, 404, 401)),
    # issue 8 finishing work: the published documents (the invited member too), cancelling.
    "API GET /api/meetings/{meeting_id}/documents": (api("/api/meetings/{meeting}/documents"),
                                                       (200, 200, 200, 200, 200, 404, 404, 401)),
    "API POST /api/meetings/{meeting_id}/cancel": (
        api("/api/meetings/{meeting}/cancel", lambda c: {
            "version": c.meeting().version, "reason": "Hoãn vì trùng lịch giao ban",
        }),                                            (200, 200, 200, 403, 403, 404, 404, 401)),
    "API GET /api/meetings/{meeting_id}/attendance": (api("/api/meetings/{meeting}/attendance"),
                                                       (200, 200, 200, 200, 200, 404, 404, 401)),
    "API PUT /api/meetings/{meeting_id}/attendance": (
        api("/api/meetings/{meeting}/attendance", lambda c: {
            "version": c.meeting().version,
            "rows": [{"member_id": c.a1.pk, "status": "absent_with_reason", "reason": "sick"}],
        }),                                            (200, 200, 200, 403, 403, 404, 404, 401)),
    # issue 8, items 5 and 9: the minutes API on the draft of cell A's held meeting; a new
    # version while the draft is open answers 422 (tested with 201 in tests/api).
    "API GET /api/meetings/{meeting_id}/minutes": (minutes_api("/api/meetings/{meeting}/minutes"),
                                                       (200, 200, 200, 200, 200, 404, 404, 401)),
    "API POST /api/meetings/{meeting_id}/minutes": (
        minutes_api("/api/meetings/{meeting}/minutes", lambda c: {"reason": ""}),
                                                       (422, 422, 422, 403, 403, 404, 404, 401)),
    "API GET /api/meetings/{meeting_id}/minutes/{number}": (
        minutes_api("/api/meetings/{meeting}/minutes/{number}"),
                                                       (200, 200, 200, 403, 200, 404, 404, 401)),
    "API PUT /api/meetings/{meeting_id}/minutes/{number}": (
        minutes_api("/api/meetings/{meeting}/minutes/{number}", lambda c: {
            "version": c.minutes().version, "text": "# BIÊN BẢN\nNội dung sửa.",
        }),                                            (200, 200, 200, 403, 403, 404, 404, 401)),
    "API POST /api/meetings/{meeting_id}/minutes/{number}/approve": (
        minutes_api("/api/meetings/{meeting}/minutes/{number}/approve",
                    lambda c: {"version": c.minutes().version}),
                                                       (200, 200, 200, 403, 403, 404, 404, 401)),
    # issue 9, item 10: the evaluations API on the hospital's campaign (a secretary lists her
    # cell's ratings; finalizing with subjects not yet proposed answers 422)
    "API GET /api/campaigns": (evaluations_api("/api/campaigns"),
                                                       (200, 200, 200, 200, 200, 200, 200, 401)),
    "API GET /api/campaigns/{campaign_id}": (evaluations_api("/api/campaigns/{campaign}"),
                                                       (200, 200, 404, 404, 200, 404, 404, 401)),
    "API GET /api/campaigns/{campaign_id}/ratings": (
        evaluations_api("/api/campaigns/{campaign}/ratings"),
                                                       (200, 200, 200, 404, 200, 404, 404, 401)),
    "API GET /api/campaigns/{campaign_id}/violations": (
        evaluations_api("/api/campaigns/{campaign}/violations"),
                                                       (200, 200, 404, 404, 200, 404, 404, 401)),
    "API GET /api/campaigns/{campaign_id}/statistics": (
        evaluations_api("/api/campaigns/{campaign}/statistics"),
                                                       (200, 200, 404, 404, 200, 404, 404, 401)),
    "API GET /api/organizations/{org_id}/rating-statistics": (
        evaluations_api("/api/organizations/{hospital}/rating-statistics?year=2023"),
                                                       (200, 200, 404, 404, 200, 404, 404, 401)),
    "API POST /api/ratings/{rating_id}/proposal": (
        evaluations_api("/api/ratings/{rating}/proposal", lambda c: {
            "version": campaign(c).ratings.get(member=c.a1).version, "level": "httnv",
        }),                                            (200, 200, 200, 404, 403, 404, 404, 401)),
    "API POST /api/campaigns/{campaign_id}/finalize": (
        evaluations_api("/api/campaigns/{campaign}/finalize",
                        lambda c: {"version": campaign(c).version}),
                                                       (422, 422, 404, 404, 403, 404, 404, 401)),
    # issue 10, item 5: the public news site (no login; GET only) and the staff pages — the
    # communications team and the office of the hospital write, only the office approves.
    "news:index GET": (u("news:index"), PUBLIC),
    "news:index POST": (u("news:index"), PUBLIC_GET_ONLY),
    "news:category GET": (u("news:category", news_row("category")), PUBLIC),
    "news:category POST": (u("news:category", news_row("category")), PUBLIC_GET_ONLY),
    "news:detail GET": (u("news:detail", news_row("published")), PUBLIC),
    "news:detail POST": (u("news:detail", news_row("published")), PUBLIC_GET_ONLY),
    "news:photo GET": (photo_of_draft,                 (200, 200, 404, 404, 404, 200, 404, 404)),
    "news:photo POST": (photo_of_draft, PUBLIC_GET_ONLY),
    "news:rss GET": (u("news:rss"), PUBLIC),
    "news:rss POST": (u("news:rss"), PUBLIC_GET_ONLY),
    "news:atom GET": (u("news:atom"), PUBLIC),
    "news:atom POST": (u("news:atom"), PUBLIC_GET_ONLY),
    "sitemap GET": (u("sitemap"), PUBLIC),
    "sitemap POST": (u("sitemap"), PUBLIC),
    "news:posts GET": (u("news:posts"),                (200, 200, 404, 404, 404, 200, 200, 302)),
    "news:posts POST": (u("news:posts"),               (200, 200, 404, 404, 404, 200, 200, 302)),
    "news:post_new GET": (u("news:post_new"),          (200, 200, 404, 404, 404, 200, 200, 302)),
    "news:post_new POST": (u("news:post_new"),         (200, 200, 404, 404, 404, 200, 200, 302)),
    "news:from_meeting GET": (u("news:from_meeting"), NOT_ALLOWED),
    "news:from_meeting POST": (u("news:from_meeting"), (302, 302, 404, 404, 404, 302, 302, 302)),
    "news:post_preview GET": (u("news:post_preview", news_row("draft")), NEWS_POST),
    "news:post_preview POST": (u("news:post_preview", news_row("draft")), NEWS_POST),
    "news:post_edit GET": (u("news:post_edit", news_row("draft")), NEWS_POST),
    "news:post_edit POST": (u("news:post_edit", news_row("draft")), NEWS_POST),
    "news:post_photos GET": (u("news:post_photos", news_row("draft")), NEWS_POST),
    "news:post_photos POST": (u("news:post_photos", news_row("draft")), NEWS_POST),
    "news:photo_remove GET": (photo_url("news:photo_remove"), NOT_ALLOWED),
    "news:photo_remove POST": (photo_url("news:photo_remove"), NEWS_ACTION),
    "news:post_submit GET": (u("news:post_submit", news_row("draft")), NOT_ALLOWED),
    "news:post_submit POST": (u("news:post_submit", news_row("draft")), NEWS_ACTION),
    "news:post_approve GET": (u("news:post_approve", news_row("submitted")), NOT_ALLOWED),
    "news:post_approve POST": (u("news:post_approve", news_row("submitted")), NEWS_REVIEW),
    "news:post_send_back GET": (u("news:post_send_back", news_row("submitted")), NOT_ALLOWED),
    "news:post_send_back POST": (u("news:post_send_back", news_row("submitted")), NEWS_REVIEW),
}  # fmt: skip

# Cells the app gets wrong today: (row, column) → the reason. Each runs alone, expecting the
# status of its MATRIX row, as a strict xfail (so fixing the app makes the suite say so).
KNOWN_BUGS: dict[tuple[str, str], str] = {}


# ---- coverage ---------------------------------------------------------------------------------
def test_every_url_pattern_and_api_operation_has_a_matrix_row():
    discovered = discovered_keys()
    missing = sorted(discovered - MATRIX.keys())
    stale = sorted(MATRIX.keys() - discovered)
    assert not (missing or stale), (
        f"URL patterns / API operations without a MATRIX row: {missing}; "
        f"MATRIX rows naming no URL pattern or API operation: {stale}"
    )
    assert not discovered_patterns()[1], "every URL pattern has a name"


def test_matrix_counts_every_pattern_and_operation():
    names, _ = discovered_patterns()
    operations = sum(len(m) for m in _api_schema_paths().values())
    assert len(MATRIX) == len(discovered_keys()) == 2 * len(names) + operations
    assert all(len(statuses) == len(COLUMNS) for _build, statuses in MATRIX.values())
    assert all(row in MATRIX and col in COLUMNS for row, col in KNOWN_BUGS)


# ---- the matrix -------------------------------------------------------------------------------
def _request(client: Client, method: str, req: Req) -> Any:
    if method == "GET":
        return client.get(req.url)
    if method == "PUT":
        return client.put(req.url, req.data, content_type="application/json")
    if req.json:
        return client.post(req.url, req.data, content_type="application/json")
    return client.post(req.url, req.data or {})


def _call(key: str, column: str, ctx: Ctx, req: Req) -> tuple[int, str]:
    """The status ``column`` gets for row ``key``, inside a savepoint rolled back afterwards
    (a successful POST changes nothing for the next role); with the traceback of a 500."""
    method = key.split()[1] if key.startswith("API ") else key.rsplit(" ", 1)[1]
    with transaction.atomic():
        client = Client(raise_request_exception=False)
        if column != "anonymous":
            client.force_login(ctx.world.users[column])
        response = _request(client, method, req)
        detail = ""
        if (
            response.status_code == 302
            and column == "anonymous"
            and not key.startswith(("login ", "logout "))
        ):
            location = response["Location"]
            detail = "" if location.startswith(reverse("login")) else f" → {location}"
        if getattr(response, "exc_info", None):
            detail = "\n" + "".join(traceback.format_exception(*response.exc_info))
        close_response(response)
        transaction.set_rollback(True)
    return response.status_code, detail


@pytest.fixture
def ctx(world, plan, settings, tmp_path) -> Ctx:
    settings.MEDIA_ROOT = tmp_path  # evidence files
    settings.IMPORT_DIR = tmp_path / "imports"
    return Ctx(world, plan)


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_matrix(ctx, key):
    expected = dict(zip(COLUMNS, MATRIX[key][1], strict=True))
    req = MATRIX[key][0](ctx)
    wrong = []
    for column in COLUMNS:
        if (key, column) in KNOWN_BUGS:
            continue
        status, detail = _call(key, column, ctx, req)
        if status != expected[column] or detail:
            wrong.append(f"{column}: {status} (expected {expected[column]}){detail}")
    assert not wrong, f"{key} {req.url}\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    "key,column",
    [
        pytest.param(k, col, marks=pytest.mark.xfail(strict=True, reason=reason))
        for (k, col), reason in sorted(KNOWN_BUGS.items())
    ]
    or [pytest.param("-", "-", marks=pytest.mark.skip(reason="no known bug"))],
)
def test_matrix_known_bug(ctx, key, column):
    status, detail = _call(key, column, ctx, MATRIX[key][0](ctx))
    assert status == dict(zip(COLUMNS, MATRIX[key][1], strict=True))[column], detail
