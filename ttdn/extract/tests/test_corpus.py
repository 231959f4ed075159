"""The extraction engine measured against the hand-labelled corpus.

Every document in ``tests/data/extract/corpus`` (txt, html, docx, pdf) is extracted with
``ttdn.extract.extract``, checked against the extract schema and scored with the shared
scorer (``tests/tools/score_extracts.py``) against ``corpus/expected/<stem>.json``. The
table printed by the last test shows, per document, which scalar fields are right and
the F of the set fields, then the unmatched and spurious facts (run pytest with ``-s``).
Set ``TTDN_CORPUS_OUT=DIR`` to keep the engine's extracts for inspection.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import jsonschema
import pytest

from ttdn.extract import extract

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "extract" / "corpus"
EXPECTED = CORPUS / "expected"
SCHEMA = json.loads((ROOT / "ttdn" / "extract" / "extract.schema.json").read_text("utf-8"))
FORMATS = {".txt": "txt", ".html": "html", ".docx": "docx", ".pdf": "pdf"}
MIN_OVERALL_F = 0.90

SCALARS = ("kind", "number", "issued_on", "title", "period", "signer")
SETS = ("references", "facts", "languages", "recipients")


def _load_scorer():
    path = ROOT / "tests" / "tools" / "score_extracts.py"
    spec = importlib.util.spec_from_file_location("score_extracts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in FORMATS)


def _validator():
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def _gold(path: Path) -> dict:
    return json.loads((EXPECTED / f"{path.stem}.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def extracts() -> dict[str, dict]:
    out_dir = os.environ.get("TTDN_CORPUS_OUT")
    results = {}
    for path in DOCUMENTS:
        results[path.name] = extract(path)
        if out_dir:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            target = Path(out_dir) / f"{path.stem}.json"
            target.write_text(json.dumps(results[path.name], ensure_ascii=False, indent=2))
    return results


def test_the_corpus_covers_every_format_at_least_three_times():
    counts = {fmt: 0 for fmt in FORMATS.values()}
    for path in DOCUMENTS:
        counts[FORMATS[path.suffix]] += 1
    assert len(DOCUMENTS) >= 12
    assert all(n >= 3 for n in counts.values()), counts


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_each_document_has_a_valid_expected_extract(path):
    gold = _gold(path)
    errors = [e.message for e in _validator().iter_errors(gold)]
    assert not errors, errors
    assert gold["source"]["filename"] == path.name
    assert gold["source"]["format"] == FORMATS[path.suffix]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_each_extract_is_valid_against_the_schema(extracts, path):
    result = extracts[path.name]
    errors = [f"{list(e.path)}: {e.message}" for e in _validator().iter_errors(result)]
    assert not errors, errors
    assert result["source"]["format"] == FORMATS[path.suffix]


def _mark(score: float) -> str:
    return "ok" if score == 1.0 else "--"


def score_table(extracts: dict[str, dict]) -> tuple[float, str]:
    """Score every document; return the overall F (as the scorer computes it) and a
    printable table with the misses."""
    rows, lines, misses = [], [], []
    header = f"{'document':44} " + " ".join(f"{k[:9]:>9}" for k in SCALARS + SETS) + "  facts"
    lines.append(header)
    for path in DOCUMENTS:
        gold, pred = _gold(path), extracts[path.name]
        score = scorer.score_doc(gold, pred)
        rows.append(score)
        cells = [f"{_mark(score[k]):>9}" for k in SCALARS]
        cells += [f"{score[k]:>9.2f}" for k in SETS]
        mean = sum(score[k] for k in SCALARS + SETS) / len(SCALARS + SETS)
        lines.append(
            f"{path.name[:44]:44} " + " ".join(cells) + f"  {score['_facts']}  F={mean:.3f}"
        )
        misses += _misses(path.name, gold, pred, score)
    keys = [k for k in rows[0] if not k.startswith("_")]
    means = {k: sum(r[k] for r in rows) / len(rows) for k in keys}
    overall = sum(means.values()) / len(means)
    lines.append("mean: " + " ".join(f"{k}={v:.3f}" for k, v in means.items()))
    lines.append(f"overall F={overall:.3f} over {len(rows)} documents")
    return overall, "\n".join(lines + misses)


def _misses(name: str, gold: dict, pred: dict, score: dict) -> list[str]:
    out = []
    for key in SCALARS:
        if score[key] < 1.0:
            if key == "signer":
                want, got = (
                    (gold.get("signer") or {}).get("name"),
                    (pred.get("signer") or {}).get("name"),
                )
            else:
                want, got = gold.get(key), pred.get(key)
            out.append(f"  {name}: {key} expected {want!r}, got {got!r}")
    pred_facts = pred.get("facts") or []
    for fact in gold.get("facts", []):
        if not any(scorer.fact_match(fact, p) for p in pred_facts):
            out.append(
                f"  {name}: missed fact {fact['value']} {fact['unit']!r} <- {fact['text']!r}"
            )
    for fact in pred_facts:
        if not any(scorer.fact_match(g, fact) for g in gold.get("facts", [])):
            out.append(
                f"  {name}: spurious fact {fact.get('value')} {fact.get('unit')!r}"
                f" <- {fact.get('text')!r}"
            )
    for key in ("references", "languages", "recipients"):
        if score[key] < 1.0:
            want = _set_view(key, gold.get(key) or [])
            got = _set_view(key, pred.get(key) or [])
            out.append(f"  {name}: {key} missing {sorted(want - got)}, extra {sorted(got - want)}")
    return out


def _set_view(key: str, items: list) -> set[str]:
    if key == "references":
        return {scorer.refnum(r.get("number")) for r in items}
    if key == "recipients":
        return {scorer.strip_marks(r) for r in items}
    return set(items)


def test_the_engine_scores_at_least_0_90_overall_on_the_corpus(extracts):
    overall, table = score_table(extracts)
    print("\n" + table)
    assert overall >= MIN_OVERALL_F, f"overall F={overall:.3f} < {MIN_OVERALL_F}\n{table}"
