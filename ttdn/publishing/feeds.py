"""The figures the publishing registers give a unit for a period (ttdn.indicators.feeds).

How each record counts:

- **Publications.** ``publication_copies``: the copies of every issue that came out in
  the period; a single publication is one issue, a periodical (bản tin hằng tháng)
  has one issue per week, month, quarter… from its first issue to its last, each of
  ``copies`` copies — so a monthly bulletin of 1.000 copies gives 3.000 in a quarter
  and 9.000 in nine months. By language: the same with each edition's run. A reprint
  counts its own copies on its own date. ``publication_titles``: each title with an
  issue in the period counts once in the total, and once in each language it has an
  edition in — a bilingual title counts in both languages and once in the total (the
  indicator is not additive). A reprint and its first edition are one title.
- **Standing programmes** (``standing_programmes``, a stock): the columns and
  programmes running on the period's last day, in total and by each of their
  languages. One that ran during the period but ended before its last day gives an
  explicit 0, so the period is not filled from its earlier parts (a stock takes the
  latest part's value). Websites and accounts do the same.
- **Websites** (``foreign_language_sites``, a stock): the sites running on the
  period's last day with at least one foreign-language version, once in the total
  and once in each foreign language.
- **Social accounts**: ``social_accounts`` (a stock), the accounts running on the
  period's last day by platform; ``social_followers`` (a stock), for each account its
  latest follower count dated within the period, by platform. An account with no
  count in the period gives no followers for it.
- **Coverage**: ``news_articles`` by channel counts the articles, reports and photos
  published in the period; ``broadcast_programmes`` by channel the programmes;
  ``foreign_media_items`` by language the items of foreign outlets (which also count
  in the first two).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.urls import reverse

from ttdn.indicators.feeds import Fed, FedSource
from ttdn.indicators.models import TOTAL
from ttdn.lib.periods import Period
from ttdn.orgunits.models import OrgUnit
from ttdn.publishing.models import (
    Coverage,
    CoverageKind,
    FollowerSnapshot,
    Programme,
    Publication,
    SocialAccount,
    Website,
)


def _source(kind: str, slug: str, record) -> FedSource:
    return FedSource(
        kind, record.pk, str(record), reverse(f"registers:{slug}-detail", args=[record.pk])
    )


class _Tally:
    """Values and sources of one indicator by option."""

    def __init__(self, indicator: str):
        self.indicator = indicator
        self.values: dict[str, int] = defaultdict(int)
        self.sources: dict[str, list[FedSource]] = defaultdict(list)

    def add(self, option: str, value: int, source: FedSource) -> None:
        self.values[option] += value
        if source not in self.sources[option]:
            self.sources[option].append(source)

    def figures(self) -> Iterator[Fed]:
        for option, value in self.values.items():
            yield Fed(self.indicator, value, self.sources[option], option)


def publication_figures(unit: OrgUnit, period: Period) -> Iterator[Fed]:
    copies, titles = _Tally("publication_copies"), _Tally("publication_titles")
    counted: dict[str, set[int]] = defaultdict(set)
    records = (
        Publication.objects.filter(unit=unit, published_on__lte=period.end)
        .select_related("reprint_of")
        .prefetch_related("editions")
    )
    for publication in records:
        issues = publication.issues_between(period.start, period.end)
        if not issues:
            continue
        source = _source("publication", "publications", publication)
        root = publication.root_id()
        copies.add(TOTAL, issues * publication.copies, source)
        if root not in counted[TOTAL]:
            counted[TOTAL].add(root)
            titles.add(TOTAL, 1, source)
        for edition in publication.editions.all():
            copies.add(edition.language, issues * edition.copies, source)
            if edition.copies and root not in counted[edition.language]:
                counted[edition.language].add(root)
                titles.add(edition.language, 1, source)
    yield from copies.figures()
    yield from titles.figures()


def programme_figures(unit: OrgUnit, period: Period) -> Iterator[Fed]:
    tally = _Tally("standing_programmes")
    for programme in Programme.objects.filter(unit=unit, since__lte=period.end).exclude(
        until__lt=period.start
    ):
        running = int(programme.runs_on(period.end))
        source = _source("programme", "programmes", programme)
        tally.add(TOTAL, running, source)
        for language in programme.languages:
            tally.add(language, running, source)
    yield from tally.figures()


def website_figures(unit: OrgUnit, period: Period) -> Iterator[Fed]:
    tally = _Tally("foreign_language_sites")
    sites = (
        Website.objects.filter(unit=unit, launched_on__lte=period.end)
        .exclude(closed_on__lt=period.start)
        .prefetch_related("versions")
    )
    for site in sites:
        foreign = {
            v.language
            for v in site.versions.all()
            if v.language != "vi" and (v.since is None or v.since <= period.end)
        }
        if not foreign:
            continue
        running = int(site.runs_on(period.end))
        source = _source("website", "websites", site)
        tally.add(TOTAL, running, source)
        for language in sorted(foreign):
            tally.add(language, running, source)
    yield from tally.figures()


def account_figures(unit: OrgUnit, period: Period) -> Iterator[Fed]:
    accounts, followers = _Tally("social_accounts"), _Tally("social_followers")
    records = {
        a.pk: a
        for a in SocialAccount.objects.filter(unit=unit, opened_on__lte=period.end).exclude(
            closed_on__lt=period.start
        )
    }
    for account in records.values():
        running = int(account.runs_on(period.end))
        source = _source("account", "social-accounts", account)
        accounts.add(TOTAL, running, source)
        accounts.add(account.platform, running, source)
    latest: dict[int, FollowerSnapshot] = {}
    for snapshot in FollowerSnapshot.objects.filter(
        account__in=records, taken_on__gte=period.start, taken_on__lte=period.end
    ).order_by("taken_on", "pk"):
        latest[snapshot.account_id] = snapshot
    for account_id, snapshot in latest.items():
        account = records[account_id]
        source = _source("account", "social-accounts", account)
        followers.add(TOTAL, snapshot.followers, source)
        followers.add(account.platform, snapshot.followers, source)
    yield from accounts.figures()
    yield from followers.figures()


def coverage_figures(unit: OrgUnit, period: Period) -> Iterator[Fed]:
    articles = _Tally("news_articles")
    programmes = _Tally("broadcast_programmes")
    foreign = _Tally("foreign_media_items")
    records = Coverage.objects.filter(
        unit=unit, published_on__gte=period.start, published_on__lte=period.end
    ).select_related("outlet")
    for item in records:
        source = _source("coverage", "coverage", item)
        tally = programmes if item.kind == CoverageKind.PROGRAMME else articles
        tally.add(TOTAL, 1, source)
        tally.add(item.channel, 1, source)
        if item.outlet.is_foreign:
            foreign.add(TOTAL, 1, source)
            foreign.add(item.language, 1, source)
    for tally in (articles, programmes, foreign):
        yield from tally.figures()


def feed(unit: OrgUnit, period: Period) -> Iterable[Fed]:
    """Every figure of the publishing registers for ``unit`` and ``period``."""
    yield from publication_figures(unit, period)
    yield from programme_figures(unit, period)
    yield from website_figures(unit, period)
    yield from account_figures(unit, period)
    yield from coverage_figures(unit, period)
