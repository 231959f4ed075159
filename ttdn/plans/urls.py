from django.urls import path

from ttdn.plans import views

app_name = "plans"
urlpatterns = [
    path("<str:code>/tasks/", views.assigned, name="assigned"),
]
