"""Issue 7: the reveal log outlives the member (SET_NULL plus copies of its id and name) and
records where the number was shown (the record page or an export)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_members(apps, schema_editor):
    SensitiveReveal = apps.get_model("members", "SensitiveReveal")
    Member = apps.get_model("members", "Member")
    names = dict(
        Member.objects.filter(pk__in=SensitiveReveal.objects.values("member_id")).values_list(
            "pk", "full_name"
        )
    )
    for reveal in SensitiveReveal.objects.all().iterator():
        reveal.member_pk = reveal.member_id
        reveal.member_name = names.get(reveal.member_id, "")
        reveal.save(update_fields=["member_pk", "member_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_drop_status_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="sensitivereveal",
            name="channel",
            field=models.CharField(
                choices=[("page", "Trang hồ sơ"), ("export", "Xuất Excel")],
                default="page",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="sensitivereveal",
            name="member_name",
            field=models.CharField(default="", max_length=120),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="sensitivereveal",
            name="member_pk",
            field=models.BigIntegerField(db_index=True, null=True),
        ),
        migrations.RunPython(copy_members, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sensitivereveal",
            name="member_pk",
            field=models.BigIntegerField(db_index=True),
        ),
        migrations.AlterField(
            model_name="sensitivereveal",
            name="member",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reveals",
                to="members.member",
            ),
        ),
    ]
