"""What each app indexes. An app describes its searchable objects in its own
``search.py`` with a ``SearchIndex`` subclass and ``@register``; this app finds those
modules when Django starts (``discover``), keeps the entries in step with saves and
deletes (``ttdn.search.signals``) and rebuilds them on demand — so it imports no other
app's models, and a new register adds one ``search.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any, ClassVar

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class Entry:
    """What a search entry says of one object. ``url``: the page that shows it, or ""
    for ``SearchIndex.link`` to make it when a hit is shown (reversing a URL for each of
    many objects slows bulk indexing). ``body_folded``: the folded body when it is
    already made (``ttdn.search.text.folded_search_body``)."""

    unit_id: int
    title: str
    body: str
    period: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    topics: Sequence[str] = ()
    url: str = ""
    body_folded: str = ""


class SearchIndex:
    """One kind of searchable object. Subclasses set the class attributes and ``entry``."""

    kind: ClassVar[str]  # stored in SearchEntry.kind (at most 10 characters)
    label: ClassVar[str | Promise]
    model: ClassVar[type[models.Model]]
    # Where the kind comes in the kind filter and the API's list of kinds.
    order: ClassVar[int] = 100
    # Index on every save and delete of the model (signals). False for objects whose
    # app indexes them itself at the moments that matter.
    follow_saves: ClassVar[bool] = True

    def entry(self, obj: Any) -> Entry | None:
        """The object's entry, or None when it has nothing to find (then it is removed)."""
        raise NotImplementedError

    def queryset(self) -> models.QuerySet:
        """The objects a rebuild indexes."""
        return self.model._default_manager.all()

    def link(self, object_id: int) -> str:
        """The page of an object whose entry was stored without a URL."""
        return ""


_indexes: dict[str, SearchIndex] = {}


def register(cls: type[SearchIndex]) -> type[SearchIndex]:
    """Class decorator: index ``cls.model`` under ``cls.kind``."""
    if len(cls.kind) > 10:
        raise ValueError(f"search kind {cls.kind!r} is longer than 10 characters")
    existing = _indexes.get(cls.kind)
    if existing is not None and type(existing) is not cls:
        raise ValueError(f"search kind {cls.kind!r} is registered twice")
    _indexes[cls.kind] = cls()
    return cls


def discover() -> None:
    """Import the ``search`` module of every installed app that has one."""
    for config in apps.get_app_configs():
        if config.name.startswith("ttdn.") and module_has_submodule(config.module, "search"):
            import_module(f"{config.name}.search")


def indexes() -> list[SearchIndex]:
    return sorted(_indexes.values(), key=lambda index: index.order)


def get(kind: str) -> SearchIndex:
    return _indexes[kind]


def kinds() -> list[str]:
    return [index.kind for index in indexes()]


def choices() -> list[tuple[str, str | Promise]]:
    """(kind, label) of every registered kind: SearchEntry.kind's choices."""
    return [(index.kind, index.label) for index in indexes()]
