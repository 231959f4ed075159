"""Every register's pages, under its slug: /plans/BDI/, /plans/r/12/, …"""

from django.urls import path

from ttdn.registers import base, views

app_name = "registers"


def _routes():
    for register in base.registers():
        slug = register.slug
        kwargs = {"slug": slug}
        yield path(f"{slug}/<str:code>/", views.record_list, kwargs, name=f"{slug}-list")
        for fmt in ("csv", "xlsx"):
            yield path(
                f"{slug}/<str:code>/export.{fmt}",
                views.record_export,
                {**kwargs, "fmt": fmt},
                name=f"{slug}-{fmt}",
            )
        yield path(f"{slug}/<str:code>/new/", views.record_create, kwargs, name=f"{slug}-create")
        yield path(f"{slug}/r/<int:pk>/", views.record_detail, kwargs, name=f"{slug}-detail")
        yield path(f"{slug}/r/<int:pk>/edit/", views.record_edit, kwargs, name=f"{slug}-edit")
        yield path(
            f"{slug}/r/<int:pk>/history/", views.record_history, kwargs, name=f"{slug}-history"
        )


urlpatterns = list(_routes())
