"""Settings fail closed: debug mode and the development key only when asked for, a clean
`check --deploy` with the production environment of docs/deployment.md, and sessions
that end after an idle hour. Only settings.py reads the environment, a bad value stops
the start-up with its name, and every variable is documented."""

import ast
import re
import secrets
from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ttdn.extract.sandbox import MEMORY_MB, TIMEOUT_SECONDS
from ttdn.testing import TreeTestCase, run_django

ROOT = Path(__file__).resolve().parents[1]


def documented_production_environment() -> dict[str, str]:
    """The `export NAME=value ...` lines of docs/deployment.md's set-up."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    env = {}
    for line in re.findall(r"^export (.+)$", text, re.MULTILINE):
        env.update(item.split("=", 1) for item in line.split())
    assert {"TTDN_DEBUG", "TTDN_SECRET_KEY", "TTDN_PROXY_COUNT"} <= set(env), env
    return env


def test_without_a_secret_key_and_debug_mode_the_site_refuses_to_start(tmp_path):
    result = run_django(tmp_path, "print('started')")
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured: TTDN_SECRET_KEY is not set" in result.stderr


def test_debug_mode_is_off_unless_asked_for(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG)"
    assert run_django(tmp_path, code, TTDN_SECRET_KEY="x" * 50).stdout.strip() == "False"
    assert run_django(tmp_path, code, TTDN_DEBUG="true").stdout.strip() == "True"


def test_a_number_setting_that_is_not_a_number_stops_the_start_up(tmp_path):
    result = run_django(tmp_path, "", TTDN_DEBUG="true", TTDN_SESSION_IDLE_MINUTES="một giờ")
    assert result.returncode != 0
    assert "TTDN_SESSION_IDLE_MINUTES must be a whole number, not 'một giờ'" in result.stderr
    result = run_django(tmp_path, "", TTDN_DEBUG="true", TTDN_LOGIN_FAILURE_LIMIT="5 lần")
    assert "TTDN_LOGIN_FAILURE_LIMIT must be a whole number, not '5 lần'" in result.stderr


def test_a_signing_font_that_does_not_exist_stops_the_start_up(tmp_path):
    result = run_django(tmp_path, "", TTDN_DEBUG="true", TTDN_SIGNING_FONT="/khong/co.ttf")
    assert result.returncode != 0
    assert "TTDN_SIGNING_FONT: no file /khong/co.ttf" in result.stderr


def test_the_documented_production_settings_pass_check_deploy(tmp_path):
    env = documented_production_environment()
    env["TTDN_SECRET_KEY"] = secrets.token_urlsafe(50)  # the docs show "..."
    env["TTDN_DATA_DIR"] = str(tmp_path)  # not /var/lib/ttdn on the test machine
    result = run_django(
        tmp_path,
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        **env,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_the_production_settings_send_hsts_and_secure_cookies_behind_the_proxy(tmp_path):
    env = documented_production_environment()
    env.update(TTDN_SECRET_KEY=secrets.token_urlsafe(50), TTDN_DATA_DIR=str(tmp_path))
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_AGE)"
    )
    printed = run_django(tmp_path, code, **env).stdout.strip()
    assert printed == "31536000 True True True ('HTTP_X_FORWARDED_PROTO', 'https') 3600"


class SessionIdleTests(TreeTestCase):
    def at(self, minutes: int):
        return mock.patch(
            "django.utils.timezone.now", return_value=self.start + timedelta(minutes=minutes)
        )

    def test_a_session_ends_after_an_idle_hour_and_each_request_extends_it(self):
        self.start = timezone.now()
        with self.at(0):
            self.client.force_login(self.officer)
        with self.at(50):
            self.assertEqual(self.client.get(reverse("home")).status_code, 200)
        with self.at(100):  # past the first hour, but only 50 minutes idle
            self.assertEqual(self.client.get(reverse("home")).status_code, 200)
        with self.at(161):  # 61 minutes idle
            response = self.client.get(reverse("home"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])


def non_test_modules() -> list[Path]:
    return [
        path
        for path in sorted((ROOT / "ttdn").rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT / "ttdn").parts)
    ]


def environment_reads(path: Path) -> list[int]:
    """Lines of ``path`` that read a variable: os.environ.get(), os.getenv(),
    os.environ[...] as a value. Copying the whole environment for a child process, or
    setting a variable, is no read."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        source = ast.unparse(node)
        if isinstance(node, ast.Call) and source.startswith(("os.environ.get(", "os.getenv(")):
            lines.append(node.lineno)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and ast.unparse(node.value) == "os.environ"
        ):
            lines.append(node.lineno)
    return lines


def test_only_the_settings_read_the_environment():
    reads = {
        str(path.relative_to(ROOT)): lines
        for path in non_test_modules()
        if (lines := environment_reads(path))
    }
    assert reads == {"ttdn/settings.py": reads["ttdn/settings.py"]}


def test_every_variable_the_code_reads_is_documented():
    """Every TTDN_ name in the code (settings, commands, docstrings telling people which
    variable to set), and DATABASE_URL, is in docs/configuration.md and .env.example."""
    names = {"DATABASE_URL"}
    for path in [*non_test_modules(), ROOT / "Makefile"]:
        names |= set(re.findall(r"\bTTDN_[A-Z0-9_]*[A-Z0-9]", path.read_text(encoding="utf-8")))
    assert {"TTDN_PROXY_COUNT", "TTDN_BIND", "TTDN_JOB_TURN_SECONDS"} <= names
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert sorted(name for name in names if f"`{name}`" not in docs) == []
    assert sorted(name for name in names if f"# {name}=" not in example) == []


def test_the_archive_and_serve_settings_have_the_documented_defaults(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.ARCHIVE_ROOT == s.DATA_DIR / 'archive', s.IMPORT_MAX_FILE_MB, "
        "s.IMPORT_MEMORY_MB, s.IMPORT_TIMEOUT_SECONDS, s.JOB_STALE_SECONDS, "
        "s.JOB_TURN_SECONDS, s.SERVE_BIND, s.SERVE_THREADS, repr(s.SERVE_ACCESS_LOG))"
    )
    printed = run_django(tmp_path, code, TTDN_DEBUG="true").stdout.split()
    assert printed == ["True", "50", "1024", "120", "120", "10", "127.0.0.1:8000", "1", "''"]
    # The import worker's children get the same limits as `ttdn extract` by default.
    assert (MEMORY_MB, TIMEOUT_SECONDS) == (1024, 120)


def test_a_bad_archive_or_serve_value_stops_the_start_up_with_its_name(tmp_path):
    for name, value, message in [
        ("TTDN_JOB_TURN_SECONDS", "mười", "must be a number, not 'mười'"),
        ("TTDN_IMPORT_PROCESSES", "0", "must be more than 0, not 0"),
        ("TTDN_IMPORT_MAX_FILE_MB", "50MB", "must be a number, not '50MB'"),
        ("TTDN_THREADS", "0", "must be at least 1, not 0"),
        ("TTDN_SECURE_COOKIES", "có", "must be true or false, not 'có'"),
    ]:
        result = run_django(tmp_path, "print('started')", TTDN_DEBUG="true", **{name: value})
        assert result.returncode != 0, name
        assert "started" not in result.stdout
        assert f"ImproperlyConfigured: {name} {message}" in result.stderr


def test_the_archive_reads_its_settings(tmp_path):
    code = (
        "from ttdn.archive import intake, storage, worker; "
        "print(storage.archive_root(), intake.max_file_bytes(), worker.turn_seconds(), "
        "worker.stale_after().total_seconds())"
    )
    env = {
        "TTDN_DEBUG": "true",
        "TTDN_ARCHIVE_ROOT": str(tmp_path / "kho"),
        "TTDN_IMPORT_MAX_FILE_MB": "1.5",
        "TTDN_JOB_TURN_SECONDS": "2.5",
        "TTDN_JOB_STALE_SECONDS": "30",
    }
    printed = run_django(tmp_path, code, **env).stdout.split()
    assert printed == [str(tmp_path / "kho"), str(int(1.5 * 1024 * 1024)), "2.5", "30.0"]
