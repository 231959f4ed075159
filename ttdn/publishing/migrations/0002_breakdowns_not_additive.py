"""A bilingual column counts once in each of its languages, and a site with English and
Japanese versions once in each: by language, these two indicators' parts may add up
to more than their total (as publication_titles already may)."""

from django.db import migrations

NOT_ADDITIVE = ["standing_programmes", "foreign_language_sites"]


def not_additive(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(code__in=NOT_ADDITIVE).update(additive=False)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
        ("indicators", "0009_register_catalogue"),
    ]

    operations = [migrations.RunPython(not_additive, migrations.RunPython.noop)]
