#!/usr/bin/env python3
"""Score predicted extracts against gold extracts (rules: samples/LABELING.md).

usage: score_extracts.py EXPECTED_DIR PRED_DIR [--verbose]
Each gold/<stem>.json is compared with pred/<stem>.json (missing = empty prediction).
Prints one line per document and field, then the macro means, last line:
  overall F=<mean of field scores over all documents>
"""

import json
import re
import sys
import unicodedata
from pathlib import Path


def fold(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s))
    return re.sub(r"\s+", " ", s).strip()


def strip_marks(s):
    s = unicodedata.normalize("NFD", fold(s).replace("*", "").casefold())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d")


def f1(gold, pred, match):
    gold, pred = list(gold), list(pred)
    if not gold and not pred:
        return 1.0, 0, 0, 0
    used = [False] * len(gold)
    tp = 0
    for p in pred:
        for i, g in enumerate(gold):
            if not used[i] and match(g, p):
                used[i] = True
                tp += 1
                break
    prec = tp / len(pred) if pred else 0.0
    rec = tp / len(gold) if gold else 0.0
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return f, tp, len(gold), len(pred)


def unit_match(a, b):
    a, b = strip_marks(a or ""), strip_marks(b or "")
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def fact_match(g, p):
    try:
        gv, pv = float(g["value"]), float(p["value"])
    except (KeyError, TypeError, ValueError):
        return False
    same = gv == pv or abs(gv - pv) <= 1e-9 * max(abs(gv), abs(pv))
    return same and unit_match(g.get("unit"), p.get("unit"))


def refnum(s):
    return re.sub(r"\s+", "", fold(s or "")).casefold()


def score_doc(gold, pred):
    out = {}
    for key in ("kind", "number", "issued_on"):
        out[key] = 1.0 if fold(gold.get(key)) == fold(pred.get(key)) else 0.0
    gt, pt = gold.get("title"), pred.get("title")
    out["title"] = (
        1.0
        if (gt is None and pt is None) or (gt and pt and strip_marks(gt) == strip_marks(pt))
        else 0.0
    )
    gp, pp = gold.get("period"), pred.get("period")
    if gp is None or pp is None:
        out["period"] = 1.0 if gp is None and pp is None else 0.0
    else:
        out["period"] = (
            1.0 if (gp.get("start"), gp.get("end")) == (pp.get("start"), pp.get("end")) else 0.0
        )
    g_sig = (gold.get("signer") or {}).get("name")
    p_sig = (pred.get("signer") or {}).get("name")
    out["signer"] = 1.0 if fold(g_sig) == fold(p_sig) else 0.0
    out["references"] = f1(
        {refnum(r["number"]) for r in gold.get("references", [])},
        {refnum(r.get("number")) for r in pred.get("references", []) or []},
        lambda a, b: a == b,
    )[0]
    out["facts"], tp, ng, npred = f1(gold.get("facts", []), pred.get("facts", []) or [], fact_match)
    out["_facts"] = f"{tp}/{ng} gold matched, {npred} predicted"
    out["languages"] = f1(
        set(gold.get("languages", [])), set(pred.get("languages", []) or []), lambda a, b: a == b
    )[0]
    out["recipients"] = f1(
        [strip_marks(r) for r in gold.get("recipients", [])],
        [strip_marks(r) for r in pred.get("recipients", []) or []],
        lambda a, b: a.startswith(b) or b.startswith(a),
    )[0]
    return out


def main(argv):
    gold_dir, pred_dir = Path(argv[1]), Path(argv[2])
    verbose = "--verbose" in argv
    rows = []
    for g in sorted(gold_dir.glob("*.json")):
        gold = json.loads(g.read_text())
        pf = pred_dir / g.name
        pred = json.loads(pf.read_text()) if pf.exists() else {}
        s = score_doc(gold, pred)
        rows.append(s)
        fields = {k: v for k, v in s.items() if not k.startswith("_")}
        print(
            f"{g.stem}: "
            + " ".join(f"{k}={v:.2f}" for k, v in fields.items())
            + f"  facts: {s['_facts']}"
        )
        if verbose and pf.exists():
            unmatched = [
                x
                for x in gold.get("facts", [])
                if not any(fact_match(x, p) for p in pred.get("facts", []) or [])
            ]
            for x in unmatched:
                print(f"   missed: {x.get('value')} {x.get('unit')!r}  <- {x.get('text')!r}")
            spurious = [
                p
                for p in pred.get("facts", []) or []
                if not any(fact_match(x, p) for x in gold.get("facts", []))
            ]
            for p in spurious:
                print(f"   spurious: {p.get('value')} {p.get('unit')!r}  <- {p.get('text')!r}")
    if not rows:
        print("overall F=0.000 (no gold)")
        return 1
    keys = [k for k in rows[0] if not k.startswith("_")]
    means = {k: sum(r[k] for r in rows) / len(rows) for k in keys}
    print("mean: " + " ".join(f"{k}={v:.3f}" for k, v in means.items()))
    print(f"overall F={sum(means.values()) / len(means):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
