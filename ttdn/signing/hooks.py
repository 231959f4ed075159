"""What the signing app hands the lower apps (ttdn.signing.apps): the archive's check of
stored PDFs, reporting's signing of an issued report and its check of a công văn.

Each imports the signing services, and with them pyHanko, only when it is first called,
so a command or a page that signs nothing does not load them."""

from __future__ import annotations


def check_stored_documents(documents) -> None:
    from ttdn.signing import services

    services.check_stored_documents(documents)


def sign_as(issued, username, ask):
    from ttdn.signing import services

    return services.sign_as(issued, username, ask)


def check_attachment_pdf(data: bytes) -> tuple[str, str]:
    from ttdn.signing import services

    return services.check_attachment_pdf(data)
