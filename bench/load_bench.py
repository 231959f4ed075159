"""The site under load (`make bench`): `ttdn serve` on 127.0.0.1 with the national data
set, 200 simulated officers each acting every 4 s — an open-loop rate of 50 requests/s —
over the home page, their unit's totals page and the entry form with saves.

Reports p50/p95/p99 per page, errors, and lost writes (every value posted must be in the
database and in the subtree sums afterwards: `ttdn rollup verify`). Then, per page, the
saturation throughput: the highest open-loop rate whose p95 stays within 100 ms. The
load generator shares the machine's cores with the server, so saturation figures are a
lower bound. All traffic stays on the loopback interface; every loop is bounded.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import (
    backends,
    child,
    ensure_national,
    env_for,
    percentile,
    setup_django,
    table,
    ttdn,
)

OFFICERS = 200
RATE = 50.0
DURATION = 60.0
STEP_SECONDS = 8.0
STEP_RATES = [25, 50, 75, 100, 150, 200, 300]
PERIOD = "2025S2"
FIELD = re.compile(r'name="(v__[^"]+)" value="([^"]*)"')


def prepare(url: str) -> dict:
    """Officer accounts with ready sessions (no password hashing in the loop)."""
    setup_django(url)
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from ttdn.accounts.models import Membership, Role
    from ttdn.orgunits.models import OrgUnit

    User = get_user_model()
    communes = list(
        OrgUnit.objects.filter(kind="commune", child_count=0, valid_to__isnull=True).order_by(
            "path"
        )[:OFFICERS]
    )
    people = []
    for index, commune in enumerate(communes):
        user, created = User.objects.get_or_create(username=f"tai.{index:03d}")
        if created:
            user.set_unusable_password()
            user.save()
            Membership.objects.create(user=user, unit=commune, role=Role.OFFICER)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append(
            {"unit": commune.code, "session": session.session_key, "csrf": _get_new_csrf_string()}
        )
    return {"people": people, "cookie": settings.SESSION_COOKIE_NAME}


def check(url: str, posted: str) -> dict:
    """Every last posted value is stored."""
    setup_django(url)
    from ttdn.indicators.models import DataValue

    expected = json.loads(Path(posted).read_text())
    lost = 0
    for unit, field, value in expected:
        _v, code, option = field.split("__")
        stored = (
            DataValue.objects.filter(
                unit__code=unit, period=PERIOD, indicator__code=code, option=option
            )
            .values_list("value", flat=True)
            .first()
        )
        if stored is None or int(stored) != int(value):
            lost += 1
    return {"checked": len(expected), "lost": lost}


class Client:
    """One keep-alive connection per thread, a session cookie per simulated officer."""

    def __init__(self, port: int, cookie: str):
        self.port, self.cookie, self.local = port, cookie, threading.local()

    def request(self, person: dict, method: str, path: str, body: str | None = None):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": f"{self.cookie}={person['session']}; csrftoken={person['csrf']}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = person["csrf"]
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, data
        except (OSError, http.client.HTTPException):
            self.local.conn = None
            return 0, b""


def act(client: Client, person: dict, page: str, rng: random.Random, posted: dict):
    """One officer action; returns (page, seconds, ok)."""
    unit = person["unit"]
    started = time.perf_counter()
    if page == "home":
        status, _ = client.request(person, "GET", "/")
        ok = status == 200
    elif page == "totals":
        status, _ = client.request(person, "GET", f"/data/{unit}/{PERIOD}/totals/")
        ok = status == 200
    elif page == "form":
        status, _ = client.request(person, "GET", f"/data/{unit}/{PERIOD}/")
        ok = status == 200
    else:  # save: the officer opens the form, changes three cells and saves it all
        status, data = client.request(person, "GET", f"/data/{unit}/{PERIOD}/")
        fields = dict(FIELD.findall(data.decode("utf-8", "replace")))
        changed = {}
        for name in rng.sample(sorted(n for n in fields if n.endswith("__")), 3):
            changed[name] = str(rng.randint(1, 5000))
        fields.update(changed)
        body = "&".join(f"{k}={v.replace('.', '')}" for k, v in fields.items())
        started = time.perf_counter()  # the save itself is what is timed
        status, _ = client.request(person, "POST", f"/data/{unit}/{PERIOD}/", body)
        ok = status == 302
        if ok:
            for name, value in changed.items():
                posted[(unit, name)] = value
    return page, time.perf_counter() - started, ok


def open_loop(
    client: Client,
    people: list[dict],
    rate: float,
    seconds: float,
    pages: list[str],
    seed: int,
    posted: dict,
) -> dict:
    """Requests at fixed times, whatever the server's pace (no coordinated omission)."""
    rng = random.Random(seed)
    results: list[tuple[str, float, bool]] = []
    lock = threading.Lock()
    count = int(rate * seconds)
    busy = {i: threading.Lock() for i in range(len(people))}

    def task(index: int, page: str, local_seed: int):
        with busy[index]:  # one officer does one thing at a time
            outcome = act(client, people[index], page, random.Random(local_seed), posted)
        with lock:
            results.append(outcome)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for n in range(count):
            due = start + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(task, rng.randrange(len(people)), rng.choice(pages), rng.random())
    elapsed = time.perf_counter() - start
    summary = {}
    for page in sorted({r[0] for r in results}):
        times = sorted(t * 1000 for p, t, _ok in results if p == page)
        errors = sum(1 for p, _t, ok in results if p == page and not ok)
        summary[page] = {
            "n": len(times),
            "errors": errors,
            "p50": round(percentile(times, 0.5), 1),
            "p95": round(percentile(times, 0.95), 1),
            "p99": round(percentile(times, 0.99), 1),
        }
    summary["_rate"] = round(len(results) / elapsed, 1)
    return summary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_backend(name: str, url: str) -> list[list[object]]:
    ensure_national(url)
    setup = child("bench.load_bench", url, "prepare")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ttdn.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env={**env_for(url), "TTDN_DEBUG": "false", "TTDN_SECRET_KEY": secrets.token_urlsafe(50)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        client = Client(port, setup["cookie"])
        for _ in range(100):
            if client.request(setup["people"][0], "GET", "/accounts/login/")[0] == 200:
                break
            time.sleep(0.2)
        posted: dict = {}
        mixed = open_loop(
            client, setup["people"], RATE, DURATION, ["home", "totals", "form", "save"], 1, posted
        )
        out = Path(env_for(url)["TTDN_DATA_DIR"]) / "posted.json"
        out.write_text(json.dumps([[u, f, v] for (u, f), v in posted.items()]))
        writes = child("bench.load_bench", url, "check", str(out))
        verify = ttdn(url, "rollup", "verify", "--periods", PERIOD, check=False)
        for page, r in mixed.items():
            if page.startswith("_"):
                continue
            rows.append(
                [
                    name,
                    f"{RATE:.0f}/s mixed",
                    page,
                    r["n"],
                    r["p50"],
                    r["p95"],
                    r["p99"],
                    r["errors"],
                ]
            )
        met = all(
            r["p95"] <= 100 and not r["errors"] for p, r in mixed.items() if not p.startswith("_")
        )
        rows.append(
            [
                name,
                "verdict",
                "p95 ≤ 100 ms, 0 errors, 0 lost",
                "met" if met and not writes["lost"] and verify.returncode == 0 else "NOT MET",
                f"load average {os.getloadavg()[0]:.1f}",
                "",
                "",
                "",
            ]
        )
        rows.append(
            [
                name,
                "writes",
                f"{writes['checked']} values posted",
                f"lost {writes['lost']}",
                "rollup verify " + ("ok" if verify.returncode == 0 else "FAILED"),
                f"achieved {mixed['_rate']}/s",
                "",
                "",
            ]
        )
        for page in ("home", "totals", "form", "save"):
            best = 0
            for rate in STEP_RATES:
                r = open_loop(client, setup["people"], rate, STEP_SECONDS, [page], rate, posted)[
                    page
                ]
                if r["p95"] > 100 or r["errors"]:
                    break
                best = rate
            rows.append([name, "saturation", page, "", "", "", "", f"p95 ≤ 100 ms up to {best}/s"])
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def run() -> int:
    rows = []
    for name, url in backends():
        rows += measure_backend(name, url)
    print(
        table(
            ["database", "load", "page", "requests", "p50 ms", "p95 ms", "p99 ms", "errors"], rows
        )
    )
    print(
        "target: p95 ≤ 100 ms at 50 requests/s, 0 errors, 0 lost writes. The load generator "
        f"runs on the same {os.cpu_count()} cores as the server: the load average shows "
        "whether other work shared them"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--measure" and sys.argv[3] == "prepare":
        print(json.dumps(prepare(sys.argv[2])))
    elif len(sys.argv) > 4 and sys.argv[1] == "--measure" and sys.argv[3] == "check":
        print(json.dumps(check(sys.argv[2], sys.argv[4])))
    else:
        sys.exit(run())
