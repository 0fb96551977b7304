"""Who may read, generate, edit and issue generated documents and set the register — every
predicate of the reports app, on ``accounts.scope.Scope`` (issue 10 items 2 and 3).

- Reading a document: whoever reads its organization (the office, a cell's secretary, a superior
  reader). Members and the communications team have no access (the pages answer 404).
- Generating, editing, issuing, setting the register: whoever writes the organization (the
  office of the đảng bộ for its subtree, a cell's secretary for her cell).
- An issued document is locked: nobody edits or issues it again.

The predicates take already-fetched objects and never query."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from dangbo.accounts.scope import Scope


def issued_message() -> str:
    """Why an issued document does not change (the page and the service)."""
    return gettext(
        "Văn bản này đã ban hành (đã có số và tệp lưu) nên không sửa, không ban hành lại được; "
        "nếu cần, hãy tạo văn bản mới."
    )


def can_see_documents(scope: Scope) -> bool:
    """The documents list at all (and its menu entry): readers of some subtree."""
    return scope.sees_organizations


def can_read_document(scope: Scope, document: Any) -> bool:
    return scope.reads_path(document.organization.path)


def can_generate_documents(scope: Scope) -> bool:
    """The "generate" page: whoever writes some organization."""
    return scope.writes_some


def can_write_documents(scope: Scope, organization: Any) -> bool:
    """Generate a document of ``organization``, or set its register."""
    return scope.writes_path(organization.path)


def can_edit_document(scope: Scope, document: Any) -> bool:
    """Edit or issue: whoever writes the document's organization, while it is a draft."""
    return can_write_documents(scope, document.organization) and document.is_draft


def can_issue_document(scope: Scope, document: Any) -> bool:
    return can_edit_document(scope, document)


def can_read_register(scope: Scope, organization: Any) -> bool:
    return scope.reads_path(organization.path)
