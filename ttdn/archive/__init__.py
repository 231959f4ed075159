"""The archive (kho tài liệu): a unit's old reports imported into reviewed data, and one
search over documents, activities and report narratives.

Nothing here is imported by the extraction sandbox except ``sandbox``, which must stay
free of Django.
"""
