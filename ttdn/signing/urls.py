from django.urls import path

from ttdn.signing import views

app_name = "signing"
urlpatterns = [
    path("issued/<int:pk>/", views.sign_issued, name="sign"),
]
