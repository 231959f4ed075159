"""Consolidation and the official report at national scale (`make bench`).

For one median province and the whole country, one six-month period: building the
consolidated tables (target ≤ 200 ms), writing DOCX + XLSX (target ≤ 2 s) and the PDF
through LibreOffice (reported), on SQLite and PostgreSQL with the national data set.
"""

from __future__ import annotations

import json
import sys
import time

from bench.common import backends, child, ensure_national, setup_django, table, timed

PERIOD = "2025S1"


def measure(url: str) -> dict:
    setup_django(url)
    from ttdn import officedocs
    from ttdn.lib.periods import parse_period_id
    from ttdn.orgunits.models import OrgUnit
    from ttdn.reporting.documents import consolidated_report, render

    period = parse_period_id(PERIOD)
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("-child_count").first()
    provinces = list(
        OrgUnit.objects.filter(kind="province", valid_to__isnull=True).order_by("child_count")
    )
    province = provinces[len(provinces) // 2]
    results = {}
    for label, unit in (("country", root), ("province", province)):
        tables = timed(lambda unit=unit: consolidated_report(unit, period), repeat=10)
        report, _ = consolidated_report(unit, period)
        started = time.perf_counter()
        docx = render(report, "docx")
        xlsx = render(report, "xlsx")
        documents_ms = (time.perf_counter() - started) * 1000
        pdf_ms = None
        if officedocs.pdf_available()[0]:
            started = time.perf_counter()
            officedocs.docx_to_pdf(docx)
            pdf_ms = (time.perf_counter() - started) * 1000
        results[label] = {
            "unit": unit.name,
            "children": unit.child_count,
            **tables,
            "docx_xlsx_ms": round(documents_ms),
            "pdf_ms": round(pdf_ms) if pdf_ms else None,
            "docx_kb": len(docx) // 1024,
            "xlsx_kb": len(xlsx) // 1024,
        }
    return results


def run() -> int:
    rows = []
    for name, url in backends():
        ensure_national(url)
        result = child("bench.report_bench", url)
        for label, r in result.items():
            rows.append(
                [
                    name,
                    f"{label} ({r['unit']}, {r['children']} children)",
                    r["median_ms"],
                    r["p95_ms"],
                    r["docx_xlsx_ms"],
                    r["pdf_ms"] if r["pdf_ms"] is not None else "no LibreOffice",
                ]
            )
    print(
        table(
            [
                "database",
                "consolidation",
                "tables median ms",
                "tables p95 ms",
                "DOCX+XLSX ms",
                "PDF ms",
            ],
            rows,
        )
    )
    print("targets: tables ≤ 200 ms, DOCX + XLSX ≤ 2,000 ms; PDF reported")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2])))
    else:
        sys.exit(run())
