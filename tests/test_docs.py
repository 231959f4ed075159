"""The docs cannot fall behind the code: every `ttdn` command is in the README's command
table, every model in docs/model.md, and every file a docstring or doc names exists.
(Every setting is in docs/configuration.md and .env.example: tests/test_settings.py.)"""

import re
from pathlib import Path

from django.apps import apps
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]


def project_commands() -> set[str]:
    """Management commands of TTĐN's own apps, and `extract` (run without Django)."""
    return {name for name, app in get_commands().items() if app.startswith("ttdn")} | {"extract"}


def readme_table_commands() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `ttdn ([a-z_-]+)", readme, re.MULTILINE))


def test_every_ttdn_command_is_in_the_readme_table():
    commands = project_commands()
    assert {"serve", "backup", "restore", "import", "search", "worker", "extract"} <= commands
    assert sorted(commands - readme_table_commands()) == []


def test_the_readme_table_names_no_command_that_does_not_exist():
    assert sorted(readme_table_commands() - project_commands()) == []


def test_every_model_is_described_in_the_model_doc():
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    models = [
        model.__name__
        for config in apps.get_app_configs()
        if config.name.startswith("ttdn")
        for model in config.get_models()
    ]
    assert {"OrgUnit", "Submission", "Document", "SearchEntry", "ApiToken"} <= set(models)
    assert sorted(name for name in models if f"**{name}**" not in text) == []


# A path to a file of the repository as docstrings and docs write it: a folder of the
# repository, then names, then an extension.
CITED = re.compile(
    r"(?<![\w/.-])((?:ttdn|docs|tests|bench)/[\w./-]*\.(?:py|md|json|csv|html|txt))\b"
    r"|(?<![\w/.-])([A-Z][A-Z_]+\.md)\b"
)


def cited_files(text: str) -> set[str]:
    return {match.group(1) or match.group(2) for match in CITED.finditer(text)}


def test_cited_files_are_found_by_the_pattern():
    text = "see docs/archive.md, ttdn/lib/textfold.py and DEPENDENCIES.md (not x/docs/y.md)"
    assert cited_files(text) == {"docs/archive.md", "ttdn/lib/textfold.py", "DEPENDENCIES.md"}


def test_every_file_the_code_and_docs_cite_exists():
    sources = [
        *sorted((ROOT / "ttdn").rglob("*.py")),
        *sorted((ROOT / "docs").glob("*.md")),
        ROOT / "README.md",
    ]
    missing = []
    for path in sources:
        for cited in sorted(cited_files(path.read_text(encoding="utf-8"))):
            if not (ROOT / cited).exists():
                missing.append(f"{path.relative_to(ROOT)}: {cited}")
    assert missing == []


def test_no_docstring_points_at_a_numbered_trap_instead_of_saying_what_it_is():
    pattern = re.compile(r"\btrap \d+\b", re.IGNORECASE)
    sources = [*sorted((ROOT / "ttdn").rglob("*.py")), *sorted((ROOT / "docs").glob("*.md"))]
    found = [
        str(path.relative_to(ROOT))
        for path in sources
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
