"""Demonstration records of the publishing registers (ttdn.publishing) for the small
tree: the province's list of outlets, its portal and a few dozen articles about it;
the Sở Văn hóa, Thể thao và Du lịch's tourism guide in three languages, its monthly
bilingual bulletin, its Saturday column on the provincial station and its Facebook
page and YouTube channel with their follower counts.

Records are checked as the registers check them; the values they give are fed once for
all the demo's records (ttdn/demo/feeding.py), as their saves would. Names and numbers are like
the provincial reports' (Thái Nguyên's guide of 3.800 copies, Hà Nam's bilingual
columns); nothing in the application depends on them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ttdn.orgunits.models import OrgUnit
from ttdn.publishing.models import (
    Coverage,
    FollowerSnapshot,
    Outlet,
    Programme,
    Publication,
    PublicationEdition,
    SocialAccount,
    Website,
    WebsiteVersion,
)
from ttdn.registers.base import get

PROVINCE = "BDI"
DEPARTMENT = "BDI-SVHTTDL"

# name, kind, level, country
OUTLETS = [
    ("Báo Bình Định", "print", "local", ""),
    ("Đài Phát thanh và Truyền hình Bình Định", "broadcast", "local", ""),
    ("Báo Nhân Dân", "print", "central", ""),
    ("Báo điện tử VnExpress", "online", "central", ""),
    ("Đài Truyền hình Việt Nam", "broadcast", "central", ""),
    ("Thông tấn xã Việt Nam", "agency", "central", ""),
    ("Kyodo News", "agency", "foreign", "Nhật Bản"),
    ("The Korea Herald", "online", "foreign", "Hàn Quốc"),
    ("Travel + Leisure", "online", "foreign", "Hoa Kỳ"),
]

# (day, outlet, kind, channel, language, title, topics)
COVERAGE = [
    ("12/01/2024", "Báo Bình Định", "article", "bao_in", "vi", "Bình Định đón những vị khách quốc tế đầu tiên của năm 2024", ["du_lich"]),
    ("25/01/2024", "Báo điện tử VnExpress", "article", "bao_dien_tu", "vi", "Kỳ Co, Eo Gió vào danh sách điểm đến hấp dẫn", ["du_lich"]),
    ("08/02/2024", "Đài Truyền hình Việt Nam", "programme", "truyen_hinh", "vi", "Xuân về trên đất võ Bình Định", ["van_hoa"]),
    ("21/02/2024", "Báo Nhân Dân", "article", "bao_in", "vi", "Bình Định thu hút đầu tư vào khu kinh tế Nhơn Hội", ["xuc_tien_dau_tu"]),
    ("05/3/2024", "Thông tấn xã Việt Nam", "article", "bao_dien_tu", "en", "Binh Dinh promotes its martial arts heritage", ["van_hoa", "quang_ba_hinh_anh"]),
    ("19/3/2024", "Kyodo News", "article", "bao_dien_tu", "ja", "ベトナム中部ビンディン省、日本企業の投資を歓迎", ["xuc_tien_dau_tu"]),
    ("02/4/2024", "Báo Bình Định", "article", "bao_in", "vi", "Lễ hội Đống Đa - Tây Sơn thu hút hàng vạn du khách", ["van_hoa", "du_lich"]),
    ("16/4/2024", "Đài Phát thanh và Truyền hình Bình Định", "report", "truyen_hinh", "vi", "Phóng sự: Quy Nhơn - thành phố đáng sống", ["quang_ba_hinh_anh"]),
    ("30/4/2024", "Báo điện tử VnExpress", "article", "bao_dien_tu", "vi", "Biển Quy Nhơn kín khách dịp nghỉ lễ", ["du_lich"]),
    ("14/5/2024", "The Korea Herald", "article", "bao_dien_tu", "en", "Quy Nhon: Vietnam's quiet coastal gem", ["du_lich"]),
    ("28/5/2024", "Báo Nhân Dân", "article", "bao_dien_tu", "vi", "Bình Định giữ vững chủ quyền biển, đảo gắn với phát triển kinh tế", ["chu_quyen_bien_dao"]),
    ("11/6/2024", "Đài Truyền hình Việt Nam", "programme", "truyen_hinh", "vi", "Việt Nam - Điểm đến: Bình Định", ["du_lich", "quang_ba_hinh_anh"]),
    ("25/6/2024", "Travel + Leisure", "article", "bao_dien_tu", "en", "Where to go in Vietnam: Quy Nhon", ["du_lich"]),
    ("09/7/2024", "Báo Bình Định", "article", "bao_in", "vi", "Hợp tác quốc tế trong bảo tồn võ cổ truyền", ["hop_tac_quoc_te"]),
    ("23/7/2024", "Thông tấn xã Việt Nam", "article", "bao_dien_tu", "vi", "Bình Định ký kết hợp tác với tỉnh Gyeonggi (Hàn Quốc)", ["hop_tac_quoc_te"]),
    ("06/8/2024", "Báo điện tử VnExpress", "article", "bao_dien_tu", "vi", "Khu kinh tế Nhơn Hội đón dự án FDI mới", ["xuc_tien_dau_tu"]),
    ("20/8/2024", "Đài Phát thanh và Truyền hình Bình Định", "programme", "phat_thanh", "vi", "Bình Định với kiều bào", ["nguoi_viet_o_nuoc_ngoai"]),
    ("03/9/2024", "Kyodo News", "article", "bao_dien_tu", "en", "Central Vietnam province eyes Japanese tourists", ["du_lich"]),
    ("17/9/2024", "Báo Nhân Dân", "article", "bao_in", "vi", "Đất võ trời văn vươn ra thế giới", ["van_hoa"]),
    ("01/10/2024", "Báo Bình Định", "article", "bao_dien_tu", "vi", "Tuần lễ văn hóa Hàn Quốc tại Quy Nhơn", ["van_hoa", "hop_tac_quoc_te"]),
    ("15/10/2024", "Đài Truyền hình Việt Nam", "report", "truyen_hinh", "vi", "Phóng sự: Làng nghề rượu Bàu Đá", ["van_hoa"]),
    ("29/10/2024", "The Korea Herald", "article", "bao_dien_tu", "en", "Korean investors look to Binh Dinh", ["xuc_tien_dau_tu"]),
    ("12/11/2024", "Báo điện tử VnExpress", "article", "bao_dien_tu", "vi", "Giải chạy Quy Nhơn thu hút vận động viên quốc tế", ["du_lich"]),
    ("26/11/2024", "Thông tấn xã Việt Nam", "article", "bao_dien_tu", "vi", "Bình Định tổ chức Liên hoan quốc tế võ cổ truyền", ["van_hoa"]),
    ("10/12/2024", "Báo Bình Định", "article", "bao_in", "vi", "Tổng kết năm Du lịch Bình Định 2024", ["du_lich"]),
    ("14/01/2025", "Báo Bình Định", "article", "bao_dien_tu", "vi", "Du lịch Bình Định khởi sắc đầu năm 2025", ["du_lich"]),
    ("11/02/2025", "Đài Truyền hình Việt Nam", "programme", "truyen_hinh", "vi", "Lễ hội Đống Đa 2025", ["van_hoa"]),
    ("04/3/2025", "Kyodo News", "article", "bao_dien_tu", "ja", "ビンディン省、観光客数が過去最高に", ["du_lich"]),
    ("18/3/2025", "Báo Nhân Dân", "article", "bao_in", "vi", "Bình Định quảng bá điểm đến tại hội chợ du lịch quốc tế", ["xuc_tien_thuong_mai", "du_lich"]),
    ("08/4/2025", "Travel + Leisure", "article", "bao_dien_tu", "en", "Quy Nhon's beaches, temples and towers", ["du_lich"]),
    ("22/4/2025", "Đài Phát thanh và Truyền hình Bình Định", "report", "truyen_hinh", "vi", "Phóng sự: Tháp Chăm Bánh Ít", ["van_hoa"]),
    ("13/5/2025", "Báo điện tử VnExpress", "article", "bao_dien_tu", "vi", "Quy Nhơn vào top điểm đến biển hè 2025", ["du_lich"]),
    ("10/6/2025", "The Korea Herald", "article", "bao_dien_tu", "en", "Binh Dinh welcomes direct flights from Seoul", ["du_lich", "hop_tac_quoc_te"]),
    ("24/6/2025", "Thông tấn xã Việt Nam", "article", "bao_dien_tu", "vi", "Bình Định đón đoàn doanh nghiệp Nhật Bản", ["xuc_tien_dau_tu"]),
]  # fmt: skip

# Follower counts at the end of each quarter: (Facebook, YouTube).
FOLLOWERS = [
    (date(2024, 3, 31), 98_400, 12_100),
    (date(2024, 6, 30), 104_900, 13_500),
    (date(2024, 9, 30), 110_200, 14_800),
    (date(2024, 12, 31), 116_700, 16_000),
    (date(2025, 3, 31), 121_800, 17_100),
    (date(2025, 6, 30), 125_300, 18_200),
    (date(2025, 9, 30), 128_900, 19_000),
    (date(2025, 12, 31), 132_400, 19_900),
]


def _day(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def _rows(model, fk: str, rows: list[dict]):
    def write(record) -> None:
        for row in rows:
            instance = model(**{fk: record, **row})
            instance.full_clean()
            instance.save()

    return write


def load_publishing(ids: dict[str, int]) -> int:
    """The records of the province and of its Sở Văn hóa, Thể thao và Du lịch; how many.
    Called by ``load_small`` before the registers' figures are fed and the reports
    submitted."""
    if PROVINCE not in ids or DEPARTMENT not in ids:
        return 0
    with transaction.atomic():
        return _load(ids)


def _load(ids: dict[str, int]) -> int:
    province = OrgUnit.objects.get(pk=ids[PROVINCE])
    department = OrgUnit.objects.get(pk=ids[DEPARTMENT])
    today = timezone.localdate()
    added: list[Any] = []

    def add(slug: str, record: Any, unit: OrgUnit, rows: tuple = ()) -> Any:
        """Check and store a record as its register would, with its rows."""
        record.unit = unit
        record.full_clean()
        register = get(slug)
        register.check(record, {})
        record.save()
        if rows:
            _rows(*rows)(record)
        if hasattr(register, "check_rows"):
            register.check_rows(record)
        added.append(record)
        return record

    outlets = {
        name: add("outlets", Outlet(name=name, kind=kind, level=level, country=country), province)
        for name, kind, level, country in OUTLETS
    }
    add(
        "websites",
        Website(
            name="Cổng Thông tin điện tử tỉnh Bình Định",
            url="https://binhdinh.gov.vn",
            launched_on=date(2016, 1, 1),
        ),
        province,
        (
            WebsiteVersion,
            "website",
            [
                {"language": "vi", "url": "https://binhdinh.gov.vn"},
                {"language": "en", "url": "https://en.binhdinh.gov.vn", "since": date(2019, 9, 2)},
            ],
        ),
    )
    for day, outlet, kind, channel, language, title, topics in COVERAGE:
        if _day(day) <= today:
            add(
                "coverage",
                Coverage(
                    outlet=outlets[outlet],
                    published_on=_day(day),
                    kind=kind,
                    channel=channel,
                    language=language,
                    title=title,
                    topics=topics,
                ),
                province,
            )
    add(
        "publications",
        Publication(
            title="Bình Định - Điểm đến của những trải nghiệm",
            format="tai_lieu",
            published_on=date(2025, 3, 18),
            copies=5000,
            distribution=["provinces", "embassies", "tourist_sites", "events"],
            distribution_note="các hãng lữ hành trong và ngoài nước",
            cost=Decimal(185_000_000),
        ),
        department,
        (
            PublicationEdition,
            "publication",
            [
                {"language": "vi", "copies": 3000},
                {"language": "en", "copies": 1500},
                {"language": "ko", "copies": 500},
            ],
        ),
    )
    add(
        "publications",
        Publication(
            title="Bản tin Du lịch Bình Định",
            format="ban_tin",
            periodicity="monthly",
            published_on=date(2024, 1, 20),
            ends_on=date(2025, 12, 20),
            copies=1500,
            distribution=["provinces", "tourist_sites", "local"],
        ),
        department,
        (
            PublicationEdition,
            "publication",
            [{"language": "vi", "copies": 1000}, {"language": "en", "copies": 500}],
        ),
    )
    add(
        "programmes",
        Programme(
            outlet=outlets["Đài Phát thanh và Truyền hình Bình Định"],
            kind="column",
            title="Bình Định - Điểm hẹn du lịch",
            schedule="20 giờ thứ Bảy hằng tuần",
            languages=["vi", "en"],
            since=date(2023, 3, 4),
        ),
        department,
    )
    accounts = [
        ("facebook", "Du lịch Bình Định - Binh Dinh Tourism", "dulichbinhdinh", date(2019, 5, 1)),
        ("youtube", "Binh Dinh Tourism", "@binhdinhtourism", date(2021, 2, 1)),
    ]
    for column, (platform, name, handle, opened) in enumerate(accounts, start=1):
        snapshots = [
            {"taken_on": row[0], "followers": row[column]} for row in FOLLOWERS if row[0] <= today
        ]
        add(
            "social-accounts",
            SocialAccount(
                platform=platform,
                name=name,
                url=f"https://www.{platform}.com/{handle}",
                opened_on=opened,
            ),
            department,
            (FollowerSnapshot, "account", snapshots),
        )
    return len(added)
