from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "ttdn.reporting"
    verbose_name = _("Báo cáo định kỳ")

    def ready(self) -> None:
        # A submitted report freezes its unit's values for its period; a change after the
        # leader's approval voids it. The values app offers the hooks; it knows nothing of
        # reports.
        from ttdn.indicators import services as values
        from ttdn.reporting.services import (
            locked_by_submission,
            unsubmitted_units,
            values_changed,
        )

        if locked_by_submission not in values.WRITE_GUARDS:
            values.WRITE_GUARDS.append(locked_by_submission)
        if values_changed not in values.AFTER_WRITE:
            values.AFTER_WRITE.append(values_changed)
        # The totals page names the units whose report is still missing.
        if unsubmitted_units not in values.PENDING_REPORTS:
            values.PENDING_REPORTS.append(unsubmitted_units)
        # Who is told of each step and deadline (notices and e-mail).
        from ttdn.reporting import notifying

        notifying.connect()
