"""SearchEntry moves here from the archive, where the index began. Only Django's record
of the model moves: the table keeps its name (archive_searchentry), its rows and the
full-text index the archive's migration 0002 built on it, so upgrading needs no rebuild.
The content type moves with it, keeping any permissions granted on it."""

import django.db.models.deletion
import ttdn.search.registry
from django.db import migrations, models


def _relabel(apps, old: str, new: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label=old, model="searchentry").update(app_label=new)


def move_content_type(apps, schema_editor):
    _relabel(apps, "archive", "search")


def move_content_type_back(apps, schema_editor):
    _relabel(apps, "search", "archive")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('archive', '0003_fewer_document_indexes'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('orgunits', '0002_path_c_collation'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=ttdn.search.registry.choices, max_length=10)),
                ('object_id', models.PositiveBigIntegerField()),
                ('period', models.CharField(blank=True, max_length=8)),
                ('starts_on', models.DateField(blank=True, null=True)),
                ('ends_on', models.DateField(blank=True, null=True)),
                ('topics', models.CharField(blank=True, max_length=500)),
                ('title', models.CharField(max_length=500)),
                ('body', models.TextField(blank=True)),
                ('title_folded', models.CharField(max_length=500)),
                ('body_folded', models.TextField(blank=True)),
                ('url', models.CharField(blank=True, max_length=300)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_entries', to='orgunits.orgunit')),
            ],
            options={
                'verbose_name': 'mục tìm kiếm',
                'verbose_name_plural': 'mục tìm kiếm',
                'db_table': 'archive_searchentry',
                'indexes': [models.Index(fields=['unit', 'kind'], name='archive_sea_unit_id_67bf66_idx')],
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='archive_search_unique')],
            },
        )]),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=True),
    ]
