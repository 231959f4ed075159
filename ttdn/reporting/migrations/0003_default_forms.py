from django.db import migrations

FORMS = [
    ("ttdn-6-thang", "Báo cáo công tác thông tin đối ngoại 6 tháng", "six_month"),
    ("ttdn-nam", "Báo cáo công tác thông tin đối ngoại năm", "year"),
    ("ttdn-quy", "Báo cáo công tác thông tin đối ngoại quý", "quarter"),
]


def load(apps, schema_editor):
    from ttdn.reporting.models import default_sections

    ReportForm = apps.get_model("reporting", "ReportForm")
    Indicator = apps.get_model("indicators", "Indicator")
    for code, name, period_type in FORMS:
        form, created = ReportForm.objects.get_or_create(
            code=code,
            defaults={"name": name, "period_type": period_type, "sections": default_sections()},
        )
        if created:
            form.indicators.set(Indicator.objects.all())


def unload(apps, schema_editor):
    apps.get_model("reporting", "ReportForm").objects.filter(
        code__in=[f[0] for f in FORMS], reportrequest=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_document_profile"),
        ("indicators", "0002_default_catalogue"),
    ]
    operations = [migrations.RunPython(load, unload)]
