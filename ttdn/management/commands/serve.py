"""ttdn serve: the production server (gunicorn), workers from the core count, static
files collected and served compressed by WhiteNoise. Its defaults come from settings
(TTDN_BIND, TTDN_THREADS, TTDN_ACCESS_LOG; docs/configuration.md)."""

import atexit
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve TTĐN with gunicorn (use behind nginx in production; see docs/deployment.md)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=settings.SERVE_BIND)
        parser.add_argument(
            "--workers", type=int, default=0, help="worker processes (default: 2 × cores + 1)"
        )
        parser.add_argument("--threads", type=int, default=settings.SERVE_THREADS)
        parser.add_argument("--timeout", type=int, default=60)
        parser.add_argument("--no-collectstatic", action="store_true")
        parser.add_argument("--access-log", default=settings.SERVE_ACCESS_LOG)
        parser.add_argument(
            "--pdf-bind",
            default="127.0.0.1:2003",
            help="where to start the PDF converter (ttdn pdfserver) when TTDN_PDF_SERVER is "
            "not set and LibreOffice is installed",
        )

    def _start_pdf_converter(self, bind: str) -> None:
        """PDFs through a LibreOffice kept running: started here, stopped with the server."""
        from ttdn.officedocs.pdf import find_soffice

        if settings.PDF_SERVER or not find_soffice():
            return
        process = subprocess.Popen(
            [sys.executable, "-m", "ttdn.cli", "pdfserver", "--bind", bind]
            + ["--parent", str(os.getpid())],
            stdout=subprocess.DEVNULL,
        )
        atexit.register(process.terminate)
        # Workers are forked from this process: they read the setting from here.
        settings.PDF_SERVER = os.environ["TTDN_PDF_SERVER"] = bind
        self.stdout.write(f"PDF converter starting on {bind}")

    def handle(self, *args, **options):
        from gunicorn.app.base import BaseApplication

        self._start_pdf_converter(options["pdf_bind"])
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        # Imported after collectstatic: WhiteNoise indexes the static files at start-up.
        from ttdn.wsgi import application

        workers = options["workers"] or 2 * (os.cpu_count() or 1) + 1
        config = {
            "bind": options["bind"],
            "workers": workers,
            "threads": options["threads"],
            "timeout": options["timeout"],
            "accesslog": options["access_log"] or None,
            "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        }

        class Server(BaseApplication):
            def load_config(self):
                for key, value in config.items():
                    if value is not None:
                        self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(f"TTĐN on http://{options['bind']} with {workers} workers")
        Server().run()
