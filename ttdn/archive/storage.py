"""Where original files of imported documents live: the one module that touches them.

Originals sit under ``settings.ARCHIVE_ROOT`` (``TTDN_ARCHIVE_ROOT``) and reach people only
through the archive's permission-checked download view (``download``: sent as
ttdn/downloads.py sends every stored file). Settings are read on every call so tests can
point the archive at a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.http.response import HttpResponseBase
from django.utils import timezone

from ttdn import downloads


def archive_root() -> Path:
    return Path(settings.ARCHIVE_ROOT)


_storages: dict[Path, FileSystemStorage] = {}

# Under the archive root: uploads still being checked (left out of backups).
SPOOL_FOLDER = "incoming"


def _storage() -> FileSystemStorage:
    # One storage object per folder: making one connects a signal handler each time,
    # which costs more than the file operation it is made for.
    root = archive_root()
    if root not in _storages:
        _storages[root] = FileSystemStorage(location=root, base_url=None)
    return _storages[root]


def spool_dir() -> Path:
    """A scratch folder for uploads being checked, on the same disk as the archive."""
    folder = archive_root() / SPOOL_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(source: Path, filename: str) -> str:
    """Keep a copy of ``source``; returns the stored name. The name is random, never the
    uploader's, so a crafted file name cannot pick its place."""
    suffix = Path(filename).suffix.lower()[:10]
    name = f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"
    with source.open("rb") as fh:
        return _storage().save(name, File(fh))


def keep(source: Path, filename: str) -> str:
    """Like ``save`` for a file in the spool folder, which is on the archive's disk: the
    file is moved, not copied."""
    suffix = os.path.splitext(filename)[1].lower()[:10]
    folder = f"{timezone.now():%Y/%m}"
    name = f"{folder}/{uuid.uuid4().hex}{suffix}"
    root = str(archive_root())
    os.makedirs(os.path.join(root, folder), exist_ok=True)
    try:
        os.replace(source, os.path.join(root, name))
    except OSError:  # another disk after all
        return save(source, filename)
    return name


def path(name: str) -> Path:
    """Local path of a stored file, for the extraction process to read."""
    return Path(_storage().path(name))


def download(name: str, filename: str) -> HttpResponseBase:
    """The original ``name`` as a download called ``filename``; Http404 when it is gone."""
    return downloads.attachment(_storage(), name, filename, location="archive")


def exists(name: str) -> bool:
    return bool(name) and _storage().exists(name)


def delete(name: str) -> None:
    if name:
        _storage().delete(name)


def clear_spool(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


# No upload is checked for this long: a spool folder older than this was left by a
# process that died while checking it.
SPOOL_STALE_SECONDS = 6 * 3600


def sweep_spool(now: float | None = None) -> int:
    """Remove spool folders nothing has written to for SPOOL_STALE_SECONDS; returns how
    many. Age rather than owner: web and worker processes on several hosts share it."""
    now = time.time() if now is None else now
    removed = 0
    for folder in spool_dir().iterdir():
        try:
            paths = [folder, *folder.rglob("*")] if folder.is_dir() else [folder]
            newest = max(p.lstat().st_mtime for p in paths)
        except OSError:
            continue
        if now - newest > SPOOL_STALE_SECONDS:
            if folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
            removed += 1
    return removed
