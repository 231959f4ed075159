"""``{% register_links unit %}``: a link to each register of a unit, for the unit's page."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ttdn.registers import base

register = template.Library()


SECTIONS = [("direction", _("Chỉ đạo, tổ chức thực hiện")), ("work", _("Kết quả thực hiện"))]


@register.inclusion_tag("registers/links.html")
def register_links(unit):
    """The unit's registers under two headings, as a report's first two parts are."""
    sections = []
    for section, heading in SECTIONS:
        links = [
            (r.label, reverse(f"registers:{r.slug}-list", args=[unit.code]), r.slug)
            for r in base.registers()
            if r.section == section
        ]
        if links:
            sections.append((heading, links))
    return {"sections": sections}
