"""The consistency-check page ``reports:check`` (issue 10 item 4): whoever reads some
organization pastes a text, chooses an organization within her scope (or "a text from
elsewhere") and the year, and sees each sentence with its findings beside it and what was
read; members, the communications team and visitors do not get the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dangbo.awards.models import Award
from tests.responses import close_response

URL = reverse("reports:check")
TEXT = (
    "Kết quả năm 2023: 2 chi bộ hoàn thành xuất sắc nhiệm vụ, 2 chi bộ hoàn thành tốt nhiệm vụ.\n"
    "Có 3 đảng viên, trong đó 1 đảng viên hoàn thành tốt nhiệm vụ, 1 đảng viên hoàn thành "
    "nhiệm vụ. Thủ tướng tặng 01 bằng khen cá nhân."
)


def _client(client, world, role):
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", ["office", "secretary", "reader", "admin"])
def test_readers_get_the_form(client, world, role):
    response = _client(client, world, role).get(URL)
    assert response.status_code == 200
    assert 'name="text"' in response.content.decode()
    close_response(response)


@pytest.mark.parametrize("role", ["member", "communications"])
def test_members_and_communications_get_404(client, world, role):
    response = _client(client, world, role).get(URL)
    assert response.status_code == 404
    close_response(response)


def test_visitors_are_sent_to_log_in(client, world):
    response = client.post(URL, {"text": TEXT, "year": 2023})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_only_organizations_in_scope_are_offered_and_accepted(client, world):
    c = _client(client, world, "office")
    page = c.get(URL).content.decode()
    assert world.hospital.name in page and world.other_hospital.name not in page
    response = c.post(
        URL, {"text": TEXT, "organization": world.other_hospital.pk, "year": 2023,
              "period": "yearend"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "report" not in response.context and response.context["form"].errors["organization"]
    close_response(response)


def test_a_text_from_elsewhere_is_checked_with_itself_and_the_rules(
    client, world, django_assert_max_num_queries
):
    """Facts None: the cap of the year (2 excellent of 4 good or above breaks 20 %, rule) and
    the parts of the "trong đó" list that do not add up to 3 (self); the award is not checked."""
    c = _client(client, world, "office")
    with django_assert_max_num_queries(8):
        response = c.post(URL, {"text": TEXT, "organization": "", "year": 2023,
                                "period": "yearend"})  # fmt: skip
    assert response.status_code == 200
    report = response.context["report"]
    assert sorted(f.kind for f in report.findings) == ["rule", "self"]
    rows = response.context["rows"]
    assert [len(r["findings"]) for r in rows] == [1, 1, 0]
    page = response.content.decode()
    assert "Trái quy định" in page and "Tự mâu thuẫn" in page and "Đã đọc" in page
    close_response(response)


def test_the_organizations_records_are_compared(client, world):
    """Facts of the office's hospital: no award recorded, so "01 bằng khen" is flagged with the
    database figure; once recorded, it is not."""
    c = _client(client, world, "office")
    data = {"text": "Thủ tướng tặng 01 bằng khen cá nhân.", "organization": world.hospital.pk,
            "year": 2023, "period": "yearend"}  # fmt: skip
    response = c.post(URL, data)
    (finding,) = response.context["report"].findings
    assert finding.kind == "database" and "cơ sở dữ liệu: 0 bằng khen cá nhân" in finding.message
    close_response(response)
    Award.objects.create(
        organization=world.hospital, member=world.a_members[0], year=2023, kind="bang_khen",
        issuer_level="prime_minister", recipient_kind="member", title="Bằng khen",
    )  # fmt: skip
    response = c.post(URL, data)
    assert (
        response.context["report"].ok and "Không thấy số liệu nào sai" in response.content.decode()
    )
    close_response(response)


def test_checking_a_text_stores_nothing(client, world):
    """The check is a POST only because a report is too long for a URL; it writes no row (the
    demo crawl lets read-only roles see this form for that reason)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = _client(client, world, "reader")
    with CaptureQueriesContext(connection) as queries:
        response = c.post(URL, {"text": TEXT, "organization": "", "year": 2023,
                                "period": "yearend"})  # fmt: skip
    assert response.status_code == 200 and response.context["report"].findings
    writes = [
        q["sql"] for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]  # fmt: skip
    assert writes == []
    close_response(response)
