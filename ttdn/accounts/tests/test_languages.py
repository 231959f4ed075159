"""Vietnamese first, English on request: the interface language and the English catalogue.

The pages speak Vietnamese whatever the browser asks for; a person who presses "English"
gets the English catalogue and English number format until they switch back. The
catalogue itself must be complete, and the compiled .mo must say what the .po says.
"""

from __future__ import annotations

import gettext as gnu_gettext
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.testing import TreeTestCase

CATALOGUE_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_PATH = CATALOGUE_DIR / "django.po"
MO_PATH = CATALOGUE_DIR / "django.mo"

BROWSER_IN_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")
FORM_INPUT = re.compile(r'<input[^>]*?name="((?:v|ver)__[^"]*)"[^>]*?value="([^"]*)"')


# A small .po reader: enough for the files makemessages writes -------------------------
@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), body)


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None
    seen_msgid = False

    def close() -> None:
        nonlocal entry, target, seen_msgid
        if seen_msgid:
            entries.append(entry)
        entry, target, seen_msgid = Entry(), None, False

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            close()
        elif line.startswith("#~"):
            continue  # obsolete entries are not served
        elif line.startswith("#,"):
            if seen_msgid:
                close()
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            if seen_msgid:
                close()
        elif match := _KEYWORD.match(line):
            keyword, index, text = match.group(1), match.group(2), _unquote(match.group(3))
            if keyword == "msgid" and seen_msgid:
                close()
            if keyword == "msgid":
                seen_msgid, entry.line = True, number
                entry.msgid, target = text, ("msgid", 0)
            elif keyword == "msgid_plural":
                entry.msgid_plural, target = text, ("msgid_plural", 0)
            elif keyword.startswith("msgstr"):
                slot = int(index) if index is not None else 0
                entry.msgstr[slot], target = text, ("msgstr", slot)
            else:
                target = None  # msgctxt: this catalogue does not use contexts
        elif line.startswith('"') and target is not None:
            kind, slot = target
            text = _unquote(line)
            if kind == "msgid":
                entry.msgid += text
            elif kind == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + text
            else:
                entry.msgstr[slot] += text
    close()
    return entries


def messages() -> list[Entry]:
    return [entry for entry in read_po(PO_PATH) if entry.msgid]


def where(entry: Entry) -> str:
    return f"{PO_PATH.name}:{entry.line} {entry.msgid[:60]!r}"


# The catalogue -------------------------------------------------------------------------
class EnglishCatalogueTests(SimpleTestCase):
    def test_the_catalogue_and_its_compiled_form_are_in_the_repository(self):
        self.assertTrue(PO_PATH.is_file(), PO_PATH)
        self.assertTrue(MO_PATH.is_file(), f"{MO_PATH} missing: run manage.py compilemessages")
        header = next(entry for entry in read_po(PO_PATH) if not entry.msgid)
        self.assertIn("Language: en", header.msgstr[0])
        self.assertIn("charset=UTF-8", header.msgstr[0])
        self.assertGreater(len(messages()), 100)

    def test_every_message_is_translated_and_none_is_fuzzy(self):
        problems = []
        for entry in read_po(PO_PATH):
            if "fuzzy" in entry.flags:
                problems.append(f"fuzzy: {where(entry)}")
            if not entry.msgid:
                continue
            slots = [0, 1] if entry.msgid_plural is not None else [0]
            if any(not entry.msgstr.get(slot, "").strip() for slot in slots):
                problems.append(f"untranslated: {where(entry)}")
        self.assertEqual(problems, [], "\n".join(problems))

    def test_translations_keep_the_placeholders_of_the_vietnamese(self):
        problems = []
        for entry in messages():
            wanted = sorted(PLACEHOLDER.findall(entry.msgid))
            for slot, text in entry.msgstr.items():
                if sorted(PLACEHOLDER.findall(text)) != wanted and not (
                    entry.msgid_plural is not None and slot == 0
                ):
                    problems.append(f"placeholders differ: {where(entry)} → {text!r}")
        self.assertEqual(problems, [], "\n".join(problems))

    def test_the_compiled_catalogue_says_what_the_po_says(self):
        with MO_PATH.open("rb") as handle:
            compiled = gnu_gettext.GNUTranslations(handle)
        stale = []
        for entry in messages():
            if entry.msgid_plural is None:
                got = compiled.gettext(entry.msgid)
                if got != entry.msgstr[0]:
                    stale.append(f"{where(entry)}: .mo has {got!r}")
            else:
                for n, slot in ((1, 0), (2, 1)):
                    got = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                    if got != entry.msgstr[slot]:
                        stale.append(f"{where(entry)}[{slot}]: .mo has {got!r}")
        self.assertEqual(
            stale, [], "django.mo is older than django.po: run manage.py compilemessages"
        )

    def test_django_serves_every_translation_in_english_and_none_in_vietnamese(self):
        wrong = []
        with translation.override("en"):
            for entry in messages():
                if entry.msgid_plural is None:
                    if translation.gettext(entry.msgid) != entry.msgstr[0]:
                        wrong.append(where(entry))
                elif translation.ngettext(entry.msgid, entry.msgid_plural, 2) != entry.msgstr[1]:
                    wrong.append(where(entry))
        self.assertEqual(wrong, [], "\n".join(wrong))
        with translation.override("vi"):
            self.assertEqual(
                translation.gettext("Công tác thông tin đối ngoại"), "Công tác thông tin đối ngoại"
            )


# The pages ------------------------------------------------------------------------------
class InterfaceLanguageTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        save_values(
            cls.officer,
            cls.commune,
            parse_period_id("2023S1"),
            {("news_articles", ""): Decimal(30)},
        )
        save_values(
            cls.officer,
            cls.commune,
            parse_period_id("2024S1"),
            {("news_articles", ""): Decimal(1250), ("fdi_capital", ""): Decimal("54.7")},
        )

    def setUp(self):
        self.home = reverse("home")
        self.totals = reverse("indicators:totals", args=["BDI", "2024S1"])
        self.entry = reverse("indicators:entry", args=["BDI-QN", "2024S1"])

    def switch_to(self, language: str):
        response = self.client.post(
            reverse("set_language"), {"language": language, "next": self.home}, **BROWSER_IN_ENGLISH
        )
        self.assertRedirects(response, self.home, fetch_redirect_response=False)
        return response

    def get(self, url: str):
        response = self.client.get(url, **BROWSER_IN_ENGLISH)
        self.assertEqual(response.status_code, 200, url)
        return response

    def test_pages_speak_vietnamese_even_when_the_browser_asks_for_english(self):
        self.client.force_login(self.consolidator)
        home = self.get(self.home)
        self.assertEqual(home["Content-Language"], "vi")
        self.assertContains(home, '<html lang="vi">')
        self.assertContains(home, "Công tác thông tin đối ngoại")
        self.assertContains(home, "Tổng hợp số liệu")
        self.assertNotContains(home, "External information work")
        self.assertContains(home, ">English</button>")

        totals = self.get(self.totals)
        self.assertContains(totals, "Kỳ báo cáo")
        self.assertContains(totals, "6 tháng đầu năm 2024")
        self.assertContains(totals, "1.250")
        self.assertContains(totals, "54,7")
        self.assertContains(totals, "+4.066,7%")
        self.assertNotContains(totals, "Reporting period")

        self.client.force_login(self.officer)
        entry = self.get(self.entry)
        self.assertContains(entry, "Nhập số liệu")
        self.assertContains(entry, "Lưu số liệu")
        self.assertContains(entry, 'value="1.250"')
        self.assertNotContains(entry, "Save figures")

    def test_after_choosing_english_the_pages_use_the_english_catalogue_and_numbers(self):
        self.client.force_login(self.consolidator)
        response = self.switch_to("en")
        self.assertEqual(response.cookies[settings.LANGUAGE_COOKIE_NAME].value, "en")

        home = self.get(self.home)
        self.assertEqual(home["Content-Language"], "en")
        self.assertContains(home, '<html lang="en">')
        self.assertContains(home, "External information work")
        self.assertContains(home, "Consolidated figures")
        self.assertContains(home, "Sign out")
        self.assertContains(home, ">Tiếng Việt</button>")
        self.assertNotContains(home, "Công tác thông tin đối ngoại")

        totals = self.get(self.totals)
        for text in [
            "Consolidated figures",
            "Reporting period",
            "Download Excel",
            "Indicator",
            "Unit of measure",
            "Units reporting",
            "first six months of 2024",
            "first six months of 2023",
            "Binh Dinh Province",
        ]:
            self.assertContains(totals, text)
        self.assertContains(totals, "1,250")
        self.assertContains(totals, "54.7")
        self.assertContains(totals, "+4,066.7%")
        self.assertNotContains(totals, "1.250")
        self.assertNotContains(totals, "Tổng hợp số liệu")

        self.client.force_login(self.officer)  # the language cookie outlives the session
        home = self.get(self.home)
        self.assertContains(home, "Enter figures")
        self.assertContains(home, "Activities")
        entry = self.get(self.entry)
        for text in ["Enter figures", "Reporting period", "Save figures", "Type numbers as"]:
            self.assertContains(entry, text)
        self.assertContains(entry, "1,582,300 or 54.7")
        self.assertContains(entry, 'value="1,250"')
        self.assertContains(entry, 'value="54.7"')
        self.assertNotContains(entry, "Lưu số liệu")

    def test_english_figures_are_read_in_english_format(self):
        self.client.force_login(self.officer)
        self.switch_to("en")
        data = dict(FORM_INPUT.findall(self.get(self.entry).content.decode()))
        self.assertEqual(data["v__news_articles__"], "1,250")
        data.update({"v__news_articles__": "2,500", "v__fdi_capital__": "60.5"})
        response = self.client.post(self.entry, data)
        self.assertRedirects(response, self.entry, fetch_redirect_response=False)
        page = self.get(self.entry)
        self.assertContains(page, "Changes saved: 2.")
        self.assertContains(page, 'value="2,500"')
        self.assertContains(page, 'value="60.5"')

    def test_switching_back_restores_vietnamese(self):
        self.client.force_login(self.consolidator)
        self.switch_to("en")
        self.assertContains(self.get(self.home), "External information work")
        self.switch_to("vi")
        home = self.get(self.home)
        self.assertEqual(home["Content-Language"], "vi")
        self.assertContains(home, "Công tác thông tin đối ngoại")
        self.assertContains(self.get(self.totals), "1.250")

    def test_an_unknown_language_cookie_falls_back_to_vietnamese(self):
        self.client.force_login(self.consolidator)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        home = self.get(self.home)
        self.assertEqual(home["Content-Language"], "vi")
        self.assertContains(home, "Công tác thông tin đối ngoại")
