"""Keeping the search index in step, and searching it.

Every searchable thing has a ``SearchEntry`` row with folded copies of its title and body
(``ttdn.lib.textfold.fold``: no diacritics, đ → d, lower case). The database indexes the
folded columns only — SQLite FTS5 with ``remove_diacritics 0`` (its own folding misses đ
and letters with two marks), PostgreSQL ``to_tsvector('simple', …)`` (no ``unaccent``,
which cannot sit in an index) — and queries are folded the same way, so "thong tin doi
ngoai", "thông tin đối ngoại" and "THÔNG TIN ĐỐI NGOẠI" find the same rows.

What an object's entry says comes from its app's ``search.py`` (``ttdn.search.registry``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from ttdn.lib.periods import Period
from ttdn.lib.textfold import fold_aligned, words
from ttdn.orgunits.models import OrgUnit
from ttdn.search import registry
from ttdn.search.models import SearchEntry
from ttdn.search.snippets import highlight, snippet
from ttdn.search.text import search_body

MAX_TERMS = 12
# Ranking costs ~5 µs a match on SQLite and ~30 µs on PostgreSQL (ts_rank reads each
# tsvector), counting ~10 µs: a broad query ("thong tin doi ngoai") can match the whole
# archive, so only the newest RANK_CANDIDATES matches are ranked and counting stops
# past COUNT_LIMIT ("hơn 1.000 kết quả"). Narrower queries are ranked and counted whole.
RANK_CANDIDATES = 300
COUNT_LIMIT = 1000
REBUILD_BATCH = 500


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


# Index upkeep -----------------------------------------------------------------------


def _columns(entry: registry.Entry) -> dict[str, Any]:
    """The entry's columns but kind and object_id."""
    title = _clean(entry.title)[:500] or "—"
    body = search_body(entry.body)
    return {
        "unit_id": entry.unit_id,
        "title": title,
        "body": body,
        "title_folded": fold_aligned(title),
        "body_folded": entry.body_folded or fold_aligned(body),
        "period": entry.period,
        "starts_on": entry.starts_on,
        "ends_on": entry.ends_on,
        "topics": f" {' '.join(entry.topics)} " if entry.topics else "",
        "url": entry.url,
    }


def entry_row(kind: str, object_id: int, entry: registry.Entry) -> dict[str, Any]:
    """The entry as a dict of column values, for inserting many rows at once."""
    return {"kind": kind, "object_id": object_id, **_columns(entry)}


def remove(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def index(kind: str, obj: Any) -> None:
    """Add, update or remove ``obj``'s entry, as its registered index describes it."""
    entry = registry.get(kind).entry(obj)
    if entry is None:
        remove(kind, obj.pk)
    else:
        SearchEntry.objects.update_or_create(kind=kind, object_id=obj.pk, defaults=_columns(entry))


def reindex_all() -> int:
    """Rebuild every entry from its source rows in one transaction; returns how many
    entries exist. Needed after rows were written without signals (bulk loads such as
    the demonstration data)."""

    def entries():
        for search_index in registry.indexes():
            for obj in search_index.queryset().iterator():
                entry = search_index.entry(obj)
                if entry is not None:
                    yield SearchEntry(**entry_row(search_index.kind, obj.pk, entry))

    with transaction.atomic():
        SearchEntry.objects.all().delete()
        batch: list[SearchEntry] = []
        for entry in entries():
            batch.append(entry)
            if len(batch) >= REBUILD_BATCH:
                SearchEntry.objects.bulk_create(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
    return SearchEntry.objects.count()


# Queries ----------------------------------------------------------------------------


@dataclass
class Hit:
    entry: SearchEntry
    rank: float
    title: SafeString
    snippet: SafeString
    snippet_text: str

    def as_dict(self, base_url: str = "") -> dict:
        """The hit as the API and ``ttdn search --json`` give it (plain text snippet)."""
        return {
            "kind": self.entry.kind,
            "title": self.entry.title,
            "unit": self.entry.unit.code,
            "period": self.entry.period or None,
            "snippet": self.snippet_text,
            "url": base_url + self.entry.link,
        }


@dataclass
class Results:
    query: str
    terms: list[str]
    total: int = 0
    more_than_total: bool = False  # the count stopped at COUNT_LIMIT
    hits: list[Hit] = field(default_factory=list)


def query_terms(query: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in words(_clean(query)):
        seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


def _filtered(
    user,
    unit: OrgUnit | None,
    period: Period | None,
    topic: str,
    kind: str,
):
    entries = SearchEntry.objects.all() if user is None else SearchEntry.objects.for_user(user)
    if unit is not None:
        entries = entries.filter(unit__path__startswith=unit.path)
    if period is not None:
        entries = entries.filter(starts_on__gte=period.start, ends_on__lte=period.end)
    if topic:
        entries = entries.filter(topics__contains=f" {topic} ")
    if kind:
        entries = entries.filter(kind=kind)
    return entries


def _ranked_ids(terms: list[str], entries, limit: int, offset: int):
    """(total, [(id, rank)]) best first, in one statement; the total is at most
    COUNT_LIMIT + 1 (meaning "more than COUNT_LIMIT").

    ``m``: the matching ids, from the full-text index alone. ``a``: the newest matches
    the person may see, walked newest first and stopped as soon as there are enough to
    count and rank. ``c``: the candidates ranked.
    """
    candidates = max(RANK_CANDIDATES, offset + limit)
    allowed_sql, allowed_params = (
        entries.filter(id__in=RawSQL("SELECT id FROM m", ()))
        .order_by("-id")
        .values_list("id", flat=True)[: max(COUNT_LIMIT + 1, candidates)]
        .query.sql_with_params()
    )
    if connection.vendor == "postgresql":
        query = " ".join(terms)
        matches = (
            "m AS (SELECT e.id FROM archive_searchentry e "
            "WHERE e.search_vector @@ plainto_tsquery('simple', %s))"
        )
        rank = "e.id, ts_rank(e.search_vector, plainto_tsquery('simple', %s))"
        ranked_from = "FROM archive_searchentry e JOIN c ON c.id = e.id ORDER BY 2 DESC, 1 DESC"
        match_param = rank_param = query
    else:
        expression = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        matches = (
            "m AS MATERIALIZED (SELECT rowid AS id FROM archive_search_fts "
            "WHERE archive_search_fts MATCH %s)"
        )
        # bm25 is lower-is-better; a title hit weighs five body hits. "+f.rowid": without
        # the plus SQLite hands the IN list to FTS5, which then runs the whole MATCH once
        # per candidate.
        rank = "f.rowid, -bm25(archive_search_fts, 5.0, 1.0)"
        ranked_from = (
            "FROM archive_search_fts f WHERE archive_search_fts MATCH %s "
            "AND +f.rowid IN (SELECT id FROM c) ORDER BY 2 DESC, 1 DESC"
        )
        match_param, rank_param = expression, None
    sql = (
        f"WITH {matches}, a AS MATERIALIZED ({allowed_sql}), "
        "c AS MATERIALIZED (SELECT id FROM a ORDER BY id DESC LIMIT %s) "
        f"SELECT {rank}, (SELECT COUNT(*) FROM a) {ranked_from} LIMIT %s OFFSET %s"
    )
    if rank_param is None:  # SQLite: the MATCH comes after the rank expression
        params = [match_param, *allowed_params, candidates, match_param, limit, offset]
    else:
        params = [match_param, *allowed_params, candidates, rank_param, limit, offset]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The planner prices "@@" as cheap: it walks the table or the primary key,
            # reading every tsvector from TOAST, where a bitmap scan of the GIN index is
            # several times faster. Only bitmap scans, for this statement.
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), "
                "set_config('enable_indexscan', 'off', true)"
            )
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if rows or not offset:
            total = rows[0][2] if rows else 0
        else:  # a page past the end: count on its own
            count = f"WITH {matches}, a AS ({allowed_sql}) SELECT COUNT(*) FROM a"
            cursor.execute(count, [match_param, *allowed_params])
            total = cursor.fetchone()[0]
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'on', true), "
                "set_config('enable_indexscan', 'on', true)"
            )
    return total, [(pk, score) for pk, score, _total in rows]


def search(
    user,
    query: str,
    *,
    unit: OrgUnit | None = None,
    period: Period | None = None,
    topic: str = "",
    kind: str = "",
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Entries matching every word of ``query`` that ``user`` may see (``user`` None:
    everything, for the command line), best first, with highlighted snippets."""
    terms = query_terms(query)
    results = Results(query=query, terms=terms)
    if not terms:
        return results
    entries = _filtered(user, unit, period, topic, kind)
    total, rows = _ranked_ids(terms, entries, limit, offset)
    results.total, results.more_than_total = min(total, COUNT_LIMIT), total > COUNT_LIMIT
    by_id = SearchEntry.objects.select_related("unit").in_bulk([pk for pk, _ in rows])
    for pk, rank in rows:
        entry = by_id.get(pk)
        if entry is None:
            continue
        text, marked = snippet(entry.body, entry.body_folded, terms)
        title = highlight(entry.title, entry.title_folded, terms)
        results.hits.append(
            Hit(entry=entry, rank=float(rank), title=title, snippet=marked, snippet_text=text)
        )
    return results
