"""ttdn worker [--once]: claim and run import jobs until stopped (SIGTERM or Ctrl-C)."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ttdn.archive import worker


class Command(BaseCommand):
    help = _("Xử lý các tác vụ nhập tài liệu đang chờ.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help=_("xử lý hết hàng đợi rồi thoát"))
        parser.add_argument("--poll", type=float, default=2.0, help=_("giây giữa hai lần xem"))

    def handle(self, *args, **options):
        stop = threading.Event()
        # The current document finishes; the rest of its job is handed back to the queue.
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_args: stop.set())
        done = worker.run_worker(
            once=options["once"],
            poll_seconds=options["poll"],
            stop=stop,
            on_job=lambda job: self.stdout.write(
                _("Tác vụ #%(job)s: %(status)s") % {"job": job.pk, "status": job.status},
                ending="\n",
            ),
        )
        self.stdout.write(_("Đã xử lý %(n)d tác vụ.") % {"n": done})
