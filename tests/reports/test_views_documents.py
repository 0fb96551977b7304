"""Pages of the generated documents — issue 10 items 2 and 3: the list of the documents of the
organizations in scope (filters, number, date, status, SHA-256, a fixed number of queries), the
generate form, the draft's page (edit + live htmx preview of the Party page, the consistency
findings next to their sentences, the issue form with its reason), the downloads (issued: the
stored file; draft: rendered now), the register; read-only roles see no POST form, members and
the communications team get 404."""

from __future__ import annotations

import datetime as dt
import hashlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangbo.organizations.models import Term
from dangbo.reports import queries, services
from tests.reports.test_services_documents import install_fake_draft, no_check
from tests.responses import close_response


@pytest.fixture
def s(world, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    install_fake_draft(monkeypatch)
    no_check(monkeypatch)
    Term.objects.create(organization=world.hospital, name="2020–2025",
                        starts_on=dt.date(2020, 7, 10), ends_on=dt.date(2025, 6, 19))  # fmt: skip
    office = world.users["office"]
    hosp = services.document_generate(actor=office, kind="yearend_report",
                                      organization_id=world.hospital.pk, year=2022)  # fmt: skip
    cell = services.document_generate(actor=world.users["secretary"], kind="midyear_report",
                                      organization_id=world.cell_a.pk, year=2022)  # fmt: skip
    return SimpleNamespace(world=world, office=office, hosp=hosp, cell=cell)


def client_for(world: Any, role: str) -> Client:
    c = Client()
    c.force_login(world.users[role])
    return c


def get(c: Client, url: str) -> Any:
    response = c.get(url)
    close_response(response)
    return response


def test_list_shows_the_documents_in_scope_with_a_fixed_number_of_queries(
    s, django_assert_max_num_queries
):
    w = s.world
    for i in range(6):
        services.document_generate(actor=s.office, kind="evaluation_notice",
                                   organization_id=w.cell_b.pk, year=2020 + i)  # fmt: skip
    c = client_for(w, "office")
    with django_assert_max_num_queries(6):
        response = get(c, reverse("reports:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('href="/van-ban/') >= 8 and "Chi bộ Khoa Ngoại" in html
    assert 'id="document-generate"' in html
    # the secretary sees her cell's only; the filters
    html = get(client_for(w, "secretary"), reverse("reports:list")).content.decode()
    assert reverse("reports:detail", args=[s.cell.pk]) in html
    assert reverse("reports:detail", args=[s.hosp.pk]) not in html
    html = get(c, reverse("reports:list") + "?loai=yearend_report&nam=2022").content.decode()
    assert reverse("reports:detail", args=[s.hosp.pk]) in html
    assert reverse("reports:detail", args=[s.cell.pk]) not in html
    # read-only: no generate button; no access for members and communications
    reader = get(client_for(w, "reader"), reverse("reports:list"))
    assert reader.status_code == 200 and 'id="document-generate"' not in reader.content.decode()
    # the consistency check is linked for every reader of documents, and opens for them
    assert 'id="document-check"' in reader.content.decode()
    assert get(client_for(w, "reader"), reverse("reports:check")).status_code == 200
    for role in ("member", "communications"):
        assert get(client_for(w, role), reverse("reports:list")).status_code == 404


def test_the_nav_links_the_documents_for_readers_of_some_subtree(s):
    link = f'href="{reverse("reports:list")}"'
    assert link in get(client_for(s.world, "office"), reverse("home")).content.decode()
    assert link not in get(client_for(s.world, "communications"), reverse("home")).content.decode()


def test_generate_form_creates_a_draft(s):
    c = client_for(s.world, "office")
    response = c.post(reverse("reports:generate"), {
        "kind": "yearend_report", "organization": s.world.hospital.pk, "year": 2021})  # fmt: skip
    close_response(response)
    assert response.status_code == 302
    row = services.GeneratedDocument.objects.get(year=2021)
    assert response["Location"] == reverse("reports:detail", args=[row.pk])
    # a resolution needs a meeting: the form says so, under the field
    response = c.post(reverse("reports:generate"), {
        "kind": "resolution", "organization": s.world.hospital.pk, "year": 2021})  # fmt: skip
    close_response(response)
    assert response.status_code == 200 and "hãy chọn cuộc họp" in response.content.decode()
    # an organization outside the write scope is not a choice
    other = s.world.other_hospital.pk
    response = c.post(reverse("reports:generate"), {
        "kind": "yearend_report", "organization": other, "year": 2021})  # fmt: skip
    close_response(response)
    assert response.status_code == 200 and not services.GeneratedDocument.objects.filter(
        organization=s.world.other_hospital).exists()  # fmt: skip


def test_draft_page_edit_and_preview(s):
    c = client_for(s.world, "office")
    url = reverse("reports:detail", args=[s.hosp.pk])
    html = get(c, url).content.decode()
    assert 'id="document-edit"' in html and 'id="document-issue"' in html
    assert 'id="preview"' in html and "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "BÁO CÁO" in html
    # the live preview: the posted text, not saved
    response = c.post(reverse("reports:preview", args=[s.hosp.pk]),
                      {"title": "Tiêu đề thử", "body": "# II. PHƯƠNG HƯỚNG\nĐoạn xem trước."},
                      headers={"HX-Request": "true"})  # fmt: skip
    close_response(response)
    part = response.content.decode()
    assert response.status_code == 200 and part.startswith('<div id="preview"')
    assert "Đoạn xem trước." in part and "Tiêu đề thử" in part and "<html" not in part
    s.hosp.refresh_from_db()
    assert "Đoạn xem trước." not in s.hosp.body
    # saving
    response = c.post(url, {"title": "Báo cáo tổng kết năm 2022", "body": "Đoạn đã sửa.",
                            "version": s.hosp.version})  # fmt: skip
    close_response(response)
    assert response.status_code == 302
    s.hosp.refresh_from_db()
    assert s.hosp.body == "Đoạn đã sửa.\n" and s.hosp.version == 2
    # a stale version: the form shows why
    response = c.post(url, {"title": "X", "body": "Y", "version": 1})
    close_response(response)
    assert response.status_code == 200 and "người khác cập nhật" in response.content.decode()


def test_readers_see_no_post_form(s):
    c = client_for(s.world, "reader")
    html = get(c, reverse("reports:detail", args=[s.hosp.pk])).content.decode()
    assert 'id="preview"' in html
    assert '<form method="post"' not in html.split('id="content"')[1]
    response = c.post(reverse("reports:issue", args=[s.hosp.pk]), {"version": s.hosp.version})
    close_response(response)
    assert response.status_code == 403
    assert get(client_for(s.world, "secretary"),
               reverse("reports:detail", args=[s.hosp.pk])).status_code == 404  # fmt: skip


def test_findings_are_listed_next_to_their_sentences_and_need_a_reason(s, monkeypatch):
    finding = SimpleNamespace(
        start=0, end=20, sentence="100% đảng viên hoàn thành tốt nhiệm vụ.", claim="100%",
        message="Dữ liệu: 5 đảng viên chỉ được xếp loại hoàn thành nhiệm vụ.", kind="database",
    )  # fmt: skip
    monkeypatch.setattr(queries, "consistency_of",
                        lambda row, body=None: SimpleNamespace(findings=(finding,)))  # fmt: skip
    c = client_for(s.world, "office")
    url = reverse("reports:detail", args=[s.hosp.pk])
    html = get(c, url).content.decode()
    listed = html.split('id="findings"')[1].split("</ul>")[0]
    assert "100% đảng viên hoàn thành tốt nhiệm vụ." in listed
    assert "5 đảng viên chỉ được xếp loại hoàn thành nhiệm vụ" in listed
    assert 'name="reason"' in html
    response = c.post(reverse("reports:issue", args=[s.hosp.pk]), {"version": s.hosp.version})
    close_response(response)
    s.hosp.refresh_from_db()
    assert response.status_code == 302 and s.hosp.is_draft
    html = get(c, url).content.decode()
    assert "ghi lý do vẫn ban hành" in html
    response = c.post(reverse("reports:issue", args=[s.hosp.pk]),
                      {"version": s.hosp.version,
                       "reason": "Đã đối chiếu với biên bản"})  # fmt: skip
    close_response(response)
    s.hosp.refresh_from_db()
    assert s.hosp.number_text == "01-BC/ĐU" and s.hosp.check_reason == "Đã đối chiếu với biên bản"


def test_issue_then_download_the_stored_files(s):
    c = client_for(s.world, "office")
    response = c.post(reverse("reports:issue", args=[s.hosp.pk]), {"version": s.hosp.version})
    close_response(response)
    s.hosp.refresh_from_db()
    assert s.hosp.number == 1
    html = get(c, reverse("reports:detail", args=[s.hosp.pk])).content.decode()
    assert "Số 01-BC/ĐU" in html and s.hosp.sha256 in html
    assert 'id="document-edit"' not in html and 'id="document-issue"' not in html
    response = c.get(reverse("reports:pdf", args=[s.hosp.pk]))
    pdf = b"".join(response.streaming_content)
    close_response(response)
    assert hashlib.sha256(pdf).hexdigest() == s.hosp.sha256
    response = c.get(reverse("reports:docx", args=[s.hosp.pk]))
    docx = b"".join(response.streaming_content)
    close_response(response)
    assert docx.startswith(b"PK")
    # locked: editing answers 403 with the reason
    response = c.post(reverse("reports:detail", args=[s.hosp.pk]),
                      {"title": "X", "body": "Y", "version": s.hosp.version})  # fmt: skip
    close_response(response)
    assert response.status_code == 403
    html = get(c, reverse("reports:list")).content.decode()
    assert "01-BC/ĐU" in html and s.hosp.sha256[:12] in html


def test_a_draft_downloads_rendered_now_without_a_number(s):
    response = get(client_for(s.world, "reader"), reverse("reports:docx", args=[s.hosp.pk]))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert "du-thao-" in response["Content-Disposition"]
    s.hosp.refresh_from_db()
    assert s.hosp.number is None and not s.hosp.docx


def test_register_page_sets_the_last_number_used(s):
    c = client_for(s.world, "office")
    url = reverse("reports:register", args=[s.world.hospital.pk])
    response = c.post(url, {"type_code": "BC", "last": 11, "on": "01/01/2022"})
    close_response(response)
    assert response.status_code == 302
    html = get(c, url).content.decode()
    assert "2020–2025" in html and ">11<" in html and ">12<" in html
    reader = get(client_for(s.world, "reader"), url).content.decode()
    assert ">12<" in reader and 'name="last"' not in reader
    issued = services.document_issue(actor=s.office, document_id=s.hosp.pk,
                                     version=s.hosp.version)  # fmt: skip
    assert issued.number_text == "12-BC/ĐU"
