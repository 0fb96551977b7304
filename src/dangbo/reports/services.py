"""Use cases of generated documents and the register (issue 10 items 2 and 3).

Each takes keyword arguments and an ``actor``, asks ``reports.permissions``, runs in one
transaction and leaves history (django-simple-history records who). A draft changes only with
the ``version`` its form read; an issued document never changes.

The register (HD 36, sổ đăng ký văn bản): numbers run from 01 per document type, per
organization, per committee term (the term whose dates contain the document's date). A number is
taken only when a document is issued, inside the issuing transaction, from the counter row
locked with ``SELECT … FOR UPDATE``: two issues at the same moment wait for each other, a failed
issue rolls the increment back (no gap), and a number is never given twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.documents import render
from dangbo.meetings.models import Meeting
from dangbo.organizations.models import Organization, Term
from dangbo.reports import generate, permissions, queries
from dangbo.reports.models import (
    MEETING_KINDS,
    DocumentKind,
    DocumentStatus,
    GeneratedDocument,
    NumberCounter,
)
from dangbo.reports.models import TYPE_CODES as MODEL_TYPE_CODES

TYPE_CODES = tuple(dict.fromkeys(MODEL_TYPE_CODES.values()))  # "BC", "NQ", "BB", "TB"


def _stale() -> ValidationError:
    return ValidationError({"__all__": [gettext(
        "Văn bản đã được người khác cập nhật trong lúc bạn đang sửa. "
        "Hãy tải lại trang, xem thay đổi mới rồi làm lại."
    )]})  # fmt: skip


def _save(row: Any, actor: Any, reason: str, fields: list[str] | None = None) -> None:
    row._history_user = actor
    row._change_reason = reason
    if fields is None:
        row.save()
    else:
        row.save(update_fields=fields)


# ---- the register ------------------------------------------------------------------------------
def _counter(organization: Organization, term: Term | None, type_code: str) -> NumberCounter:
    """The register's counter row, locked for update; created (last 0) on first use. On
    PostgreSQL two transactions may both find no row and both insert: the second insert waits
    on the unique index, fails once the first commits, and its savepoint is rolled back; it then
    selects (and waits for the lock on) the row the first created."""
    key = term.pk if term is not None else 0
    qs = NumberCounter.objects.select_for_update(of=("self",)).filter(
        organization=organization, term_key=key, type_code=type_code
    )
    row = qs.first()
    if row is not None:
        return row
    try:
        with transaction.atomic():  # a savepoint: the failed insert leaves the outer one usable
            NumberCounter.objects.create(
                organization=organization, term=term, term_key=key, type_code=type_code, last=0
            )
    except IntegrityError:
        pass
    return qs.get()


def next_number(*, organization: Organization, term: Term | None, type_code: str) -> int:
    """Take the next number of a register. Call it inside the transaction that uses the
    number: the counter row stays locked until that transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the issuing transaction")
    counter = _counter(organization, term, type_code)
    counter.last += 1
    counter.save(update_fields=["last"])
    return int(counter.last)


@transaction.atomic
def counter_set_start(
    *, actor: Any, organization_id: int, type_code: str, last: int, on: dt.date | None = None
) -> NumberCounter:
    """Set the last number already used in a register before the office used dangbo ("số cuối
    đã dùng trước khi dùng dangbo"), for the term containing ``on`` (default: today). The next
    issued document of that type gets ``last + 1``. A number already issued by dangbo in that
    register is never given again: ``last`` below it is refused."""
    organization = Organization.objects.get(pk=organization_id)
    if not permissions.can_write_documents(scope_for(actor), organization):
        raise PermissionDenied(gettext("Bạn không quản lý văn bản của tổ chức này."))
    type_code = type_code.strip()
    errors: dict[str, list[str]] = {}
    if type_code not in TYPE_CODES:
        errors["type_code"] = [
            gettext("Chọn mã loại văn bản trong danh sách (%(codes)s).")
            % {"codes": ", ".join(TYPE_CODES)}
        ]
    if last < 0 or last > 9999:
        errors["last"] = [gettext("Số cuối đã dùng phải từ 0 đến 9999.")]
    if errors:
        raise ValidationError(errors)
    term = queries.term_for(organization, on or timezone.localdate())
    counter = _counter(organization, term, type_code)
    used = GeneratedDocument.objects.filter(
        organization=organization, term_key=counter.term_key, type_code=type_code,
        number__isnull=False,
    ).aggregate(m=Max("number"))["m"] or 0  # fmt: skip
    if last < used:
        raise ValidationError({"last": [gettext(
            "Sổ đã cấp đến số %(used)s trong dangbo; số cuối đã dùng không được nhỏ hơn số đó "
            "(một số không bao giờ được cấp lại)."
        ) % {"used": f"{used:02d}"}]})  # fmt: skip
    counter.last = last
    _save(counter, actor, "Đặt số cuối đã dùng trước khi dùng dangbo")
    return counter


# ---- documents ---------------------------------------------------------------------------------
def _organization(actor: Any, organization_id: int) -> Organization:
    organization: Organization | None = Organization.objects.filter(pk=organization_id).first()
    if organization is None or not permissions.can_write_documents(scope_for(actor), organization):
        raise PermissionDenied(gettext("Bạn không quản lý văn bản của tổ chức này."))
    return organization


@transaction.atomic
def document_generate(
    *, actor: Any, kind: str, organization_id: int, year: int, meeting_id: int | None = None
) -> GeneratedDocument:
    """A new draft generated from the records (``generate.draft_for``): its header, signers,
    recipients and body are stored on the row, to be edited and issued."""
    organization = _organization(actor, organization_id)
    errors: dict[str, list[str]] = {}
    if kind not in DocumentKind.values:
        errors["kind"] = [gettext("Chọn loại văn bản trong danh sách.")]
    if not 2000 <= year <= 2100:
        errors["year"] = [gettext("Năm phải từ 2000 đến 2100.")]
    meeting = None
    if meeting_id:
        meeting = Meeting.objects.select_related("organization").filter(pk=meeting_id).first()
        if meeting is None or meeting.organization.pk != organization.pk:
            errors["meeting"] = [gettext(
                "Cuộc họp đã chọn không thuộc %(org)s; chọn một cuộc họp của tổ chức này."
            ) % {"org": organization.name}]  # fmt: skip
    elif kind in MEETING_KINDS:
        errors["meeting"] = [gettext("Nghị quyết và biên bản được tạo từ một cuộc họp: hãy chọn "
                                     "cuộc họp.")]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    try:
        draft = generate.draft_for(kind, organization=organization, year=year, meeting=meeting)
    except NotImplementedError as exc:
        raise ValidationError({"kind": [gettext(
            "Chưa tạo tự động được loại văn bản này; hãy chọn loại khác."
        )]}) from exc  # fmt: skip
    row = GeneratedDocument(
        organization=organization, kind=kind, year=year, meeting=meeting, title=draft.title,
        date=draft.date, body=draft.body.replace("\r\n", "\n"), type_code=draft.type_code,
        type_name=draft.type_name, superior=draft.superior, issuer=draft.issuer,
        issuer_code=draft.issuer_code, place=draft.place,
        signatures=[{"titles": list(s.titles), "name": s.name} for s in draft.signatures],
        recipients=list(draft.recipients), created_by=actor,
    )  # fmt: skip
    _save(row, actor, "Tạo dự thảo từ dữ liệu")
    return row


def _draft(actor: Any, document_id: int, version: int) -> GeneratedDocument:
    """The draft locked for update, after the permission, status and version checks."""
    row: GeneratedDocument | None = (
        GeneratedDocument.objects.select_for_update(of=("self",))
        .select_related("organization", "meeting")
        .filter(pk=document_id)
        .first()
    )
    scope = scope_for(actor)
    if row is None or not permissions.can_read_document(scope, row):
        raise PermissionDenied(gettext("Bạn không quản lý văn bản của tổ chức này."))
    if not permissions.can_write_documents(scope, row.organization):
        raise PermissionDenied(gettext("Bạn không quản lý văn bản của tổ chức này."))
    if not row.is_draft:
        raise PermissionDenied(permissions.issued_message())
    if row.version != version:
        raise _stale()
    return row


@transaction.atomic
def document_edit(
    *, actor: Any, document_id: int, version: int, title: str, body: str
) -> GeneratedDocument:
    """Save the edited summary and body of a draft.

    The "rich text" editing of issue 10 item 3 is a textarea in the light markup of
    ``meetings.minutes.parse_body`` (``#`` headings, ``-`` dash lists, ``|`` table rows,
    ``**Lead:**`` bold leads, ``_…_`` italics; no toolbar), with a live preview of the Party
    page beside it (the detail page posts the text to ``reports:preview`` through htmx); what
    the preview shows is what the PDF and DOCX will hold."""
    row = _draft(actor, document_id, version)
    title = " ".join(title.split())
    body = body.replace("\r\n", "\n").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [gettext("Ghi trích yếu của văn bản (dòng tên dưới loại văn bản).")]
    if not body:
        errors["body"] = [gettext("Nội dung văn bản đang trống; hãy ghi nội dung.")]
    if errors:
        raise ValidationError(errors)
    row.title, row.body = title, body + "\n"
    row.version += 1
    _save(row, actor, "Sửa dự thảo", ["title", "body", "version"])
    return row


def _findings_json(report: Any) -> list[dict[str, Any]]:
    return [
        {"sentence": f.sentence, "claim": f.claim, "message": f.message, "kind": f.kind,
         "start": f.start, "end": f.end}
        for f in report.findings
    ]  # fmt: skip


def _filename(row: GeneratedDocument, ext: str) -> str:
    org = slugify(row.organization.code) or str(row.organization.pk)
    return f"{slugify(row.type_code) or 'vb'}-{row.number:02d}-{org}-{row.year}.{ext}"


@transaction.atomic
def document_issue(
    *, actor: Any, document_id: int, version: int, reason: str = ""
) -> GeneratedDocument:
    """Issue a draft: check its figures against the records (``reports.consistency``; with
    mismatches a ``reason`` is required and kept), take the next number of the register, render
    the PDF and the DOCX once, store them with the SHA-256 of the PDF, and lock the document.
    Everything happens in one transaction: if rendering fails, the number is given back."""
    row = _draft(actor, document_id, version)
    reason = reason.strip()
    report = queries.consistency_of(row)
    findings = _findings_json(report)
    if findings and not reason:
        raise ValidationError({"reason": [gettext(
            "Văn bản còn %(n)s chỗ chưa khớp với dữ liệu (liệt kê bên cạnh câu); sửa nội dung, "
            "hoặc ghi lý do vẫn ban hành."
        ) % {"n": len(findings)}]})  # fmt: skip
    row.term = queries.term_for(row.organization, row.date)
    row.term_key = row.term.pk if row.term is not None else 0
    row.number = next_number(organization=row.organization, term=row.term, type_code=row.type_code)
    doc = queries.spec_of(row)
    pdf = render.render_pdf(doc)
    docx = render.render_docx(doc)
    row.pdf.save(_filename(row, "pdf"), ContentFile(pdf), save=False)
    row.docx.save(_filename(row, "docx"), ContentFile(docx), save=False)
    row.sha256 = hashlib.sha256(pdf).hexdigest()
    row.status = DocumentStatus.ISSUED
    row.issued_at = timezone.now()
    row.issued_by = actor
    row.check_reason = reason if findings else ""
    row.check_findings = findings
    row.version += 1
    _save(row, actor, f"Ban hành số {row.number_text}")
    return row
