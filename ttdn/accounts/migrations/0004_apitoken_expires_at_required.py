# The column is filled by 0003; a migration of its own, so that PostgreSQL alters the
# table in a transaction other than the one that updated its rows.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_apitoken_expires_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="hết hạn"),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="last_used_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="dùng lần cuối"
            ),
        ),
    ]
