"""Issue 10 item 5: "view counter (counted once per visitor per day, without storing personal
data)" — an HMAC of the day's random salt over address + browser + post, salts and digests
of earlier days deleted, the counter raised only when the day's digest is new."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.urls import reverse

from dangbo.news import services
from dangbo.news.models import DailyView, Post, ViewSalt
from tests.news.factories import post
from tests.responses import close_response

IP, UA = "203.0.113.77", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1"
DAY = dt.date(2022, 1, 19)


def _count(p):
    return Post.objects.get(pk=p.pk).view_count


def test_the_same_visitor_counts_once_a_day(world):
    p = post(world.hospital, "published")
    assert services.view_count(post_id=p.pk, ip=IP, user_agent=UA, day=DAY) is True
    assert services.view_count(post_id=p.pk, ip=IP, user_agent=UA, day=DAY) is False
    assert _count(p) == 1


def test_another_visitor_or_another_post_counts(world):
    p, other = post(world.hospital, "published"), post(world.hospital, "published", title="Tin 2")
    services.view_count(post_id=p.pk, ip=IP, user_agent=UA, day=DAY)
    services.view_count(post_id=p.pk, ip="198.51.100.4", user_agent=UA, day=DAY)
    services.view_count(post_id=p.pk, ip=IP, user_agent="Firefox/120", day=DAY)
    services.view_count(post_id=other.pk, ip=IP, user_agent=UA, day=DAY)
    assert (_count(p), _count(other)) == (3, 1)


def test_the_next_day_counts_again_and_the_previous_day_is_forgotten(world):
    p = post(world.hospital, "published")
    services.view_count(post_id=p.pk, ip=IP, user_agent=UA, day=DAY)
    old_salt = bytes(ViewSalt.objects.get(day=DAY).salt)
    assert services.view_count(post_id=p.pk, ip=IP, user_agent=UA, day=DAY + dt.timedelta(1))
    assert _count(p) == 2
    # the first view of the new day deleted the old day's digests and its salt
    assert not DailyView.objects.filter(day=DAY).exists()
    assert not ViewSalt.objects.filter(day=DAY).exists()
    new_salt = bytes(ViewSalt.objects.get(day=DAY + dt.timedelta(1)).salt)
    assert len(new_salt) == 32 and new_salt != old_salt  # random per day


def test_nothing_personal_is_stored(world):
    p = post(world.hospital, "published")
    services.view_count(post_id=p.pk, ip=IP, user_agent=UA, day=DAY)
    rows = []
    for table in (DailyView._meta.db_table, ViewSalt._meta.db_table):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 — our table names
            rows += [repr(r) for r in cursor.fetchall()]
    dump = "\n".join(rows)
    assert rows and IP not in dump and "iPhone" not in dump and "Mozilla" not in dump
    assert {f.name for f in DailyView._meta.fields} == {"id", "day", "digest"}
    # and the digest is not a plain hash of the address: it needs the day's secret salt
    import hashlib

    assert (
        DailyView.objects.get().digest != hashlib.sha256(f"{IP}\n{UA}\n{p.pk}".encode()).hexdigest()
    )


def test_the_page_counts_a_logged_out_visitor_once(client, world):
    p = post(world.hospital, "published")
    url = reverse("news:detail", args=[p.slug])
    first = client.get(url, REMOTE_ADDR=IP, HTTP_USER_AGENT=UA)
    assert "1 lượt xem" in first.content.decode()
    second = client.get(url, REMOTE_ADDR=IP, HTTP_USER_AGENT=UA)
    assert "1 lượt xem" in second.content.decode()
    third = client.get(url, REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT=UA)
    assert "2 lượt xem" in third.content.decode()
    for r in (first, second, third):
        close_response(r)
    assert _count(p) == 2


def test_a_draft_is_not_counted(world):
    p = post(world.hospital, "draft")
    services.view_count(post_id=p.pk, ip=IP, user_agent=UA, day=DAY)
    assert _count(p) == 0
