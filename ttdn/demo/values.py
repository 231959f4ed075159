"""Synthetic indicator values for the demo data sets, and a writer fast enough for millions.

Each kind of unit fills the report form its kind is asked for (``PROFILES``): every
indicator of the form every period, zeros included, with the breakdowns the form asks
for. Magnitudes follow the provincial reports (a commune posts tens of items a half-year,
a provincial paper thousands, a province receives hundreds of thousands of foreign
visitors). Series grow year on year, rise in the second half, and the international ones
drop during the 2020–2021 pandemic. A seeded generator makes every run identical.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db import connection
from tqdm import tqdm

from ttdn.indicators.models import (
    DataValue,
    DataValueSource,
    Indicator,
    TimeAggregation,
)
from ttdn.lib.bulkrows import insert_tuples as bulk_insert
from ttdn.lib.periods import Period, PeriodType

# indicator id, unit id, period id, option, value
ValueRow = tuple[int, int, str, str, int]


@dataclass(frozen=True)
class Measure:
    """One indicator of a unit's report form and the range of its half-year total."""

    indicator: str
    low: float
    high: float
    options: tuple[str, ...] = ()  # breakdown every unit of the kind reports
    extra: tuple[str, ...] = ()  # further breakdowns some units report
    growth: float = 0.06  # yearly
    per: str = ""  # a ratio to this indicator of the same unit (copies per title, …)
    like: str = ""  # the same breakdown as this indicator (followers on the same platforms)
    pandemic: bool = False  # falls in 2020–2021
    at_least: int = 0  # per breakdown: an account counted on a platform is at least one


def _social(
    followers: tuple[float, float],
    posts: tuple[float, float],
    platforms: tuple[str, ...],
    extra: tuple[str, ...] = (),
) -> list[Measure]:
    return [
        Measure("social_accounts", 1, 2.4, platforms, extra, growth=0.0, at_least=1),
        Measure("social_followers", *followers, platforms, growth=0.25, like="social_accounts"),
        Measure("social_posts", *posts, platforms, growth=0.08, like="social_accounts"),
    ]


def _training(courses: tuple[float, float], people: tuple[float, float]) -> list[Measure]:
    return [
        Measure("training_courses", *courses),
        Measure("training_participants", *people, per="training_courses"),
    ]


def _publications(
    titles: tuple[float, float],
    copies: tuple[float, float],
    languages: tuple[str, ...],
    extra: tuple[str, ...] = (),
) -> list[Measure]:
    return [
        Measure("publication_titles", *titles, languages, extra),
        Measure("publication_copies", *copies, languages, extra, per="publication_titles"),
    ]


EXTRA_SHARE = 0.5  # how often a unit also reports one of a measure's optional breakdowns
FOREIGN_LANGUAGES = ("zh", "ja", "ko", "fr", "ru", "de", "lo", "km", "es")
SOCIAL = ("facebook", "zalo")
SOCIAL_EXTRA = ("youtube", "tiktok", "x")

_PRESS_RELATIONS = [
    Measure("press_conferences", 0, 2.5),
    Measure("press_briefings", 0, 3),
    Measure("rebuttal_articles", 0, 6),
]
_INTERNATIONAL = [
    Measure("international_delegations", 0, 4, pandemic=True),
    Measure("international_agreements", 0, 1.2, pandemic=True),
    Measure("exhibitions", 0, 2, pandemic=True),
    Measure("foreign_press_delegations", 0, 1.2, pandemic=True),
    Measure("foreign_reporters", 2, 6, per="foreign_press_delegations"),
]

PROFILES: dict[str, list[Measure]] = {
    "commune": [
        Measure(
            "news_articles",
            12,
            110,
            ("truyen_thanh_co_so", "cong_thong_tin_dien_tu", "mang_xa_hoi", "pano"),
        ),
        Measure("portal_items", 15, 140, ("vi",), ("en",)),
        Measure("broadcast_programmes", 20, 140, ("truyen_thanh_co_so",), ("mang_xa_hoi",)),
        Measure("broadcast_minutes", 300, 2500, ("vi",)),
        Measure("rebuttal_articles", 0, 6),
        *_publications((0, 2), (100, 1500), ("vi",)),  # leaflets (tờ gấp) in Vietnamese
        *_social((200, 6000), (30, 260), SOCIAL, ("youtube", "tiktok")),
        Measure("international_delegations", 0, 0.7, pandemic=True),
        Measure("exhibitions", 0, 0.8),
        *_training((0, 2), (15, 45)),
    ],
    "district": [
        Measure(
            "news_articles",
            80,
            400,
            ("truyen_thanh_co_so", "cong_thong_tin_dien_tu", "phat_thanh", "mang_xa_hoi"),
        ),
        Measure("portal_items", 100, 500, ("vi", "en")),
        Measure("broadcast_programmes", 60, 300, ("truyen_thanh_co_so", "phat_thanh")),
        Measure("broadcast_minutes", 2000, 9000, ("vi",)),
        Measure("rebuttal_articles", 2, 20),
        *_publications((1, 4), (500, 3000), ("vi",), ("en",)),
        *_social((2000, 30000), (120, 700), SOCIAL, ("youtube", "tiktok")),
        Measure("press_briefings", 0, 3),
        Measure("international_delegations", 0, 3, pandemic=True),
        Measure("exhibitions", 0, 2),
        *_training((1, 3), (30, 80)),
    ],
    "department": [
        Measure(
            "news_articles",
            8,
            80,
            ("bao_dien_tu", "cong_thong_tin_dien_tu", "mang_xa_hoi"),
            ("bao_in", "truyen_hinh"),
        ),
        # programmes made with the provincial broadcaster (chuyên mục phối hợp)
        Measure("broadcast_programmes", 0, 12, ("truyen_hinh", "phat_thanh")),
        Measure("portal_items", 25, 220, ("vi",), ("en",)),
        *_publications((0, 2.5), (300, 2500), ("vi",), ("en",)),
        *_social((400, 20000), (25, 200), SOCIAL, ("youtube", "tiktok")),
        *_PRESS_RELATIONS,
        *_INTERNATIONAL,
        *_training((0, 1.5), (20, 60)),
    ],
    "foreign_affairs": [
        Measure("news_articles", 20, 120, ("bao_dien_tu", "cong_thong_tin_dien_tu", "mang_xa_hoi")),
        Measure("portal_items", 80, 400, ("vi", "en"), FOREIGN_LANGUAGES[:4]),
        Measure("foreign_media_items", 5, 60, ("en",), FOREIGN_LANGUAGES[:5]),
        *_publications((2, 8), (500, 3000), ("vi", "en"), FOREIGN_LANGUAGES[:4]),
        *_social((3000, 40000), (80, 400), ("facebook",), ("zalo", "youtube", "x")),
        *_PRESS_RELATIONS,
        Measure("international_delegations", 6, 30, pandemic=True),
        Measure("international_agreements", 0.5, 5, pandemic=True),
        Measure("exhibitions", 0, 3, pandemic=True),
        Measure("foreign_press_delegations", 1, 6, pandemic=True),
        Measure("foreign_reporters", 2, 8, per="foreign_press_delegations"),
        *_training((1, 3), (30, 90)),
    ],
    "culture_tourism": [
        Measure("news_articles", 30, 200, ("bao_dien_tu", "cong_thong_tin_dien_tu", "mang_xa_hoi")),
        Measure("portal_items", 100, 500, ("vi", "en"), ("zh", "ko", "ja")),
        Measure("foreign_media_items", 5, 40, ("en",), ("zh", "ko", "ja", "fr")),
        *_publications((2, 10), (1000, 8000), ("vi", "en"), ("zh", "ko", "ja", "fr")),
        *_social((5000, 120000), (120, 600), ("facebook", "youtube"), ("tiktok", "zalo")),
        *_PRESS_RELATIONS,
        Measure("exhibitions", 2, 10, pandemic=True),
        Measure("foreign_press_delegations", 0.5, 5, pandemic=True),
        Measure("foreign_reporters", 2, 8, per="foreign_press_delegations"),
        Measure("visitors_domestic", 400000, 6000000, growth=0.08, pandemic=True),
        Measure("visitors_international", 0.02, 0.15, per="visitors_domestic"),
        Measure("tourism_revenue", 1.2e6, 3.5e6, per="visitors_domestic"),  # đồng a visit
        *_training((1, 3), (30, 90)),
    ],
    "investment": [
        Measure("news_articles", 10, 80, ("bao_dien_tu", "cong_thong_tin_dien_tu")),
        Measure("portal_items", 40, 250, ("vi", "en"), ("ja", "ko", "zh")),
        *_publications((1, 5), (500, 3000), ("vi", "en"), ("ja", "ko", "zh")),
        Measure("fdi_projects", 2, 40, growth=0.08, pandemic=True),
        Measure("fdi_capital", 3e6, 4e7, per="fdi_projects"),
        Measure("oda_projects", 2, 12, growth=0.0),
        Measure("international_delegations", 3, 20, pandemic=True),
        Measure("international_agreements", 0.5, 4, pandemic=True),
        Measure("exhibitions", 1, 5, pandemic=True),
        *_social((1000, 15000), (30, 200), ("facebook",), ("zalo", "youtube")),
    ],
    "propaganda": [
        Measure("news_articles", 20, 100, ("bao_dien_tu", "cong_thong_tin_dien_tu", "mang_xa_hoi")),
        Measure("portal_items", 40, 300, ("vi",), ("en",)),
        *_publications((1, 6), (1000, 6000), ("vi",), ("en",)),
        Measure("press_briefings", 3, 6),
        Measure("press_conferences", 0, 2),
        Measure("rebuttal_articles", 10, 80),
        *_social((2000, 30000), (60, 300), SOCIAL, ("youtube", "tiktok")),
        *_training((1, 5), (40, 150)),
    ],
    "press_agency": [
        Measure(
            "news_articles",
            800,
            6000,
            ("bao_in", "bao_dien_tu", "phat_thanh", "truyen_hinh", "mang_xa_hoi"),
        ),
        Measure("broadcast_programmes", 150, 900, ("phat_thanh", "truyen_hinh")),
        Measure("broadcast_minutes", 5000, 40000, ("vi", "en"), FOREIGN_LANGUAGES),
        Measure("portal_items", 1000, 8000, ("vi", "en"), ("zh", "ko", "ja", "fr", "lo")),
        Measure("rebuttal_articles", 20, 200),
        *_social((30000, 1500000), (1000, 8000), ("facebook", "youtube", "tiktok", "zalo"), ("x",)),
        Measure("foreign_press_delegations", 0, 2, pandemic=True),
        Measure("foreign_reporters", 2, 6, per="foreign_press_delegations"),
        *_training((0, 2), (10, 40)),
    ],
    "steering_committee": [
        Measure("press_briefings", 1, 4),
        Measure("rebuttal_articles", 2, 20),
        *_publications((0, 2), (500, 2000), ("vi",), ("en",)),
        *_training((1, 3), (40, 120)),
    ],
    "centre": [
        Measure("news_articles", 5, 50, ("cong_thong_tin_dien_tu", "mang_xa_hoi")),
        Measure("portal_items", 20, 150, ("vi",), ("en",)),
        *_social((500, 10000), (20, 150), ("facebook",), ("zalo", "youtube", "tiktok")),
        Measure("exhibitions", 0.5, 4, pandemic=True),
        *_training((0, 1.5), (15, 40)),
    ],
}
PROFILES["commune_tourism"] = [
    *PROFILES["commune"],
    Measure("visitors_domestic", 3000, 150000, growth=0.08, pandemic=True),
    Measure("visitors_international", 0.01, 0.12, per="visitors_domestic"),
]


def six_month_periods(first_year: int, last_year: int) -> list[Period]:
    return [
        Period(PeriodType.SIX_MONTH, year, half)
        for year in range(first_year, last_year + 1)
        for half in (1, 2)
    ]


@dataclass
class UnitPlan:
    """What one unit reports: its measures with the breakdowns it chose, and when."""

    unit_id: int
    measures: list[tuple[Measure, tuple[str, ...]]]
    periods: list[Period]
    seed: int
    year_totals: bool = False

    def row_count(self) -> int:
        per_period = sum(1 + len(options) for _measure, options in self.measures)
        count = per_period * len(self.periods)
        if self.year_totals:
            count += per_period * len(_derived_periods(self.periods))
        return count


@dataclass
class ValuePlan:
    periods: list[Period]
    units: list[UnitPlan] = field(default_factory=list)

    def row_count(self) -> int:
        return sum(unit.row_count() for unit in self.units)


def plan_unit(
    rng: random.Random,
    unit_id: int,
    profile: str,
    periods: Sequence[Period],
    valid_from: date | None = None,
    valid_to: date | None = None,
    year_totals: bool = False,
) -> UnitPlan:
    """Choose a unit's breakdowns; keep the periods in which the unit existed."""
    measures = []
    chosen: dict[str, tuple[str, ...]] = {}
    for measure in PROFILES[profile]:
        follows = measure.like or measure.per
        if follows in chosen:
            # a ratio needs the same breakdown as what it is a ratio to
            options = chosen[follows] if measure.options else ()
        else:
            options = measure.options + tuple(
                c for c in measure.extra if rng.random() < EXTRA_SHARE
            )
        chosen[measure.indicator] = options
        measures.append((measure, options))
    active = [
        period
        for period in periods
        if (valid_from is None or period.end >= valid_from)
        and (valid_to is None or period.start <= valid_to)
    ]
    return UnitPlan(unit_id, measures, active, rng.getrandbits(32), year_totals)


def _derived_periods(periods: Sequence[Period]) -> list[str]:
    """The periods derived from a unit's halves (timeagg): each year it has a half of, and
    the first nine months of each year it has the first half of."""
    years = sorted({p.year for p in periods})
    firsts = {p.year for p in periods if p.index == 1}
    return [str(y) for y in years] + [f"{y}N9" for y in years if y in firsts]


def _pandemic_factor(period: Period) -> float:
    return {2020: (0.55, 0.3), 2021: (0.25, 0.45), 2022: (0.7, 0.9)}.get(period.year, (1.0, 1.0))[
        period.index - 1
    ]


def generate_rows(
    plan: UnitPlan, indicators: dict[str, tuple[int, bool]], latest: Period
) -> list[ValueRow]:
    """Every value of one unit. ``indicators`` maps a code to (id, is a stock); the
    measures' ranges describe ``latest``, earlier periods follow the growth back."""
    rng = random.Random(plan.seed)
    periods = plan.periods
    elapsed = [(p.year - latest.year) + (p.index - latest.index) / 2 for p in periods]
    season = [1.0 if p.index == 1 else 1.12 for p in periods]
    pandemic = [_pandemic_factor(p) for p in periods]
    ids = [p.id for p in periods]
    rows: list[ValueRow] = []
    # per indicator: option → values per period, for ratios such as copies per title
    made: dict[str, dict[str, list[int]]] = {}
    for measure, options in plan.measures:
        known = indicators.get(measure.indicator)
        if known is None:
            continue  # an administrator removed it from the catalogue
        indicator_id, stock = known
        growth = 1 + measure.growth + rng.gauss(0, 0.03)
        base = measure.low + (measure.high - measure.low) * rng.random() ** 1.5
        weights = [1.0] + [rng.uniform(0.04, 0.35) for _ in options[1:]]
        scale = sum(weights)
        basis = made.get(measure.per) if measure.per else None
        series: dict[str, list[int]] = {}
        for option, weight in zip(options or ("",), weights, strict=False):
            share = weight / scale
            values = []
            for i in range(len(periods)):
                if basis is not None:
                    origin = basis.get(option if option in basis else "", [0] * len(periods))
                    value = origin[i] * base * rng.uniform(0.85, 1.15)
                elif stock:
                    value = base * share * growth ** elapsed[i]
                else:
                    value = (
                        base * share * growth ** elapsed[i] * season[i] * rng.uniform(0.75, 1.25)
                    )
                    if measure.pandemic:
                        value *= pandemic[i]
                values.append(max(int(value + 0.5), measure.at_least))
            if stock:
                values = [max(values[: i + 1]) for i in range(len(values))]
            series[option] = values
        if options:
            series[""] = [sum(column) for column in zip(*series.values(), strict=True)]
        made[measure.indicator] = series
        for option, values in series.items():
            for i, value in enumerate(values):
                rows.append((indicator_id, plan.unit_id, ids[i], option, value))
            if plan.year_totals:
                rows.extend(_year_rows(indicator_id, plan.unit_id, option, periods, values, stock))
    return rows


def _year_rows(
    indicator_id: int,
    unit_id: int,
    option: str,
    periods: Sequence[Period],
    values: list[int],
    stock: bool,
) -> list[ValueRow]:
    """What the halves give (as timeagg.derive does): the year, a flow's sum or a stock's
    last value, of every year with a half; the first nine months (the first half, the
    third quarter being unknown) of every year with a first half."""
    by_year: dict[int, dict[int, int]] = {}
    for period, value in zip(periods, values, strict=True):
        by_year.setdefault(period.year, {})[period.index] = value
    rows: list[ValueRow] = []
    for year, halves in sorted(by_year.items()):
        known = [halves[index] for index in (1, 2) if index in halves]
        rows.append((indicator_id, unit_id, str(year), option, known[-1] if stock else sum(known)))
        if 1 in halves:
            rows.append((indicator_id, unit_id, f"{year}N9", option, halves[1]))
    return rows


def is_derived(period_id: str) -> bool:
    """Whether the demo stores a period's values as derived: years and nine months."""
    return len(period_id) == 4 or period_id.endswith("N9")


def indicator_lookup() -> dict[str, tuple[int, bool]]:
    return {
        code: (pk, aggregation == TimeAggregation.LAST)
        for code, pk, aggregation in Indicator.objects.values_list("code", "pk", "time_aggregation")
    }


def iter_rows(plan: ValuePlan) -> Iterator[list[ValueRow]]:
    """The plan's values, one unit at a time. The catalogue is read now, not on the first
    ``next()``: by then the connection may be busy with a COPY and the query would wait
    for it forever."""
    indicators = indicator_lookup()
    return (generate_rows(unit, indicators, plan.periods[-1]) for unit in plan.units)


# Writing --------------------------------------------------------------------------

COLUMNS = (
    "indicator",
    "unit",
    "period",
    "option",
    "value",
    "version",
    "source",
    "comment",
    "created_at",
    "updated_at",
    "derived",
    "months",
)


def _stamp(period_id: str) -> datetime:
    """When a value for the period was entered: a fortnight after the period closed."""
    period = Period.parse(period_id)
    return datetime.combine(period.end + timedelta(days=14), datetime.min.time(), UTC).replace(
        hour=2
    )


def partial_months(batch: list[ValueRow], stocks: set[int]) -> list[int | None]:
    """Per row of one unit's batch, the months a derived figure covers when its parts
    cover only part of its period, else None (as the upkeep of every write stores them):
    nine months are always the first half alone; a year with one half is partial, except
    a stock's year whose second half is known."""
    halves = {(r[0], r[2][:4], r[2][5]) for r in batch if "S" in r[2]}
    months: list[int | None] = []
    for indicator_id, _unit, period_id, _option, _value in batch:
        if not is_derived(period_id):
            months.append(None)
        elif period_id.endswith("N9"):
            months.append(6)
        else:
            known = [h for h in "12" if (indicator_id, period_id, h) in halves]
            whole = len(known) == 2 or (indicator_id in stocks and "2" in known)
            months.append(None if whole else 6)
    return months


def full_rows(batches: Iterable[list[ValueRow]], size: int = 50_000) -> Iterator[list[tuple]]:
    """Value rows completed with the bookkeeping columns (``COLUMNS``), in batches of
    about ``size``. A batch holds one unit's rows, so the months a derived row covers
    follow from the halves beside it. The catalogue is read now, not on the first
    ``next()``, when the connection may be busy with a COPY (see ``iter_rows``)."""
    return _completed(batches, stock_ids(), size)


def _completed(
    batches: Iterable[list[ValueRow]], stocks: set[int], size: int
) -> Iterator[list[tuple]]:
    stamps: dict[str, object] = {}
    source, derived_source = DataValueSource.DEMO.value, DataValueSource.DERIVED.value
    # A year's rows are what its halves give (timeagg), stored as derived values just as
    # the upkeep of every write stores them.
    yes, no = (True, False) if connection.vendor == "postgresql" else (1, 0)
    pending: list[tuple] = []
    for batch in batches:
        for row, months in zip(batch, partial_months(batch, stocks), strict=True):
            period_id = row[2]
            stamp = stamps.get(period_id)
            if stamp is None:
                stamp = stamps[period_id] = connection.ops.adapt_datetimefield_value(
                    _stamp(period_id)
                )
            if is_derived(period_id):
                extra = (derived_source, "", stamp, stamp, yes, months)
            else:
                extra = (source, "", stamp, stamp, no, None)
            pending.append((*row, 1, *extra))
        if len(pending) >= size:
            yield pending
            pending = []
    if pending:
        yield pending


def write_values(batches: Iterable[list[tuple]], progress: tqdm | None = None) -> int:
    """Insert complete value rows (``full_rows``); returns how many."""
    return bulk_insert(DataValue, COLUMNS, batches, progress)


def stock_ids() -> set[int]:
    return {pk for pk, stock in indicator_lookup().values() if stock}
