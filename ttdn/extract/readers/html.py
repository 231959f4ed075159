"""Web pages: the article's own text, without the portal around it.

The article container is found with selectolax (lexbor): page chrome is removed by tag
and by class/id (menus, breadcrumbs, share buttons, counters, related news, footers,
template placeholders), then the element holding the most paragraph text wins, together
with the title, date and lead paragraph (sapo) beside it — trafilatura drops the sapo
and is ~30× slower than this pass, so it is only the fallback for pages where no
container stands out.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ttdn.extract.dates import find_date
from ttdn.extract.document import Block, ReadResult
from ttdn.extract.errors import CorruptFile, UnsafeFile
from ttdn.extract.normalize import clean_line, split_lines
from ttdn.extract.readers.common import convert_legacy, run_to_unicode, vietnamese_ratio

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

# Pages above this are not articles (or are built to exhaust the parser).
MAX_HTML_BYTES = 8 * 1024 * 1024

_DROP_TAGS = (
    "script, style, noscript, template, iframe, svg, canvas, form, button, select, input, "
    "textarea, nav, footer, aside, object, embed, video, audio, map, head"
)
_CHROME_ATTR = re.compile(
    r"menu|(?<![a-z])nav|breadcrumb|(?<![a-z])path(?![a-z])|share|social|related|lien-?quan|comment"
    r"|footer|sidebar|counter|banner|advert|(?<![a-z])ads?(?![a-z])"
    r"|(?<![a-z])tags?(?![a-z])|keyword|toolbar|tools|print|skip|ribbon|search|login|widget"
    r"|other|popular|most-?read|weather|calendar|logo|top-?links|today|hidden|ms-cui|rating"
    r"|(?<![a-z])box(?![a-z])|cookie|modal|popup|subscribe|pagination|copyright|views?(?![a-z])",
    re.I,
)
_KEEP_ATTR = re.compile(r"content|detail|article|body|main|entry|post|news-?content|noidung", re.I)
_LEAD_ATTR = re.compile(
    r"sapo|summary|lead|desc|intro|chapeau|tomtat|tom-tat|excerpt|title|headline|date|time|meta",
    re.I,
)
_DATE_ATTR = re.compile(r"date|time|publish|ngay|posted|updated", re.I)
_TEXT_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "blockquote",
    "pre",
    "dd",
    "dt",
}
_CONTAINERS = {"div", "section", "article", "main", "td", "span", "font", "center", "body"}
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[\[.*?\]\]|<%.*?%>|\$\{.*?\}")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]+)""", re.I)
_SITE_SUFFIX = re.compile(
    r"\s+[-|–—]\s+(?:Cổng|Trang|Báo|Portal|Website|Sở|UBND|Tạp chí)[^-|–—]*$", re.I
)


def decode_html(data: bytes) -> tuple[str, str]:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        try:
            codecs.lookup(name)
            return data.decode(name, errors="replace"), name
        except LookupError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    cp1258 = data.decode("cp1258", errors="replace")
    if vietnamese_ratio(cp1258) > 0.08:
        return cp1258, "cp1258"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    name = best.encoding if best is not None and best.encoding else "cp1252"
    return data.decode(name, errors="replace"), name


def _attrs(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def _hidden(node: LexborNode) -> bool:
    style = (node.attributes.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or "hidden" in node.attributes


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[property="{name}"]') or tree.css_first(f'meta[name="{name}"]')
        if node is None:
            node = tree.css_first(f'meta[itemprop="{name}"]')
        if node is not None:
            value = (node.attributes.get("content") or "").strip()
            if value and not _PLACEHOLDER.search(value):
                return clean_line(value)
    return None


def _title_hint(tree: LexborHTMLParser) -> str | None:
    title = _meta(tree, "og:title", "twitter:title")
    if title:
        return title
    h1 = tree.css_first("h1")
    if h1 is not None:
        text = clean_line(h1.text(separator=" "))
        if text and not _PLACEHOLDER.search(text):
            return text
    node = tree.css_first("title")
    if node is not None:
        text = clean_line(node.text())
        if text and not _PLACEHOLDER.search(text):
            return _SITE_SUFFIX.sub("", text).strip() or None
    return None


def _date_from(text: str) -> str | None:
    found = find_date(text)
    if found:
        return found[0].isoformat()
    m = re.search(r"((?:19|20)\d{2})-(\d{2})-(\d{2})", text)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return None


def _strip_chrome(root: LexborNode) -> None:
    for node in root.css(_DROP_TAGS):
        node.decompose()
    doomed = []
    stack = list(_children(root))
    while stack:
        node = stack.pop()
        if node.tag in ("-text", "_text", "-comment"):
            continue
        attrs = _attrs(node)
        if _hidden(node) or (
            attrs.strip() and _CHROME_ATTR.search(attrs) and not _KEEP_ATTR.search(attrs)
        ):
            doomed.append(node)  # its descendants go with it
            continue
        stack.extend(_children(node))
    for node in doomed:
        node.decompose()


def _best_container(root: LexborNode) -> tuple[LexborNode | None, float]:
    """The element with the most paragraph text directly below it (readability-style)."""
    scores: dict[int, tuple[float, LexborNode]] = {}
    for node in root.css("p, td, li, div, h2, h3, h4"):
        text = (
            node.text(deep=False, separator=" ").strip()
            if node.tag == "div"
            else node.text(separator=" ")
        )
        length = len(text.strip())
        if length < 25:
            continue
        parent = node.parent
        weight = 1.0
        for _ in range(2):
            if parent is None:
                break
            key = parent.mem_id
            old = scores.get(key, (0.0, parent))[0]
            scores[key] = (old + length * weight, parent)
            parent = parent.parent
            weight = 0.5
    if not scores:
        return None, 0.0
    score, node = max(scores.values(), key=lambda item: item[0])
    return node, score


def _lead_nodes(container: LexborNode | None) -> list:
    """Title, date and sapo elements just before the article body, in order."""
    lead: list = []
    level = container
    for _ in range(2):
        if level is None:
            break
        sibling = level.prev
        found = []
        steps = 0
        while sibling is not None and steps < 8:
            steps += 1
            if sibling.tag not in ("-text", "_text", "-comment"):
                attrs = _attrs(sibling)
                if sibling.tag in ("h1", "h2") or (
                    _LEAD_ATTR.search(attrs) and not _CHROME_ATTR.search(attrs)
                ):
                    found.append(sibling)
            sibling = sibling.prev
        lead = found[::-1] + lead
        if any(n.tag == "h1" or "title" in _attrs(n).lower() for n in lead):
            break
        level = level.parent
    return lead


_BLOCKISH = _TEXT_BLOCKS | {"div", "table", "ul", "ol", "dl", "section", "article", "tr", "tbody"}
_SKIP = {"-text", "_text", "-comment", "br", "img", "hr"}


def _rows(table: LexborNode) -> Iterator[LexborNode]:
    for child in _children(table):
        if child.tag == "tr":
            yield child
        elif child.tag in ("tbody", "thead", "tfoot"):
            yield from (c for c in _children(child) if c.tag == "tr")


def _blocks_of(node: LexborNode, blocks: list[Block], table_counter: list[int]) -> None:
    """Text blocks below ``node`` in document order, without recursion (deep pages)."""
    stack: list[tuple[Any, int | None, int | None, int | None]] = [(node, None, None, None)]
    while stack:
        current, table, row, col = stack.pop()
        tag = current.tag
        if tag in _SKIP:
            continue
        if tag == "table":
            rows = list(_rows(current))
            cells = [[c for c in _children(r) if c.tag in ("td", "th")] for r in rows]
            # Layout tables (a page frame, one cell per row) read as plain blocks.
            data_table = len(rows) > 1 and any(len(r) > 1 for r in cells[:5])
            if data_table:
                table_counter[0] += 1
            tid = table_counter[0] if data_table else None
            items = [
                (cell, tid, r if data_table else None, c if data_table else None)
                for r, row_cells in enumerate(cells)
                for c, cell in enumerate(row_cells)
            ]
            stack.extend(reversed(items))
            continue
        children = list(_children(current))
        if not any(c.tag in _BLOCKISH for c in children):
            _emit(current, blocks, table, row, col)
            continue
        direct = re.sub(r"\s+", " ", current.text(deep=False, separator=" ")).strip()
        if len(direct) > 1:
            _emit_text(direct, current, blocks, table, row, col)
        stack.extend(reversed([(c, table, row, col) for c in children]))


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _emit(
    node: LexborNode, blocks: list[Block], table: int | None, row: int | None, col: int | None
) -> None:
    raw = node.text(separator=" ") if node.css_first("br") is None else _text_with_breaks(node)
    # Source line breaks are spaces in HTML; only <br> (marked U+2028) breaks a line.
    raw = re.sub(r"[\r\n]+", " ", raw).replace("\u2028", "\n")
    _emit_text(raw, node, blocks, table, row, col)


def _text_with_breaks(node: LexborNode) -> str:
    html = node.html or ""
    html = re.sub(r"<br\s*/?>", "\u2028", html, flags=re.I)
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(html).text(separator=" ")


def _emit_text(
    raw: str,
    node: LexborNode,
    blocks: list[Block],
    table: int | None,
    row: int | None,
    col: int | None,
) -> None:
    tag = node.tag or ""
    heading = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else None
    style = (node.attributes.get("style") or "").replace(" ", "").lower()
    centred = (
        "text-align:center" in style or (node.attributes.get("align") or "").lower() == "center"
    )
    bold_node = node.css_first("strong, b")
    for line in split_lines(raw):
        text = clean_line(_PLACEHOLDER.sub("", line))
        if not text:
            continue
        bold = tag in ("strong", "b") or (
            bold_node is not None and clean_line(bold_node.text(separator=" ")) == text
        )
        blocks.append(
            Block(
                text,
                heading=heading,
                bold=bold,
                centred=centred,
                table=table,
                row=row,
                col=col,
                gap=True,
            )
        )


def read_html(path: Path) -> ReadResult:
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        raise UnsafeFile(
            f"HTML page too large: {size // (1024 * 1024)} MB (limit {MAX_HTML_BYTES // (1024 * 1024)} MB)"
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise CorruptFile("binary content, not HTML")
    text, encoding = decode_html(data)
    return parse_html(text, encoding=encoding)


def parse_html(text: str, *, encoding: str | None = None) -> ReadResult:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    title = _title_hint(tree)
    date = None
    published = _meta(tree, "article:published_time", "datePublished", "pubdate", "date", "dc.date")
    if published:
        date = _date_from(published)
    root = tree.body
    if root is None:
        raise CorruptFile("no HTML body")
    margins = _margin_lines(root)
    _strip_chrome(root)
    container, score = _best_container(root)
    blocks: list[Block] = []
    counter = [0]
    if container is not None and score >= 60:
        for node in _lead_nodes(container):
            _blocks_of(node, blocks, counter)
            if date is None and _DATE_ATTR.search(_attrs(node)):
                date = _date_from(node.text(separator=" "))
        _blocks_of(container, blocks, counter)
    else:
        blocks = _trafilatura_blocks(text)
    if date is None:
        for node in root.css("[class*=date], [class*=time], [id*=date], time"):
            date = _date_from(node.text(separator=" "))
            if date:
                break
    if not blocks:
        raise CorruptFile("no article text in HTML page")
    joined = "\n".join(b.text for b in blocks)
    converted, legacy = convert_legacy(joined)
    if legacy:
        for block, line in zip(blocks, converted.split("\n"), strict=False):
            block.text = line
        title = convert_legacy(title)[0] if title else title
    if legacy:
        margins = [run_to_unicode(line, legacy) for line in margins]
    return ReadResult(
        "html",
        blocks,
        title_hint=title,
        date_hint=date,
        encoding=legacy or encoding,
        margins=margins,
    )


_MARGIN_NODES = "header, footer, [class*=header], [class*=footer], [id*=header], [id*=footer]"
# A page's header or footer is short; a "header" wrapping the whole page is no margin.
_MARGIN_MAX_CHARS = 2000


def _margin_lines(root: LexborNode) -> list[str]:
    """The page's header and footer, which the chrome stripping drops: kept apart for
    the security-marking check (``ReadResult.margins``)."""
    lines: list[str] = []
    for node in root.css(_MARGIN_NODES):
        text = node.text(separator="\n")
        if len(text) <= _MARGIN_MAX_CHARS:
            lines.extend(line for line in split_lines(text) if line.strip())
    return lines


def _trafilatura_blocks(text: str) -> list[Block]:
    import trafilatura

    out = trafilatura.extract(text, include_tables=True, favor_recall=True) or ""
    return [Block(line, gap=True) for line in (clean_line(x) for x in split_lines(out)) if line]
