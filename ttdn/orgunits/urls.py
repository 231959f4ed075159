from django.urls import path

from ttdn.orgunits import views

app_name = "orgunits"
urlpatterns = [
    path("", views.unit_list, name="list"),
    # Two segments, so no unit code can shadow it or be shadowed by it.
    path("-/suggest/", views.unit_suggest, name="suggest"),
    # The administrator's pages for the people of its subtree; before <code>/.
    path("people/", views.people_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/roles/", views.person_grant, name="person_grant"),
    path(
        "people/<int:pk>/roles/<int:membership>/remove/",
        views.person_revoke,
        name="person_revoke",
    ),
    path("people/<int:pk>/active/", views.person_active, name="person_active"),
    path("<str:code>/", views.unit_detail, name="detail"),
]
