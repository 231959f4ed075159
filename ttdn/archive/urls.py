from django.urls import path

from ttdn.archive import views

app_name = "archive"
urlpatterns = [
    path("units/<str:code>/", views.document_list, name="documents"),
    path("units/<str:code>/upload/", views.upload, name="upload"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/original", views.original, name="original"),
    path("legal/<int:pk>/", views.legal_document, name="legal"),
]
