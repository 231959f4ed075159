"""The archive's test base: the shared unit tree plus a private archive folder per test."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.test import override_settings

from ttdn.testing import TreeTestCase

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "tests" / "data" / "samples"
CORPUS = REPO / "tests" / "data" / "extract" / "corpus"


class ArchiveTestCase(TreeTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.mkdtemp(prefix="ttdn_archive_test_")
        self.archive_root = Path(folder)
        override = override_settings(ARCHIVE_ROOT=folder)
        override.enable()
        self.addCleanup(override.disable)
        self.addCleanup(shutil.rmtree, folder, True)

    def stored_files(self) -> list[Path]:
        """Originals kept in the archive (the scratch folder for uploads excluded)."""
        return [
            p
            for p in self.archive_root.rglob("*")
            if p.is_file() and "incoming" not in p.relative_to(self.archive_root).parts
        ]
