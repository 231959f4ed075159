"""Login throttling behind the reverse proxy of docs/deployment.md.

The application runs on a live server with a real nginx in front (or, where nginx is not
installed, a small proxy that sets X-Forwarded-For the way nginx's
``$proxy_add_x_forwarded_for`` does). Clients connect from distinct loopback addresses,
so each is a different client as far as the proxy can tell.
"""

import http.client
import os
import runpy
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode, urlsplit

from axes.models import AccessAttempt
from django.conf import settings
from django.test import LiveServerTestCase

from ttdn.accounts.models import Role
from ttdn.orgunits.models import UnitKind
from ttdn.testing import PASSWORD, make_person, make_unit

CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.path.exists(path)),
    None,
)
PROXY_SETTINGS = [
    "AXES_IPWARE_META_PRECEDENCE_ORDER",
    "AXES_IPWARE_PROXY_COUNT",
    "IPWARE_STRICT",
    "SECURE_PROXY_SSL_HEADER",
]


def settings_from_environment(**env: str) -> dict:
    """The proxy-related settings ttdn/settings.py makes from these variables."""
    with mock.patch.dict(os.environ, env):
        namespace = runpy.run_path(str(Path(settings.BASE_DIR) / "settings.py"))
    return {name: namespace[name] for name in PROXY_SETTINGS if name in namespace}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    CONFIG = """
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""

    def __init__(self, upstream: int) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_nginx_"))
        self.folder.chmod(0o755)
        self.port = free_port()
        config = self.folder / "nginx.conf"
        config.write_text(self.CONFIG.format(folder=self.folder, port=self.port, upstream=upstream))
        self.process = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


class PythonProxy:
    """Forwards each request, adding the connecting address to X-Forwarded-For."""

    def __init__(self, upstream: int) -> None:
        class Handler(BaseHTTPRequestHandler):
            def forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                forwarded = self.headers.get("X-Forwarded-For")
                client = self.client_address[0]
                headers["X-Forwarded-For"] = f"{forwarded}, {client}" if forwarded else client
                headers["X-Forwarded-Proto"] = "http"
                connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=30)
                connection.request(self.command, self.path, body=body or None, headers=headers)
                answer = connection.getresponse()
                content = answer.read()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
                connection.close()

            do_GET = do_POST = forward

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Client:
    """A browser at one address: keeps cookies, posts the login form with its CSRF token."""

    def __init__(self, port: int, address: str) -> None:
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method: str, path: str, form=None, headers=None) -> int:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        sent.update(headers or {})
        if form is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=urlencode(form) if form else None, headers=sent)
        response = connection.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
        connection.close()
        return response.status

    def log_in(self, username: str, password: str, forged_for: str | None = None) -> int:
        self.request("GET", "/accounts/login/")
        form = {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": self.cookies["csrftoken"],
        }
        headers = {"X-Forwarded-For": forged_for} if forged_for else {}
        return self.request("POST", "/accounts/login/", form, headers)


class LoginBehindProxyTests(LiveServerTestCase):
    host = "127.0.0.1"

    def setUp(self) -> None:
        super().setUp()
        commune = make_unit("BDI-QN", "Phường Quy Nhơn", UnitKind.COMMUNE)
        make_person("canbo.quynhon", commune, Role.OFFICER)
        upstream = urlsplit(self.live_server_url).port
        self.proxy = Nginx(upstream) if NGINX else PythonProxy(upstream)
        self.addCleanup(self.proxy.stop)
        self.wait_for(self.proxy.port)

    def wait_for(self, port: int) -> None:
        for _attempt in range(100):
            try:
                Client(port, "127.0.0.1").request("GET", "/accounts/login/")
                return
            except OSError:
                time.sleep(0.05)
        error = self.proxy.process.stderr.read().decode() if NGINX else ""
        self.fail(f"the proxy did not answer within 5 s {error}")

    def fail_five_times(self, client: Client, forged: bool = False) -> None:
        """Five wrong passwords: the form again four times, then the lock-out page."""
        statuses = []
        for attempt in range(5):
            forged_for = f"198.51.100.{attempt + 1}" if forged else None
            statuses.append(client.log_in("canbo.quynhon", "sai-mat-khau", forged_for))
        self.assertEqual(statuses, [200, 200, 200, 200, 429])

    def test_behind_the_proxy_wrong_passwords_lock_their_client_only(self):
        with self.settings(**settings_from_environment(TTDN_PROXY_COUNT="1")):
            client_a = Client(self.proxy.port, CLIENT_A)
            self.fail_five_times(client_a)
            self.assertEqual(client_a.log_in("canbo.quynhon", PASSWORD), 429)
            # Someone else, from another address, still logs in to the same account.
            self.assertEqual(
                Client(self.proxy.port, CLIENT_B).log_in("canbo.quynhon", PASSWORD), 302
            )
        self.assertEqual(
            list(AccessAttempt.objects.values_list("ip_address", flat=True)), [CLIENT_A]
        )

    def test_behind_the_proxy_a_forged_header_does_not_shift_the_blame(self):
        with self.settings(**settings_from_environment(TTDN_PROXY_COUNT="1")):
            client_a = Client(self.proxy.port, CLIENT_A)
            self.fail_five_times(client_a, forged=True)
            self.assertEqual(client_a.log_in("canbo.quynhon", PASSWORD, "198.51.100.99"), 429)
            self.assertEqual(
                Client(self.proxy.port, CLIENT_B).log_in("canbo.quynhon", PASSWORD), 302
            )
        self.assertEqual(
            list(AccessAttempt.objects.values_list("ip_address", flat=True)), [CLIENT_A]
        )

    def test_without_the_proxy_setting_a_forged_header_is_not_believed(self):
        direct = urlsplit(self.live_server_url).port
        with self.settings(**settings_from_environment(TTDN_PROXY_COUNT="0")):
            client_a = Client(direct, CLIENT_A)
            self.fail_five_times(client_a, forged=True)
            self.assertEqual(client_a.log_in("canbo.quynhon", PASSWORD, "198.51.100.99"), 429)
            self.assertEqual(Client(direct, CLIENT_B).log_in("canbo.quynhon", PASSWORD), 302)
        self.assertEqual(
            list(AccessAttempt.objects.values_list("ip_address", flat=True)), [CLIENT_A]
        )
