"""Roles bound to an organization subtree."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    OFFICE = "office", _("Văn phòng Đảng ủy")
    CELL_SECRETARY = "cell_secretary", _("Bí thư chi bộ")
    MEMBER = "member", _("Đảng viên")
    SUPERIOR_READER = "superior_reader", _("Cấp ủy cấp trên (chỉ xem)")
    COMMUNICATIONS = "communications", _("Tổ truyền thông")


class Role(models.Model):
    """A user's role over the subtree rooted at ``organization`` (or over one ``member``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("vai trò"), max_length=24, choices=RoleKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("tổ chức"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("đảng viên"),
    )

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="admin")
                | models.Q(kind="member", member__isnull=False)
                | (~models.Q(kind__in=["admin", "member"]) & models.Q(organization__isnull=False)),
                name="role_has_scope",
            )
        ]

    def __str__(self) -> str:
        target = self.organization or self.member or ""
        return f"{self.user} — {self.get_kind_display()} {target}".strip()
