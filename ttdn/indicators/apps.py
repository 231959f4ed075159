from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ttdn.indicators"
    verbose_name = _("Chỉ tiêu và số liệu")

    def ready(self) -> None:
        # The subtree sums follow the tree: a unit that gains its first child starts
        # holding a rollup row of its own, a moved subtree takes its sums along. The
        # tree offers the hooks and knows nothing of values.
        from ttdn.indicators import rollup
        from ttdn.orgunits.models import CHILDREN_CHANGED, SUBTREE_MOVED

        if rollup.own_values_delta not in CHILDREN_CHANGED:
            CHILDREN_CHANGED.append(rollup.own_values_delta)
        if rollup.move_subtree not in SUBTREE_MOVED:
            SUBTREE_MOVED.append(rollup.move_subtree)
