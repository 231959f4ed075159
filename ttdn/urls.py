from django.contrib import admin
from django.urls import include, path

from ttdn import views
from ttdn.accounts import views as account_views
from ttdn.apiroot import api
from ttdn.search import views as search_views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("ttdn.accounts.urls")),
    path("units/", include("ttdn.orgunits.urls")),
    path("data/", include("ttdn.indicators.urls")),
    path("activities/", include("ttdn.activities.urls")),
    path("reports/", include("ttdn.reporting.urls")),
    path("notices/", include("ttdn.notices.urls")),
    path("archive/", include("ttdn.archive.urls")),
    path("exchange/", include("ttdn.exchange.urls")),
    path("signing/", include("ttdn.signing.urls")),
    path("search/", search_views.search_page, name="search"),
    path("plans/", include("ttdn.plans.urls")),
    # Every register (sổ theo dõi) under its own name: /plans/…, /publications/…
    path("coverage-import/", include("ttdn.publishing.urls")),
    path("", include("ttdn.registers.urls")),
]
# Nothing under MEDIA_URL is served as it is, not even in debug mode: uploaded files
# leave only through their apps' permission-checked views (ttdn/downloads.py).
