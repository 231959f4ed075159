"""The BÁO CÁO at national scale (`make bench`).

For the whole country and a median province, one six-month period, on SQLite and
PostgreSQL with the national data set:

- drafting the report from the records (consolidation, figures, sentences);
- DOCX + XLSX of the drafted report, built once (target ≤ 1 s), against a reference
  measured in the same run: python-docx and openpyxl writing the same paragraphs and
  cells with no layout at all (the floor of any writer using these libraries);
- the PDF through a LibreOffice kept running (`ttdn pdfserver`, target ≤ 1 s), against a
  LibreOffice started for the conversion (what it costs without the converter);
- `ttdn report` for the country from process start, PDF included, with the converter
  running (target ≤ 4 s).
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time

from bench.common import ROOT, backends, child, ensure_national, env_for, setup_django, table

PERIOD = "2025S1"
TARGETS = {"docs_ms": 1000, "pdf_ms": 1000, "command_s": 4.0}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _floor(report) -> float:
    """Milliseconds for python-docx and openpyxl to write the report's text and cells with
    no letterhead, styles or layout: the reference."""
    import docx
    from openpyxl import Workbook

    from ttdn.officedocs import Paragraph, Table

    started = time.perf_counter()
    document = docx.Document()
    for block in report.blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
    workbook = Workbook()
    sheet = workbook.active
    for appendix in report.appendices:
        for block in appendix.blocks:
            if isinstance(block, Table):
                grid = document.add_table(rows=len(block.rows) + 1, cols=len(block.headers))
                for row, values in zip(grid.rows[1:], block.rows, strict=True):
                    for cell, value in zip(row.cells, values, strict=False):
                        cell.text = "" if value is None else str(value)
                for values in block.rows:
                    sheet.append([str(v) if v is not None else None for v in values])
    document.save(io.BytesIO())
    workbook.save(io.BytesIO())
    return (time.perf_counter() - started) * 1000


def measure(url: str, pdf_server: str) -> dict:
    setup_django(url)
    from ttdn import officedocs
    from ttdn.lib.periods import parse_period_id
    from ttdn.orgunits.models import OrgUnit
    from ttdn.reporting.documents import consolidated_report, render_files

    period = parse_period_id(PERIOD)
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("-child_count").first()
    provinces = list(
        OrgUnit.objects.filter(kind="province", valid_to__isnull=True).order_by("child_count")
    )
    province = provinces[len(provinces) // 2]
    results = {}
    for label, unit in (("country", root), ("province", province)):
        drafts, docs, floors = [], [], []
        for _ in range(5):
            started = time.perf_counter()
            report, _draft = consolidated_report(unit, period)
            drafted = time.perf_counter()
            files = render_files(report, ("docx", "xlsx"))
            docs.append((time.perf_counter() - drafted) * 1000)
            drafts.append((drafted - started) * 1000)
            floors.append(_floor(report))
        pdf_ms = cold_ms = None
        if officedocs.pdf_available()[0]:
            served = []
            for _ in range(5):
                started = time.perf_counter()
                officedocs.docx_to_pdf(files["docx"], server=pdf_server)
                served.append((time.perf_counter() - started) * 1000)
            pdf_ms = _median(served)
            started = time.perf_counter()
            officedocs.docx_to_pdf(files["docx"])
            cold_ms = (time.perf_counter() - started) * 1000
        results[label] = {
            "unit": unit.name,
            "children": unit.child_count,
            "draft_ms": round(_median(drafts)),
            "docs_ms": round(_median(docs)),
            "floor_ms": round(_median(floors)),
            "pdf_ms": round(pdf_ms) if pdf_ms else None,
            "cold_pdf_ms": round(cold_ms) if cold_ms else None,
            "docx_kb": len(files["docx"]) // 1024,
            "xlsx_kb": len(files["xlsx"]) // 1024,
        }
    return results


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_converter(url: str) -> tuple[subprocess.Popen, str] | None:
    from ttdn.officedocs.pdf import convert_with_server, find_soffice

    if not find_soffice():
        return None
    bind = f"127.0.0.1:{_free_port()}"
    process = subprocess.Popen(
        [sys.executable, "-m", "ttdn.cli", "pdfserver", "--bind", bind],
        env=env_for(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            convert_with_server(_tiny_docx(), bind, timeout=30)
            return process, bind
        except OSError:
            time.sleep(0.5)
    process.terminate()
    return None


def _tiny_docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("TTĐN")
    document.save(buffer)
    return buffer.getvalue()


def command_seconds(url: str, bind: str | None, code: str) -> float:
    """Wall time of `ttdn report` for one unit from process start, PDF included."""
    env = {**env_for(url), **({"TTDN_PDF_SERVER": bind} if bind else {})}
    out = ROOT / "bench-out" / "report-command"
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ttdn.cli", "report", "--unit", code, "--period", PERIOD,
             "--out", str(out)],
            env=env, check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        runs.append(time.perf_counter() - started)
    return _median(runs)


def _verdict(label: str, result: dict) -> str:
    """The targets are the national report's; a province's figures are reported."""
    if label != "country":
        return "reported"
    met = result["docs_ms"] <= TARGETS["docs_ms"] and (
        result["pdf_ms"] is None or result["pdf_ms"] <= TARGETS["pdf_ms"]
    )
    return "met" if met else "NOT met"


def run() -> int:
    rows, commands = [], []
    for name, url in backends():
        ensure_national(url)
        converter = start_converter(url)
        bind = converter[1] if converter else ""
        try:
            result = child("bench.report_bench", url, bind)
            root_code = (
                subprocess.run(
                    [sys.executable, "-m", "ttdn.cli", "shell", "-c",
                     "from ttdn.orgunits.models import OrgUnit; print(OrgUnit.objects."
                     "filter(parent__isnull=True).order_by('-child_count').first().code)"],
                    env=env_for(url), capture_output=True, text=True, check=True,
                ).stdout.strip().splitlines()[-1]
            )  # fmt: skip
            commands.append([name, round(command_seconds(url, bind or None, root_code), 2)])
        finally:
            if converter:
                converter[0].terminate()
                converter[0].wait(timeout=60)
        for label, r in result.items():
            rows.append(
                [
                    name,
                    f"{label} ({r['unit']}, {r['children']} children)",
                    r["draft_ms"],
                    r["docs_ms"],
                    r["floor_ms"],
                    f"{r['docs_ms'] / max(r['floor_ms'], 1):.1f}×",
                    r["pdf_ms"] if r["pdf_ms"] is not None else "no LibreOffice",
                    r["cold_pdf_ms"] if r["cold_pdf_ms"] is not None else "",
                    _verdict(label, r),
                ]
            )
    print(
        table(
            [
                "database",
                "report",
                "draft ms",
                "DOCX+XLSX ms",
                "floor ms",
                "ratio",
                "PDF ms (converter)",
                "PDF ms (fresh LibreOffice)",
                "targets",
            ],
            rows,
        )
    )
    print(table(["database", "ttdn report, country, PDF included (s)"], commands))
    print(
        "targets (the country's report): DOCX + XLSX ≤ 1,000 ms; PDF ≤ 1,000 ms with the "
        "converter running; ttdn report for the country ≤ 4 s from process start. floor = python-docx and "
        "openpyxl writing the same text and cells without layout, in the same run."
    )
    met = all(c[1] <= TARGETS["command_s"] for c in commands) and all(
        r[-1] != "NOT met" for r in rows
    )
    return 0 if met else 1


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")))
    else:
        os.chdir(ROOT)
        sys.exit(run())
