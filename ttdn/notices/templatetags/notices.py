from django import template

from ttdn.notices.services import unread_count

register = template.Library()


@register.simple_tag
def unread_notices(user) -> int:
    """How many of the person's notices are unread (0 for no one logged in)."""
    return unread_count(user) if user.is_authenticated else 0
