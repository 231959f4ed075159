"""English mode leaves no Vietnamese outside the data: a consolidator switches to English
and walks every page the role × route matrix lets them GET (and the officer's entry
form); on each, the visible text outside elements marked as stored Vietnamese
(``lang="vi"``) must hold no Vietnamese-specific letter. A failure lists every string
left, page by page: the strings the translation still lacks."""

from __future__ import annotations

import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests import test_access_matrix as matrix
from tests.browser.helpers import log_in
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.lib import countries
from ttdn.reporting.models import DEFAULT_FORMS, ReportForm, default_sections

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# ă â đ ê ô ơ ư, the precomposed vowels with tone marks, and the combining tone marks.
VIETNAMESE = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯàáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝĩũĨŨ\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]"
)

# What stays as it is in English: the product's name; on the language switch, the name
# of Vietnamese in Vietnamese; countries' English names (Côte d’Ivoire); số/ký hiệu of
# documents (09/2019/NĐ-CP, 25/QĐ-UBND); and a Vietnamese example “quoted” in English
# text (what a field accepts as typed).
PROPER_NAMES = ["TTĐN", "Tiếng Việt", *(name for _code, name in countries.choices("en"))]
SYMBOL = re.compile(r"\d+(?:/\d{4})?/[A-ZĐ]+(?:-[A-ZĐ]+)*")
QUOTED = re.compile(r"“[^”]*”")


def _outside_names(text: str) -> str:
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return QUOTED.sub("", SYMBOL.sub("", text))


# The visible text of the page, one string per text node, leaving out what sits in an
# element marked lang="vi" (stored Vietnamese: titles, narratives, unit names without an
# English name). Closed <select>s count: their options are what a person reads on opening.
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent.trim();
    if (!text || parent.closest("script, style, template, noscript")) continue;
    const marked = parent.closest("[lang]");
    if (marked && marked.lang.toLowerCase().startsWith("vi")) continue;
    if (!parent.closest("select") && !parent.checkVisibility()) continue;
    out.push(text);
  }
  for (const field of document.querySelectorAll("[placeholder]")) {
    const marked = field.closest("[lang]");
    if (field.checkVisibility() && !(marked && marked.lang.startsWith("vi")))
      out.push(field.placeholder);
  }
  return out;
}"""


def _consolidator_pages(world) -> list[tuple[str, str]]:
    """(route name, URL) of every page the matrix gives the consolidator with a GET."""
    column = matrix.PEOPLE.index("consolidator")
    pages = []
    for name, row in matrix.PAGES.items():
        if row.get.split()[column] == "200":
            arguments = row.args(world) if callable(row.args) else row.args
            pages.append((name, reverse(name, args=arguments)))
    return pages


@pytest.fixture
def world():
    """The access matrix's people and rows, built in the live server's database."""

    class World(matrix.AccessMatrixTests):
        __test__ = False

        def runTest(self) -> None:
            """Never run: the class only builds the rows."""

    # Transactional tests start from an emptied database: the catalogue and the shipped
    # report forms of the migrations first.
    load_catalogue(Indicator)
    for shipped in DEFAULT_FORMS:
        form, created = ReportForm.objects.get_or_create(
            code=shipped["code"], defaults={**shipped, "sections": default_sections()}
        )
        if created:
            form.indicators.set(Indicator.objects.all())
    World.setUpTestData()
    built = World()
    built.setUp()
    yield built
    built.doCleanups()


def _stop_polling(page) -> None:
    """Leave a page that polls (an import job's progress, every second) and let its
    last request end: the live server's SQLite takes one writer at a time, and a poll
    that meets the next page's request makes one of them fail."""
    if page.locator('[hx-trigger*="every"]').count():
        page.goto("about:blank")
        page.wait_for_timeout(300)


def _left(page) -> list[str]:
    return [text for text in page.evaluate(VISIBLE_TEXT) if VIETNAMESE.search(_outside_names(text))]


def test_english_mode_shows_no_vietnamese_outside_the_data(live_server, browser, world):
    started = time.monotonic()
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    log_in(page, base, "tonghop.bdi")
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")

    left: dict[str, list[str]] = {}
    pages = 0
    for name, url in _consolidator_pages(world):
        try:
            response = page.goto(base + url)
        except PlaywrightError as error:
            # Downloads (DOCX, XLSX, originals) are documents, not pages.
            assert "Download is starting" in error.message, f"{name} {url}: {error.message}"
            continue
        assert response is not None and response.status == 200, f"{name} {url}"
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        pages += 1
        if found := _left(page):
            left[f"{name} {url}"] = found
        _stop_polling(page)
    page.click("[data-testid=logout]")

    log_in(page, base, "canbo.quynhon")
    assert page.locator("html").get_attribute("lang") == "en"
    url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
    page.goto(base + url)
    if found := _left(page):
        left[f"indicators:entry {url} (officer)"] = found
    page.close()

    report = "\n".join(
        f"{where}:\n" + "\n".join(f"    {text!r}" for text in sorted(set(found)))
        for where, found in left.items()
    )
    print(f"{pages + 1} pages in English in {time.monotonic() - started:.1f} s")
    assert not left, "Vietnamese left in English mode, by page:\n" + report
