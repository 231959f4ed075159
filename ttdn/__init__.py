"""TTĐN: recording, reporting and consolidating external-information work
(công tác thông tin đối ngoại) for Vietnamese public bodies."""

__version__ = "0.1.0"
