"""The archive (kho tài liệu): a unit's old reports imported into reviewed data, and
searchable (``search.py`` registers documents with ``ttdn.search``).

Nothing here is imported by the extraction sandbox except ``sandbox``, which must stay
free of Django.
"""
