"""Run the layout and content read-backs (check_nd30.py, check_report.py) on DOCX bytes."""

import contextlib
import io
import tempfile

from tests.tools import check_nd30


def read_back(tool, content: bytes, *args: str) -> tuple[int, str]:
    """(exit status, what the tool printed) for ``content`` read back by ``tool``."""
    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(content)
        handle.flush()
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            if tool is check_nd30:
                status = tool.main(handle.name)
            else:
                status = tool.main(["check_report.py", handle.name, *args])
    return status, printed.getvalue()
