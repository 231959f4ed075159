# Every API token gets an expiry. Tokens made before expiries existed keep working for
# one lifetime (settings.API_TOKEN_DAYS) from the upgrade, so the systems that use them
# have that long to be given new ones.

from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def expire_existing_tokens_after_one_lifetime(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires_at = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=expires_at)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="hết hạn"),
        ),
        migrations.RunPython(
            expire_existing_tokens_after_one_lifetime, migrations.RunPython.noop, elidable=True
        ),
    ]
