"""Who a unit is on paper: the letterhead, ký hiệu, place, signature block and the names
it goes by in running text, by kind of body, with a per-unit override.

Decree 30/2020/NĐ-CP (Appendix I, II.2–II.9) for state bodies and Hướng dẫn 36-HD/VPTW
for Party bodies:

- a People's Committee (ỦY BAN NHÂN DÂN of a province, commune or former district)
  prints no line above its own name, signs "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ
  CHỦ TỊCH" and numbers "…/BC-UBND";
- a Sở prints "UBND TỈNH …" above its name, signs "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" (a
  Sở is led by its director, never "TM. SỞ") and numbers "…/BC-SVHTTDL";
- a Ban of the Tỉnh ủy uses the Party layout under "TỈNH ỦY …", with "*" under its
  name, "Số …-BC/BTGDVTU" and "K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN";
- the place (địa danh) is the administrative unit where the body sits: the province's
  name for provincial bodies, the commune's for a commune.

Everything here is a default: a unit's ``DocumentProfile`` overrides any field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ttdn.officedocs import Signature
from ttdn.orgunits.models import OrgUnit, UnitKind

STATE = "state"
PARTY = "party"
PEOPLES_COMMITTEES = (UnitKind.PROVINCE, UnitKind.COMMUNE, UnitKind.DISTRICT)
# The word that says what kind of administrative unit a name is, longest first.
ADMINISTRATIVE_WORDS = (
    "Thành phố",
    "Thị trấn",
    "Thị xã",
    "Đặc khu",
    "Phường",
    "Huyện",
    "Quận",
    "Tỉnh",
    "Xã",
)
_PARTY_COMMITTEE = re.compile(r"\b(Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ủy\b", re.IGNORECASE)
# Who heads a body, by the first words of its name: the signature block follows.
HEADS = (
    ("Báo và Phát thanh", "TỔNG BIÊN TẬP", "PHÓ TỔNG BIÊN TẬP"),
    ("Báo", "TỔNG BIÊN TẬP", "PHÓ TỔNG BIÊN TẬP"),
    ("Tạp chí", "TỔNG BIÊN TẬP", "PHÓ TỔNG BIÊN TẬP"),
    ("Văn phòng", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
    ("Phòng", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"),
    ("Ban", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
    ("Bộ", "BỘ TRƯỞNG", "THỨ TRƯỞNG"),
    ("Cục", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"),
    ("Vụ", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG"),
    ("Sở", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("Đài", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("Trung tâm", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
)
_SMALL_WORDS = {"và", "của", "các"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def split_administrative(name: str) -> tuple[str, str]:
    """ "Tỉnh Bình Định" → ("Tỉnh", "Bình Định"); a name without such a word → ("", name)."""
    name = nfc(name).strip()
    for word in ADMINISTRATIVE_WORDS:
        if name.casefold().startswith(word.casefold() + " "):
            return name[: len(word)], name[len(word) + 1 :].strip()
    return "", name


def place_name(name: str) -> str:
    """The địa danh of an administrative unit (Decree 30, Appendix I, II.4): its proper
    name without "Tỉnh", "Xã", "Phường" …; names that are a number or a person's name
    keep the whole name ("Phường 12", "Thành phố Hồ Chí Minh")."""
    word, proper = split_administrative(name)
    if not word:
        return proper
    if proper[:1].isdigit() or proper == "Hồ Chí Minh":
        return f"{word} {proper}"
    return proper


def initials(name: str) -> str:
    """The letters of a ký hiệu: "Sở Văn hóa, Thể thao và Du lịch" → "SVHTTDL", "Ban
    Tuyên giáo và Dân vận Tỉnh ủy" → "BTGDVTU" (marks dropped, Đ kept)."""
    letters = []
    for word in re.findall(r"[^\W\d_]+", nfc(name)):
        if word.casefold() in _SMALL_WORDS:
            continue
        first = word[0].upper()
        if first != "Đ":
            first = unicodedata.normalize("NFD", first)[0]
        letters.append(first)
    return "".join(letters)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def is_party_body(unit: OrgUnit) -> bool:
    return bool(_PARTY_COMMITTEE.search(nfc(unit.name)))


def province_of(unit: OrgUnit) -> OrgUnit | None:
    if unit.kind == UnitKind.PROVINCE:
        return unit
    return unit.ancestors().filter(kind=UnitKind.PROVINCE).last()


def head_of(name: str) -> tuple[str, str]:
    """(head, deputy) titles of the body ``name``: ("GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")."""
    folded = nfc(name).casefold()
    for start, head, deputy in HEADS:
        if folded.startswith(start.casefold() + " ") or folded == start.casefold():
            return head, deputy
    return "THỦ TRƯỞNG", "PHÓ THỦ TRƯỞNG"


@dataclass
class Letterhead:
    """Everything the document and the drafts need to know about the issuing body."""

    style: str
    governing_body: str | None  # the line above the body's name, if any
    issuing_body: str  # may hold a line break: "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH"
    abbreviation: str  # the body part of the ký hiệu: UBND, SVHTTDL, BTGDVTU
    place: str
    signature: Signature
    short_name: str  # in running text and Nơi nhận: "UBND tỉnh Bình Định"
    formal_name: str  # when cited by others: "Sở Thông tin và Truyền thông tỉnh Bình Định"
    recipients: list[str]  # extra Nơi nhận lines besides the body reported to
    drafting_office: str  # after "Lưu: VT," — the office that drafted it
    pad_small_counts: bool = True

    @property
    def symbol(self) -> str:
        """The ký hiệu of a report: "BC-UBND" (state) or "BC/BTGDVTU" (Party)."""
        return f"BC/{self.abbreviation}" if self.style == PARTY else f"BC-{self.abbreviation}"

    def number(self, number: int | str | None) -> str:
        """ "12/BC-UBND", "05-BC/TU"; without a number the suffix alone, for the clerk."""
        if number in (None, ""):
            return f"-{self.symbol}" if self.style == PARTY else f"/{self.symbol}"
        text = f"{int(number):02d}" if str(number).isdigit() else str(number)
        return f"{text}-{self.symbol}" if self.style == PARTY else f"{text}/{self.symbol}"

    @property
    def archive(self) -> str:
        return f"Lưu: VT, {self.drafting_office}" if self.drafting_office else "Lưu: VT"


def default_letterhead(unit: OrgUnit) -> Letterhead:
    """The letterhead a body of the unit's kind uses when nobody set one."""
    province = province_of(unit)
    province_word, province_proper = split_administrative(province.name) if province else ("", "")
    name = nfc(unit.name).strip()
    if unit.kind in PEOPLES_COMMITTEES and not is_party_body(unit):
        word, proper = split_administrative(name)
        return Letterhead(
            style=STATE,
            governing_body=None,
            issuing_body=f"ỦY BAN NHÂN DÂN\n{name.upper()}",
            abbreviation="UBND",
            place=place_name(name),
            signature=Signature(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", None),
            short_name=f"UBND {lower_first(name)}" if word else f"UBND {name}",
            formal_name=f"Ủy ban nhân dân {lower_first(name)}" if word else name,
            recipients=[],
            drafting_office="",
        )
    place = place_name(province.name) if province else place_name(name)
    if is_party_body(unit):
        committee = _party_committee(province_word, province_proper)
        own = re.sub(r"\s+(Tỉnh|Thành) ủy.*$", "", name, flags=re.IGNORECASE).strip()
        if own.casefold().startswith("ban "):
            signing = ["K/T TRƯỞNG BAN"], "PHÓ TRƯỞNG BAN"
            governing, issuing = committee.upper(), own.upper()
        else:  # the committee itself
            signing = ["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ"
            governing, issuing = None, (committee or name).upper()
        return Letterhead(
            style=PARTY,
            governing_body=governing,
            issuing_body=issuing,
            abbreviation=initials(name),
            place=place,
            signature=Signature(signing[0], signing[1], None),
            short_name=name,
            formal_name=f"{name} {province_proper}".strip() if province_proper else name,
            recipients=[],
            drafting_office="",
        )
    governing = None
    if unit.parent is not None and unit.parent.kind in PEOPLES_COMMITTEES:
        governing = f"UBND {unit.parent.name.upper()}"
    elif unit.parent is not None and unit.parent.parent is not None:
        governing = default_letterhead(unit.parent).issuing_body.replace("\n", " ")
    own = re.sub(r"\s+(tỉnh|thành phố)$", "", name, flags=re.IGNORECASE)
    head, deputy = head_of(own)
    abbreviation = initials(own)
    if unit.kind == UnitKind.STEERING_COMMITTEE:
        abbreviation = "BCĐ"
    in_province = f" {lower_first(province.name)}" if province and province is not unit else ""
    formal = name if name.casefold().endswith(province_proper.casefold()) else own + in_province
    return Letterhead(
        style=STATE,
        governing_body=governing,
        issuing_body=own.upper(),
        abbreviation=abbreviation,
        place=place,
        signature=Signature([f"KT. {head}"], deputy, None),
        short_name=own,
        formal_name=formal if province_proper else name,
        recipients=[],
        drafting_office="",
    )


def _party_committee(word: str, proper: str) -> str:
    if not proper:
        return ""
    if word.casefold() == "thành phố":
        return f"Thành ủy {proper}"
    return f"Tỉnh ủy {proper}"


def letterhead(unit: OrgUnit) -> Letterhead:
    """The unit's document profile over the defaults of its kind."""
    head = default_letterhead(unit)
    profile = getattr(unit, "_document_profile", None)
    if profile is None:
        from ttdn.reporting.models import DocumentProfile

        profile = DocumentProfile.objects.filter(unit=unit).first()
    if profile is None:
        return head
    authority = [
        line.strip() for line in profile.authority.replace(" / ", "\n").splitlines() if line.strip()
    ]
    signature = Signature(
        authority or head.signature.authority,
        profile.signer_position or (None if authority else head.signature.position),
        profile.signer_name or None,
    )
    return Letterhead(
        style=profile.style or head.style,
        governing_body=(
            None
            if profile.governing_body.strip() == "-"
            else profile.governing_body or head.governing_body
        ),
        issuing_body=profile.issuing_body or head.issuing_body,
        abbreviation=profile.abbreviation or head.abbreviation,
        place=profile.place or head.place,
        signature=signature,
        short_name=profile.short_name or head.short_name,
        formal_name=profile.formal_name or head.formal_name,
        recipients=[
            line.strip(" -;.") for line in profile.recipients.splitlines() if line.strip(" -;.")
        ],
        drafting_office=profile.drafting_office,
        pad_small_counts=profile.pad_small_counts,
    )
