from django.db import migrations


def load(apps, schema_editor):
    from ttdn.indicators.catalogue import load_catalogue

    load_catalogue(apps.get_model("indicators", "Indicator"))


def unload(apps, schema_editor):
    from ttdn.indicators.catalogue import DEFAULT_CATALOGUE

    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(code__in=[e[0] for e in DEFAULT_CATALOGUE], values=None).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
