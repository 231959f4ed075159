"""How the API knows who is calling.

Browsers use their session (CSRF applies); other systems send ``Authorization: Bearer``
with a token from ``ttdn apitoken create``.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from ttdn.accounts.models import ApiToken, TokenExpired


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            user = ApiToken.user_for(token)
        except TokenExpired as expired:
            when = formats.date_format(
                timezone.localtime(expired.token.expires_at), "SHORT_DATE_FORMAT"
            )
            raise AuthenticationError(
                message=_("Mã truy cập API đã hết hạn ngày %(date)s. Hãy xin mã mới.")
                % {"date": when}
            ) from None
        if user is None:
            # A wrong or revoked token is refused outright rather than falling back to the
            # session, so the caller learns the token is the problem.
            raise AuthenticationError()
        return user


class BrowserSessionAuth(SessionAuth):
    """django-ninja's session auth (CSRF enforced), except that a request carrying no
    session cookie at all is simply not authenticated: it gets 401, not a CSRF 403."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)


AUTH = [TokenAuth(), BrowserSessionAuth()]
