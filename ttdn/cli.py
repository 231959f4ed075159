"""The `ttdn` command: every Django management command plus the project's own.

`ttdn extract` runs without Django settings or a database, so it works on any machine
where the package is installed.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "extract":
        from ttdn.extract.cli import main as extract_main

        return extract_main(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
