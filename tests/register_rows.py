"""One entry per register (ttdn.registers) for the tests that walk every route: the
access matrix (tests/test_access_matrix.py) and the page fuzzer (tests/test_page_fuzz.py).
Each gives a record of the commune, a body the API accepts to create one and a change."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

QN = "BDI-QN"


@dataclass
class RegisterRows:
    """A register's pages and operations take the standard rows below unless ``pages``
    or ``operations`` say otherwise. ``record``: a record of the commune, made in the
    test's setUp; ``create``: a body the API accepts for the commune; ``patch``: a change."""

    record: Any
    create: Any
    patch: dict
    # Rows of the access matrix that differ from the standard ones (Page, Operation).
    pages: dict[str, Any] = field(default_factory=dict)
    operations: dict[str, Any] = field(default_factory=dict)


def _plan(test):
    from ttdn.plans.models import Plan

    return Plan.objects.create(
        issuing_unit=test.commune,
        number="12/KH-UBND",
        issued_on=date(2024, 3, 5),
        title="Kế hoạch thông tin đối ngoại năm 2024",
        year=2024,
    )


# The publishing registers' records are dated, and end, in 2023: a record that counts in
# 2024S1, which the matrix's submitted report holds, would have every save of a 2024
# record refused (as it should be).
def _outlet(test, name="Báo Bình Định"):
    from ttdn.publishing.models import Outlet

    return Outlet.objects.get_or_create(
        unit=test.commune, name=name, defaults={"kind": "online", "level": "local"}
    )[0]


def _outlet_id(test) -> int:
    return _outlet(test).pk


def _publication(test):
    from ttdn.publishing.models import Publication

    return Publication.objects.create(
        unit=test.commune,
        title="Quy Nhơn - Điểm đến hấp dẫn",
        format="to_gap",
        published_on=date(2023, 3, 5),
        copies=1000,
    )


def _programme(test):
    from ttdn.publishing.models import Programme

    return Programme.objects.create(
        unit=test.commune,
        outlet=_outlet(test),
        title="Quy Nhơn hội nhập",
        schedule="20 giờ thứ Bảy hằng tuần",
        languages=["vi", "en"],
        since=date(2023, 1, 6),
        until=date(2023, 12, 31),
    )


def _website(test):
    from ttdn.publishing.models import Website

    return Website.objects.create(
        unit=test.commune,
        name="Trang thông tin điện tử phường Quy Nhơn",
        url="https://quynhon.binhdinh.gov.vn",
        launched_on=date(2020, 1, 1),
        closed_on=date(2023, 12, 31),
    )


def _account(test):
    from ttdn.publishing.models import SocialAccount

    return SocialAccount.objects.create(
        unit=test.commune,
        platform="facebook",
        name="Quy Nhơn ngày mới",
        url="https://facebook.com/quynhonngaymoi",
        opened_on=date(2023, 1, 1),
        closed_on=date(2023, 12, 31),
    )


def _coverage(test):
    from ttdn.publishing.models import Coverage

    return Coverage.objects.create(
        unit=test.commune,
        outlet=_outlet(test),
        published_on=date(2023, 3, 5),
        channel="bao_dien_tu",
        title="Quy Nhơn đón đoàn khách quốc tế",
    )


# One entry per register (ttdn.registers): slug → its record and bodies.
REGISTERS: dict[str, RegisterRows] = {
    "plans": RegisterRows(
        record=_plan,
        create={
            "unit": QN,
            "number": "13/KH-UBND",
            "issuedOn": "2024-04-01",
            "title": "Kế hoạch",
            "year": 2024,
        },
        patch={"title": "Kế hoạch thông tin đối ngoại năm 2024 (sửa đổi)"},
    ),
    "publications": RegisterRows(
        record=_publication,
        create={
            "unit": QN,
            "title": "Sổ tay du lịch Quy Nhơn",
            "format": "so_tay",
            "publishedOn": "2023-04-01",
            "copies": 500,
            "editions": [{"language": "vi", "copies": 300}, {"language": "en", "copies": 200}],
        },
        patch={"copies": 1200},
    ),
    "outlets": RegisterRows(
        record=_outlet,
        create={"unit": QN, "name": "VnExpress", "kind": "online", "level": "central"},
        patch={"country": ""},
    ),
    "programmes": RegisterRows(
        record=_programme,
        create=lambda test: {
            "unit": QN,
            "outletId": _outlet_id(test),
            "title": "Biển đảo quê hương",
            "languages": ["vi"],
            "since": "2023-02-01",
            "until": "2023-12-31",
        },
        patch={"schedule": "20 giờ Chủ nhật hằng tuần"},
    ),
    "websites": RegisterRows(
        record=_website,
        create={
            "unit": QN,
            "name": "Du lịch Quy Nhơn",
            "url": "https://dulich.quynhon.vn",
            "launchedOn": "2023-01-01",
            "closedOn": "2023-12-31",
            "versions": [{"language": "en"}],
        },
        patch={"name": "Cổng du lịch Quy Nhơn"},
    ),
    "accounts": RegisterRows(
        record=_account,
        create={
            "unit": QN,
            "platform": "youtube",
            "name": "Quy Nhơn TV",
            "url": "https://youtube.com/@quynhontv",
            "openedOn": "2023-01-01",
            "closedOn": "2023-12-31",
            "snapshots": [{"takenOn": "2023-06-30", "followers": 1200}],
        },
        patch={"name": "Quy Nhơn TV chính thức"},
    ),
    "coverage": RegisterRows(
        record=_coverage,
        create=lambda test: {
            "unit": QN,
            "outletId": _outlet_id(test),
            "publishedOn": "2023-04-02",
            "channel": "bao_dien_tu",
            "title": "Lễ hội biển Quy Nhơn",
        },
        patch={"title": "Lễ hội biển Quy Nhơn 2023"},
    ),
}
