"""Issue 10 item 2, Done when "Numbering is gap-free and unique under concurrent issuing on
PostgreSQL (tested)": N threads, each with its own database connection, issue N drafts of the
same type of the same organization at the same moment (a barrier releases them together); the
numbers are exactly 1..N. The first round starts with no counter row (the threads race to create
it: one insert wins, the others fail on the unique index and lock the winner's row); the second
round races on the existing row.

PostgreSQL only: SQLite takes one writer at a time (``transaction_mode = IMMEDIATE``), so
threads there test nothing. ``.ci/run`` runs the suite on PostgreSQL too. The renderers are
replaced by stand-ins: what is under test is the register, and the PDF of each issue would only
make the test slow (the row lock is held while the PDF renders)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from dangbo.organizations.models import Term
from dangbo.reports import queries, services
from dangbo.reports.consistency import Report
from dangbo.reports.models import GeneratedDocument, NumberCounter
from tests.factories import org, user_with_role

N = 8

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent issuing needs PostgreSQL (row locks); SQLite serializes writers",
    ),
    pytest.mark.django_db(transaction=True),
]


def _drafts(hospital, n: int) -> list[GeneratedDocument]:
    return [
        GeneratedDocument.objects.create(
            organization=hospital,
            kind="yearend_report",
            year=2022,
            title=f"Báo cáo {i}",
            date=dt.date(2023, 1, 19),
            body="Nội dung.\n",
            type_code="BC",
            type_name="Báo cáo",
            superior="Đảng bộ Sở Y tế",
            issuer="Đảng ủy Bệnh viện A",
            issuer_code="ĐU",
            place="Hà Nội",
        )  # fmt: skip
        for i in range(n)
    ]


def _issue_all(office, rows: list[GeneratedDocument]) -> tuple[list[int], list[BaseException]]:
    barrier = threading.Barrier(len(rows))
    numbers: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(row: GeneratedDocument) -> None:
        try:
            barrier.wait(timeout=30)
            issued = services.document_issue(actor=office, document_id=row.pk, version=row.version)
            with lock:
                numbers.append(issued.number)
        except BaseException as exc:  # noqa: BLE001 — reported by the test
            with lock:
                errors.append(exc)
        finally:
            connection.close()  # this thread's connection

    threads = [threading.Thread(target=work, args=(row,)) for row in rows]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "an issuing thread hung"
    return numbers, errors


def test_concurrent_issues_get_numbers_1_to_n(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(
        services.render, "render_pdf", lambda doc: b"%PDF-1.7 " + doc.title.encode()
    )
    monkeypatch.setattr(services.render, "render_docx", lambda doc: b"PK docx")
    monkeypatch.setattr(queries, "consistency_of", lambda row, body=None: Report())
    superior = org("Đảng bộ Sở Y tế", "superior", code="SYT")
    hospital = org("Đảng bộ Bệnh viện A", "grassroots_committee", superior, code="BVA")
    term = Term.objects.create(organization=hospital, name="2020–2025",
                               starts_on=dt.date(2020, 7, 10))  # fmt: skip
    office = user_with_role("office1", "office", hospital)
    assert not NumberCounter.objects.exists()

    numbers, errors = _issue_all(office, _drafts(hospital, N))  # racing to create the counter
    assert errors == []
    assert sorted(numbers) == list(range(1, N + 1))

    numbers, errors = _issue_all(office, _drafts(hospital, N))  # racing on the existing row
    assert errors == []
    assert sorted(numbers) == list(range(N + 1, 2 * N + 1))

    counter = NumberCounter.objects.get()
    assert (counter.term, counter.type_code, counter.last) == (term, "BC", 2 * N)
    stored = sorted(GeneratedDocument.objects.values_list("number", flat=True))
    assert stored == list(range(1, 2 * N + 1))
