"""The search index: one row for each searchable object of any app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn.fields import PeriodField, PeriodOrNone
from ttdn.orgunits.models import UnitScopedQuerySet
from ttdn.search import registry


class SearchEntry(models.Model):
    """One searchable thing. The folded columns (no diacritics, đ → d, lower case) are
    what the full-text index covers — SQLite FTS5 table ``archive_search_fts`` or a GIN
    index on PostgreSQL, both made by the archive's migration 0002, where the index
    began (hence the table's name) — so neither database needs to fold Vietnamese
    itself."""

    kind = models.CharField(max_length=10, choices=registry.choices)
    object_id = models.PositiveBigIntegerField()
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="search_entries"
    )
    period = PeriodField(blank=True)
    the_period = PeriodOrNone("period")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    topics = models.CharField(max_length=500, blank=True)  # " code code " for LIKE filters
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    title_folded = models.CharField(max_length=500)
    body_folded = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        db_table = "archive_searchentry"
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="archive_search_unique")
        ]
        indexes = [models.Index(fields=["unit", "kind"], name="archive_sea_unit_id_67bf66_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def link(self) -> str:
        return self.url or registry.get(self.kind).link(self.object_id)

    @property
    def topic_codes(self) -> list[str]:
        return self.topics.split()
