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

from tests import test_access_matrix as matrix
from tests.browser.helpers import log_in
from ttdn.lib import countries

# The catalogue and report forms of the migrations come back for this test.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

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

    World.setUpTestData()
    built = World()
    built.setUp()
    yield built
    built.doCleanups()


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

    # Downloads (DOCX, XLSX, originals) are documents, not pages: asked for first, one
    # at a time, as the live server's database takes one writer at once.
    pages = []
    for name, url in _consolidator_pages(world):
        answer = page.context.request.get(base + url, max_redirects=0)
        assert answer.status == 200, f"{name} {url}: {answer.status}"
        if "text/html" in answer.headers.get("content-type", ""):
            pages.append((name, url))
    left: dict[str, list[str]] = {}
    for name, url in pages:
        page.goto(base + url)
        if found := _left(page):
            left[f"{name} {url}"] = found
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
    print(f"{len(pages) + 1} pages in English in {time.monotonic() - started:.1f} s")
    assert not left, "Vietnamese left in English mode, by page:\n" + report
