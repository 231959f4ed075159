from django.urls import path

from ttdn.activities import views

app_name = "activities"
urlpatterns = [
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("files/<int:pk>/", views.evidence_file, name="file"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
