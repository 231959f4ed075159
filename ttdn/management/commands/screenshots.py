"""`ttdn screenshots`: pictures of the main screens as the demo people see them.

ttdn screenshots                       serve this database (holding `ttdn demo`) on a
                                       local port for the time of the run; the people
                                       are signed in without their passwords
ttdn screenshots --base-url URL --password PASS
                                       a running site: sign in through its login page
                                       with the password given to `ttdn demo --password`

It writes PNGs of each role's home dashboard and of the entry form, at 1366 and 390 px
wide, into docs/screenshots/ (docs/dashboard.md shows them). Debian's chromium through
Playwright, as the browser tests use.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ttdn.lib.periods import half_year_in_hand

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam

OUT = Path(settings.REPO_DIR) / "docs" / "screenshots"
WIDTHS = (1366, 390)
# Tall enough for a dashboard's first screens; a full page of a province's totals would
# be tens of thousands of pixels.
MAX_HEIGHT = 3000


@dataclass(frozen=True)
class Shot:
    name: str
    username: str
    path: str  # {period}: the half-year in hand


SHOTS = [
    Shot("home-officer", "canbo.quynhon", "/"),
    Shot("home-leader", "lanhdao.quynhon", "/"),
    Shot("home-consolidator", "tonghop.bdi", "/"),
    Shot("entry-form", "canbo.quynhon", "/data/BDI-QN/{period}/"),
    Shot("totals", "tonghop.bdi", "/data/BDI/{period}/totals/"),
]


class Command(BaseCommand):
    help = "Write PNGs of each role's dashboard and the entry form (1366 and 390 px)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", help="a running site to photograph (default: serve this database)"
        )
        parser.add_argument("--password", help="the demo people's password (with --base-url)")
        parser.add_argument("--out", default=str(OUT), help="folder for the PNGs")
        parser.add_argument(
            "--period", help="period id for the entry form and totals (default: in hand)"
        )
        parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")

    def handle(self, *args, **options) -> None:
        from django.utils import timezone

        if options["base_url"] and not options["password"]:
            raise CommandError("--base-url needs --password (the demo people's password).")
        if not Path(options["chromium"]).exists():
            raise CommandError(
                f"chromium not found at {options['chromium']}: apt-get install chromium"
            )
        period = options["period"] or half_year_in_hand(timezone.localdate()).id
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        if options["base_url"]:
            written = self._photograph(options, options["base_url"].rstrip("/"), period, out)
        else:
            self._require_demo_people()
            server = _serve()
            try:
                written = self._photograph(options, server.url, period, out)
            finally:
                server.stop()
        for path in written:
            self.stdout.write(f"{path} ({path.stat().st_size // 1024} KB)")

    def _require_demo_people(self) -> None:
        from django.contrib.auth import get_user_model

        wanted = {shot.username for shot in SHOTS}
        found = set(
            get_user_model().objects.filter(username__in=wanted).values_list("username", flat=True)
        )
        if wanted - found:
            raise CommandError(
                "This database lacks the demo people "
                f"({', '.join(sorted(wanted - found))}): load them with `ttdn demo`."
            )

    def _photograph(self, options, base: str, period: str, out: Path) -> list[Path]:
        from playwright.sync_api import sync_playwright

        people = list(dict.fromkeys(shot.username for shot in SHOTS))
        # Sessions are made before Playwright starts its event loop, in which Django
        # refuses database calls.
        cookies = {} if options["base_url"] else {u: _session_cookie(base, u) for u in people}
        written = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=options["chromium"], headless=True, args=["--no-sandbox"]
            )
            try:
                for username in people:
                    context = browser.new_context(locale="vi-VN")
                    page = context.new_page()
                    page.set_default_timeout(30_000)
                    if options["base_url"]:
                        _log_in(page, base, username, options["password"])
                    else:
                        context.add_cookies([cookies[username]])
                    for shot in (s for s in SHOTS if s.username == username):
                        for width in WIDTHS:
                            written.append(_shoot(page, base, shot, period, width, out))
                    context.close()
            finally:
                browser.close()
        return written


def _log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/accounts/login/" in page.url:
        raise CommandError(f"{username} could not sign in at {base} with that password.")


def _session_cookie(base: str, username: str) -> SetCookieParam:
    """A signed-in session for the person, made in this database (the local server)."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that signs people in (the first one only counts failed attempts).
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key or "", "url": base}


def _shoot(page, base: str, shot: Shot, period: str, width: int, out: Path) -> Path:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + shot.path.format(period=period))
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure.chart')].every(f => f.dataset.drawn)"
    )
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
    png = page.screenshot(clip={"x": 0, "y": 0, "width": width, "height": height}, full_page=True)
    path = out / f"{shot.name}-{width}.png"
    path.write_bytes(_smaller(png))
    return path


def _smaller(png: bytes) -> bytes:
    """The picture in 256 colours: a screen of text and flat colours loses nothing a
    reader sees, and the file is a third of the size."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        buffer, format="PNG", optimize=True
    )
    return buffer.getvalue()


class _Server:
    def __init__(self, thread) -> None:
        self.thread = thread
        self.url = f"http://{thread.host}:{thread.port}"

    def stop(self) -> None:
        self.thread.terminate()


def _serve() -> _Server:
    """This project on a free local port, in a thread, for the time of the run (the
    server the browser tests use, static files included)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise CommandError(f"could not start the local server: {thread.error}")
    return _Server(thread)
