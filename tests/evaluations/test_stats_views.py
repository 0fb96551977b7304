"""The statistics pages and their xlsx (issue 9, item 5): a campaign's and a superior's
roll-up; read back with openpyxl; scoped (404 outside); and the roll-up of a 100,000-member
subtree rendered with a bounded number of queries (issue 9, "done when")."""

from __future__ import annotations

import datetime as dt
import re
import time
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from bench.generate import OFFICE_USER, generate
from dangbo.evaluations.models import Campaign, CampaignStatus, Rating
from dangbo.members.models import Member
from dangbo.organizations.models import Organization
from tests.evaluations.test_stats_queries import X, hadong_2021, make_campaign, spread
from tests.responses import close_response

pytestmark = pytest.mark.django_db

SENTENCE_2021 = (
    "7 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 chi bộ hoàn thành tốt nhiệm vụ, "
    "4 chi bộ hoàn thành nhiệm vụ; 51 đảng viên hoàn thành xuất sắc nhiệm vụ, "
    "205 đảng viên hoàn thành tốt nhiệm vụ, 5 đảng viên hoàn thành nhiệm vụ"
)


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


def test_campaign_page_shows_tables_sentence_and_recognition(
    client, world, django_assert_max_num_queries
):
    # issue 9 item 5 / seed 003: exclusive and cumulative, per cell and total, the sentence
    hospital, _cells, campaign = hadong_2021(world.superior)
    Rating.objects.filter(campaign=campaign, subject_kind="organization").update(
        decided_level=X, recognition=True
    )
    office = get_user_model().objects.get(username="reader1")  # the superior's reader
    client.force_login(office)
    url = reverse("evaluations:stats", args=[campaign.pk])
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    close_response(response)
    assert SENTENCE_2021 in html
    assert 'id="level-table"' in html and 'id="cell-table"' in html
    # exclusive: 51 of 261 rated members = 19,5%; cumulative: good or above 256 = 98,1%
    assert '<tr class="exclusive" data-key="htxsnv">' in html
    assert "<td>51</td><td>19,5%</td>" in html
    assert '<tr class="cumulative" data-key="good_or_above">' in html
    assert "<td>29</td><td>87,9%</td><td>256</td><td>98,1%</td>" in html
    assert "Trong sạch, vững mạnh tiêu biểu" in html and hospital.name in html
    assert 'id="provisional"' not in html
    # every table sits in a scroll container (390 px phones: nothing off-screen)
    assert html.count("<table") == html.count('<div class="table-wrap"><table')


def test_campaign_page_scoped(client, world):
    campaign = make_campaign(world.hospital, [world.cell_a], [X], [X], members=world.a_members[:1])
    url = reverse("evaluations:stats", args=[campaign.pk])
    users = world.users
    assert _get(client, users["office"], url).status_code == 200
    assert _get(client, users["reader"], url).status_code == 200
    assert _get(client, users["other_office"], url).status_code == 404
    assert _get(client, users["member"], url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_open_campaign_page_is_marked_provisional(client, world):
    campaign = make_campaign(world.hospital, [world.cell_a], [X], [X],
                             members=world.a_members[:1], finalized=False)  # fmt: skip
    response = _get(client, world.users["office"], reverse("evaluations:stats", args=[campaign.pk]))
    assert b'id="provisional"' in response.content
    assert "1 đảng viên hoàn thành xuất sắc nhiệm vụ".encode() in response.content


def test_campaign_xlsx_numbers_and_percent_format(client, world):
    # issue 9 item 5: the xlsx export — Vietnamese headers, numbers as numbers, percent format
    _hospital, cells, campaign = hadong_2021(world.superior)
    response = _get(
        client, world.users["reader"], reverse("evaluations:stats_xlsx", args=[campaign.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(b"".join(response.streaming_content)
                               if response.streaming else response.content))  # fmt: skip
    assert wb.sheetnames == ["Tổng hợp", "Theo chi bộ", "Tiêu biểu"]
    ws = wb["Tổng hợp"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[1][0].startswith(SENTENCE_2021)
    header = rows.index(["Mức xếp loại", "Số chi bộ", "Tỷ lệ chi bộ", "Số đảng viên",
                         "Tỷ lệ đảng viên"])  # fmt: skip
    excellent = rows[header + 1]
    assert excellent[:2] == ["Hoàn thành xuất sắc nhiệm vụ", 7]
    assert excellent[3] == 51 and excellent[4] == pytest.approx(51 / 261)
    assert ws.cell(header + 2, 5).number_format == "0.0%"
    good_or_above = rows[header + 5]
    assert good_or_above[:4] == ["Hoàn thành tốt nhiệm vụ trở lên", 29, pytest.approx(29 / 33),
                                 256]  # fmt: skip
    by_cell = [[c.value for c in row] for row in wb["Theo chi bộ"].iter_rows()]
    assert by_cell[0][:3] == ["Chi bộ", "Xếp loại chi bộ", "Hoàn thành xuất sắc nhiệm vụ"]
    assert by_cell[1][0] == cells[0].name and by_cell[1][1] == "Hoàn thành xuất sắc nhiệm vụ"
    assert by_cell[-1][0] == "Toàn đảng bộ" and by_cell[-1][2:7] == [51, 205, 5, 0, 261]


def test_subtree_page_and_xlsx(client, world):
    # issue 9 item 5: rolled up for a superior's subtree; the default year is the latest one
    hadong_2021(world.superior)
    make_campaign(world.hospital, [world.cell_a], ["httnv"], ["htnv"],
                  members=world.a_members[:1], year=2020)  # fmt: skip
    reader = world.users["reader"]
    url = reverse("evaluations:stats_subtree", args=[world.superior.pk])
    response = _get(client, reader, url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "năm 2021" in html and SENTENCE_2021 in html and 'id="line-table"' in html
    assert "Đảng bộ Bệnh viện Đa khoa Hà Đông" in html
    response = _get(client, reader, url + "?nam=2020")
    assert "1 đảng viên hoàn thành nhiệm vụ".encode() in response.content
    # a cell: the campaign of its hospital is found (the year of the campaign above it)
    cell_url = reverse("evaluations:stats_subtree", args=[world.cell_a.pk])
    assert b"n\xc4\x83m 2020" in _get(client, world.users["secretary"], cell_url).content
    # outside the scope: 404
    assert _get(client, world.users["other_office"], url).status_code == 404
    assert _get(client, world.users["member"], url).status_code == 404

    xlsx_url = reverse("evaluations:stats_subtree_xlsx", args=[world.superior.pk])
    response = _get(client, reader, xlsx_url + "?nam=2021")
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == ["Tổng hợp", "Theo tổ chức cơ sở", "Tiêu biểu"]
    lines = [[c.value for c in row] for row in wb["Theo tổ chức cơ sở"].iter_rows()]
    assert lines[1][:3] == ["Đảng bộ Bệnh viện Đa khoa Hà Đông", "Đã quyết định", 51]
    assert lines[-1][0] == "Tổng" and lines[-1][2:7] == [51, 205, 5, 0, 261]


def test_subtree_page_without_campaigns_defaults_to_last_year(client, world):
    response = _get(client, world.users["office"],
                    reverse("evaluations:stats_subtree", args=[world.hospital.pk]))  # fmt: skip
    assert f"năm {dt.date.today().year - 1}".encode() in response.content
    assert "Chưa có kết quả xếp loại".encode() in response.content


# ---- 100,000 members ----------------------------------------------------------------------------
def _insert_select(
    model, values: dict[str, str], source: str, *, head: tuple = (), tail: tuple = ()
) -> None:
    """``INSERT INTO <model> (…) <source with {select}>``: the columns in ``values`` get their
    SQL expression, every other column NULL or its default (so a new field does not break it);
    ``head`` are the parameters before the SELECT list, ``tail`` those after it."""
    columns, exprs, args = [], [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        columns.append(connection.ops.quote_name(f.column))
        if f.column in values:
            exprs.append(values[f.column])
        elif f.null:
            exprs.append("NULL")
        else:
            exprs.append("%s")
            args.append(f.get_db_prep_save(f.get_default(), connection))
    table = connection.ops.quote_name(model._meta.db_table)
    sql = source.replace("{select}", "SELECT " + ", ".join(exprs))
    with connection.cursor() as cur:
        cur.execute(f"INSERT INTO {table} ({', '.join(columns)}) {sql}", [*head, *args, *tail])


def members_in_sql(n: int) -> None:
    """``n`` members spread evenly over every cell: one INSERT … SELECT per cell from a
    recursive counter (no Python object per row, so the test stays quick on a busy machine)."""
    cells = list(
        Organization.objects.filter(kind="cell").order_by("id").values_list("id", flat=True)
    )
    name = "'Nguyễn Văn Thử ' || CAST(seq.n AS TEXT)"
    values = {
        "full_name": name, "name_folded": "'nguyen van thu ' || CAST(seq.n AS TEXT)",
        "sort_key": name, "gender": "'male'", "admitted_on": "CAST('2000-01-01' AS DATE)",
        "status": "'full'",
        "dossier_number": "''", "citizen_id": "''", "home_town": "''",
        "job_title": "''", "professional_title": "''", "military_rank": "''", "phone": "''",
        "email": "''",
    }  # fmt: skip
    for i, cell_id in enumerate(cells):
        count = n // len(cells) + (i < n % len(cells))
        _insert_select(
            Member, values | {"organization_id": str(int(cell_id))},
            "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < %s) "
            "{select} FROM seq",
            head=(count,),
        )  # fmt: skip


def member_ratings_in_sql(year: int, hospital_path_len: int) -> None:
    """A decided rating for every member in the campaign of her hospital: by member id in a
    cycle of ten — 1 excellent, 7 good, 1 completed, 1 not completed."""
    level = (
        "CASE m.id - (m.id / 10) * 10 WHEN 0 THEN 'htxsnv' WHEN 8 THEN 'htnv' "
        "WHEN 9 THEN 'khtnv' ELSE 'httnv' END"
    )
    _insert_select(
        Rating,
        {"campaign_id": "k.id", "subject_kind": "'member'", "member_id": "m.id",
         "organization_id": "m.organization_id", "decided_level": level},
        "{select} FROM members_member m "
        "JOIN organizations_organization o ON o.id = m.organization_id "
        "JOIN organizations_organization h ON h.path = SUBSTR(o.path, 1, %s) "
        "JOIN evaluations_campaign k ON k.organization_id = h.id AND k.year = %s",
        tail=(hospital_path_len, year),
    )  # fmt: skip


def test_subtree_of_100000_members_renders_with_bounded_queries(
    client, django_assert_max_num_queries
):
    """Issue 9, "done when": statistics for a subtree of 100,000 members render with a bounded
    number of queries (asserted), and the totals are right."""
    t0 = time.perf_counter()
    # the tree, the bench users and 2,000 members (bench/generate.py), then 98,000 more in SQL
    report = generate(400, 2_000, seed=9)
    members_in_sql(98_000)
    assert Member.objects.count() == 100_000
    root = Organization.objects.get(pk=report.root_id)
    hospitals = list(Organization.objects.filter(kind="grassroots_committee"))
    for h in hospitals:
        Campaign.objects.create(organization=h, year=2021, status=CampaignStatus.FINALIZED)
    campaigns = {c.organization.path: c for c in Campaign.objects.select_related("organization")}
    path_len = len(hospitals[0].path)
    member_ratings_in_sql(2021, path_len)
    cells = list(Organization.objects.filter(kind="cell").order_by("id"))
    Rating.objects.bulk_create(
        Rating(campaign=campaigns[c.path[:path_len]], subject_kind="cell", organization=c,
               decided_level=spread({"htxsnv": 1, "httnv": 4})[i % 5])
        for i, c in enumerate(cells)
    )  # fmt: skip
    assert Rating.objects.filter(subject_kind="member").count() == 100_000
    setup = time.perf_counter() - t0

    client.force_login(get_user_model().objects.get(username=OFFICE_USER))
    url = reverse("evaluations:stats_subtree", args=[root.pk]) + "?nam=2021"
    t0 = time.perf_counter()
    # 6 today: session, user, roles, the organization, the counts, the recognitions
    with django_assert_max_num_queries(8):
        response = client.get(url)
    render = time.perf_counter() - t0
    assert response.status_code == 200
    html = response.content.decode()
    close_response(response)
    # 100,000 in a cycle of 10: 10,000 excellent, 70,000 good, 10,000 completed, 10,000 not
    assert (
        "10000 đảng viên hoàn thành xuất sắc nhiệm vụ, 70000 đảng viên hoàn thành tốt nhiệm vụ, "
        "10000 đảng viên hoàn thành nhiệm vụ, 10000 đảng viên không hoàn thành nhiệm vụ"
    ) in html
    excellent_cells = sum(1 for i in range(len(cells)) if i % 5 == 0)
    assert f"{excellent_cells} chi bộ hoàn thành xuất sắc nhiệm vụ, " in html
    assert "<td>70000</td><td>70,0%</td>" in html  # members good: 70,0 % of those rated
    lines = re.findall(r'<a href="/danh-gia/[0-9]+/thong-ke/">', html)
    assert len(lines) == len(hospitals)  # one line per hospital
    print(f"setup {setup:.1f} s, page {render:.2f} s")


def test_open_campaign_xlsx_is_marked_provisional_and_lists_recognitions(client, world):
    campaign = make_campaign(world.hospital, [world.cell_a], [""], [X],
                             members=world.a_members[:1], finalized=False)  # fmt: skip
    Rating.objects.filter(campaign=campaign, subject_kind="member").update(
        decided_level=X, recognition=True
    )
    response = _get(client, world.users["office"],
                    reverse("evaluations:stats_xlsx", args=[campaign.pk]))  # fmt: skip
    wb = load_workbook(BytesIO(response.content))
    rows = [[c.value for c in row] for row in wb["Tổng hợp"].iter_rows()]
    assert rows[1][0].startswith("Số liệu tạm tính")
    excellent = next(r for r in rows if r[0] == "Hoàn thành xuất sắc nhiệm vụ")
    assert excellent[1:5] == [0, None, 1, 1.0]  # no cell rated yet: no share
    recognitions = [[c.value for c in row] for row in wb["Tiêu biểu"].iter_rows()]
    assert recognitions[1] == ["Đảng viên", world.a_members[0].full_name, world.cell_a.name,
                               "Hoàn thành xuất sắc nhiệm vụ"]  # fmt: skip
