from django.db import migrations


def load(apps, schema_editor):
    from ttdn.indicators.catalogue import load_catalogue

    load_catalogue(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    """The indicators the registers give: direction and organisation, standing
    programmes, foreign-language sites, training attended, delegations sent, partners."""

    dependencies = [("indicators", "0008_register_figures")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
