from django.urls import path

from ttdn.indicators import views

app_name = "indicators"
urlpatterns = [
    path("<str:code>/<str:period>/", views.entry, name="entry"),
    path("<str:code>/<str:period>/draft/", views.draft, name="draft"),
    path("<str:code>/<str:period>/draft/discard/", views.draft_discard, name="draft_discard"),
    path("<str:code>/<str:period>/totals/", views.totals, name="totals"),
    path("<str:code>/<str:period>/totals.xlsx", views.totals_xlsx, name="totals_xlsx"),
]
