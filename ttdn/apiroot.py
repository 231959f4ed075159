"""The one API instance: each app adds its own routers; this module maps the domain's
exceptions to HTTP answers once, so endpoints stay thin."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from ttdn.activities.api import router as activities_router
from ttdn.api.auth import AUTH
from ttdn.api.schemas import error_items
from ttdn.archive.api import router as archive_router
from ttdn.indicators.api import router as indicators_router
from ttdn.lib.periods import PeriodError
from ttdn.orgunits.api import router as units_router
from ttdn.registers.api import build as registers_router
from ttdn.reporting.api import router as reporting_router
from ttdn.search.api import router as search_router

api = NinjaAPI(
    title="TTĐN API",
    version="1",
    description=(
        "Units, indicators, data values, totals, activities, the reporting cycle and the "
        "archive of TTĐN "
        "(thông tin đối ngoại, external information). Authenticate with a browser session "
        "or with `Authorization: Bearer <token>` from `ttdn apitoken create`."
    ),
    urls_namespace="api",
    auth=AUTH,
)
api.add_router("", units_router)
api.add_router("", indicators_router)
api.add_router("", activities_router)
api.add_router("", reporting_router)
api.add_router("", archive_router)
api.add_router("", search_router)
api.add_router("", registers_router())


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(ValidationError)
def rejected(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": error_items(exc.messages)}, status=422)


@api.exception_handler(PeriodError)
def bad_period(request: HttpRequest, exc: PeriodError) -> HttpResponse:
    return api.create_response(request, {"detail": error_items([str(exc)])}, status=422)
