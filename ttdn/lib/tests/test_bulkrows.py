"""The one bulk writer streams batches of tuples on both databases and reports progress."""

import pytest
from django.contrib.auth.models import Group

from ttdn.lib import bulkrows


class Counter:
    def __init__(self):
        self.total = 0

    def update(self, n):
        self.total += n


@pytest.mark.django_db(transaction=True)
def test_insert_tuples_writes_every_batch_and_counts_the_rows():
    progress = Counter()
    batches = iter([[("Tỉnh",), ("Xã",)], [("Sở, ban",)]])
    written = bulkrows.insert_tuples(Group, ["name"], batches, progress)
    assert written == 3
    assert progress.total == 3
    assert sorted(Group.objects.values_list("name", flat=True)) == ["Sở, ban", "Tỉnh", "Xã"]


@pytest.mark.django_db
def test_insert_takes_dicts_and_leaves_out_nothing():
    bulkrows.insert(Group, [{"name": "a"}, {"name": "b"}])
    assert Group.objects.filter(name__in=["a", "b"]).count() == 2
