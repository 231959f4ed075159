from django.urls import path

from ttdn.exchange import views

app_name = "exchange"
urlpatterns = [
    path("metadata.json", views.metadata_json, name="metadata"),
    path("<str:code>/", views.unit_page, name="unit"),
    path("<str:code>/export/", views.export, name="export"),
    path("<str:code>/<str:period>/template.xlsx", views.template_xlsx, name="template_xlsx"),
    path("<str:code>/<str:period>/template.csv", views.template_csv, name="template_csv"),
]
