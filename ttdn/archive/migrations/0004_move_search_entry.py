"""SearchEntry now belongs to the search app (search 0001): the archive forgets the model
but leaves its table, rows and full-text index where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0003_fewer_document_indexes'),
        ('search', '0001_move_search_entry'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='SearchEntry')]
        ),
    ]
