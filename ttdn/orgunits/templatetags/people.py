from django import template

from ttdn.accounts.models import Action, Membership

register = template.Library()


@register.filter
def administers(user) -> bool:
    """Whether the person administers some unit (and so manages its people)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(Membership.paths_for(user, Action.ADMIN))
