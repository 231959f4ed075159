from django.db import migrations, models


def name_in_english(apps, schema_editor):
    """The shipped forms take their English names, and every section that still has its
    default title takes the English one beside it (pages in English mode show it)."""
    from ttdn.reporting.models import DEFAULT_FORMS, DEFAULT_SECTIONS

    ReportForm = apps.get_model("reporting", "ReportForm")
    english = {form["code"]: form["name_en"] for form in DEFAULT_FORMS}
    titles = {(s["code"], s["title"]): s["title_en"] for s in DEFAULT_SECTIONS}
    for form in ReportForm.objects.all():
        if not form.name_en and form.code in english:
            form.name_en = english[form.code]
        for section in form.sections:
            title = titles.get((section.get("code"), section.get("title")))
            if title and not section.get("title_en"):
                section["title_en"] = title
        form.save(update_fields=["name_en", "sections"])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0007_section_drafts")]

    operations = [
        migrations.AddField(
            model_name="reportform",
            name="name_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="tên tiếng Anh"),
        ),
        migrations.RunPython(name_in_english, migrations.RunPython.noop),
    ]
