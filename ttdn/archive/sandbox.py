"""The import worker's extraction child: ``ttdn.extract.sandbox`` with the marking and
search text of each file made in the child too, so the worker stores without reading
the text again.

No Django here: ``python -m ttdn.archive.sandbox MEMORY_MB`` must start fast and must
not touch the database.
"""

from __future__ import annotations

import sys
from typing import Any

from ttdn.extract import sandbox as _base
from ttdn.extract.sandbox import MEMORY_MB, TIMEOUT_SECONDS, Outcome

__all__ = ["MEMORY_MB", "TIMEOUT_SECONDS", "Outcome", "Sandbox"]


def _handle(request: dict[str, Any]) -> dict[str, Any]:
    from ttdn.extract.engine import build
    from ttdn.extract.marking import document_marking
    from ttdn.extract.readers import read
    from ttdn.search.text import folded_search_body

    result = read(request["path"])
    marking = document_marking(result)
    if marking:  # nothing of a classified document leaves the child but its marking
        return {"extract": {}, "text": "", "marking": marking}
    data = build(result, filename=request["filename"], sha256=request["sha256"])
    text = result.text
    if result.footnotes:
        text += "\n\n" + "\n".join(result.footnotes)
    return {
        "extract": data,
        "text": text,
        "marking": "",
        "body_folded": folded_search_body(text),
    }


class Sandbox(_base.Sandbox):
    child_module = "ttdn.archive.sandbox"


if __name__ == "__main__":
    _base.serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0, _handle)
