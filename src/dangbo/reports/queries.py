"""Reads of the reports app (issue 10 items 2 and 3): the documents of the organizations in a
scope, one document, the register of an organization, the term a date falls in, a stored
document as the renderer's ``spec.Document``, and the consistency check of a draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.accounts.scope import Scope
from dangbo.documents.spec import Document, Signature
from dangbo.organizations.models import Organization, Term
from dangbo.reports import generate
from dangbo.reports.consistency import Report, check
from dangbo.reports.facts import MIDYEAR, YEAREND, facts_for
from dangbo.reports.models import DocumentKind, GeneratedDocument, NumberCounter

LIST_FIELDS = (
    "id", "kind", "year", "title", "date", "status", "number", "type_code", "issuer_code",
    "sha256", "organization__id", "organization__name", "organization__path",
)  # fmt: skip


def documents_for(scope: Scope, *, kind: str = "", year: int | None = None) -> QuerySet[Any]:
    """The documents of the organizations the scope reads, newest first (one query a page:
    the organization is joined, the body and files are left out)."""
    qs = GeneratedDocument.objects.filter(organization__in=scope.orgs())
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("organization").only(*LIST_FIELDS).order_by("-date", "-id")


def years_for(scope: Scope) -> list[int]:
    qs = GeneratedDocument.objects.filter(organization__in=scope.orgs())
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


def document(scope: Scope, pk: int) -> GeneratedDocument | None:
    """One document of an organization the scope reads (None outside it)."""
    qs = GeneratedDocument.objects.filter(organization__in=scope.orgs())
    row: GeneratedDocument | None = (
        qs.select_related("organization", "meeting", "issued_by", "created_by", "term")
        .filter(pk=pk)
        .first()
    )
    return row


def term_for(organization: Organization, on: dt.date) -> Term | None:
    """The organization's committee term whose dates contain ``on`` (the latest started)."""
    qs = Term.objects.filter(organization=organization, starts_on__lte=on)
    qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
    term: Term | None = qs.order_by("-starts_on").first()
    return term


def counters_of(organization: Organization) -> list[NumberCounter]:
    """The registers of an organization (per term and type), newest term first."""
    return list(
        NumberCounter.objects.filter(organization=organization)
        .select_related("term")
        .order_by("-term_key", "type_code")
    )


def draft_of(row: GeneratedDocument) -> generate.Draft:
    """The stored document as a ``generate.Draft`` (the signatures rebuilt from their JSON)."""
    signatures = tuple(
        Signature(tuple(str(t) for t in s.get("titles", ())), str(s.get("name", "")))
        for s in (row.signatures or [])
    )
    return generate.Draft(
        kind=row.kind, title=row.title, body=row.body, date=row.date, type_code=row.type_code,
        type_name=row.type_name, superior=row.superior, issuer=row.issuer,
        issuer_code=row.issuer_code, place=row.place, signatures=signatures,
        recipients=tuple(str(r) for r in (row.recipients or [])),
    )  # fmt: skip


def spec_of(row: GeneratedDocument, body: str | None = None, title: str | None = None) -> Document:
    """The renderer's document for ``row`` with its number (None for a draft); ``body`` and
    ``title`` replace the stored ones (the live preview of an edit)."""
    draft = draft_of(row)
    if body is not None or title is not None:
        from dataclasses import replace

        draft = replace(
            draft,
            body=draft.body if body is None else body,
            title=draft.title if title is None else title,
        )
    return generate.document_of(draft, row.number)


def _period(row: GeneratedDocument) -> dict[str, str]:
    """The period a report speaks of, for ``facts_for`` (its checkpoint of the targets)."""
    period = {DocumentKind.MIDYEAR_REPORT: MIDYEAR, DocumentKind.YEAREND_REPORT: YEAREND}
    return {"period": period[row.kind]} if row.kind in period else {}


def consistency_of(row: GeneratedDocument, body: str | None = None) -> Report:
    """The consistency check of the body (``reports.consistency.check``) against the records of
    its organization's year and period (``reports.facts.facts_for``)."""
    facts = facts_for(row.organization, row.year, meeting=row.meeting, **_period(row))
    return check(row.body if body is None else body, facts, year=row.year)
