from django.urls import path

from ttdn.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.request_list, name="requests"),
    path("new/<str:code>/", views.request_create, name="request_create"),
    path("<int:pk>/", views.request_board, name="board"),
    path("<int:pk>/remind/", views.request_remind, name="remind"),
    path("<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("<int:pk>/cancel/", views.request_cancel, name="request_cancel"),
    path("<int:pk>/cong-van", views.request_attachment, name="request_attachment"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/draft/", views.submission_draft, name="submission_draft"),
    path(
        "submissions/<int:pk>/draft/discard/",
        views.submission_draft_discard,
        name="submission_draft_discard",
    ),
    path("submissions/<int:pk>/present/", views.submission_present, name="present"),
    path("submissions/<int:pk>/send-back/", views.submission_send_back, name="send_back"),
    path("submissions/<int:pk>/sign/", views.submission_sign, name="sign"),
    path("submissions/<int:pk>/extend/", views.submission_extend, name="extend"),
    path("submissions/<int:pk>/redraft/", views.submission_redraft, name="redraft"),
    path("submissions/<int:pk>/basis/", views.submission_basis, name="basis"),
    path("submissions/<int:pk>/issue/", views.submission_issue, name="issue"),
    path("issued/<int:pk>/report.<str:kind>", views.issued_document, name="issued_document"),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submit"),
    path("submissions/<int:pk>/return/", views.submission_return, name="return"),
    path("submissions/<int:pk>/accept/", views.submission_accept, name="accept"),
    path(
        "submissions/<int:pk>/report.<str:kind>",
        views.submission_document,
        name="submission_document",
    ),
    path("consolidated/<str:code>/<str:period>/", views.consolidated, name="consolidated"),
    path("consolidated/<str:code>/<str:period>/edit/", views.own_report, name="own_report"),
    path(
        "consolidated/<str:code>/<str:period>/report.<str:kind>",
        views.consolidated_document,
        name="consolidated_document",
    ),
]
