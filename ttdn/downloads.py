"""Stored files sent to the people allowed to read them: activity evidence and archive
originals. The views decide who may; this module decides how the bytes leave.

A file someone uploaded must never run on the site's origin: an HTML or SVG evidence
file opened inline could act with the reader's session (write values of units the
reader may change through the JSON API). So every file goes out as an attachment, with
``X-Content-Type-Options: nosniff`` and a sandboxing ``Content-Security-Policy``, and
only types in ``SAFE_TYPES`` keep their own media type; the rest is
``application/octet-stream``.

With ``ACCEL_REDIRECT_PREFIX`` set, nginx sends the file (``X-Accel-Redirect`` to an
``internal`` location, docs/deployment.md); otherwise Django streams it.
"""

from __future__ import annotations

import mimetypes
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

SANDBOX = "sandbox; default-src 'none'"

# Types no browser runs script from. HTML, SVG, XML, JavaScript and anything unknown are
# left out on purpose: they leave as application/octet-stream.
SAFE_TYPES = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "text/plain",
        "text/csv",
        "audio/mpeg",
        "video/mp4",
    }
)
UNSAFE_TYPE = "application/octet-stream"
NAME_LIMIT = 150
_FORBIDDEN_IN_NAMES = set('"\\/:*?<>|;')


def content_type_for(filename: str) -> str:
    """The media type a download of ``filename`` is sent with."""
    guessed, encoding = mimetypes.guess_type(filename, strict=False)
    if encoding is None and guessed in SAFE_TYPES:
        return guessed
    return UNSAFE_TYPE


def safe_filename(name: str, fallback: str = "tep") -> str:
    """The last part of ``name`` without control characters, quotes, separators or
    characters Windows refuses, at most ``NAME_LIMIT`` characters (the extension kept)."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = "".join(
        " " if unicodedata.category(ch).startswith(("C", "Z")) else ch
        for ch in base
        if ch not in _FORBIDDEN_IN_NAMES
    )
    base = " ".join(base.split()).strip(" .")
    if not base:
        return fallback
    if len(base) > NAME_LIMIT:
        stem, dot, extension = base.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            base = stem[: NAME_LIMIT - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            base = base[:NAME_LIMIT]
    return base


def attachment(storage: Storage, name: str, filename: str, location: str) -> HttpResponseBase:
    """The file ``name`` of ``storage`` as a download called ``filename``.

    ``location`` names the storage for nginx: the file is at
    ``<ACCEL_REDIRECT_PREFIX>/<location>/<name>``. Raises Http404 when the file is gone.
    """
    if not name or not storage.exists(name):
        raise Http404
    shown = safe_filename(filename)
    content_type = content_type_for(shown)
    prefix = settings.ACCEL_REDIRECT_PREFIX
    if prefix:
        response: HttpResponseBase = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix}/{location}/{quote(name)}"
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, shown)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    patch_cache_control(response, private=True)
    return response
