"""Archive: import overhead over bare extraction, and search latency, on SQLite and
PostgreSQL.

1. Import of 1,000 generated reports as ``ttdn import`` does it (import_files: hashing,
   storage, the extraction children, documents and search entries written in groups,
   the next files queued while the first are extracted; review rows are made later, at
   first review) against
   extracting the same files in-process with ``extract()`` alone, at two lengths: a
   one-page note (~1 KB of text, where the per-document cost of importing weighs most)
   and a report as long as the samples in tests/data (~12 KB, five to seven pages);
   five rounds of one-page notes, one of reports, the median round reported. Also: the
   same files through the extraction children alone (the import's floor) and the cost
   of creating a file where the archive keeps its originals (see _scratch_root).
   Target: total ≤ extraction + 20 %.
2. Search over 10,000 entries (documents of ~300 units), 300 queries with and without
   diacritics, as a province officer (access rules applied) and at the console; the
   time is the whole ``search()`` call, snippets included. Target: p95 ≤ 50 ms.

Each database runs in a child process with its own settings: a temporary SQLite file, and
a scratch database on the PostgreSQL server of TTDN_BENCH_PG_URL (default
postgres://postgres@127.0.0.1:5432), skipped with a reason when it cannot be reached.

    python -m bench archive
"""

from __future__ import annotations

import json
import os
import random
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.common import percentile

DOCUMENTS = 1000
# Sentences in a generated report's body (a one-page note, and the samples' length) and
# rounds of extraction then import, each on 1,000 new files. The time of one round moves
# by a third from one minute to the next on a shared virtual machine; each round's
# import is compared with the extraction measured just before it, and the median round
# is reported with the range.
LENGTHS = {"1 page": (6, 5), "6 pages": (110, 1)}
ENTRIES = 10_000
QUERIES = 300
IMPORT_OVERHEAD_TARGET = 0.20
SEARCH_P95_TARGET_MS = 50.0
ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench-out"

_PLACES = [
    "Bình Định", "Đồng Nai", "Hà Nam", "Thái Nguyên", "Quảng Ngãi", "Lâm Đồng", "Nghệ An",
    "Đắk Lắk", "Hà Tĩnh", "Thừa Thiên Huế", "An Giang", "Quảng Ninh", "Đà Nẵng", "Cần Thơ",
]  # fmt: skip
_SENTENCES = [
    "Công tác thông tin đối ngoại được triển khai đồng bộ, bám sát chỉ đạo của Tỉnh ủy.",
    "Các cơ quan báo chí đã đăng, phát {a} tin, bài về hội nhập quốc tế và chủ quyền biển, đảo.",
    "Tỉnh đón tiếp {b} đoàn khách quốc tế, thu hút {c} dự án FDI với tổng vốn 54,7 triệu USD.",
    "Tổ chức {d} lớp tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ, công chức.",
    "Phát hành 3.800 bản tài liệu quảng bá, trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản.",
    "Đẩy mạnh quảng bá hình ảnh, tiềm năng du lịch và văn hóa của địa phương ra nước ngoài.",
    "Chủ động cung cấp thông tin cho báo chí, phản bác thông tin sai sự thật trên mạng xã hội.",
    "Phối hợp với cộng đồng người Việt Nam ở nước ngoài trong công tác thông tin đối ngoại.",
    "Khó khăn: kinh phí còn hạn chế, đội ngũ cán bộ làm công tác thông tin đối ngoại kiêm nhiệm.",
]
_QUERIES = [
    "thong tin doi ngoai", "thông tin đối ngoại", "dong nai", "Đồng Nai", "hoi nhap quoc te",
    "du an FDI", "lop tap huan", "quang ba hinh anh", "bien dao", "nguoi viet o nuoc ngoai",
    "phan bac thong tin sai su that", "khach quoc te", "binh dinh", "Thừa Thiên Huế", "kinh phi",
    "bao chi", "tieng Anh", "van hoa du lich", "can bo cong chuc", "mang xa hoi",
]  # fmt: skip


def report(n: int, rng: random.Random, sentences: int = 6) -> str:
    place = _PLACES[n % len(_PLACES)]
    body = " ".join(
        rng.choice(_SENTENCES).format(
            a=rng.randint(100, 5000),
            b=rng.randint(2, 40),
            c=rng.randint(1, 12),
            d=rng.randint(1, 9),
        )
        for _ in range(sentences)
    )
    return (
        f"ỦY BAN NHÂN DÂN\nTỈNH {place.upper()}\nSố: {n + 1}/BC-UBND\n\n"
        f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        f"{place}, ngày 15 tháng 12 năm 2023\n\nBÁO CÁO\n"
        f"Kết quả công tác thông tin đối ngoại năm 2023 (bản {n + 1})\n\n"
        f"Thực hiện Kế hoạch số {20 + n % 50}/KH-UBND ngày 23/02/2023 của UBND tỉnh {place}, "
        f"báo cáo như sau:\n\nI. KẾT QUẢ THỰC HIỆN\n\n{body}\n\n"
        "Nơi nhận:\n- Sở Văn hóa, Thể thao và Du lịch;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n"
    )


# Child: one database --------------------------------------------------------------------


def _setup(folder: Path, url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": url,
            "TTDN_DATA_DIR": str(folder / "data"),
            "TTDN_ARCHIVE_ROOT": str(folder / "archive"),
            "DJANGO_SETTINGS_MODULE": "ttdn.settings",
            "TTDN_DEBUG": "0",
            # Production settings want a key of their own; a benchmark's is thrown away.
            "TTDN_SECRET_KEY": secrets.token_urlsafe(50),
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _tree():
    from ttdn.accounts.models import Membership, Role
    from ttdn.orgunits.models import OrgUnit

    units = []
    for p in range(4):
        province = OrgUnit(code=f"P{p}", name=f"Tỉnh {_PLACES[p]}", kind="province")
        province.save()
        for c in range(75):
            commune = OrgUnit(code=f"P{p}-C{c}", name=f"Xã {c} {_PLACES[p]}", kind="commune")
            commune.parent = province
            commune.save()
            units.append(commune)
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.create_user("bench.officer", password="x")
    Membership.objects.create(user=officer, unit=OrgUnit.objects.get(code="P0"), role=Role.OFFICER)
    return units, officer


def _import(folder: Path, unit, sentences: int, round_: int) -> dict:
    from django.urls import reverse

    from ttdn.archive import queueing, worker
    from ttdn.archive.models import Document, DocumentStatus
    from ttdn.extract import extract

    rng = random.Random(7 + round_)
    inbox = folder / f"in-{sentences}-{round_}"
    inbox.mkdir()
    paths = []
    for n in range(DOCUMENTS):
        path = inbox / f"bao-cao-{n:04d}.txt"
        # Numbered on from the earlier rounds: every file is new to the archive.
        path.write_text(report(n + round_ * DOCUMENTS, rng, sentences), encoding="utf-8")
        paths.append(path)
    creation = _file_creation_us(folder)
    extract(paths[0])  # imports warmed, as the extraction child's are after its first file
    cpu, started = time.process_time(), time.perf_counter()
    for path in paths:
        extract(path)
    extraction, extraction_cpu = time.perf_counter() - started, time.process_time() - cpu
    pool = worker.extraction_pool()
    pooled = _pool_extraction(pool, paths)
    for child in pool:
        child.close()  # fresh children for the import, whose CPU time is counted alone
    # Warm what a running worker has warm: its extraction children and the URL map.
    for child in pool:
        child.extract(str(paths[0]), "warm", "0" * 64)
    reverse("archive:document", args=[1])
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, started = time.process_time(), time.perf_counter()
    batch = queueing.import_files(None, unit, paths)  # what `ttdn import` does
    total = time.perf_counter() - started
    parent_cpu = time.process_time() - cpu
    for child in pool:
        child.close()  # a child's CPU time is counted once it has been waited for
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    done = Document.objects.filter(job=batch.job, status=DocumentStatus.EXTRACTED).count()
    assert done == DOCUMENTS, f"{done} of {DOCUMENTS} documents extracted"
    return {
        "extraction_s": extraction,
        "pool_s": pooled,
        "create_us": creation,
        "total_s": total,
        "extraction_cpu_s": extraction_cpu,
        "import_cpu_s": parent_cpu + child_cpu,
        "load_average": os.getloadavg()[0],
    }


def _pool_extraction(pool, paths: list[Path]) -> float:
    """The same files through the import's extraction children alone, nothing stored:
    what the import would take if keeping the files and writing the rows cost nothing."""
    from ttdn.archive.worker import PIPELINE_DEPTH

    for child in pool:
        child.extract(str(paths[0]), "warm", "0" * 64)
    started = time.perf_counter()
    in_flight = []
    for path in paths:
        child = min(pool, key=lambda c: c.pending)
        child.submit(str(path), path.name, "0" * 64)
        in_flight.append(child)
        if len(in_flight) > PIPELINE_DEPTH:
            in_flight.pop(0).receive()
    for child in in_flight:
        child.receive()
    return time.perf_counter() - started


def _file_creation_us(disk: Path) -> float:
    """Microseconds to create one small file on ``disk`` just now. The import keeps every
    original as a file of its own, and on some file systems (ext4 without a journal, as on
    the development machine) this cost grows twenty-fold for a few minutes after
    thousands of files were deleted. The files are left for the run's final clean-up."""
    scratch = Path(tempfile.mkdtemp(prefix="probe-", dir=disk))
    started = time.perf_counter()
    for n in range(DOCUMENTS):
        (scratch / f"{n}.txt").write_bytes(b"x" * 1500)
    return (time.perf_counter() - started) * 1e6 / DOCUMENTS


def _scratch_root() -> Path:
    """Where the generated reports and the archive's originals go: TTDN_BENCH_SCRATCH,
    else a memory file system (/dev/shm) when there is one, else bench-out.

    Not the disk, by default, because of what the benchmark itself does to it: on ext4
    without a journal (the development machine) the file system skips inodes freed in
    the last half minute one by one, so for a minute or more after thousands of files
    were deleted — by the test suite, or by the clean-up of a run just before — creating
    a file costs 100–1,000 µs instead of 30, and the import, which keeps one file per
    document, would be measured against the disk's state rather than its own work (on a
    quiet disk its 1,000 files cost about 30 ms). The databases stay on disk."""
    configured = os.environ.get("TTDN_BENCH_SCRATCH")
    if configured:
        return Path(configured)
    memory = Path("/dev/shm")
    if memory.is_dir() and os.access(memory, os.W_OK):
        if shutil.disk_usage(memory).free > 2 * 1024**3:
            return memory
    return WORK


def _search_entries(units) -> None:
    from ttdn.lib.textfold import fold_aligned
    from ttdn.search.models import SearchEntry

    rng = random.Random(11)
    rows = []
    for n in range(ENTRIES):
        unit = units[n % len(units)]
        title = f"Báo cáo thông tin đối ngoại {rng.choice(_PLACES)} số {n}"
        body = " ".join(rng.choice(_SENTENCES).format(a=n, b=7, c=3, d=2) for _ in range(25))
        rows.append(
            SearchEntry(
                kind="document",
                object_id=10_000_000 + n,
                unit=unit,
                period="2023",
                title=title,
                body=body,
                title_folded=fold_aligned(title),
                body_folded=fold_aligned(body),
                url=f"/archive/documents/{n}/",
            )
        )
    SearchEntry.objects.bulk_create(rows, batch_size=500)


def _search(officer) -> dict:
    from django.db import connection

    from ttdn.search.services import search

    with connection.cursor() as cursor:  # fresh statistics, as a running database has
        cursor.execute("ANALYZE")
    rng = random.Random(3)
    timings: dict[str, list[float]] = {"officer": [], "console": []}
    for _ in range(QUERIES):
        query = rng.choice(_QUERIES)
        for who, user in (("officer", officer), ("console", None)):
            started = time.perf_counter()
            search(user, query, limit=20)
            timings[who].append((time.perf_counter() - started) * 1000)
    return {
        f"{who}_{name}": round(fn(values), 2)
        for who, values in timings.items()
        for name, fn in (
            ("p50_ms", statistics.median),
            ("p95_ms", lambda v: percentile(sorted(v), 0.95)),
        )
    }


def child(vendor: str, url: str, folder: Path) -> None:
    _setup(folder, url)
    units, officer = _tree()
    result = {
        "vendor": vendor,
        "imports": {
            label: [_import(folder, units[n], sentences, r) for r in range(rounds)]
            for n, (label, (sentences, rounds)) in enumerate(LENGTHS.items())
        },
    }
    _search_entries(units)
    result.update(_search(officer))
    print(json.dumps(result))


# Parent ---------------------------------------------------------------------------------


def _postgres() -> tuple[str, str] | None:
    server = os.environ.get("TTDN_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    try:
        import psycopg

        name = f"ttdn_archive_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return server, name
    except Exception as exc:  # noqa: BLE001 — any failure means: no PostgreSQL here
        print(f"postgresql: skipped ({type(exc).__name__}: {str(exc).strip()[:120]})")
        return None


def _run_child(vendor: str, url: str, scratch: Path) -> dict | None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    folder = scratch / vendor
    folder.mkdir()
    out = subprocess.run(
        [sys.executable, "-m", "bench.archive_bench", "--child", vendor, url, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    if out.returncode != 0:
        print(f"{vendor}: failed\n{out.stderr[-3000:]}")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> int:
    results = []
    WORK.mkdir(exist_ok=True)
    # One scratch folder for the whole run, removed only at the end (see _scratch_root).
    scratch = Path(tempfile.mkdtemp(prefix="ttdn_archive_", dir=_scratch_root()))
    database = WORK / f"archive_{uuid.uuid4().hex[:8]}.sqlite3"
    print(f"files in {scratch.parent}, SQLite database in {WORK}")
    try:
        results.append(_run_child("sqlite", f"sqlite:///{database}", scratch))
        postgres = _postgres()
        if postgres:
            server, name = postgres
            try:
                results.append(_run_child("postgresql", f"{server}/{name}", scratch))
            finally:
                import psycopg

                with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    ok = all(r is not None for r in results)
    header = (
        f"{'database':10} {'reports':>8} {'extract s':>9} {'children s':>10} {'import s':>9} "
        f"{'overhead':>8} {'all rounds':>11} {'cpu ovh':>8} {'create µs':>9} {'load':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in filter(None, results):
        for label, rounds in r["imports"].items():
            overheads = sorted(m["total_s"] / m["extraction_s"] - 1 for m in rounds)
            overhead = overheads[(len(overheads) - 1) // 2]  # the median round's
            m = next(m for m in rounds if m["total_s"] / m["extraction_s"] - 1 == overhead)
            passed = overhead <= IMPORT_OVERHEAD_TARGET
            ok &= passed
            cpu_overhead = m["import_cpu_s"] / m["extraction_cpu_s"] - 1
            spread = f"{overheads[0]:+.0%}…{overheads[-1]:+.0%}" if len(rounds) > 1 else "-"
            print(
                f"{r['vendor']:10} {label:>8} {m['extraction_s']:9.2f} {m['pool_s']:10.2f} "
                f"{m['total_s']:9.2f} {overhead:+8.1%} {spread:>11} {cpu_overhead:+8.1%} "
                f"{m['create_us']:9.0f} {m['load_average']:5.1f} "
                f"{'ok' if passed else 'BELOW TARGET'}"
            )
    print()
    header = f"{'database':10} {'search p50':>10} {'p95 officer':>11} {'p95 console':>11}"
    print(header)
    print("-" * len(header))
    for r in filter(None, results):
        p95 = max(r["officer_p95_ms"], r["console_p95_ms"])
        passed = p95 <= SEARCH_P95_TARGET_MS
        ok &= passed
        print(
            f"{r['vendor']:10} {r['officer_p50_ms']:8.1f}ms {r['officer_p95_ms']:9.1f}ms "
            f"{r['console_p95_ms']:9.1f}ms {'ok' if passed else 'BELOW TARGET'}"
        )
    print(
        f"targets: import ≤ extraction + {IMPORT_OVERHEAD_TARGET:.0%} ({DOCUMENTS} documents), "
        f"search p95 ≤ {SEARCH_P95_TARGET_MS:.0f} ms ({ENTRIES:,} entries). Each import row "
        "is the median of its rounds (extraction, then import, on new files each round); 'all "
        "rounds' the range of their overheads. 'children s' is "
        "the same files through the import's extraction children alone, nothing stored (the "
        "import's floor on this machine); 'cpu ovh' the import's CPU time (all processes "
        "but the database server) over extraction's; 'create µs' the cost of creating one "
        "small file where the archive keeps its originals, just before (the import creates "
        "one per document); "
        f"'load' the 1-minute load average while importing ({os.cpu_count()} cores): wall "
        "times on a busy machine say little"
    )
    print(json.dumps([r for r in results if r]))
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
    else:
        sys.exit(run())
