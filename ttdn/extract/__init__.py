"""The extraction engine: any report or article file → a structured extract.

No Django import here or below: the engine runs from the command line on any machine
(``ttdn extract FILE... --out DIR``) and inside the web app's import jobs alike.

    from ttdn.extract import extract
    data = extract("bao-cao-2022.docx")   # dict valid against extract.schema.json
"""

from ttdn.extract.engine import extract
from ttdn.extract.errors import (
    ConversionError,
    CorruptFile,
    ExtractError,
    NoTextLayer,
    UnsafeFile,
    UnsupportedFormat,
)

__all__ = [
    "ConversionError",
    "CorruptFile",
    "ExtractError",
    "NoTextLayer",
    "UnsafeFile",
    "UnsupportedFormat",
    "extract",
]
