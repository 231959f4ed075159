"""Run every benchmark module in this folder: each ``*_bench.py`` exposes ``run()``.

python -m bench            # all
python -m bench extract    # only modules whose name contains "extract"
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    names = sorted(p.stem for p in Path(__file__).parent.glob("*_bench.py"))
    failed = 0
    for name in names:
        if wanted and not any(w in name for w in wanted):
            continue
        print(f"== bench.{name}", flush=True)
        module = importlib.import_module(f"bench.{name}")
        result = module.run()
        if result not in (None, 0, True):
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
