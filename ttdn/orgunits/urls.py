from django.urls import path

from ttdn.orgunits import views

app_name = "orgunits"
urlpatterns = [
    path("", views.unit_list, name="list"),
    # Two segments, so no unit code can shadow it or be shadowed by it.
    path("-/suggest/", views.unit_suggest, name="suggest"),
    path("<str:code>/", views.unit_detail, name="detail"),
]
