"""The sentences of a BÁO CÁO's results section, group by group, as the provincial
reports write them (docs/report-writing.md): which activities and indicators belong to
which group, and how their figures are woven into a clause.

No database here: the drafting code (``ttdn.reporting.drafting``) hands over plain ``Figure`` records and
gets clauses back, so every rule can be read and tested on its own. Indicators that are
not in this book still reach the report, in their group, as "name: figure".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ttdn.lib import prose
from ttdn.lib.textfold import fold


@dataclass(frozen=True)
class Group:
    code: str
    title: str  # the "1." heading of the results section
    keywords: tuple[str, ...]  # folded words that place a typed sentence in the group
    next_step: str  # the "Phương hướng" line for a group that had work this period


GROUPS: list[Group] = [
    Group(
        "propaganda",
        "Thông tin, tuyên truyền đối ngoại trên báo chí, phát thanh, truyền hình",
        (
            "bao chi",
            "phat song",
            "truyen thanh",
            "truyen hinh",
            "phat thanh",
            "tuyen truyen",
            "tin, bai",
        ),  # fmt: skip
        "Tiếp tục nâng cao chất lượng tin, bài thông tin đối ngoại trên báo chí, hệ thống "
        "phát thanh, truyền hình và truyền thanh cơ sở",
    ),
    Group(
        "digital",
        "Thông tin đối ngoại trên cổng thông tin điện tử, mạng xã hội",
        ("cong thong tin", "trang thong tin", "mang xa hoi", "website", "facebook", "zalo"),
        "Duy trì cập nhật thông tin đối ngoại trên cổng/trang thông tin điện tử và các tài "
        "khoản mạng xã hội, tăng cường thông tin bằng tiếng nước ngoài",
    ),
    Group(
        "publications",
        "Biên soạn, phát hành ấn phẩm thông tin đối ngoại",
        ("an pham", "to gap", "to roi", "phat hanh", "xuat ban", "ban tin", "tai lieu"),
        "Tiếp tục biên soạn, phát hành ấn phẩm thông tin đối ngoại bằng nhiều ngôn ngữ",
    ),
    Group(
        "promotion",
        "Quảng bá hình ảnh, xúc tiến đầu tư, thương mại, du lịch",
        ("trien lam", "hoi cho", "xuc tien", "du lich", "dau tu", "fdi", "quang ba"),
        "Đẩy mạnh quảng bá hình ảnh địa phương gắn với xúc tiến đầu tư, thương mại, du lịch",
    ),
    Group(
        "international",
        "Hợp tác quốc tế, đối ngoại nhân dân",
        ("hop tac quoc te", "ky ket", "thoa thuan", "doan khach", "ket nghia", "oda"),
        "Tăng cường hợp tác quốc tế và đối ngoại nhân dân với các địa phương, đối tác",
    ),
    Group(
        "rebuttal",
        "Đấu tranh, phản bác thông tin sai sự thật",
        ("phan bac", "sai su that", "xuyen tac", "the luc thu dich", "dau tranh"),
        "Chủ động nắm bắt dư luận, kịp thời đấu tranh, phản bác thông tin sai sự thật, "
        "luận điệu xuyên tạc",
    ),
    Group(
        "press_relations",
        "Phát ngôn, cung cấp thông tin cho báo chí; phóng viên nước ngoài",
        ("phong vien", "hop bao", "phat ngon", "giao ban bao chi", "bao chi nuoc ngoai"),
        "Thực hiện tốt quy chế phát ngôn và cung cấp thông tin cho báo chí; phối hợp quản "
        "lý, hướng dẫn phóng viên nước ngoài đến hoạt động tại địa phương",
    ),
    Group(
        "training",
        "Đào tạo, bồi dưỡng nghiệp vụ thông tin đối ngoại",
        ("tap huan", "boi duong", "dao tao"),
        "Tổ chức, cử cán bộ tham gia các lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại",
    ),
    Group("other", "Các hoạt động thông tin đối ngoại khác", (), ""),
]
GROUP_BY_CODE = {group.code: group for group in GROUPS}
# Indicator groups of the catalogue → report groups, for indicators this book does not know.
CATALOGUE_GROUPS = {
    "press": "propaganda",
    "publications": "publications",
    "digital": "digital",
    "press_relations": "press_relations",
    "international": "international",
    "training": "training",
    "economy": "promotion",
    # Plans, the steering committee, officers, visits, budget: their registers say them
    # in the direction section and the assessment, never as a result.
    "direction": "direction",
}


def group_of_text(text: str) -> str:
    """The group a typed sentence belongs to, by its words; "other" when none fits."""
    folded = fold(text)
    best, hits = "other", 0
    for group in GROUPS:
        found = sum(1 for word in group.keywords if word in folded)
        if found > hits:
            best, hits = group.code, found
    return best


def group_of_heading(text: str) -> str | None:
    """The group a "1. …" heading names, when it is one of ours or close to it."""
    title = re.sub(r"^\s*(\d+|[a-zđ])[.)]\s*", "", text)
    folded = fold(title)
    for group in GROUPS:
        if fold(group.title) == folded:
            return group.code
    code = group_of_text(title)
    return None if code == "other" else code


# Activities ----------------------------------------------------------------------------

ACTIVITY_GROUPS = {
    "press_conference": "press_relations",
    "publication": "publications",
    "media_coverage": "propaganda",
    "foreign_press": "press_relations",
    "delegation": "international",
    "training": "training",
    "exhibition": "promotion",
    "event": "propaganda",
    "rebuttal": "rebuttal",
    "agreement": "international",
    "other": "other",
}
DIGITAL_CHANNELS = {"cong_thong_tin_dien_tu", "mang_xa_hoi"}
PROMOTION_TOPICS = {"xuc_tien_dau_tu", "xuc_tien_thuong_mai", "du_lich", "quang_ba_hinh_anh"}
INTERNATIONAL_TOPICS = {"hop_tac_quoc_te", "nguoi_viet_o_nuoc_ngoai"}
# The verb an activity's title gets when it is a noun phrase ("Hội nghị tập huấn …").
DEFAULT_VERBS = {
    "press_conference": "Tổ chức",
    "publication": "Phát hành",
    "media_coverage": "Thực hiện",
    "foreign_press": "Đón tiếp",
    "delegation": "Tiếp",
    "training": "Tổ chức",
    "exhibition": "Tổ chức",
    "event": "Tổ chức",
    "rebuttal": "Thực hiện",
    "agreement": "Ký kết",
    "other": "Thực hiện",
}
# Titles that already start with a verb are used as they are.
VERBS = (
    "bồi dưỡng", "biên soạn", "chỉ đạo", "chủ trì", "cung cấp", "cử", "duy trì", "dự",
    "đăng tải", "đấu tranh", "đón", "giới thiệu", "hỗ trợ", "hướng dẫn", "khảo sát", "ký",
    "làm việc", "mời", "phản bác", "phát hành", "phát sóng", "phối hợp", "quảng bá",
    "ra mắt", "tham dự", "tham gia", "thông tin", "thực hiện", "tiếp", "tổ chức",
    "trưng bày", "triển khai", "tuyên truyền", "vận hành", "xây dựng", "xuất bản",
)  # fmt: skip
# Words that open a sentence without a subject ("Tổ chức …", "Đã đăng tải …", "Tiếp
# tục …"): a consolidated report puts the unit in front of them.
OPENING_VERBS = VERBS + (
    "ban hành", "chủ động", "đã", "đẩy mạnh", "đón tiếp", "kịp thời", "ký kết", "nâng cao",
    "phân công", "tăng cường", "thường xuyên", "tiếp tục", "tập trung", "ghi nhận",
    "đang", "sản xuất", "tuyên truyền", "cập nhật",
)  # fmt: skip


def starts_with_verb(text: str) -> bool:
    folded = text.strip().lstrip("-–•+ ").casefold()
    return any(folded == verb or folded.startswith(verb + " ") for verb in OPENING_VERBS)


# First words of the names of events, which keep their capital after a verb.
EVENT_NAMES = (
    "Hội nghị", "Hội thảo", "Hội chợ", "Hội thi", "Lễ", "Ngày hội", "Tuần lễ", "Liên hoan",
    "Cuộc thi", "Diễn đàn", "Festival", "Triển lãm", "Chương trình", "Đại hội",
)  # fmt: skip


def activity_group(kind: str, topics: list[str], channels: list[str]) -> str:
    group = ACTIVITY_GROUPS.get(kind, "other")
    if kind == "media_coverage" and channels and set(channels) <= DIGITAL_CHANNELS:
        return "digital"
    if kind == "event":
        if set(topics) & {"phan_bac_thong_tin_sai"}:
            return "rebuttal"
        if set(topics) & PROMOTION_TOPICS:
            return "promotion"
        if set(topics) & INTERNATIONAL_TOPICS:
            return "international"
    return group


def action(kind: str, title: str) -> str:
    """An activity's title as the action of a sentence, lower case after its subject:
    "tham gia Hội chợ …", "tổ chức Hội nghị tập huấn …", "tổ chức giao ban báo chí …"."""
    title = " ".join(title.split()).rstrip(" .;")
    folded = title.casefold()
    if any(folded == verb or folded.startswith(verb + " ") for verb in VERBS):
        return prose.lower_first(title)
    verb = DEFAULT_VERBS.get(kind, "Thực hiện").lower()
    keeps_capital = title.startswith(("“", '"')) or any(
        title.startswith(name + " ") for name in EVENT_NAMES
    )
    return f"{verb} {title if keeps_capital else prose.lower_first(title)}"


# How an activity's quantities read after its title; counts of one of the activity itself
# (one course, one delegation) say nothing the title does not.
ACTIVITY_QUANTITIES: dict[str, str] = {
    "training_participants": "với {q} tham gia",
    "foreign_reporters": "với {q}",
    "broadcast_programmes": "với {q}",
    "broadcast_minutes": "thời lượng {q}",
    "publication_copies": "với {q}",
    "news_articles": "với {q}",
    "portal_items": "với {q}",
    "rebuttal_articles": "với {q}",
    "social_posts": "với {q}",
    "foreign_media_items": "với {q}",
}


# Figures ------------------------------------------------------------------------------


@dataclass
class Figure:
    """One indicator's figures for the report: this period, a year earlier, the parts of
    its breakdown, the plan target, and who contributed (for a consolidated report)."""

    code: str
    name: str
    noun: str  # measure unit
    kind: str  # count, money, amount
    total: Decimal | None
    previous: Decimal | None = None
    disaggregation: str = ""
    parts: dict[str, Decimal] = field(default_factory=dict)
    previous_parts: dict[str, Decimal] = field(default_factory=dict)
    target: Decimal | None = None
    target_scope: str = ""  # after "kế hoạch": "năm", "6 tháng đầu năm 2024"
    stock: bool = False  # a value at the period's end (followers), not a flow
    contributors: list[tuple[str, Decimal]] = field(default_factory=list)
    contributor_kinds: frozenset[str] = frozenset()  # kinds of the units that contributed
    group: str = "other"
    estimated: bool = False  # some of the figure is an estimate (số ước)
    # Some of the figure covers only part of the period (a year with its first half): it
    # is given without a comparison with the whole period a year earlier.
    partial: bool = False

    @property
    def reached(self) -> str:
        """ "đạt", or "ước đạt" for an estimate."""
        return "ước đạt" if self.estimated else "đạt"

    @property
    def label(self) -> str:
        """The name as the table of figures gives it, marked when an estimate or short of
        the period."""
        marks = [m for m, on in (("ước", self.estimated), ("chưa đủ kỳ", self.partial)) if on]
        return f"{self.name} ({', '.join(marks)})" if marks else self.name

    def quantity(self, value: Decimal | None = None, noun: str | None = None) -> str:
        amount = self.total if value is None else value
        assert amount is not None  # only figures with a total are phrased (_present)
        return str(prose.Quantity(amount, self.noun if noun is None else noun, self.kind))


@dataclass
class Context:
    """What the clauses need to know besides the figures."""

    against: str  # "cùng kỳ năm 2023"
    period_label: str  # "6 tháng đầu năm 2024"
    locality: str  # "Bình Định": where visitors come to
    whole: str  # "toàn tỉnh": the subject of province-wide figures
    part_label: Callable[[str, str], str]  # (disaggregation, option) → "tiếng Anh"


@dataclass
class Clause:
    """A piece of a sentence drawn from figures: ``own_subject`` clauses carry their own
    subject ("lượng khách du lịch đến …"); the others need the unit's."""

    text: str
    codes: list[str]
    own_subject: bool = False
    lead: str = ""  # the code whose contributors a consolidated report names


WHERE = {
    "bao_in": "trên báo in",
    "bao_dien_tu": "trên báo điện tử",
    "phat_thanh": "trên sóng phát thanh",
    "truyen_hinh": "trên sóng truyền hình",
    "truyen_thanh_co_so": "trên hệ thống truyền thanh cơ sở",
    "cong_thong_tin_dien_tu": "trên cổng/trang thông tin điện tử",
    "mang_xa_hoi": "trên mạng xã hội",
    "an_pham": "trên ấn phẩm, bản tin",
    "trien_lam": "tại triển lãm",
    "hoi_cho": "tại hội chợ",
    "hoi_nghi": "tại hội nghị, hội thảo",
    "pano": "trên pa-nô, bảng điện tử",
}


def _parts(figure: Figure, context: Context, limit: int = 5) -> str:
    """ "trong đó tiếng Anh 500 bản; tiếng Nhật 200 bản" — the largest parts, in order."""
    parts = sorted(
        ((option, value) for option, value in figure.parts.items() if value and value > 0),
        key=lambda item: (-item[1], item[0]),
    )[:limit]
    if not parts or (len(parts) == 1 and parts[0][1] == figure.total):
        return ""
    pieces = []
    for option, value in parts:
        if figure.disaggregation == "channels":
            label = WHERE.get(option, context.part_label("channels", option))
        else:
            label = context.part_label(figure.disaggregation, option)
        pieces.append(f"{label} {figure.quantity(value)}")
    # "3.800 bản, trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản"; a measure with a comma
    # of its own ("tin, bài") needs semicolons between the parts.
    return "trong đó " + ("; " if "," in figure.noun else ", ").join(pieces)


def _with_comparison(text: str, figure: Figure, context: Context) -> str:
    """Add ", tăng 12,5% so với cùng kỳ năm 2023", the plan share and the breakdown."""
    pieces = [text]
    compared = prose.change(figure.total, figure.previous, context.against, figure.noun)
    if compared:
        pieces.append(compared)
    if figure.target and figure.total is not None:
        pieces.append(prose.plan_share(figure.total, figure.target, figure.target_scope))
    text = ", ".join(pieces)
    breakdown = _parts(figure, context)
    return f"{text} ({breakdown})" if breakdown else text


def _simple(template: str) -> Callable[..., list[Clause]]:
    """A clause for one indicator: template with {q}, then comparison and breakdown."""

    def clauses(figures: dict[str, Figure], context: Context, code: str = "") -> list[Clause]:
        figure = figures[code]
        text = template.format(q=figure.quantity())
        return [Clause(_with_comparison(text, figure, context), [code], lead=code)]

    return clauses


def _present(figures: dict[str, Figure], *codes: str) -> list[str]:
    return [code for code in codes if code in figures and figures[code].total is not None]


def _broadcast(figures: dict[str, Figure], context: Context) -> list[Clause]:
    codes = _present(figures, "broadcast_programmes", "broadcast_minutes")
    if "broadcast_programmes" in codes:
        programmes = figures["broadcast_programmes"]
        text = f"phát sóng {programmes.quantity()} phát thanh, truyền hình về thông tin đối ngoại"
        text = _with_comparison(text, programmes, context)
        if "broadcast_minutes" in codes:
            minutes = figures["broadcast_minutes"]
            text += f" với tổng thời lượng {minutes.quantity()}"
            breakdown = _parts(minutes, context)
            if breakdown:
                text += f" ({breakdown})"
        return [Clause(text, codes, lead="broadcast_programmes")]
    minutes = figures["broadcast_minutes"]
    text = (
        f"phát sóng các chương trình thông tin đối ngoại với tổng thời lượng {minutes.quantity()}"
    )
    return [Clause(_with_comparison(text, minutes, context), codes, lead="broadcast_minutes")]


def _social(figures: dict[str, Figure], context: Context) -> list[Clause]:
    codes = _present(figures, "social_accounts", "social_followers", "social_posts")
    pieces = []
    if "social_accounts" in codes:
        accounts = figures["social_accounts"]
        platforms = [
            context.part_label("platforms", option)
            for option, value in sorted(accounts.parts.items(), key=lambda i: (-i[1], i[0]))
            if value
        ]
        text = f"duy trì hoạt động {accounts.quantity()} mạng xã hội"
        if platforms:
            text += f" ({', '.join(platforms)})"
        if "social_followers" in codes:
            followers = figures["social_followers"]
            compared = prose.change(followers.total, followers.previous, context.against)
            text += f" với {followers.quantity()}"
            if compared:
                text += f", {compared}"
        pieces.append(text)
    elif "social_followers" in codes:
        followers = figures["social_followers"]
        pieces.append(
            _with_comparison(
                f"các tài khoản mạng xã hội có {followers.quantity()}", followers, context
            )
        )
    if "social_posts" in codes:
        posts = figures["social_posts"]
        pieces.append(
            _with_comparison(
                f"đăng tải {posts.quantity(None, 'bài viết')} thông tin đối ngoại trên mạng xã hội",
                posts,
                context,
            )
        )
    lead = "social_posts" if "social_posts" in codes else codes[0]
    return [Clause("; ".join(pieces), codes, lead=lead)]


def _publications(figures: dict[str, Figure], context: Context) -> list[Clause]:
    codes = _present(figures, "publication_titles", "publication_copies")
    if "publication_titles" in codes:
        titles = figures["publication_titles"]
        text = f"biên soạn, phát hành {titles.quantity()} thông tin đối ngoại"
        compared = prose.change(titles.total, titles.previous, context.against, titles.noun)
        if "publication_copies" in codes:
            copies = figures["publication_copies"]
            text += f" với {copies.quantity()}"
            breakdown = _parts(copies, context)
            if breakdown:
                text += f", {breakdown}"
        if compared:
            text += f"; số đầu ấn phẩm {compared}"
        return [Clause(text, codes, lead="publication_titles")]
    copies = figures["publication_copies"]
    text = f"phát hành {copies.quantity()} ấn phẩm thông tin đối ngoại"
    return [Clause(_with_comparison(text, copies, context), codes, lead="publication_copies")]


def _press_relations(figures: dict[str, Figure], context: Context) -> list[Clause]:
    clauses = []
    codes = _present(figures, "press_conferences", "press_briefings")
    if codes:
        events = []
        if "press_conferences" in codes:
            events.append(f"{figures['press_conferences'].quantity()} họp báo")
        if "press_briefings" in codes:
            events.append(
                f"{figures['press_briefings'].quantity()} giao ban báo chí, cung cấp thông tin "
                "định kỳ"
            )
        clauses.append(
            Clause(f"tổ chức {' và '.join(events)} cho các cơ quan báo chí", codes, lead=codes[0])
        )
    codes = _present(figures, "foreign_press_delegations", "foreign_reporters")
    if codes:
        if "foreign_press_delegations" in codes:
            text = f"đón tiếp, hướng dẫn {figures['foreign_press_delegations'].quantity()}"
            text += " phóng viên nước ngoài"
            if "foreign_reporters" in codes:
                text += f" với {figures['foreign_reporters'].quantity()}"
        else:
            text = f"đón tiếp, hướng dẫn {figures['foreign_reporters'].quantity()} nước ngoài"
        text += " đến tìm hiểu, viết bài về địa phương"
        clauses.append(Clause(text, codes, lead=codes[0]))
    if _present(figures, "foreign_media_items"):
        items = figures["foreign_media_items"]
        text = _with_comparison(
            f"báo chí nước ngoài đăng tải {items.quantity()} về {context.locality}",
            items,
            context,
        )
        clauses.append(Clause(text, ["foreign_media_items"], own_subject=True))
    return clauses


def _international(figures: dict[str, Figure], context: Context) -> list[Clause]:
    clauses = []
    if _present(figures, "international_delegations"):
        clauses += _simple("đón tiếp {q} khách quốc tế đến thăm, làm việc")(
            figures, context, "international_delegations"
        )
    if _present(figures, "international_agreements"):
        agreements = figures["international_agreements"]
        text = (
            f"ký kết {agreements.quantity()} hợp tác quốc tế; việc ký kết được tiến hành theo "
            "đúng quy định"
        )
        clauses.append(Clause(text, ["international_agreements"], lead="international_agreements"))
    if _present(figures, "oda_projects"):
        projects = figures["oda_projects"]
        text = f"{context.whole} có {projects.quantity()} sử dụng vốn ODA đang triển khai thực hiện"
        clauses.append(Clause(text, ["oda_projects"], own_subject=True))
    return clauses


def _promotion(figures: dict[str, Figure], context: Context) -> list[Clause]:
    clauses = []
    if _present(figures, "exhibitions"):
        clauses += _simple("tổ chức, tham gia {q} triển lãm, hội chợ, sự kiện xúc tiến")(
            figures, context, "exhibitions"
        )
    codes = _present(figures, "fdi_projects", "fdi_capital")
    if codes:
        pieces = []
        if "fdi_projects" in codes:
            projects = figures["fdi_projects"]
            pieces.append(
                _with_comparison(
                    f"{context.period_label}, {context.whole} đã thu hút được "
                    f"{projects.quantity()} FDI",
                    projects,
                    context,
                )
            )
        if "fdi_capital" in codes:
            capital = figures["fdi_capital"]
            pieces.append(
                _with_comparison(
                    f"tổng vốn đăng ký các dự án FDI {capital.reached} {capital.quantity()}",
                    capital,
                    context,
                )
            )
        clauses.append(Clause("; ".join(pieces), codes, own_subject=True))
    codes = _present(figures, "visitors_domestic", "visitors_international", "tourism_revenue")
    visitor_codes = [c for c in codes if c.startswith("visitors_")]
    if codes:
        pieces = []
        if visitor_codes:
            # _present left out the figures without a total.
            total = sum(
                (t for c in visitor_codes if (t := figures[c].total) is not None), Decimal(0)
            )
            previous = (
                sum(
                    (p for c in visitor_codes if (p := figures[c].previous) is not None), Decimal(0)
                )
                if all(figures[c].previous is not None for c in visitor_codes)
                else None
            )
            first = figures[visitor_codes[0]]
            reached = "ước đạt" if any(figures[c].estimated for c in visitor_codes) else "đạt"
            text = (
                f"{context.period_label}, lượng khách du lịch đến {context.locality} {reached} "
                f"{first.quantity(total)}"
            )
            compared = prose.change(total, previous, context.against)
            if compared:
                text += f", {compared}"
            if len(visitor_codes) == 2:
                domestic = figures["visitors_domestic"].total
                foreign = figures["visitors_international"].total
                assert domestic is not None and foreign is not None  # _present
                text += (
                    f" (trong đó khách nội địa đạt {prose.count(domestic, 'lượt')}, "
                    f"khách quốc tế {prose.count(foreign, 'lượt')})"
                )
            pieces.append(text)
        if "tourism_revenue" in codes:
            revenue = figures["tourism_revenue"]
            text = _with_comparison(
                f"doanh thu du lịch {revenue.reached} {revenue.quantity()}", revenue, context
            )
            pieces.append(text if pieces else f"{context.period_label}, {text}")
        clauses.append(Clause("; ".join(pieces), codes, own_subject=True))
    return clauses


def _training(figures: dict[str, Figure], context: Context) -> list[Clause]:
    codes = _present(figures, "training_courses", "training_participants")
    if "training_courses" in codes:
        courses = figures["training_courses"]
        text = f"tổ chức {courses.quantity()} tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại"
        if "training_participants" in codes:
            text += f" cho {figures['training_participants'].quantity()} tham gia"
        return [Clause(_with_comparison(text, courses, context), codes, lead="training_courses")]
    people = figures["training_participants"]
    text = f"cử, tổ chức cho {people.quantity()} tham gia tập huấn, bồi dưỡng nghiệp vụ"
    return [Clause(_with_comparison(text, people, context), codes, lead="training_participants")]


# Each cluster: the indicators it reads (in order) and how it writes them.
CLUSTERS: list[tuple[str, tuple[str, ...], Callable[..., list[Clause]]]] = [
    (
        "propaganda",
        ("news_articles",),
        lambda f, c: _simple("đăng tải, phát sóng {q} về thông tin đối ngoại")(
            f, c, "news_articles"
        ),
    ),
    ("propaganda", ("broadcast_programmes", "broadcast_minutes"), _broadcast),
    (
        "digital",
        ("portal_items",),
        lambda f, c: _simple("đăng tải {q} trên cổng/trang thông tin điện tử")(
            f, c, "portal_items"
        ),
    ),
    ("digital", ("social_accounts", "social_followers", "social_posts"), _social),
    ("publications", ("publication_titles", "publication_copies"), _publications),
    ("promotion", ("exhibitions", "fdi_projects", "fdi_capital"), _promotion),
    ("promotion", ("visitors_domestic", "visitors_international", "tourism_revenue"), _promotion),
    (
        "international",
        ("international_delegations", "international_agreements", "oda_projects"),
        _international,
    ),
    (
        "rebuttal",
        ("rebuttal_articles",),
        lambda f, c: _simple(
            "đăng tải {q} đấu tranh, phản bác thông tin sai sự thật, luận điệu xuyên tạc"
        )(f, c, "rebuttal_articles"),
    ),
    (
        "press_relations",
        (
            "press_conferences",
            "press_briefings",
            "foreign_press_delegations",
            "foreign_reporters",
            "foreign_media_items",
        ),
        _press_relations,
    ),
    ("training", ("training_courses", "training_participants"), _training),
]
KNOWN = {code for _group, codes, _write in CLUSTERS for code in codes}


def figure_clauses(figures: dict[str, Figure], context: Context) -> dict[str, list[Clause]]:
    """Clauses per group from every figure that holds a value; each figure is used once."""
    # A zero with nothing to compare it to says nothing ("tổ chức 0 lớp tập huấn").
    present = {
        code: f
        for code, f in figures.items()
        if f.total is not None
        and f.group != "direction"
        and (f.total != 0 or (f.previous is not None and f.previous != 0))
    }
    out: dict[str, list[Clause]] = {}
    done: set[tuple[str, ...]] = set()
    for group, codes, write in CLUSTERS:
        if not any(code in present for code in codes):
            continue
        if write is _promotion:
            key = ("promotion",)  # one call writes both promotion clusters
            if key in done:
                continue
            done.add(key)
        out.setdefault(group, []).extend(write(present, context))
    for code, figure in present.items():
        if code in KNOWN:
            continue
        text = _with_comparison(
            f"{prose.lower_first(figure.name)}: {figure.quantity()}", figure, context
        )
        out.setdefault(figure.group, []).append(Clause(text, [code], own_subject=True))
    return out
