"""PAdES signatures on an issued report's PDF, and the check of signed PDFs that come in.

No database: Django only translates the messages. pyHanko writes and validates the signatures; pypdfium2 reads the
text layer to find where the signer block falls. Where the images go follows Decree
30/2020/NĐ-CP, Appendix I, part II (docs/signing.md):

- the signer's signature image in the signer block, centred under the title
  ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC") and above the name;
- the body's seal image, at the seal's real size, covering about the left third of the
  signer's signature image, with the body's signature information (its name, e-mail and
  the time of signing) written across it in small type.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import generic, images, layout, text
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.stamp import StaticStampStyle, TextStamp, TextStampStyle
from pyhanko_certvalidator import ValidationContext

MM = 72 / 25.4
# Decree 30: a state body's seal is 35–42 mm across; draw it at 36 mm.
SEAL_SIZE = 36 * MM
SIGNATURE_WIDTH = 46 * MM
# The space the signer block leaves for the hand signature is 4–6 lines; keep a margin.
MIN_SIGNATURE_GAP = 30.0
# The body's signature information over the seal: small, and no wider than the seal
# (less a margin), so that it stays inside the seal's widget.
SEAL_TEXT_SIZE = 7
SEAL_TEXT_LEADING = 8
SEAL_TEXT_WIDTH = SEAL_SIZE - 6
# The text sits on a light panel so that it reads over the seal's red; the seal still
# shows through it.
SEAL_TEXT_PANEL_OPACITY = 0.6

# Authority words that open a signer block (Decree 30, Appendix I, I.9; HD 36 for the
# Party): ký thay, thay mặt, thừa lệnh, thừa ủy quyền, quyền.
_AUTHORITY = re.compile(r"^(KT|TM|TL|TUQ|Q|K/T|T/M|T/L)\.?\s", re.IGNORECASE)
_HEAD_TITLES = ("CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG BAN", "BÍ THƯ", "TỔNG BIÊN TẬP", "THỦ TRƯỞNG")


class SignerBlockNotFound(Exception):
    """The PDF's text layer shows no signer block (title over a blank space)."""


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin bottom left."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (round(self.left), round(self.bottom), round(self.right), round(self.top))


@dataclass(frozen=True)
class SignerBlock:
    """Where the signer block falls: its page (0-based), the title lines' box and the
    blank space between the title and the name, where the hand signature goes."""

    page: int
    title: Box
    space: Box

    def signature_box(self) -> Box:
        """The signer's signature image: centred under the title, in the blank space."""
        centre = (self.title.left + self.title.right) / 2
        height = min(self.space.height - 6, 60.0)
        middle = (self.space.bottom + self.space.top) / 2
        return Box(
            centre - SIGNATURE_WIDTH / 2,
            middle - height / 2,
            centre + SIGNATURE_WIDTH / 2,
            middle + height / 2,
        )

    def seal_box(self) -> Box:
        """The body's seal: its right edge a third of the way into the signature image,
        so it covers the image's left third; vertically centred on it."""
        signature = self.signature_box()
        right = signature.left + signature.width / 3
        middle = (signature.bottom + signature.top) / 2
        return Box(right - SEAL_SIZE, middle - SEAL_SIZE / 2, right, middle + SEAL_SIZE / 2)


@dataclass(frozen=True)
class _Line:
    text: str
    box: Box


def _lines(page: pdfium.PdfPage) -> list[_Line]:
    text = page.get_textpage()
    found = []
    for index in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(index)
        words = text.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
        words = unicodedata.normalize("NFC", words).strip()
        if words:
            found.append(_Line(words, Box(left, bottom, right, top)))
    return found


def _is_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return False
    return bool(_AUTHORITY.match(text)) or any(title in text for title in _HEAD_TITLES)


def find_signer_block(pdf: bytes) -> SignerBlock:
    """The signer block nearest the end: on the last page that has one, the lowest
    upper-case title line (“KT. CHỦ TỊCH”, “PHÓ GIÁM ĐỐC”) in the right half with a
    blank space under it before the name (or the page's end)."""
    document = pdfium.PdfDocument(pdf)
    try:
        for index in reversed(range(len(document))):
            page = document[index]
            width, _height = page.get_size()
            right_half = [line for line in _lines(page) if line.box.left >= width * 0.4]
            right_half.sort(key=lambda line: -line.box.top)
            titles = [i for i, line in enumerate(right_half) if _is_title(line.text)]
            if not titles:
                continue
            first = titles[0]
            # The title runs from the first title line through the upper-case lines under
            # it without a gap ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC").
            last = first
            while (
                last + 1 < len(right_half)
                and right_half[last + 1].text.isupper()
                and right_half[last].box.bottom - right_half[last + 1].box.top < MIN_SIGNATURE_GAP
            ):
                last += 1
            block = right_half[first : last + 1]
            title = Box(
                min(line.box.left for line in block),
                block[-1].box.bottom,
                max(line.box.right for line in block),
                block[0].box.top,
            )
            below = right_half[last + 1].box.top if last + 1 < len(right_half) else 40.0
            if title.bottom - below < MIN_SIGNATURE_GAP:
                continue
            return SignerBlock(index, title, Box(title.left, below, title.right, title.bottom))
    finally:
        document.close()
    raise SignerBlockNotFound(_("Không tìm thấy khối chữ ký (chức vụ người ký) trong tệp PDF."))


class FontMissing(Exception):
    """The font the body's signature information is written in is not there."""


@dataclass(frozen=True)
class SealText:
    """The body's signature information written over its seal (Decree 30, Appendix I,
    part II): the body's name, its e-mail (left out when empty) and the time of signing,
    already written out ("03.07.2024 09:15:02 +07:00"); ``font`` is the TrueType or
    OpenType file it is set in (it must have the Vietnamese letters)."""

    body: str
    email: str
    time: str
    font: str

    def lines(self) -> list[str]:
        # Part of the official document, like the report itself: Vietnamese whatever
        # the language of the page the signature was made from.
        lines = [f"Cơ quan: {self.body}"]
        if self.email:
            lines.append(f"Email: {self.email}")
        # The time is kept on one line: its spaces do not break.
        lines.append("Thời gian ký: " + self.time.replace(" ", "\u00a0"))
        return lines


@dataclass(frozen=True)
class SignRequest:
    """One signature to add: the field's name, where its image goes, what is written
    over the image (the body's signature only), and what the signature says of itself
    (reason, place, contact)."""

    field_name: str
    page: int
    box: Box
    image_png: bytes
    reason: str
    location: str = ""
    contact: str = ""
    seal_text: SealText | None = None


@cache
def _font_at_1000_units(path: str) -> bytes:
    """The font scaled to 1000 units per em. pyHanko writes a glyph's advance from the
    font's units straight into the PDF's widths, which PDF reads as thousandths of an
    em: a TrueType font at 2048 units (Liberation, DejaVu) would come out spaced twice
    too wide."""
    from fontTools.ttLib import TTFont, TTLibError
    from fontTools.ttLib.scaleUpem import scale_upem

    try:
        font = TTFont(path)
    except (OSError, TTLibError) as error:
        raise FontMissing(
            _("Không mở được phông chữ %(path)s (TTDN_SIGNING_FONT): %(error)s")
            % {"path": path, "error": error}
        ) from error
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class _ScaledFontFactory(GlyphAccumulatorFactory):
    """pyHanko's OpenType font engine fed the font at 1000 units per em."""

    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(_font_at_1000_units(self.font_file)),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


def _wrap(line: str, path: str, width: float, size: float) -> list[str]:
    """``line`` broken at spaces into lines no wider than ``width`` points; the lines
    after the first are indented."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(_font_at_1000_units(path)), lazy=True)
    cmap, advances = font.getBestCmap(), font["hmtx"].metrics

    def measure(words: str) -> float:
        glyphs = (cmap.get(ord(c)) for c in words)
        return sum(advances[g][0] if g else 500 for g in glyphs) * size / 1000

    lines: list[str] = []
    for word in line.split(" "):
        if lines and measure(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(("  " if lines else "") + word)
    return lines


class _SealTextStamp(TextStamp):
    """pyHanko's text stamp with a light panel under the text."""

    def _inner_layout_natural_size(self):
        commands, (width, height) = super()._inner_layout_natural_size()
        self.set_resource(
            ResourceType.EXT_G_STATE,
            generic.NameObject("/SealTextPanel"),
            generic.DictionaryObject(
                {generic.NameObject("/ca"): generic.FloatObject(SEAL_TEXT_PANEL_OPACITY)}
            ),
        )
        # Below the box by a descender, above it by an accent on a capital.
        panel = b"q /SealTextPanel gs 1 1 1 rg -1 -2 %g %g re f Q" % (width + 2, height + 3)
        return [panel, *commands], (width, height)


@dataclass(frozen=True)
class _SealTextStyle(TextStampStyle):
    def create_stamp(self, writer, box, text_params) -> TextStamp:
        return _SealTextStamp(writer=writer, style=self, box=box, text_params=text_params)


def _seal_style(image, seal_text: SealText) -> tuple[TextStampStyle, str]:
    """The seal image with the body's signature information over its middle, and that
    information broken into lines that fit the seal."""
    if not Path(seal_text.font).is_file():
        raise FontMissing(
            _(
                "Thiếu phông chữ %(path)s để ghi thông tin chữ ký số của cơ quan: cài gói"
                " fonts-liberation2 hoặc đặt TTDN_SIGNING_FONT."
            )
            % {"path": seal_text.font}
        )
    lines = [
        part
        for line in seal_text.lines()
        for part in _wrap(line, seal_text.font, SEAL_TEXT_WIDTH, SEAL_TEXT_SIZE)
    ]
    return _SealTextStyle(
        # The text is given whole: a % in a name or an e-mail stays as it is.
        stamp_text="%(seal_text)s",
        text_box_style=text.TextBoxStyle(
            font=_ScaledFontFactory(seal_text.font, font_size=SEAL_TEXT_SIZE),
            font_size=SEAL_TEXT_SIZE,
            leading=SEAL_TEXT_LEADING,
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(2),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
        background=image,
        background_opacity=1.0,
        border_width=0,
    ), "\n".join(lines)


class _PdfSignerAt(signers.PdfSigner):
    """pyHanko's signer with the time of signing given: the signature's signing time
    and the time written over the seal are then the same second."""

    def __init__(self, *args, signed_at: datetime | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.signed_at = signed_at

    def init_signing_session(self, *args, **kwargs):
        session = super().init_signing_session(*args, **kwargs)
        if self.signed_at is not None:
            session.system_time = self.signed_at
        return session


def sign_pdf(
    pdf: bytes,
    signer: signers.Signer,
    request: SignRequest,
    timestamp_url: str = "",
    signed_at: datetime | None = None,
) -> bytes:
    """``pdf`` with one more PAdES signature (B-B, or B-T when a timestamp server is
    given), added as an incremental update so earlier signatures stay valid. The
    signature's signing time is ``signed_at`` (now when not given), which should be the
    time ``request.seal_text`` writes out.

    Raises FontMissing when the seal's information is to be written and its font is not
    there."""
    from PIL import Image

    image = images.PdfImage(Image.open(io.BytesIO(request.image_png)))
    style: StaticStampStyle | TextStampStyle
    if request.seal_text is None:
        style, text_params = (
            StaticStampStyle(background=image, border_width=0, background_opacity=1.0),
            {},
        )
    else:
        style, lines = _seal_style(image, request.seal_text)
        text_params = {"seal_text": lines}
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            sig_field_name=request.field_name,
            on_page=request.page,
            box=request.box.as_tuple(),
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=request.field_name,
        reason=request.reason,
        location=request.location or None,
        contact_info=request.contact or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    timestamper = timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None
    out = io.BytesIO()
    _PdfSignerAt(
        meta, signer=signer, stamp_style=style, timestamper=timestamper, signed_at=signed_at
    ).sign_pdf(writer, output=out, appearance_text_params=text_params)
    return out.getvalue()


class Verdict(StrEnum):
    """What a check of a PDF's signatures found."""

    VALID = "valid"
    INVALID = "invalid"
    UNSIGNED = "unsigned"


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a PDF as the validator saw it."""

    field_name: str
    signer: str
    serial: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    covers_whole_file: bool
    modified_after: bool
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class PdfCheck:
    """All the signatures of a PDF, and the verdict over them."""

    signatures: list[SignatureCheck]
    error: str = ""

    @property
    def verdict(self) -> Verdict:
        if self.error:
            return Verdict.INVALID
        if not self.signatures:
            return Verdict.UNSIGNED
        return Verdict.VALID if all(s.ok for s in self.signatures) else Verdict.INVALID

    def summary(self) -> str:
        if self.error:
            return self.error
        if not self.signatures:
            return _("Tệp không có chữ ký số.")
        parts = []
        for check in self.signatures:
            state = _("hợp lệ") if check.ok else _("không hợp lệ: ") + "; ".join(check.problems)
            parts.append(f"{check.signer} — {state}")
        return "\n".join(parts)


def load_certificates(paths: Sequence[str | Path]) -> list[asn1_x509.Certificate]:
    """Certificates from PEM (or DER) files; a file may hold several PEM blocks."""
    from asn1crypto import pem

    found: list[asn1_x509.Certificate] = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            found.extend(asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, True))
        else:
            found.append(asn1_x509.Certificate.load(data))
    return found


def _check_one(embedded, context: ValidationContext) -> SignatureCheck:
    status = validate_pdf_signature(embedded, context)
    certificate = status.signing_cert
    problems = []
    if not status.intact:
        problems.append(_("nội dung đã bị sửa sau khi ký (mã băm không khớp)"))
    elif not status.valid:
        problems.append(_("chữ ký không khớp khóa của chứng thư"))
    if status.revoked:
        problems.append(_("chứng thư số đã bị thu hồi"))
    elif not status.trusted:
        problems.append(_("chứng thư số không thuộc tổ chức chứng thực được tin cậy"))
    level = status.modification_level
    modified = status.docmdp_ok is False or (
        level is not None and level.name == "OTHER" and status.coverage is not None
    )
    if modified:
        problems.append(_("tệp đã bị thay đổi sau khi ký"))
    whole = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    return SignatureCheck(
        field_name=embedded.field_name,
        signer=certificate.subject.human_friendly,
        serial=format(certificate.serial_number, "X"),
        signed_at=status.signer_reported_dt,
        intact=status.intact,
        trusted=status.trusted,
        covers_whole_file=whole,
        modified_after=modified,
        problems=problems,
    )


def check_pdf(
    pdf: bytes,
    trust_roots: Sequence[asn1_x509.Certificate],
    crls: Sequence[asn1_crl.CertificateList] = (),
    moment: datetime | None = None,
) -> PdfCheck:
    """Every signature of ``pdf``: integrity, signer, time, chain to ``trust_roots``,
    revocation by ``crls`` (nothing is fetched from the network), changes after signing.
    A file that cannot be read gives a PdfCheck with ``error``; nothing raises."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # a broken PDF: said, never raised into the import
        return PdfCheck(
            [], error=_("Không đọc được chữ ký của tệp PDF: %(error)s") % {"error": error}
        )
    if not embedded:
        return PdfCheck([])
    context = ValidationContext(
        trust_roots=list(trust_roots),
        crls=list(crls),
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=moment,
    )
    checks = []
    for signature in embedded:
        try:
            checks.append(_check_one(signature, context))
        except (SignatureValidationError, SigningError, ValueError, KeyError) as error:
            checks.append(
                SignatureCheck(
                    field_name=signature.field_name,
                    signer="?",
                    serial="",
                    signed_at=None,
                    intact=False,
                    trusted=False,
                    covers_whole_file=False,
                    modified_after=False,
                    problems=[_("không kiểm tra được chữ ký: %(error)s") % {"error": error}],
                )
            )
    return PdfCheck(checks)
