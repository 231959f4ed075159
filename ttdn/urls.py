from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from ttdn.apiroot import api
from ttdn.archive import views as archive_views
from ttdn.orgunits import views as orgunit_views

urlpatterns = [
    path("", orgunit_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("ttdn.accounts.urls")),
    path("units/", include("ttdn.orgunits.urls")),
    path("data/", include("ttdn.indicators.urls")),
    path("activities/", include("ttdn.activities.urls")),
    path("reports/", include("ttdn.reporting.urls")),
    path("archive/", include("ttdn.archive.urls")),
    path("search/", archive_views.search_page, name="search"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
