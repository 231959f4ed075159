from django.urls import path

from ttdn.publishing import views

app_name = "publishing"

urlpatterns = [
    path("<str:code>/", views.coverage_import, name="coverage-import"),
]
