"""Recording values through the API and evidence uploads (issue 6, item 10): unknown
checkpoints and unreadable numbers answer 4xx in Vietnamese, never 500; cells record their
share; evidence files are capped in size and limited to document and image types."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangbo.targets import services, uploads
from dangbo.targets.forms import EntryForm
from dangbo.targets.models import Checkpoint, Entry, Resolution

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
ZIP = b"PK\x03\x04\x14\x00\x06\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
HTML = b"<!doctype html><script>alert(1)</script>"


def _post(client, target, payload):
    return client.post(
        f"/api/targets/{target.pk}/entries", json.dumps(payload), content_type="application/json"
    )


def _detail(response):
    return str(response.json()["detail"])


# ---- the API ------------------------------------------------------------------------------


def test_unknown_or_foreign_checkpoint_answers_422_in_vietnamese(client, world, plan):
    other = Resolution.objects.create(
        organization=world.hospital, year=2024, number="01-NQ/ĐU", issued_on="2024-01-10",
        title="Nghị quyết năm 2024",
    )  # fmt: skip
    foreign = Checkpoint.objects.create(
        resolution=other, kind="midyear", as_of="2024-06-30", deadline="2024-07-10"
    )
    client.force_login(world.users["office"])
    for checkpoint_id in (999_999, foreign.pk, 10**20, -1, 0):
        response = _post(client, plan.admissions, {"checkpoint_id": checkpoint_id, "value": 6})
        assert response.status_code == 422, checkpoint_id
        assert "checkpoint_id: Kỳ báo cáo không thuộc nghị quyết của chỉ tiêu." in _detail(response)
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e30", "không phải là một số"),
        (1e30, "phần nguyên chỉ được tối đa 12 chữ số"),
        ("123456789012345678", "phần nguyên chỉ được tối đa 12 chữ số"),
        (123456789012345678, "phần nguyên chỉ được tối đa 12 chữ số"),
        (-3, "nhỏ hơn giá trị nhỏ nhất cho phép là 0"),
        ("-3", "nhỏ hơn giá trị nhỏ nhất cho phép là 0"),
        (-0.5, "nhỏ hơn giá trị nhỏ nhất cho phép là 0"),
        (97.555, "chỉ được tối đa 2 chữ số sau dấu phẩy"),
        ("97,555", "chỉ được tối đa 2 chữ số sau dấu phẩy"),
        ("NaN", "không phải là một số"),
        ("mười", "không phải là một số"),
        ("1.5", "có thể hiểu là 1,5 hoặc 15"),
    ],
)
def test_unreadable_values_answer_422_naming_the_field(client, world, plan, value, message):
    client.force_login(world.users["office"])
    response = _post(client, plan.admissions, {"checkpoint_id": plan.midyear.pk, "value": value})
    assert response.status_code == 422
    assert _detail(response).startswith("value: ") and message in _detail(response)
    assert not Entry.objects.exists()


def test_non_finite_json_numbers_and_booleans_answer_422(client, world, plan):
    client.force_login(world.users["office"])
    for token in ("true", "false", "[6]"):
        body = f'{{"checkpoint_id": {plan.midyear.pk}, "value": {token}}}'
        response = client.post(
            f"/api/targets/{plan.admissions.pk}/entries", body, content_type="application/json"
        )
        assert response.status_code == 422, token
    for token in ("NaN", "Infinity", "-Infinity", "1e400"):
        body = f'{{"checkpoint_id": {plan.midyear.pk}, "value": {token}}}'
        response = client.post(
            f"/api/targets/{plan.admissions.pk}/entries", body, content_type="application/json"
        )
        assert response.status_code == 422, token
        assert _detail(response).startswith("value: ")
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("185.300", Decimal("185300")),
        ("97,5", Decimal("97.5")),
        ("1.250,75", Decimal("1250.75")),
        (97.5, Decimal("97.5")),
        (6, Decimal("6")),
        (999_999_999_999.99, Decimal("999999999999.99")),
        ("0", Decimal("0")),
    ],
)
def test_values_as_json_numbers_or_vietnamese_text(client, world, plan, value, stored):
    client.force_login(world.users["office"])
    payload = {"checkpoint_id": plan.midyear.pk, "value": value, "cause": "c", "remedy": "r"}
    response = _post(client, plan.admissions, payload)
    assert response.status_code == 201, response.content
    assert Entry.objects.get().value == stored
    assert Decimal(str(response.json()["value"])) == stored


def test_a_cell_records_its_share_through_the_api(client, world, plan):
    secretary = world.users["secretary"]
    client.force_login(secretary)
    payload = {"checkpoint_id": plan.midyear.pk, "organization_id": world.cell_a.pk}
    response = _post(client, plan.beds, {**payload, "value": "300", "stated": "trên 300"})
    assert response.status_code == 201, response.content
    assert response.json()["organization_id"] == world.cell_a.pk
    entry = Entry.objects.get()
    assert (entry.organization, entry.value, entry.recorded_by) == (
        world.cell_a, Decimal(300), secretary,
    )  # fmt: skip
    # another cell's share, or a target not assigned to her cell: outside what she may see
    response = _post(client, plan.beds, {**payload, "organization_id": world.cell_b.pk, "value": 1})
    assert response.status_code == 404
    response = _post(client, plan.admissions, {**payload, "value": 1})
    assert response.status_code == 404
    assert Entry.objects.count() == 1


def test_organization_must_be_known_in_scope_and_assigned(client, world, plan):
    client.force_login(world.users["office"])
    base = {"checkpoint_id": plan.midyear.pk, "value": 5}
    for organization_id in (999_999, world.other_cell.pk, 10**20):  # unknown, or not ours
        response = _post(client, plan.beds, {**base, "organization_id": organization_id})
        assert response.status_code == 404, organization_id
    for target, org in [(plan.beds, world.hospital), (plan.admissions, world.cell_a)]:
        response = _post(client, target, {**base, "organization_id": org.pk})
        assert response.status_code == 422
        assert "organization_id: Chỉ tiêu này không giao cho chi bộ đó." in _detail(response)
    response = _post(client, plan.beds, {**base, "organization_id": world.cell_b.pk})
    assert response.status_code == 201  # the office records a cell's share too
    assert Entry.objects.get().organization == world.cell_b


def test_read_permission_follows_the_targets_predicate(client, world, plan):
    base = {"checkpoint_id": plan.midyear.pk, "value": 6}
    for role, status in [("other_office", 404), ("member", 404), ("communications", 404),
                         ("secretary", 404), ("reader", 403)]:  # fmt: skip
        client.force_login(world.users[role])
        assert _post(client, plan.admissions, base).status_code == status, role
    client.force_login(world.users["secretary"])  # reads beds: assigned to her cell
    assert _post(client, plan.beds, base).status_code == 403  # but not the whole target
    assert not Entry.objects.exists()
    client.force_login(plan.head)
    assert _post(client, plan.admissions, base).status_code == 201


def test_report_fields_of_the_api(client, world, plan):
    client.force_login(world.users["office"])
    base = {"checkpoint_id": plan.midyear.pk}
    response = _post(client, plan.infections, {**base, "not_started": True})
    assert response.status_code == 201, response.content
    assert Entry.objects.get().not_started is True
    response = _post(client, plan.infections, {**base, "value": 1, "assessed_status": "tốt"})
    assert response.status_code == 422 and _detail(response).startswith("assessed_status: ")
    response = _post(client, plan.infections, {**base, "value": 1, "stated": "x" * 61})
    assert response.status_code == 422
    assert Entry.objects.count() == 1


# ---- evidence uploads ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bien-ban.pdf", PDF),
        ("BIEN-BAN.PDF", b"\n\n" + PDF),  # a few bytes before the header are tolerated
        ("anh.png", PNG),
        ("anh.jpg", JPEG),
        ("anh.jpeg", JPEG),
        ("bao-cao.docx", ZIP),
        ("so-lieu.xlsx", ZIP),
        ("bao-cao.odt", ZIP),
        ("so-lieu.ods", ZIP),
        ("bao-cao.doc", b"{\\rtf1\\ansi"),  # legacy .doc is often RTF: extension only
        ("so-lieu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        ("anh.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 "),
        ("anh.heic", b"\x00\x00\x00\x18ftypheic"),
    ],
)
def test_documents_and_images_are_accepted(name, content):
    uploads.validate_evidence(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trang.html", HTML, "không thuộc loại được nhận"),
        ("cai-dat.exe", EXE, "không thuộc loại được nhận"),
        ("khong-duoi", PDF, "không thuộc loại được nhận"),
        ("evil.pdf", EXE, "không phải tệp .pdf"),
        ("evil.png", HTML, "không phải tệp .png"),
        ("evil.jpg", PNG, "không phải tệp .jpg"),
        ("evil.docx", EXE, "không phải tệp .docx"),
        ("evil.webp", b"RIFF\x24\x00\x00\x00AVI LIST", "không phải tệp .webp"),
    ],
)
def test_other_types_and_disguised_files_are_refused(name, content, message):
    with pytest.raises(ValidationError) as info:
        uploads.validate_evidence(SimpleUploadedFile(name, content))
    text = " ".join(info.value.messages)
    assert name in text and message in text and "pdf, doc, docx" in text


def test_size_is_capped_by_the_setting(settings):
    class Big:  # a 60 MB upload, without holding 60 MB in memory
        name = "ho-so.pdf"
        size = 60 * 1024 * 1024

    assert uploads.max_bytes() == 10 * 1024 * 1024  # the default
    with pytest.raises(ValidationError) as info:
        uploads.validate_evidence(Big())
    assert info.value.messages == ["Tệp “ho-so.pdf” quá lớn (60,0 MB); chỉ nhận tệp tối đa 10 MB."]
    settings.DANGBO_EVIDENCE_MAX_MB = 1
    uploads.validate_evidence(SimpleUploadedFile("nho.pdf", PDF + b"0" * 1000))
    with pytest.raises(ValidationError):
        uploads.validate_evidence(SimpleUploadedFile("lon.pdf", PDF + b"0" * 1024 * 1024))


def test_entry_form_checks_the_file_and_tells_the_browser_what_it_takes(settings):
    settings.DANGBO_EVIDENCE_MAX_MB = 1
    field = EntryForm.base_fields["attachment"]
    html = field.widget.render("attachment", None)
    assert f'accept="{uploads.ACCEPT}"' in html and ".pdf," in html and ".heic" in html
    for name, content in [("evil.pdf", EXE), ("trang.html", HTML), ("lon.pdf", PDF * 80_000)]:
        with pytest.raises(ValidationError) as info:
            field.clean(SimpleUploadedFile(name, content))
        assert name in " ".join(info.value.messages)
    assert field.clean(SimpleUploadedFile("bien-ban.pdf", PDF)).name == "bien-ban.pdf"
    assert field.clean(None) is None  # the file stays optional


def test_record_page_refuses_a_disguised_file_and_stores_nothing(
    client, world, plan, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(plan.head)
    url = reverse("targets:record", args=[plan.admissions.pk, plan.midyear.pk])
    evil = SimpleUploadedFile("evil.pdf", EXE, "application/pdf")
    response = client.post(url, {"value": "6", "attachment": evil})
    assert response.status_code == 200
    assert "Nội dung tệp “evil.pdf” không phải tệp .pdf" in response.content.decode()
    assert not Entry.objects.exists() and not any(tmp_path.rglob("*.*"))


def test_service_refuses_a_bad_file_whoever_calls_it(world, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for name, content in [("cai-dat.exe", EXE), ("evil.pdf", EXE), ("trang.html", HTML)]:
        with pytest.raises(ValidationError) as info:
            services.entry_record(
                actor=plan.head, target_id=plan.admissions.pk, checkpoint_id=plan.midyear.pk,
                value=Decimal(6), attachment=SimpleUploadedFile(name, content),
            )  # fmt: skip
        assert list(info.value.message_dict) == ["attachment"]
        assert name in info.value.message_dict["attachment"][0]
    assert not Entry.objects.exists() and not any(tmp_path.rglob("*.*"))
    entry = services.entry_record(
        actor=plan.head, target_id=plan.admissions.pk, checkpoint_id=plan.midyear.pk,
        value=Decimal(6), attachment=SimpleUploadedFile("bien-ban.pdf", PDF),
    )  # fmt: skip
    assert entry.attachment.name.endswith(".pdf")
