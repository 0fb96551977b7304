"""reports.models — issue 10 item 2 (HD 36: the number "Số 12-BC/ĐU", two digits below ten, a
register per organization, term and type, a number used once) and item 3 (the kinds of generated
document and their type codes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from dangbo.reports.models import (
    TYPE_CODES,
    TYPE_NAMES,
    DocumentKind,
    GeneratedDocument,
    NumberCounter,
)


def test_kinds_and_their_type_codes():
    assert {k: TYPE_CODES[k] for k in DocumentKind.values} == {
        "midyear_report": "BC", "yearend_report": "BC", "resolution": "NQ", "minutes": "BB",
        "evaluation_notice": "TB",
    }  # fmt: skip
    assert TYPE_NAMES[DocumentKind.RESOLUTION] == "Nghị quyết"
    assert DocumentKind.YEAREND_REPORT.label == "Báo cáo tổng kết năm"


def _doc(world, number=None, term_key=0):
    return GeneratedDocument.objects.create(
        organization=world.hospital, kind="yearend_report", year=2021, title="Tổng kết",
        date=dt.date(2022, 1, 14), body="Nội dung.\n", type_code="BC", type_name="Báo cáo",
        issuer="Đảng ủy Bệnh viện Đa khoa A", issuer_code="ĐU", number=number, term_key=term_key,
    )  # fmt: skip


@pytest.mark.django_db
def test_number_text_and_uniqueness_of_numbers(world):
    assert _doc(world).number_text == ""
    assert _doc(world, number=3).number_text == "03-BC/ĐU"
    assert _doc(world, number=12).number_text == "12-BC/ĐU"
    _doc(world)  # drafts have no number: any count of them
    _doc(world, number=3, term_key=99)  # another term's register
    with pytest.raises(IntegrityError), transaction.atomic():
        _doc(world, number=3)


@pytest.mark.django_db
def test_one_counter_per_register_even_without_a_term(world):
    NumberCounter.objects.create(organization=world.hospital, type_code="BC", last=4)
    NumberCounter.objects.create(organization=world.hospital, type_code="NQ")
    with pytest.raises(IntegrityError), transaction.atomic():
        NumberCounter.objects.create(organization=world.hospital, type_code="BC")
