"""The national demonstration set: 34 provinces, 3,321 communes, ~2,000 departments,
press agencies and steering committees, ten years of six-monthly values (≈ 4.5 million).

It exists to measure consolidation at the scale the design promises, so it is loaded
with the database driver's bulk path and a tree computed in memory. Province names and
commune counts are those of the July 2025 reorganisation; commune names are made up
from common place-name words.
"""

from __future__ import annotations

import random
import sys
import time
import unicodedata
from collections.abc import Callable

from django.db import connection, transaction
from tqdm import tqdm

from ttdn.accounts.models import Role
from ttdn.indicators.models import DataValue
from ttdn.orgunits.demo import (
    REORGANISED,
    SEED,
    DemoResult,
    PersonSpec,
    UnitSpec,
    create_people,
    insert_units,
    plan_values,
    rollup_owners,
)
from ttdn.orgunits.demo_values import SubtreeSums, bulk_load_mode, iter_rows, write_values
from ttdn.orgunits.models import UnitKind

FIRST_YEAR = 2016
LAST_YEAR = 2025

# code, name, English name, communes, share of wards (phường), special zones (đặc khu)
PROVINCES: list[tuple[str, str, str, int, float, tuple[str, ...]]] = [
    ("HNI", "Thành phố Hà Nội", "Ha Noi City", 126, 0.40, ()),
    ("HUE", "Thành phố Huế", "Hue City", 40, 0.52, ()),
    ("LCU", "Tỉnh Lai Châu", "Lai Chau Province", 38, 0.05, ()),
    ("DBN", "Tỉnh Điện Biên", "Dien Bien Province", 45, 0.07, ()),
    ("SLA", "Tỉnh Sơn La", "Son La Province", 75, 0.1, ()),
    ("LSN", "Tỉnh Lạng Sơn", "Lang Son Province", 65, 0.06, ()),
    ("QNH", "Tỉnh Quảng Ninh", "Quang Ninh Province", 54, 0.55, ("Vân Đồn", "Cô Tô")),
    ("THA", "Tỉnh Thanh Hóa", "Thanh Hoa Province", 166, 0.1, ()),
    ("NAN", "Tỉnh Nghệ An", "Nghe An Province", 130, 0.09, ()),
    ("HTH", "Tỉnh Hà Tĩnh", "Ha Tinh Province", 69, 0.13, ()),
    ("CBG", "Tỉnh Cao Bằng", "Cao Bang Province", 56, 0.05, ()),
    ("TQG", "Tỉnh Tuyên Quang", "Tuyen Quang Province", 124, 0.06, ()),
    ("LCI", "Tỉnh Lào Cai", "Lao Cai Province", 99, 0.1, ()),
    ("TNN", "Tỉnh Thái Nguyên", "Thai Nguyen Province", 92, 0.16, ()),
    ("PTO", "Tỉnh Phú Thọ", "Phu Tho Province", 148, 0.1, ()),
    ("BNH", "Tỉnh Bắc Ninh", "Bac Ninh Province", 99, 0.33, ()),
    ("HYN", "Tỉnh Hưng Yên", "Hung Yen Province", 104, 0.11, ()),
    ("HPG", "Thành phố Hải Phòng", "Hai Phong City", 114, 0.39, ("Cát Hải", "Bạch Long Vĩ")),
    ("NBH", "Tỉnh Ninh Bình", "Ninh Binh Province", 129, 0.25, ()),
    ("QTI", "Tỉnh Quảng Trị", "Quang Tri Province", 78, 0.1, ("Cồn Cỏ",)),
    ("DNG", "Thành phố Đà Nẵng", "Da Nang City", 94, 0.25, ("Hoàng Sa",)),
    ("QNI", "Tỉnh Quảng Ngãi", "Quang Ngai Province", 96, 0.1, ("Lý Sơn",)),
    ("GLI", "Tỉnh Gia Lai", "Gia Lai Province", 135, 0.19, ()),
    ("KHA", "Tỉnh Khánh Hòa", "Khanh Hoa Province", 65, 0.25, ("Trường Sa",)),
    ("LDG", "Tỉnh Lâm Đồng", "Lam Dong Province", 124, 0.16, ("Phú Quý",)),
    ("DLK", "Tỉnh Đắk Lắk", "Dak Lak Province", 102, 0.19, ()),
    ("HCM", "Thành phố Hồ Chí Minh", "Ho Chi Minh City", 168, 0.67, ("Côn Đảo",)),
    ("DNI", "Tỉnh Đồng Nai", "Dong Nai Province", 95, 0.24, ()),
    ("TNH", "Tỉnh Tây Ninh", "Tay Ninh Province", 96, 0.15, ()),
    ("CTO", "Thành phố Cần Thơ", "Can Tho City", 103, 0.3, ()),
    ("VLG", "Tỉnh Vĩnh Long", "Vinh Long Province", 124, 0.15, ()),
    ("DTP", "Tỉnh Đồng Tháp", "Dong Thap Province", 102, 0.2, ()),
    ("CMU", "Tỉnh Cà Mau", "Ca Mau Province", 64, 0.14, ()),
    ("AGG", "Tỉnh An Giang", "An Giang Province", 102, 0.14, ("Phú Quốc", "Kiên Hải", "Thổ Châu")),
]

# code, name ({province}: "tỉnh Lai Châu", {place}: "Lai Châu"), English name, kind,
# report profile, parent code ("" for the province)
DEPARTMENTS: list[tuple[str, str, str, str, str, str]] = [
    (
        "BCD",
        "Ban Chỉ đạo công tác thông tin đối ngoại {province}",
        "Steering Committee for External Information",
        UnitKind.STEERING_COMMITTEE,
        "steering_committee",
        "",
    ),
    (
        "BTGDV",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Commission for Information, Education and Mass Mobilisation",
        UnitKind.DEPARTMENT,
        "propaganda",
        "",
    ),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        UnitKind.DEPARTMENT,
        "culture_tourism",
        "",
    ),
    (
        "TTXTDL",
        "Trung tâm Thông tin Xúc tiến Du lịch",
        "Tourism Promotion Centre",
        UnitKind.OTHER,
        "centre",
        "SVHTTDL",
    ),
    ("BTANG", "Bảo tàng tỉnh", "Provincial Museum", UnitKind.OTHER, "centre", "SVHTTDL"),
    ("TVIEN", "Thư viện tỉnh", "Provincial Library", UnitKind.OTHER, "centre", "SVHTTDL"),
    (
        "SNGV",
        "Sở Ngoại vụ",
        "Department of Foreign Affairs",
        UnitKind.DEPARTMENT,
        "foreign_affairs",
        "",
    ),
    ("STC", "Sở Tài chính", "Department of Finance", UnitKind.DEPARTMENT, "investment", ""),
    (
        "BQLKCN",
        "Ban Quản lý các khu công nghiệp",
        "Industrial Zones Authority",
        UnitKind.DEPARTMENT,
        "investment",
        "",
    ),
    (
        "TTXT",
        "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
        "Investment, Trade and Tourism Promotion Centre",
        UnitKind.DEPARTMENT,
        "investment",
        "",
    ),
    (
        "VPUB",
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh",
        "Office of the Provincial People's Committee",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "CTTDT",
        "Cổng Thông tin điện tử tỉnh",
        "Provincial Web Portal",
        UnitKind.OTHER,
        "centre",
        "VPUB",
    ),
    (
        "BPTTH",
        "Báo và Phát thanh, Truyền hình {place}",
        "Newspaper, Radio and Television",
        UnitKind.PRESS_AGENCY,
        "press_agency",
        "",
    ),
    (
        "TTXVN",
        "Cơ quan thường trú Thông tấn xã Việt Nam tại {place}",
        "Vietnam News Agency bureau",
        UnitKind.PRESS_AGENCY,
        "press_agency",
        "",
    ),
    (
        "VOV",
        "Cơ quan thường trú Đài Tiếng nói Việt Nam tại {place}",
        "Voice of Vietnam bureau",
        UnitKind.PRESS_AGENCY,
        "press_agency",
        "",
    ),
    ("SNV", "Sở Nội vụ", "Department of Home Affairs", UnitKind.DEPARTMENT, "department", ""),
    ("SXD", "Sở Xây dựng", "Department of Construction", UnitKind.DEPARTMENT, "department", ""),
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "SCT",
        "Sở Công Thương",
        "Department of Industry and Trade",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        "Department of Science and Technology",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        "Department of Education and Training",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    ("SYT", "Sở Y tế", "Department of Health", UnitKind.DEPARTMENT, "department", ""),
    ("STP", "Sở Tư pháp", "Department of Justice", UnitKind.DEPARTMENT, "department", ""),
    (
        "SDTTG",
        "Sở Dân tộc và Tôn giáo",
        "Department of Ethnic and Religious Affairs",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    ("TTRA", "Thanh tra tỉnh", "Provincial Inspectorate", UnitKind.DEPARTMENT, "department", ""),
    (
        "BTC",
        "Ban Tổ chức Tỉnh ủy",
        "Party Organisation Commission",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "BNC",
        "Ban Nội chính Tỉnh ủy",
        "Party Internal Affairs Commission",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "UBKT",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Party Inspection Commission",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "VPTU",
        "Văn phòng Tỉnh ủy",
        "Office of the Provincial Party Committee",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Viet Nam Fatherland Front Committee",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    ("TDOAN", "Tỉnh đoàn", "Youth Union", UnitKind.DEPARTMENT, "department", ""),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "Women's Union", UnitKind.DEPARTMENT, "department", ""),
    ("HND", "Hội Nông dân tỉnh", "Farmers' Union", UnitKind.DEPARTMENT, "department", ""),
    (
        "LDLD",
        "Liên đoàn Lao động tỉnh",
        "Federation of Labour",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "HCCB",
        "Hội Cựu chiến binh tỉnh",
        "Veterans' Association",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "LHHN",
        "Liên hiệp các tổ chức hữu nghị tỉnh",
        "Union of Friendship Organisations",
        UnitKind.DEPARTMENT,
        "foreign_affairs",
        "",
    ),
    ("HNB", "Hội Nhà báo tỉnh", "Journalists' Association", UnitKind.DEPARTMENT, "department", ""),
    ("CAT", "Công an tỉnh", "Provincial Police", UnitKind.DEPARTMENT, "department", ""),
    (
        "XNC",
        "Phòng Quản lý xuất nhập cảnh",
        "Immigration Division",
        UnitKind.OTHER,
        "centre",
        "CAT",
    ),
    (
        "BCHQS",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Provincial Military Command",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "BDBP",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "Border Guard Command",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    ("THUE", "Thuế tỉnh", "Provincial Tax Office", UnitKind.DEPARTMENT, "department", ""),
    (
        "HQ",
        "Chi cục Hải quan khu vực",
        "Regional Customs Office",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "KBNN",
        "Kho bạc Nhà nước khu vực",
        "Regional State Treasury",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "NHNN",
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "State Bank branch",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    ("TKE", "Thống kê tỉnh", "Provincial Statistics Office", UnitKind.DEPARTMENT, "department", ""),
    (
        "BHXH",
        "Bảo hiểm xã hội tỉnh",
        "Social Security Office",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "TRCT",
        "Trường Chính trị tỉnh",
        "Provincial Political School",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "TAND",
        "Tòa án nhân dân tỉnh",
        "Provincial People's Court",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "VKSND",
        "Viện kiểm sát nhân dân tỉnh",
        "Provincial People's Procuracy",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    (
        "HVHNT",
        "Hội Văn học Nghệ thuật tỉnh",
        "Literature and Arts Association",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    ("HCTD", "Hội Chữ thập đỏ tỉnh", "Red Cross Society", UnitKind.DEPARTMENT, "department", ""),
    (
        "HHDN",
        "Hiệp hội Doanh nghiệp tỉnh",
        "Business Association",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
    ("BDIEN", "Bưu điện tỉnh", "Provincial Post Office", UnitKind.DEPARTMENT, "department", ""),
    ("VIETTEL", "Viettel tỉnh", "Viettel provincial branch", UnitKind.DEPARTMENT, "department", ""),
    ("VNPT", "VNPT tỉnh", "VNPT provincial branch", UnitKind.DEPARTMENT, "department", ""),
    (
        "KTTV",
        "Đài Khí tượng Thủy văn tỉnh",
        "Hydro-Meteorological Station",
        UnitKind.DEPARTMENT,
        "department",
        "",
    ),
]

PLACE_WORDS = [
    "An",
    "Bình",
    "Tân",
    "Phú",
    "Hòa",
    "Thạnh",
    "Long",
    "Phước",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Hưng",
    "Thuận",
    "Lộc",
    "Mỹ",
    "Vĩnh",
    "Quang",
    "Trung",
    "Hải",
    "Sơn",
    "Thủy",
    "Minh",
    "Hiệp",
    "Thành",
    "Xuân",
    "Đức",
    "Lợi",
    "Nghĩa",
    "Phong",
    "Định",
    "Lâm",
    "Hà",
    "Khánh",
    "Thịnh",
    "Cường",
    "Yên",
    "Kim",
    "Ngọc",
    "Hồng",
    "Lạc",
    "Tiến",
    "Hội",
    "Đồng",
    "Thái",
    "Gia",
    "Hoàng",
    "Châu",
    "Tường",
    "Thắng",
    "Lương",
    "Cát",
    "Vân",
    "Quý",
    "Trường",
]
TOURISM_SHARE = 0.2
DISTRICTS_PER_COMMUNE = 696 / 3321  # district-level units before and communes after 2025


def _districts(
    rng: random.Random, province: str, communes: list[UnitSpec], count: int, urban: float
) -> list[UnitSpec]:
    """Pre-2025 districts, closed at the reorganisation; each one's successor is the new
    commune that took its name, as Huyện Tuy Phước became Xã Tuy Phước."""
    districts = []
    for number, commune in enumerate(rng.sample(communes, min(count, len(communes))), 1):
        place = commune.name.split(" ", 1)[1]
        roll = rng.random()
        if roll < urban * 0.5:
            prefix, prefix_en = ("Quận", "Urban District") if urban > 0.3 else ("Thành phố", "City")
        elif roll < urban * 0.5 + 0.1:
            prefix, prefix_en = "Thị xã", "Town"
        else:
            prefix, prefix_en = "Huyện", "District"
        districts.append(
            UnitSpec(
                f"{province}-H{number:02d}",
                f"{prefix} {place}",
                UnitKind.DISTRICT,
                province,
                "district",
                f"{_ascii(place)} {prefix_en}",
                valid_to=REORGANISED,
                successor=commune.code,
            )
        )
    return districts


def _commune_names(rng: random.Random, count: int) -> list[str]:
    pairs = [(a, b) for a in PLACE_WORDS for b in PLACE_WORDS if a != b]
    return [f"{a} {b}" for a, b in rng.sample(pairs, count)]


def _scaled(count: int, scale: float) -> int:
    return max(1, round(count * scale))


def national_tree(
    provinces: int = len(PROVINCES), units_scale: float = 1.0, seed: int = SEED
) -> list[UnitSpec]:
    """The units, parents first. ``units_scale`` shrinks the communes and departments of
    each province (tests use a few of each); the first ``provinces`` provinces are kept."""
    rng = random.Random(seed)
    specs = [UnitSpec("VN", "Toàn quốc", UnitKind.OTHER, name_en="Viet Nam (nationwide)")]
    departments = DEPARTMENTS[: _scaled(len(DEPARTMENTS), units_scale)]
    kept = {code for code, *_rest in departments}
    for code, name, name_en, communes, ward_share, zones in PROVINCES[:provinces]:
        specs.append(UnitSpec(code, name, UnitKind.PROVINCE, "VN", name_en=name_en))
        place = name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
        province = name[0].lower() + name[1:]
        for short, dept_name, dept_en, kind, profile, parent in departments:
            if parent and parent not in kept:
                continue
            specs.append(
                UnitSpec(
                    f"{code}-{short}",
                    dept_name.format(place=place, province=province),
                    kind,
                    f"{code}-{parent}" if parent else code,
                    profile,
                    dept_en,
                )
            )
        count = _scaled(communes, units_scale)
        commune_specs = []
        for number, place_name in enumerate(_commune_names(rng, count), start=1):
            if number <= len(zones):
                prefix, place_name, kind_en = "Đặc khu", zones[number - 1], "Special Zone"
            elif rng.random() < ward_share:
                prefix, kind_en = "Phường", "Ward"
            else:
                prefix, kind_en = "Xã", "Commune"
            profile = "commune_tourism" if rng.random() < TOURISM_SHARE else "commune"
            commune_specs.append(
                UnitSpec(
                    f"{code}-{number:03d}",
                    f"{prefix} {place_name}",
                    UnitKind.COMMUNE,
                    code,
                    profile,
                    f"{_ascii(place_name)} {kind_en}",
                )
            )
        specs += commune_specs
        specs += _districts(
            rng,
            code,
            commune_specs[len(zones) :] or commune_specs,
            _scaled(round(communes * DISTRICTS_PER_COMMUNE), units_scale),
            ward_share,
        )
    return specs


_FOLD = str.maketrans("Đđ", "Dd")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def national_people(specs: list[UnitSpec]) -> list[PersonSpec]:
    """The same roles as the small demo, in the first province and its first communes."""
    province = next(s for s in specs if s.kind == UnitKind.PROVINCE)
    communes = [s.code for s in specs if s.parent == province.code and s.kind == "commune"]
    first, second = communes[0], communes[min(1, len(communes) - 1)]
    key = province.code.lower()
    return [
        PersonSpec("admin", "Quản trị hệ thống", None, None),
        PersonSpec(f"quantri.{key}", "Lê Minh Quân", province.code, Role.ADMIN),
        PersonSpec(f"tonghop.{key}", "Trần Thị Thu Hà", province.code, Role.CONSOLIDATOR),
        PersonSpec(f"xem.{key}", "Phạm Văn Đức", province.code, Role.VIEWER),
        PersonSpec(f"lanhdao.{key}", "Nguyễn Văn Hùng", first, Role.LEADER),
        PersonSpec(f"canbo.{key}", "Võ Thị Mai", first, Role.OFFICER),
        PersonSpec(f"canbo2.{key}", "Đặng Quốc Bảo", second, Role.OFFICER),
    ]


def _fast_sqlite_pragmas() -> Callable[[], None]:
    """Skip fsync and give the page cache room while loading; return the undo.

    Losing the load to a power cut is harmless (run it again with --replace); the
    settings are restored on the same connection afterwards.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return lambda: None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB, in KiB

    def restore() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    return restore


def load_national(
    provinces: int = len(PROVINCES),
    units_scale: float = 1.0,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
    seed: int = SEED,
    password: str | None = None,
    progress: bool = False,
) -> DemoResult:
    started = time.perf_counter()
    result = DemoResult()
    specs = national_tree(provinces, units_scale, seed)
    rng = random.Random(seed + 1)
    restore = _fast_sqlite_pragmas()
    try:
        # SQLite checks every foreign key row by row; these ids come from this same load
        with connection.constraint_checks_disabled(), transaction.atomic():
            ids = insert_units(specs)
            plan = plan_values(specs, ids, first_year, last_year, rng, year_totals=True)
            sums = SubtreeSums(*rollup_owners(specs, ids))
            with bulk_load_mode(DataValue):
                with tqdm(
                    total=plan.row_count(),
                    unit=" values",
                    unit_scale=True,
                    disable=not progress,
                    mininterval=0.5,
                ) as bar:
                    result.values = write_values(sums.watch(iter_rows(plan)), bar)
                if progress:
                    print("Building indexes and subtree sums …", file=sys.stderr)
            result.rollup_rows = sums.write()
            result.people = create_people(national_people(specs), ids, password)
    finally:
        restore()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # fresh planner statistics, or the first reports plan for an empty table
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result.units = len(ids)
    result.seconds = time.perf_counter() - started
    return result
