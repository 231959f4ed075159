"""What happens to uploaded files before anything parses them.

Each file is copied to a scratch folder while it is hashed, with a size cap; a ZIP upload
is expanded member by member after its directory is checked (member count, declared
sizes, compression ratio, unsafe paths), so one bad member is refused and the rest of
the batch goes on. A cheap look at the top of text and Word files refuses documents that
carry a security marking (MẬT, TỐI MẬT, TUYỆT MẬT) before they are kept anywhere; the
worker looks again at the full text of every format after extraction.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from ttdn.extract.marking import security_marking
from ttdn.extract.readers import EXTENSIONS
from ttdn.lib.vnformat import format_number

MB = 1024 * 1024
MAX_ZIP_MEMBERS = 500
MAX_ZIP_TOTAL_BYTES = 500 * MB
# Office files and reports compress 3–20×; 100× only happens with padding built to inflate.
MAX_RATIO = 100
RATIO_FLOOR = 2 * MB
_CHUNK = 1 << 20
_HEAD_BYTES = 64 * 1024


def max_file_bytes() -> int:
    return int(settings.IMPORT_MAX_FILE_MB * MB)


@dataclass
class Candidate:
    """One file of a batch after intake: spooled and hashed, or refused with a reason."""

    filename: str
    path: Path | None = None
    size: int = 0
    sha256: str = ""
    format: str = ""
    refusal: str = ""
    classified: str = ""  # the security marking found, when there is one

    @property
    def accepted(self) -> bool:
        return not self.refusal and not self.classified


# Sources -------------------------------------------------------------------------------


def _chunks(source: Any) -> Iterator[bytes]:
    if hasattr(source, "chunks"):  # a Django UploadedFile
        yield from source.chunks()
        return
    while chunk := source.read(_CHUNK):
        yield chunk


def _named_sources(files: Iterable[Any]) -> Iterator[tuple[str, Any, Path | None]]:
    """(name, readable, path on disk if any) for uploads, paths, or (name, file) pairs."""
    for item in files:
        if isinstance(item, str | os.PathLike):
            yield Path(item).name, None, Path(item)
        elif isinstance(item, tuple):
            yield str(item[0]), item[1], None
        else:
            yield Path(item.name).name, item, None


def _display_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("\x00", "")
    return name if len(name) <= 255 else name[:120] + "…" + name[-130:]


@dataclass
class Spooled:
    size: int
    sha256: str
    too_big: bool
    head: bytes  # the first bytes, for the look at the top without reading the file again


def spool(chunks: Iterable[bytes], target: Path, limit: int) -> Spooled:
    """Write ``chunks`` to ``target`` up to ``limit`` bytes."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    with target.open("wb") as out:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                return Spooled(size, "", True, b"")
            if len(head) < _HEAD_BYTES:
                head += chunk[: _HEAD_BYTES - len(head)]
            digest.update(chunk)
            out.write(chunk)
    return Spooled(size, digest.hexdigest(), False, head)


def _spool_source(stream: Any, on_disk: Path | None, target: Path, limit: int) -> Spooled:
    if on_disk is None:
        return spool(_chunks(stream), target, limit)
    with on_disk.open("rb") as fh:
        return spool(_chunks(fh), target, limit)


def _too_big(size: int, limit: int) -> str:
    return _("Tệp quá lớn: %(size)s MB (tối đa %(limit)s MB).") % {
        "size": format_number(round(size / MB, 1)),
        "limit": format_number(round(limit / MB, 1)),
    }


def _unsupported(suffix: str) -> str:
    return _(
        "Định dạng “%(ext)s” không được hỗ trợ: chỉ nhận .docx, .doc, .pdf, .html, .txt "
        "hoặc tệp nén .zip chứa các tệp đó."
    ) % {"ext": suffix or _("(không có phần mở rộng)")}


def gather(files: Iterable[Any], folder: Path) -> list[Candidate]:
    """Spool every file (expanding ZIPs) into ``folder``; each comes back as a candidate
    that is either accepted so far or refused with a one-line reason."""
    out: list[Candidate] = []
    limit = max_file_bytes()
    for index, (name, stream, on_disk) in enumerate(_named_sources(files)):
        name = _display_name(name)
        suffix = Path(name).suffix.lower()
        target = folder / f"{index:05d}{suffix[:10]}"
        if suffix == ".zip":
            # The archive itself may be larger than one file: its members are capped.
            spooled = _spool_source(stream, on_disk, target, MAX_ZIP_TOTAL_BYTES)
            if spooled.too_big:
                refusal = _too_big(spooled.size, MAX_ZIP_TOTAL_BYTES)
                out.append(Candidate(name, size=spooled.size, refusal=refusal))
                continue
            out.extend(expand_zip(target, name, folder / f"{index:05d}"))
            target.unlink(missing_ok=True)
            continue
        if suffix not in EXTENSIONS:
            out.append(Candidate(name, refusal=_unsupported(suffix)))
            continue
        spooled = _spool_source(stream, on_disk, target, limit)
        out.append(_checked(Candidate(name, target, format=EXTENSIONS[suffix]), spooled))
    return out


def _checked(candidate: Candidate, spooled: Spooled) -> Candidate:
    candidate.size, candidate.sha256 = spooled.size, spooled.sha256
    limit = max_file_bytes()
    if spooled.too_big or candidate.size > limit:
        candidate.refusal = _too_big(candidate.size, limit)
    elif candidate.size == 0:
        candidate.refusal = _("Tệp rỗng.")
    else:
        top = head_text(candidate.path, candidate.format, spooled.head)
        candidate.classified = security_marking(top)
    if not candidate.accepted and candidate.path is not None:
        candidate.path.unlink(missing_ok=True)
        candidate.path = None
    return candidate


# ZIP uploads ------------------------------------------------------------------------


def safe_member_path(name: str) -> PurePosixPath | None:
    """The member's relative path, or None when it could land outside the folder."""
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return None
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in path.parts) or not path.parts:
        return None
    return path


def _member_refusal(info: zipfile.ZipInfo, limit: int) -> str:
    path = safe_member_path(info.filename)
    if path is None:
        return _("Đường dẫn không an toàn trong tệp nén (%(name)s): bỏ qua.") % {
            "name": info.filename
        }
    if stat.S_ISLNK(info.external_attr >> 16):
        return _("Liên kết tượng trưng trong tệp nén: bỏ qua.")
    if info.flag_bits & 0x1:
        return _("Tệp được đặt mật khẩu trong tệp nén: không đọc được.")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _("Tệp nén lồng trong tệp nén: hãy giải nén và tải lên riêng.")
    if suffix not in EXTENSIONS:
        return _unsupported(suffix)
    if info.file_size > limit:
        return _too_big(info.file_size, limit)
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
        return _("Tỷ lệ nén bất thường (%(ratio)s:1): nghi là tệp nén độc hại (zip bomb).") % {
            "ratio": format_number(info.file_size // max(1, info.compress_size))
        }
    return ""


def expand_zip(archive: Path, name: str, folder: Path) -> list[Candidate]:
    """The members of an uploaded ZIP as candidates. The directory is checked before any
    member is decompressed, and decompression stops at the declared size."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [i for i in zf.infolist() if not i.is_dir()]
            if len(members) > MAX_ZIP_MEMBERS:
                return [
                    Candidate(
                        name,
                        refusal=_("Tệp nén có %(n)s tệp (tối đa %(max)s).")
                        % {"n": format_number(len(members)), "max": MAX_ZIP_MEMBERS},
                    )
                ]
            declared = sum(i.file_size for i in members)
            if declared > MAX_ZIP_TOTAL_BYTES:
                return [Candidate(name, refusal=_too_big(declared, MAX_ZIP_TOTAL_BYTES))]
            folder.mkdir(parents=True, exist_ok=True)
            return [_expand_member(zf, info, name, folder, n) for n, info in enumerate(members)]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return [Candidate(name, refusal=_("Tệp nén bị hỏng hoặc không đọc được."))]


def _expand_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, folder: Path, n: int
) -> Candidate:
    limit = max_file_bytes()
    display = _display_name(f"{name}/{info.filename}")
    refusal = _member_refusal(info, limit)
    if refusal:
        return Candidate(display, size=info.file_size, refusal=refusal)
    suffix = PurePosixPath(info.filename).suffix.lower()
    target = folder / f"{n:05d}{suffix}"
    try:
        with zf.open(info) as member:
            spooled = spool(_chunks(member), target, min(limit, info.file_size))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        target.unlink(missing_ok=True)
        return Candidate(display, refusal=_("Tệp trong tệp nén bị hỏng, không giải nén được."))
    return _checked(Candidate(display, target, format=EXTENSIONS[suffix]), spooled)


_XML_HEAD_BYTES = 512 * 1024
_TAGS = re.compile(r"<[^>]*>")


def head_text(path: Path | None, fmt: str, head: bytes | None = None) -> str:
    """The first lines of a text, HTML or Word file without a parser (bounded reads;
    ``head``, the file's first bytes, when the caller has them); "" for other formats or
    anything unreadable — extraction will look again."""
    if path is None:
        return ""
    try:
        if fmt in ("txt", "html"):
            if head is None:
                with path.open("rb") as fh:
                    head = fh.read(_HEAD_BYTES)
            data = head
            from ttdn.extract.readers.txt import decode

            text, _encoding = decode(data)
            if fmt == "html" or "<body" in text[:4096].lower():
                text = _markup_lines(text)
            return text
        if fmt == "docx":
            return _docx_head(path)
    except Exception:  # noqa: BLE001 — a look ahead never decides a file is broken
        return ""
    return ""


def _markup_lines(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<(?:br|/p|/div|/h\d|/li|/tr)\b[^>]*>", "\n", markup)
    markup = re.sub(r"(?i)</t[dh]>", "\t", markup)
    return html.unescape(_TAGS.sub("", markup))


def _docx_head(path: Path) -> str:
    """Headers and footers first, so that a stamp in them counts as on the first page
    (``security_marking``), then the start of the body."""
    from ttdn.extract.safety import check_zip

    check_zip(path, required="word/document.xml")
    with zipfile.ZipFile(path) as zf:
        names = sorted(
            n for n in zf.namelist() if re.fullmatch(r"word/(?:header|footer)\d*\.xml", n)
        ) + ["word/document.xml"]
        parts = []
        for part in names:
            with zf.open(part) as fh:
                parts.append(_word_xml_lines(fh))
    return "\n".join(parts)


def _word_xml_lines(fh: IO[bytes]) -> str:
    xml = fh.read(_XML_HEAD_BYTES).decode("utf-8", errors="replace")
    xml = re.sub(r"<w:tab/>|</w:tc>", "\t", xml)
    xml = re.sub(r"</w:p>|<w:br/>", "\n", xml)
    return html.unescape(_TAGS.sub("", xml))
