"""One search over documents, activities and report narratives.

Every searchable thing has a ``SearchEntry`` row with folded copies of its title and body
(``ttdn.lib.textfold.fold``: no diacritics, đ → d, lower case). The database indexes the
folded columns only — SQLite FTS5 with ``remove_diacritics 0`` (its own folding misses đ
and letters with two marks), PostgreSQL ``to_tsvector('simple', …)`` (no ``unaccent``,
which cannot sit in an index) — and queries are folded the same way, so "thong tin doi
ngoai", "thông tin đối ngoại" and "THÔNG TIN ĐỐI NGOẠI" find the same rows.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from ttdn.archive.models import Document, DocumentStatus, EntryKind, SearchEntry
from ttdn.archive.prepare import search_body
from ttdn.lib.periods import Period
from ttdn.lib.textfold import fold_aligned, words
from ttdn.orgunits.models import OrgUnit

SNIPPET_CHARS = 240
MAX_TERMS = 12
# Ranking costs ~5 µs a match on SQLite and ~30 µs on PostgreSQL (ts_rank reads each
# tsvector), counting ~10 µs: a broad query ("thong tin doi ngoai") can match the whole
# archive, so only the newest RANK_CANDIDATES matches are ranked and counting stops
# past COUNT_LIMIT ("hơn 1.000 kết quả"). Narrower queries are ranked and counted whole.
RANK_CANDIDATES = 300
COUNT_LIMIT = 1000


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


# Index upkeep -----------------------------------------------------------------------


def _fields(unit_id: int, title: str, body: str, body_folded: str = "", **extra) -> dict:
    """An entry's columns. ``body_folded``: ``folded_search_body(body)`` when the
    extraction child has already made it."""
    title = _clean(title)[:500] or "—"
    body = search_body(body)
    return {
        "unit_id": unit_id,
        "title": title,
        "body": body,
        "title_folded": fold_aligned(title),
        "body_folded": body_folded or fold_aligned(body),
        **extra,
    }


def _upsert(kind: str, object_id: int, fields: dict) -> None:
    SearchEntry.objects.update_or_create(kind=kind, object_id=object_id, defaults=fields)


def remove(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def _topics(codes) -> str:
    return f" {' '.join(codes)} " if codes else ""


def _document_fields(document: Document, body_folded: str = "") -> dict:
    period = document.the_period
    return _fields(
        document.unit_id,
        document.title or document.filename,
        document.text,
        body_folded,
        period=document.period,
        starts_on=period.start if period else None,
        ends_on=period.end if period else None,
        topics=_topics(document.topics),
        url="",  # SearchEntry.link makes it: reversing a URL per document slows imports
    )


def document_entry(document: Document, body_folded: str = "") -> dict:
    """The entry of a document as a ``bulkrows.insert`` dict, for inserting many at once;
    ``body_folded`` as for ``_fields``."""
    return {
        "kind": EntryKind.DOCUMENT,
        "object_id": document.pk,
        **_document_fields(document, body_folded),
    }


def index_document(document: Document) -> None:
    if document.status not in (DocumentStatus.EXTRACTED, DocumentStatus.REVIEWED):
        remove(EntryKind.DOCUMENT, document.pk)
        return
    _upsert(EntryKind.DOCUMENT, document.pk, _document_fields(document))


def _activity_fields(activity) -> dict:
    return _fields(
        activity.unit_id,
        activity.title,
        activity.description,
        period="",
        starts_on=activity.start_date,
        ends_on=activity.end_date or activity.start_date,
        topics=_topics(activity.topics),
        url=reverse("activities:list", args=[activity.unit.code]) + f"#a{activity.pk}",
    )


def index_activity(activity) -> None:
    _upsert(EntryKind.ACTIVITY, activity.pk, _activity_fields(activity))


def _section_fields(section) -> dict | None:
    if not (section.text or "").strip():
        return None
    submission = section.submission
    headings = {s["code"]: s.get("title", s["code"]) for s in submission.section_specs}
    period = submission.the_period
    subject = (
        submission.request.subject
        if submission.request_id
        else f"Báo cáo {period.label()} của {submission.unit.name}"
    )
    return _fields(
        submission.unit_id,
        f"{headings.get(section.code, section.code)} — {subject}",
        section.text,
        period=period.id,
        starts_on=period.start,
        ends_on=period.end,
        topics="",
        url=reverse("reporting:submission", args=[submission.pk]),
    )


def index_section(section) -> None:
    fields = _section_fields(section)
    if fields is None:
        remove(EntryKind.SECTION, section.pk)
    else:
        _upsert(EntryKind.SECTION, section.pk, fields)


def reindex_all() -> int:
    """Rebuild every entry from its source rows in one transaction; returns how many
    entries exist. Needed after rows were written without signals (bulk loads such as
    the demonstration data)."""
    from ttdn.activities.models import Activity
    from ttdn.lib import bulkrows as rows
    from ttdn.reporting.models import SubmissionSection

    def entries():
        documents = Document.objects.filter(
            status__in=[DocumentStatus.EXTRACTED, DocumentStatus.REVIEWED]
        )
        for document in documents.iterator():
            yield document_entry(document)
        for activity in Activity.objects.select_related("unit").iterator():
            yield {
                "kind": EntryKind.ACTIVITY,
                "object_id": activity.pk,
                **_activity_fields(activity),
            }
        sections = SubmissionSection.objects.select_related(
            "submission__request__form", "submission__unit"
        )
        for section in sections.iterator():
            fields = _section_fields(section)
            if fields is not None:
                yield {"kind": EntryKind.SECTION, "object_id": section.pk, **fields}

    with transaction.atomic():
        SearchEntry.objects.all().delete()
        batch: list[dict] = []
        for entry in entries():
            batch.append(entry)
            if len(batch) >= 500:
                rows.insert(SearchEntry, batch)
                batch = []
        rows.insert(SearchEntry, batch)
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


# Snippets ---------------------------------------------------------------------------


def _term_pattern(terms: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _best_window(folded: str, pattern: re.Pattern[str], width: int) -> int:
    """Start of the window of ``width`` holding the most distinct terms (earliest wins)."""
    matches = [(m.start(), m.group(0)) for m in itertools.islice(pattern.finditer(folded), 200)]
    if not matches:
        return 0
    wanted = len({term for _, term in matches})
    best_start, best_score = matches[0][0], 0
    for i, (start, _) in enumerate(matches):
        seen = set()
        for position, term in matches[i:]:
            if position >= start + width:
                break
            seen.add(term)
        if len(seen) > best_score:
            best_start, best_score = start, len(seen)
            if best_score == wanted:  # cannot do better than every term
                break
    return best_start


def snippet(
    body: str, folded: str, terms: list[str], width: int = SNIPPET_CHARS
) -> tuple[str, SafeString]:
    """A passage of ``body`` around the densest match: as plain text, and as HTML with
    each matched word in <mark> (the rest escaped)."""
    if len(folded) != len(body):
        folded = fold_aligned(body)
    pattern = _term_pattern(terms)
    first = _best_window(folded, pattern, width)
    start = max(0, first - width // 3)
    if start:
        space = body.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(body), start + width)
    if end < len(body):
        space = body.rfind(" ", start + width // 2, end)
        end = space if space != -1 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(body) else ""
    passage = body[start:end]
    marked = _marked(passage, folded[start:end], pattern)
    plain = " ".join(f"{prefix}{passage}{suffix}".split())
    return plain, mark_safe(prefix + marked.replace("\n", " ") + suffix)  # noqa: S308 — escaped


def highlight(text: str, folded: str, terms: list[str]) -> SafeString:
    """All of ``text``, escaped, with matched words in <mark>."""
    if len(folded) != len(text):
        folded = fold_aligned(text)
    return mark_safe(_marked(text, folded, _term_pattern(terms)))  # noqa: S308 — escaped


def _marked(text: str, folded: str, pattern: re.Pattern[str]) -> str:
    parts: list[str] = []
    cursor = 0
    for match in pattern.finditer(folded):
        parts.append(html.escape(text[cursor : match.start()]))
        parts.append(f"<mark>{html.escape(text[match.start() : match.end()])}</mark>")
        cursor = match.end()
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)
