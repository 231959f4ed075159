"""``ttdn extract FILE... --out DIR`` and ``ttdn extract FILE --stdout``.

Writes DIR/<stem>.json for every input (folders are searched for supported files). A
file that cannot be read gets a one-line reason on stderr; the others are still written
and the exit status is 1 at the end. Many files are spread over every core.

Every file is read in an extraction child (``ttdn.extract.sandbox``) under the import
worker's limits, so a hostile file ends in "vượt giới hạn bộ nhớ" or "quá thời gian xử
lý" instead of taking the machine's memory for minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ttdn.extract.readers import EXTENSIONS
from ttdn.extract.sandbox import MEMORY_MB, TIMEOUT_SECONDS, Sandbox

# Extensions picked up when walking a folder (.md and .text are read only when named).
_FOLDER_EXTENSIONS = {ext for ext in EXTENSIONS if ext not in (".md", ".text")}
# Below this many files a process pool costs more than it saves.
_POOL_MIN_FILES = 4


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ttdn extract",
        description="Extract structured data (number, dates, period, references, facts, "
        "recipients, signer) from reports and articles: .txt .html .docx .doc .pdf",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="files or folders to read")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="DIR", type=Path, help="write DIR/<stem>.json per input")
    target.add_argument("--stdout", action="store_true", help="print the extract of one file")
    parser.add_argument(
        "--jobs", "-j", type=int, default=0, help="worker processes (default: one per core)"
    )
    parser.add_argument(
        "--memory-mb",
        type=int,
        default=MEMORY_MB,
        help=f"memory limit for reading one file (default {MEMORY_MB})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT_SECONDS,
        help=f"time limit in seconds for reading one file (default {TIMEOUT_SECONDS:g})",
    )
    return parser


def _inputs(names: list[str]) -> Iterator[Path]:
    for name in names:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in _FOLDER_EXTENSIONS:
                    yield child
        else:
            yield path


class _Children:
    """One extraction child per thread, closed together at the end."""

    def __init__(self, memory_mb: int, timeout: float) -> None:
        self.memory_mb, self.timeout = memory_mb, timeout
        self._local = threading.local()
        self._all: list[Sandbox] = []
        self._lock = threading.Lock()

    def work(self, path: str) -> tuple[str, dict[str, Any] | None, str | None]:
        """Never raises, so one bad file cannot stop the others."""
        child = getattr(self._local, "child", None)
        if child is None:
            child = self._local.child = Sandbox(self.memory_mb, self.timeout)
            with self._lock:
                self._all.append(child)
        outcome = child.extract(path, Path(path).name, "")
        if outcome.ok and outcome.extract is not None:
            return path, outcome.extract, None
        if outcome.kind == "InternalError":
            return path, None, f"internal error: {outcome.error}"
        return path, None, outcome.error

    def close(self) -> None:
        for child in self._all:
            child.close()


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _unique_names(paths: list[Path]) -> dict[Path, str]:
    """<stem>.json, with the extension added when two inputs share a stem."""
    stems: dict[str, int] = {}
    for p in paths:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    return {p: f"{p.stem}.json" if stems[p.stem] == 1 else f"{p.name}.json" for p in paths}


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    paths = list(dict.fromkeys(_inputs(args.files)))
    if not paths:
        print("ttdn extract: no input files", file=sys.stderr)
        return 2
    if args.stdout:
        if len(paths) != 1:
            print("ttdn extract: --stdout takes exactly one file", file=sys.stderr)
            return 2
        children = _Children(args.memory_mb, args.timeout)
        try:
            _, data, error = children.work(str(paths[0]))
        finally:
            children.close()
        if error or data is None:
            print(f"{paths[0]}: {error}", file=sys.stderr)
            return 1
        sys.stdout.write(_dump(data))
        return 0

    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    names = _unique_names(paths)
    failed = 0
    jobs = args.jobs or os.cpu_count() or 1
    children = _Children(args.memory_mb, args.timeout)
    try:
        if len(paths) >= _POOL_MIN_FILES and jobs > 1:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                results = pool.map(children.work, [str(p) for p in paths])
                failed = _write_all(results, names, out_dir)
        else:
            failed = _write_all(map(children.work, [str(p) for p in paths]), names, out_dir)
    finally:
        children.close()
    return 1 if failed else 0


def _write_all(
    results: Iterator[tuple[str, dict[str, Any] | None, str | None]],
    names: dict[Path, str],
    out_dir: Path,
) -> int:
    failed = 0
    for path, data, error in results:
        if error or data is None:
            failed += 1
            print(f"{path}: {error}", file=sys.stderr)
            continue
        (out_dir / names[Path(path)]).write_text(_dump(data), encoding="utf-8")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
