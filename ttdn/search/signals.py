"""Keep the index in step with every registered model that asks for it, wherever its
objects are saved (pages, API, admin, demo data): the apps that own them need not know
this one exists."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from ttdn.search import registry, services


def _saved(kind: str):
    def handler(sender, instance, raw: bool = False, **kwargs) -> None:
        if not raw:  # loaddata: rows as they were, the entries come with them
            services.index(kind, instance)

    return handler


def _deleted(kind: str):
    def handler(sender, instance, **kwargs) -> None:
        services.remove(kind, instance.pk)

    return handler


def connect() -> None:
    for index in registry.indexes():
        if not index.follow_saves:
            continue
        post_save.connect(
            _saved(index.kind),
            sender=index.model,
            weak=False,
            dispatch_uid=f"search_{index.kind}_saved",
        )
        post_delete.connect(
            _deleted(index.kind),
            sender=index.model,
            weak=False,
            dispatch_uid=f"search_{index.kind}_deleted",
        )
