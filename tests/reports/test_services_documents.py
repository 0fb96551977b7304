"""reports.services — issue 10 item 2 (the register: numbers per document type, per
organization, per committee term, from 01, assigned when issuing, never reused, no gap when an
issue fails; HD 36 numbering) and item 3 (a generated draft is edited, then issued: locked,
numbered, stored as PDF and DOCX with the SHA-256 of the PDF; mismatches found by the
consistency check need a reason).

The drafts come from a stand-in for ``generate.draft_for`` (``install_fake_draft``): these tests
are about the workflow, not the generated prose (tests/reports/test_generate_*)."""

from __future__ import annotations

import datetime as dt
import hashlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangbo.documents.spec import Signature
from dangbo.organizations.models import Term
from dangbo.reports import generate, queries, services
from dangbo.reports.models import GeneratedDocument, NumberCounter

BODY = (
    "# I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023\n"
    "Đảng bộ có 42 đảng viên; 100% đảng viên hoàn thành tốt nhiệm vụ.\n"
    "- Kết nạp 05 đảng viên mới.\n"
)


NAMES = {"NQ": "Nghị quyết", "BB": "Biên bản", "TB": "Thông báo"}


def fake_draft(kind: str, *, organization: Any, year: int, meeting: Any = None) -> generate.Draft:
    """A draft like ``generate.draft_for`` returns, dated 19/01 of the next year."""
    type_code = {"resolution": "NQ", "minutes": "BB", "evaluation_notice": "TB"}.get(kind, "BC")
    return generate.Draft(
        kind=kind, title=f"Tổng kết công tác năm {year}", body=BODY,
        date=dt.date(year + 1, 1, 19), type_code=type_code,
        type_name=NAMES.get(type_code, "Báo cáo"),
        superior="Đảng bộ Sở Y tế", issuer="Đảng ủy Bệnh viện Đa khoa A", issuer_code="ĐU",
        place="Hà Đông",
        signatures=(Signature(("T/M ĐẢNG ỦY", "BÍ THƯ"), "Nguyễn Văn Bí"),),
        recipients=("Đảng ủy Sở Y tế (để b/c)", "Các chi bộ trực thuộc"),
    )  # fmt: skip


def install_fake_draft(monkeypatch: Any) -> None:
    monkeypatch.setattr(generate, "draft_for", fake_draft)


def no_check(monkeypatch: Any) -> None:
    """The consistency check finds nothing (whatever state the checker is in)."""
    from dangbo.reports.consistency import Report

    monkeypatch.setattr(queries, "consistency_of", lambda row, body=None: Report())


@pytest.fixture
def setup(world, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    install_fake_draft(monkeypatch)
    no_check(monkeypatch)
    term = Term.objects.create(
        organization=world.hospital, name="2020–2025", starts_on=dt.date(2020, 7, 10),
        ends_on=dt.date(2025, 6, 19),
    )  # fmt: skip
    return SimpleNamespace(world=world, office=world.users["office"], term=term)


def _generate(s: Any, kind: str = "yearend_report", year: int = 2022, **kw: Any) -> Any:
    return services.document_generate(
        actor=s.office, kind=kind, organization_id=s.world.hospital.pk, year=year, **kw
    )


def _issue(s: Any, row: Any, reason: str = "") -> GeneratedDocument:
    row.refresh_from_db()
    return services.document_issue(
        actor=s.office, document_id=row.pk, version=row.version, reason=reason
    )


def test_generate_stores_the_whole_header_of_the_draft(setup):
    row = _generate(setup)
    assert row.is_draft and row.number is None and row.sha256 == ""
    assert (row.type_code, row.type_name, row.issuer_code) == ("BC", "Báo cáo", "ĐU")
    assert row.superior == "Đảng bộ Sở Y tế" and row.place == "Hà Đông"
    assert row.signatures == [{"titles": ["T/M ĐẢNG ỦY", "BÍ THƯ"], "name": "Nguyễn Văn Bí"}]
    assert row.recipients == ["Đảng ủy Sở Y tế (để b/c)", "Các chi bộ trực thuộc"]
    assert row.date == dt.date(2023, 1, 19) and row.body == BODY
    assert row.history.first().history_user == setup.office  # who, in the history


def test_issue_numbers_from_01_stores_files_and_their_hash(setup):
    """Item 2: 01, 02, … in the order of issuing; item 3: stored PDF/DOCX and the SHA-256."""
    first, second = _generate(setup), _generate(setup)
    second_issued = _issue(setup, second)
    first_issued = _issue(setup, first)
    assert (second_issued.number, first_issued.number) == (1, 2)
    assert first_issued.number_text == "02-BC/ĐU"
    assert first_issued.term == setup.term
    pdf = first_issued.pdf.read()
    first_issued.pdf.close()
    assert pdf.startswith(b"%PDF") and first_issued.docx.size > 0
    assert first_issued.sha256 == hashlib.sha256(pdf).hexdigest()
    assert first_issued.status == "issued" and first_issued.issued_by == setup.office
    assert NumberCounter.objects.get(organization=setup.world.hospital, type_code="BC").last == 2


def test_numbers_are_separate_per_type_and_per_term(setup):
    """HD 36: numbering from 01 per type, in each committee term."""
    Term.objects.create(organization=setup.world.hospital, name="2025–2030",
                        starts_on=dt.date(2025, 6, 20))  # fmt: skip
    report = _issue(setup, _generate(setup))
    notice = _issue(setup, _generate(setup, kind="evaluation_notice"))
    next_term = _issue(setup, _generate(setup, year=2025))  # dated 19/01/2026
    assert (report.number_text, notice.number_text) == ("01-BC/ĐU", "01-TB/ĐU")
    assert next_term.number == 1 and next_term.term.name == "2025–2030"
    again = _issue(setup, _generate(setup, year=2023))
    assert again.number == 2 and again.term == setup.term


def test_a_failed_issue_leaves_no_gap(setup, monkeypatch):
    """The increment is rolled back with the failed issue: the next issue gets 01."""
    row = _generate(setup)

    def broken(doc):
        raise RuntimeError("font missing")

    monkeypatch.setattr(services.render, "render_docx", broken)
    with pytest.raises(RuntimeError):
        _issue(setup, row)
    row.refresh_from_db()
    assert row.is_draft and row.number is None and not row.pdf
    assert NumberCounter.objects.filter(last__gt=0).count() == 0
    monkeypatch.undo()
    install_fake_draft(monkeypatch)
    no_check(monkeypatch)
    assert _issue(setup, row).number == 1


def test_issued_documents_are_locked(setup):
    row = _issue(setup, _generate(setup))
    with pytest.raises(PermissionDenied, match="đã ban hành"):
        services.document_edit(actor=setup.office, document_id=row.pk, version=row.version,
                               title="Khác", body="Khác")  # fmt: skip
    with pytest.raises(PermissionDenied, match="đã ban hành"):
        services.document_issue(actor=setup.office, document_id=row.pk, version=row.version)
    assert NumberCounter.objects.get().last == 1


def test_edit_saves_and_a_stale_version_is_refused(setup):
    row = _generate(setup)
    edited = services.document_edit(
        actor=setup.office, document_id=row.pk, version=row.version,
        title="  Tổng kết   năm 2022 ", body="Đoạn mới.\r\nĐoạn hai.",
    )  # fmt: skip
    assert edited.title == "Tổng kết năm 2022" and edited.body == "Đoạn mới.\nĐoạn hai.\n"
    assert edited.version == row.version + 1
    with pytest.raises(ValidationError, match="người khác cập nhật"):
        services.document_edit(actor=setup.office, document_id=row.pk, version=row.version,
                               title="Cũ", body="Cũ")  # fmt: skip
    with pytest.raises(ValidationError, match="người khác cập nhật"):
        services.document_issue(actor=setup.office, document_id=row.pk, version=row.version)
    with pytest.raises(ValidationError) as exc:
        services.document_edit(actor=setup.office, document_id=row.pk, version=edited.version,
                               title=" ", body="  ")  # fmt: skip
    assert set(exc.value.message_dict) == {"title", "body"}


def test_findings_require_a_reason_which_is_kept(setup, monkeypatch):
    """Item 4 → 3: issuing with mismatches needs a reason (the check stands in here)."""
    finding = SimpleNamespace(start=0, end=10, sentence="100% đảng viên hoàn thành tốt nhiệm vụ.",
                              claim="100%", message="5 đảng viên chỉ hoàn thành nhiệm vụ.",
                              kind="database")  # fmt: skip
    monkeypatch.setattr(
        queries, "consistency_of", lambda row, body=None: SimpleNamespace(findings=(finding,))
    )
    row = _generate(setup)
    with pytest.raises(ValidationError) as exc:
        _issue(setup, row, reason="   ")
    assert "reason" in exc.value.message_dict
    assert GeneratedDocument.objects.get(pk=row.pk).number is None
    issued = _issue(setup, row, reason="Số liệu đã được Thường vụ thống nhất")
    assert issued.check_reason == "Số liệu đã được Thường vụ thống nhất"
    assert issued.check_findings[0]["message"] == "5 đảng viên chỉ hoàn thành nhiệm vụ."


def test_issuing_runs_the_consistency_check(setup, monkeypatch):
    """``queries.consistency_of`` calls ``consistency.check(body, facts_for(...), year=)``."""
    monkeypatch.undo()
    install_fake_draft(monkeypatch)
    from dangbo.reports import consistency

    seen = {}

    def check(text, facts, *, year):
        seen.update(text=text, year=year)
        return consistency.Report()

    monkeypatch.setattr(queries, "check", check)
    row = _generate(setup)
    assert _issue(setup, row).number == 1
    assert seen == {"text": BODY, "year": 2022}


def test_permissions_of_the_services(setup):
    w = setup.world
    with pytest.raises(PermissionDenied):
        services.document_generate(actor=w.users["reader"], kind="yearend_report",
                                   organization_id=w.hospital.pk, year=2022)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.document_generate(actor=w.users["secretary"], kind="yearend_report",
                                   organization_id=w.hospital.pk, year=2022)  # fmt: skip
    cell = services.document_generate(actor=w.users["secretary"], kind="yearend_report",
                                      organization_id=w.cell_a.pk, year=2022)  # fmt: skip
    assert cell.organization == w.cell_a
    row = _generate(setup)
    for role in ("reader", "other_office", "member", "communications"):
        with pytest.raises(PermissionDenied):
            services.document_issue(actor=w.users[role], document_id=row.pk, version=row.version)
    with pytest.raises(ValidationError) as exc:
        services.document_generate(actor=setup.office, kind="resolution",
                                   organization_id=w.hospital.pk, year=2022)  # fmt: skip
    assert "meeting" in exc.value.message_dict


def test_counter_set_start_continues_the_register(setup):
    """An office adopting dangbo mid-term: the last number used before; the next is +1."""
    services.counter_set_start(actor=setup.office, organization_id=setup.world.hospital.pk,
                               type_code="BC", last=11, on=dt.date(2022, 1, 1))  # fmt: skip
    row = _issue(setup, _generate(setup, year=2021))
    assert row.number_text == "12-BC/ĐU"
    with pytest.raises(ValidationError) as exc:  # 12 was given: never again
        services.counter_set_start(actor=setup.office, organization_id=setup.world.hospital.pk,
                                   type_code="BC", last=5, on=dt.date(2022, 1, 1))  # fmt: skip
    assert "last" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.counter_set_start(actor=setup.office, organization_id=setup.world.hospital.pk,
                                   type_code="XY", last=5)  # fmt: skip
    assert "type_code" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.counter_set_start(actor=setup.world.users["reader"],
                                   organization_id=setup.world.hospital.pk, type_code="BC",
                                   last=20)  # fmt: skip


def test_an_organization_without_a_term_numbers_in_one_register(setup):
    Term.objects.all().delete()
    a, b = _issue(setup, _generate(setup)), _issue(setup, _generate(setup, year=2019))
    assert (a.number, b.number) == (1, 2) and a.term is None and a.term_key == 0


RULE_BREAKING = (
    "Đảng bộ có 42 đảng viên được đánh giá, xếp loại; trong đó 08 đảng viên hoàn thành xuất sắc "
    "nhiệm vụ, 30 đảng viên hoàn thành tốt nhiệm vụ, 10 đảng viên hoàn thành nhiệm vụ."
)


def test_the_real_check_stops_an_issue_until_a_reason_is_given(setup, monkeypatch):
    """Items 3 and 4 joined: the checker of ``reports.consistency`` (not a stand-in) reads the
    saved body; 8 "xuất sắc" beside 30 "tốt" breaks the 20 % cap, so a reason is needed."""
    monkeypatch.undo()
    install_fake_draft(monkeypatch)
    row = _generate(setup, year=2023)
    row = services.document_edit(actor=setup.office, document_id=row.pk, version=row.version,
                                 title=row.title, body=RULE_BREAKING)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        _issue(setup, row)
    assert "reason" in exc.value.message_dict
    issued = _issue(setup, row, reason="Cấp trên đã cho phép vượt tỷ lệ")
    assert issued.number == 1 and issued.check_findings
    assert all(f["sentence"] in RULE_BREAKING for f in issued.check_findings)
