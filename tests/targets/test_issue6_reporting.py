"""Issue 6: the cell secretary's reporting flow, one status vocabulary on pages and exports,
Vietnamese numbers in forms, freezing with a confirmation, one sentence per resolution."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse

from dangbo.targets import services
from dangbo.targets.models import Checkpoint, Entry, Reminder, Resolution, Target
from dangbo.targets.queries import report_items, resolution_figures


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_defect1_secretary_reports_her_cells_share_from_her_list(client, world, plan):
    secretary = world.users["secretary"]
    items = report_items(secretary)
    mine = [(i.target, i.checkpoint, i.organization) for i in items]
    assert (plan.beds, plan.midyear, world.cell_a) in mine
    assert all(org == world.cell_a for _, _, org in mine)  # never cell B's share
    client.force_login(secretary)
    page = _text(client.get(reverse("targets:mine")))
    assert "Người bệnh điều trị nội trú" in page and "Phần của Chi bộ Khoa Nội" in page
    # The target opens read-only but for her cell's share.
    target_url = reverse("targets:target", args=[plan.beds.pk]) + "?ky=midyear"
    html = client.get(target_url).content.decode()
    own = reverse("targets:record_cell", args=[plan.beds.pk, plan.midyear.pk, world.cell_a.pk])
    other = reverse("targets:record_cell", args=[plan.beds.pk, plan.midyear.pk, world.cell_b.pk])
    assert own in html and other not in html
    assert reverse("targets:record", args=[plan.beds.pk, plan.midyear.pk]) not in html
    assert "0/2 chi bộ đã báo cáo" in html
    assert client.get(other).status_code == 403
    assert client.post(other, {"value": "5"}).status_code == 403
    form = client.get(own).content.decode()
    assert 'inputmode="decimal"' in form
    response = client.post(own, {"value": "1.250", "note": "Sổ theo dõi nội trú"})
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.organization, entry.value, entry.recorded_by) == (
        world.cell_a,
        Decimal(1250),
        secretary,
    )
    assert "1/2 chi bộ đã báo cáo" in client.get(target_url).content.decode()
    # The office sees who reported; the dashboard counts it.
    client.force_login(world.users["office"])
    url = reverse("targets:dashboard", args=[world.hospital.pk]) + "?nam=2023&ky=midyear"
    assert "1/2 chi bộ đã báo cáo" in _text(client.get(url))


def test_defect1_api_records_a_cells_share(client, world, plan):
    client.force_login(world.users["secretary"])
    api = f"/api/targets/{plan.beds.pk}/entries"
    payload = {"checkpoint_id": plan.midyear.pk, "organization_id": world.cell_a.pk, "value": 40}
    assert client.post(api, payload, content_type="application/json").status_code == 201
    payload["organization_id"] = world.cell_b.pk
    assert client.post(api, payload, content_type="application/json").status_code in (403, 404)
    assert list(Entry.objects.values_list("organization_id", flat=True)) == [world.cell_a.pk]


def test_issue6_item7_office_reminds_the_cells_that_have_not_reported(client, world, plan):
    services.entry_record(
        actor=world.users["secretary"], target_id=plan.beds.pk, checkpoint_id=plan.midyear.pk,
        organization=world.cell_a, value=Decimal(300),
    )  # fmt: skip
    client.force_login(world.users["reader"])  # read-only: no button, POST refused
    target_url = reverse("targets:target", args=[plan.beds.pk]) + "?ky=midyear"
    remind = reverse("targets:remind", args=[plan.beds.pk, plan.midyear.pk])
    assert remind not in client.get(target_url).content.decode()
    assert client.post(remind).status_code == 403
    client.force_login(world.users["office"])
    assert remind in client.get(target_url).content.decode()
    assert client.post(remind).status_code == 302
    assert list(Reminder.objects.values_list("organization_id", flat=True)) == [world.cell_b.pk]


def test_defect2_dalt_va_vuot_is_exceeded_plus_met_on_page_and_export(client, world, plan):
    from python_calamine import CalamineWorkbook

    office = world.users["office"]
    for target, value in ((plan.admissions, 9), (plan.infections, Decimal(2))):
        services.entry_record(
            actor=office, target_id=target.pk, checkpoint_id=plan.midyear.pk, value=value
        )  # admissions: 9 > 5 → vượt; infections: 2 = 2 → đạt
    client.force_login(world.users["reader"])
    url = reverse("targets:dashboard", args=[world.hospital.pk]) + "?nam=2023&ky=midyear"
    html = client.get(url).content.decode()
    table = _text_table(html, "status-table")
    assert table[0] == ["Đạt và vượt", "2"] and table[1] == ["trong đó vượt", "1"]
    assert table[2] == ["trong đó đạt", "1"]
    assert "thực hiện đạt và vượt 2 chỉ tiêu" in html
    org_row = _text_table(html, "org-table")[0]
    assert org_row[1:4] == ["2", "1", "1"]
    response = client.get(reverse("targets:dashboard_export", args=[world.hospital.pk]),
                          {"nam": 2023, "ky": "midyear"})  # fmt: skip
    book = CalamineWorkbook.from_filelike(BytesIO(response.content))
    summary = book.get_sheet_by_index(0).to_python()
    assert [summary[3][0], int(summary[3][1])] == ["Đạt và vượt", 2]
    detail = book.get_sheet_by_index(1).to_python()
    by_title = {r[3]: r for r in detail[1:]}
    assert by_title["Kết nạp đảng viên mới"][10] == "vượt"
    assert by_title["Tỷ lệ nhiễm khuẩn bệnh viện"][10] == "đạt"
    assert by_title["Kết nạp đảng viên mới"][9] == "đạt 180% kế hoạch, vượt 4 người"
    api = client.get(f"/api/resolutions/{plan.resolution.pk}/targets?checkpoint=midyear").json()
    assert api["counts"]["achieved"] == 2
    assert (api["counts"]["exceeded"], api["counts"]["met"]) == (1, 1)
    assert "thực hiện đạt và vượt 2 chỉ tiêu" in api["summary"]
    split = client.get(
        f"/api/resolutions/{plan.resolution.pk}/targets?checkpoint=midyear&form=split"
    ).json()["summary"]
    assert "thực hiện đạt và vượt 2 chỉ tiêu (vượt 1, đạt 1)" in split
    bad = client.get(f"/api/resolutions/{plan.resolution.pk}/targets?form=nonsense")
    assert bad.status_code == 422


def _text_table(html: str, table_id: str) -> list[list[str]]:
    part = html[html.index(f'id="{table_id}"') :]
    part = part[: part.index("</table>")]
    body = part[part.index("<tbody>") :]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


def test_defect3_ten_exactly_met_targets_read_dat_not_dat_va_vuot(client, world):
    office = world.users["office"]
    res = Resolution.objects.create(
        organization=world.hospital, year=2024, number="09-NQ/ĐU",
        issued_on=dt.date(2024, 1, 5), title="Nghị quyết 2024",
    )  # fmt: skip
    cp = Checkpoint.objects.create(
        resolution=res, kind="annual", as_of=dt.date(2024, 12, 31), deadline=dt.date(2025, 1, 5)
    )
    for i in range(10):
        t = Target.objects.create(
            resolution=res, position=i, title=f"Chỉ tiêu {i}", kind="numeric", planned=10
        )
        services.entry_record(actor=office, target_id=t.pk, checkpoint_id=cp.pk, value=10)
    client.force_login(office)
    url = reverse("targets:resolution", args=[res.pk])
    text = _text(client.get(url))
    assert "cả 10 chỉ tiêu đều đạt." in text and "đạt và vượt" not in text.split("Cách viết")[0]
    assert "hoàn thành 10/10 chỉ tiêu" in _text(client.get(url, {"ky": "annual", "dang": "ratio"}))


def test_defect4_vietnamese_numbers_accepted_ambiguous_refused(client, world, plan):
    client.force_login(plan.head)
    url = reverse("targets:record", args=[plan.admissions.pk, plan.midyear.pk])
    response = client.post(url, {"value": "1.5"})
    text = _text(response)
    assert response.status_code == 200 and "1,5" in text and "15" in text
    assert not Entry.objects.exists()
    assert client.post(url, {"value": "185 300"}).status_code == 302
    assert Entry.objects.get().value == Decimal(185300)
    client.force_login(world.users["office"])
    url = reverse("targets:record", args=[plan.infections.pk, plan.midyear.pk])
    assert client.post(url, {"value": "trên 1,5"}).status_code == 302
    entry = Entry.objects.latest("id")
    assert (entry.value, entry.stated) == (Decimal("1.5"), "trên 1,5")
    page = client.get(reverse("targets:resolution", args=[plan.resolution.pk]), {"ky": "midyear"})
    assert "trên 1,5" in page.content.decode()


def test_defect5_freeze_asks_for_the_period_name(client, world, plan):
    client.force_login(world.users["office"])
    url = reverse("targets:freeze", args=[plan.midyear.pk])
    page = _text(client.get(url))
    assert "Sơ kết 6 tháng 2023" in page and "chỉ còn để đọc" in page
    assert client.post(url, {"confirmation": "ok"}).status_code == 200
    plan.midyear.refresh_from_db()
    assert not plan.midyear.is_frozen
    assert client.post(url, {"confirmation": "Sơ kết 6 tháng 2023"}).status_code == 302
    plan.midyear.refresh_from_db()
    assert plan.midyear.is_frozen
    client.force_login(world.users["reader"])
    assert client.get(url).status_code == 403


def test_defect6_two_target_sets_of_one_organization_get_two_sentences(client, world, plan):
    other = Resolution.objects.create(
        organization=world.hospital, year=2023, number="06-NQ/ĐU",
        issued_on=dt.date(2023, 2, 1), title="Nghị quyết chuyên đề chuyển đổi số",
    )  # fmt: skip
    Checkpoint.objects.create(
        resolution=other, kind="midyear", as_of=dt.date(2023, 6, 30), deadline=dt.date(2023, 7, 9)
    )
    Target.objects.create(resolution=other, title="Bệnh án điện tử", kind="milestone")
    client.force_login(world.users["reader"])
    url = reverse("targets:dashboard", args=[world.superior.pk]) + "?nam=2023&ky=midyear"
    html = client.get(url).content.decode()
    sentence = html[html.index('id="dashboard-sentence"') :]
    sentence = sentence[: sentence.index("</p>")]
    assert "2 tổ chức" in sentence and "Lãnh đạo thực hiện 5" not in html
    items = html[html.index('id="org-sentences"') :]
    assert "05-NQ/ĐU" in items and "06-NQ/ĐU" in items
    assert "Lãnh đạo thực hiện 4 chỉ tiêu chủ yếu" in items
    assert "Lãnh đạo thực hiện 1 chỉ tiêu chủ yếu" in items


def test_issue6_item6_back_entry_marks_figures_as_transcribed(client, world, plan):
    client.force_login(world.users["office"])
    url = reverse("targets:transcribe", args=[plan.annual.pk])
    data = {
        "bc-source_number": "42-BC/ĐU", "bc-source_date": "28/12/2023",
        f"t{plan.admissions.pk}-value": "8",  # short of 10: no cause needed when transcribed
        f"t{plan.infections.pk}-value": "1,8",
        f"t{plan.project.pk}-not_started": "on",
    }  # fmt: skip
    bad = dict(data, **{f"t{plan.project.pk}-done": "1"})  # done and not started: refused
    assert client.post(url, bad).status_code == 200
    assert not Entry.objects.exists()
    assert client.post(url, data).status_code == 302
    plan.annual.refresh_from_db()
    assert plan.annual.is_frozen and plan.annual.source_number == "42-BC/ĐU"
    assert all(e.transcribed for e in Entry.objects.all()) and Entry.objects.count() == 3
    figures = resolution_figures(plan.resolution, plan.annual)
    status = {r.target.pk: r.status.value for r in figures.rows}
    assert status[plan.admissions.pk] == "not_met"
    assert status[plan.project.pk] == "not_started"
    assert status[plan.beds.pk] == "no_data"
    page = _text(client.get(reverse("targets:resolution", args=[plan.resolution.pk]),
                            {"ky": "annual"}))  # fmt: skip
    assert "chép lại từ báo cáo số 42-BC/ĐU ngày 28/12/2023" in page


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_issue6_item7_reporting_pages_take_a_constant_number_of_queries(client, world, plan):
    from dangbo.targets.models import SubTarget

    client.force_login(world.users["secretary"])
    urls = [
        reverse("targets:mine"),
        reverse("home"),
        reverse("targets:target", args=[plan.beds.pk]) + "?ky=midyear",
    ]
    before = [_count_queries(client, u) for u in urls]
    for i in range(25):
        t = Target.objects.create(
            resolution=plan.resolution, position=10 + i, title=f"Chỉ tiêu chi bộ {i}",
            kind="numeric", planned=10, rollup="sum",
        )  # fmt: skip
        SubTarget.objects.create(target=t, organization=world.cell_a)
        services.entry_record(
            actor=world.users["secretary"], target_id=t.pk, checkpoint_id=plan.midyear.pk,
            organization=world.cell_a, value=i,
        )  # fmt: skip
    after = [_count_queries(client, u) for u in urls]
    assert after == before
    assert len(report_items(world.users["secretary"])) == 2 * 26


def test_issue6_item5_groups_have_their_own_sentences_and_nouns(client, world, plan):
    from dangbo.targets.models import TargetGroup

    office = world.users["office"]
    pro = TargetGroup.objects.create(resolution=plan.resolution, title="Chuyên môn", noun="targets")
    party = TargetGroup.objects.create(
        resolution=plan.resolution, position=1, title="Xây dựng Đảng", noun="key_tasks"
    )
    Target.objects.filter(pk__in=[plan.admissions.pk, plan.infections.pk]).update(group=party)
    Target.objects.filter(pk__in=[plan.project.pk, plan.beds.pk]).update(group=pro)
    services.entry_record(
        actor=office, target_id=plan.admissions.pk, checkpoint_id=plan.midyear.pk, value=6
    )
    figures = resolution_figures(plan.resolution, plan.midyear)
    sentences = {g.title: g.sentence for g in figures.groups}
    assert sentences["Xây dựng Đảng"] == (
        "Lãnh đạo thực hiện 2 nhiệm vụ trọng tâm, trong đó thực hiện vượt 1 nhiệm vụ, "
        "có 1 nhiệm vụ chưa có số liệu."
    )
    assert sentences["Chuyên môn"].startswith("Lãnh đạo thực hiện 2 chỉ tiêu, ")
    # Different nouns are never added up into one count.
    assert "4 chỉ tiêu" not in figures.sentence
    assert figures.sentence.startswith("Chuyên môn: Lãnh đạo thực hiện 2 chỉ tiêu")
    client.force_login(world.users["reader"])
    html = client.get(reverse("targets:resolution", args=[plan.resolution.pk]), {"ky": "midyear"})
    text = _text(html)
    assert "Xây dựng Đảng" in text and "2 nhiệm vụ trọng tâm" in text


def test_issue6_partial_rollup_is_marked_until_every_cell_reports(world, plan):
    services.entry_record(
        actor=world.users["secretary"], target_id=plan.beds.pk, checkpoint_id=plan.midyear.pk,
        organization=world.cell_a, value=Decimal(300),
    )  # fmt: skip
    row = next(r for r in resolution_figures(plan.resolution, plan.midyear).rows
               if r.target == plan.beds)  # fmt: skip
    assert row.partial and (row.cells_reported, row.cells_assigned) == (1, 2)
    services.entry_record(
        actor=world.users["office"], target_id=plan.beds.pk, checkpoint_id=plan.midyear.pk,
        organization=world.cell_b, value=Decimal(250),
    )  # fmt: skip
    row = next(r for r in resolution_figures(plan.resolution, plan.midyear).rows
               if r.target == plan.beds)  # fmt: skip
    assert not row.partial and row.value == Decimal(550)


def test_issue6_item1_override_offers_only_the_statuses_of_the_checkpoint(client, world, plan):
    from django.core.exceptions import ValidationError

    client.force_login(world.users["office"])
    url = reverse("targets:override", args=[plan.project.pk, plan.midyear.pk])
    html = client.get(url).content.decode()
    assert (
        'value="met"' in html and 'value="on_track"' not in html and 'value="no_data"' not in html
    )
    import pytest

    with pytest.raises(ValidationError):
        services.status_override_set(
            actor=world.users["office"], target=plan.project, checkpoint=plan.midyear,
            status="on_track", reason="giữa năm", version=0,
        )  # fmt: skip


# Issue 6 "done when": counts in any sentence equal the counts in the tables, for every random
# set of statuses (the dashboard's status table and the summary sentence in each form).
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dangbo.targets.rules import Status  # noqa: E402
from dangbo.targets.summary import Form, count_statuses, summary_sentence  # noqa: E402
from dangbo.targets.views import status_table  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(Status)), max_size=40), st.sampled_from(list(Form)))
def test_issue6_property_sentence_counts_equal_table_counts(statuses, form):
    counts = count_statuses(statuses)
    table = {label: n for label, n, _part in status_table(counts)}
    sentence = summary_sentence(counts, form=form)
    achieved = table["Đạt và vượt"]
    assert achieved == table["trong đó vượt"] + table["trong đó đạt"]
    assert sum(n for label, n, part in status_table(counts) if not part) == len(statuses)
    if not statuses:
        assert sentence.startswith("Chưa có")
        return
    assert sentence.startswith(f"Lãnh đạo thực hiện {len(statuses)} chỉ tiêu chủ yếu")
    if form == Form.RATIO and achieved:
        assert f"hoàn thành {achieved}/{len(statuses)} chỉ tiêu" in sentence
    elif achieved and 0 < achieved < len(statuses):
        verb = (
            "đạt và vượt"
            if table["trong đó vượt"] and table["trong đó đạt"]
            else ("vượt" if table["trong đó vượt"] else "đạt")
        )
        assert f"thực hiện {verb} {achieved} chỉ tiêu" in sentence
    for status, clause in (
        (Status.NOT_STARTED, "chưa thực hiện {n} chỉ tiêu"),
        (Status.NOT_MET, "có {n} chỉ tiêu chưa đạt"),
        (Status.NO_DATA, "có {n} chỉ tiêu chưa có số liệu"),
        (Status.BEHIND, "có {n} chỉ tiêu chưa đạt tiến độ"),
    ):
        n = counts[status]
        if n and n < len(statuses):
            assert clause.format(n=n) in sentence
        assert table.get(status.label.capitalize(), 0) == n


def test_issue6_item7_reminders_before_the_deadline_once_per_share(world, plan):
    from django.core.management import call_command

    services.entry_record(
        actor=world.users["secretary"], target_id=plan.beds.pk, checkpoint_id=plan.midyear.pk,
        organization=world.cell_a, value=Decimal(300),
    )  # fmt: skip
    deadline = plan.midyear.deadline  # 10/07/2023
    # Too early: nothing is due within 7 days.
    assert services.remind_due(today=deadline - dt.timedelta(days=8)) == 0
    # A week before: only cell B, which has not reported, is reminded — once.
    assert services.remind_due(today=deadline - dt.timedelta(days=7)) == 1
    assert services.remind_due(today=deadline - dt.timedelta(days=2)) == 0
    reminder = Reminder.objects.get()
    assert (reminder.organization, reminder.sent_by) == (world.cell_b, None)
    # Past the deadline or frozen: no more automatic reminders.
    assert services.remind_due(today=deadline + dt.timedelta(days=1)) == 0
    call_command("remind", days=7)  # the daily command runs (today: nothing due in 2023)
    assert Reminder.objects.count() == 1


NEW_PAGES = {
    # name: (url args builder, {role: expected GET status})
    "target_split": (
        lambda p, w: reverse("targets:target", args=[p.beds.pk]),
        {"admin": 200, "office": 200, "secretary": 200, "reader": 200, "member": 404,
         "communications": 404, "other_office": 404},
    ),
    "target_unassigned": (
        lambda p, w: reverse("targets:target", args=[p.infections.pk]),
        {"admin": 200, "office": 200, "secretary": 404, "reader": 200, "member": 404,
         "communications": 404, "other_office": 404},
    ),
    "record_cell_a": (
        lambda p, w: reverse("targets:record_cell", args=[p.beds.pk, p.midyear.pk, w.cell_a.pk]),
        {"admin": 200, "office": 200, "secretary": 200, "reader": 403, "member": 404,
         "communications": 404, "other_office": 404},
    ),
    "freeze": (
        lambda p, w: reverse("targets:freeze", args=[p.midyear.pk]),
        {"admin": 200, "office": 200, "secretary": 404, "reader": 403, "member": 404,
         "communications": 404, "other_office": 404},
    ),
    "transcribe": (
        lambda p, w: reverse("targets:transcribe", args=[p.annual.pk]),
        {"admin": 200, "office": 200, "secretary": 404, "reader": 403, "member": 404,
         "communications": 404, "other_office": 404},
    ),
    "group_create": (
        lambda p, w: reverse("targets:group_create", args=[p.resolution.pk]),
        {"admin": 200, "office": 200, "secretary": 404, "reader": 403, "member": 404,
         "communications": 404, "other_office": 404},
    ),
}  # fmt: skip


@pytest.mark.parametrize("page", sorted(NEW_PAGES))
def test_issue6_new_pages_answer_404_outside_the_scope_and_403_read_only(client, world, plan, page):
    url_of, expected = NEW_PAGES[page]
    url = url_of(plan, world)
    for role, status in expected.items():
        client.force_login(world.users[role])
        assert client.get(url).status_code == status, (page, role)


def test_resolution_and_target_pages_take_a_constant_number_of_queries(client, world, plan):
    """No query per target row (the permission predicates read the resolution's organization
    from the one loaded for the page)."""
    client.force_login(world.users["office"])
    urls = [
        reverse("targets:resolution", args=[plan.resolution.pk]) + "?ky=midyear",
        reverse("targets:dashboard", args=[world.hospital.pk]) + "?nam=2023&ky=midyear",
    ]
    before = [_count_queries(client, u) for u in urls]
    for i in range(20):
        Target.objects.create(
            resolution=plan.resolution, position=20 + i, title=f"Thêm {i}", kind="numeric",
            planned=10, responsible_member=plan.head_member,
        )  # fmt: skip
    assert [_count_queries(client, u) for u in urls] == before
