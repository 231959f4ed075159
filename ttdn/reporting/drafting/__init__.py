"""A unit's BÁO CÁO drafted from what it recorded: plans and công văn issued (Công tác
chỉ đạo), activities and indicator values grouped as the provincial reports group them
(Kết quả), rises, falls and plan targets (Đánh giá), the next period's tasks
(Phương hướng), and — for a unit above others — the sections its units submitted,
merged into prose with subjects.

Rules, not a model: the same records always give the same text, nothing goes over the
network, and every line keeps the records it came from (``Source``), which the editor
shows beside it. The wording is in phrasebook.py and ttdn.lib.prose.
"""

from __future__ import annotations

from ttdn.reporting.drafting.drafter import Drafter, draft_for
from ttdn.reporting.drafting.records import (
    Basis,
    Draft,
    Line,
    Records,
    Source,
    default_consolidated_request,
    gather,
)
from ttdn.reporting.drafting.sentences import (
    activity_sentence,
    merge,
    plural_subject,
    split_sentences,
    subject_for,
    with_subject,
)

__all__ = [
    "Basis",
    "Draft",
    "Drafter",
    "Line",
    "Records",
    "Source",
    "activity_sentence",
    "default_consolidated_request",
    "draft_for",
    "gather",
    "merge",
    "plural_subject",
    "split_sentences",
    "subject_for",
    "with_subject",
]
