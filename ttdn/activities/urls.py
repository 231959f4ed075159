from django.urls import path

from ttdn.activities import views

app_name = "activities"
urlpatterns = [
    path("<str:code>/", views.activity_list, name="list"),
    path("<str:code>/new/", views.activity_create, name="create"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
]
