from django.urls import path

from ipus import views

app_name = "ipus"

urlpatterns = [
    path("persons/", views.PersonSearchView.as_view(), name="person-search"),
    path("persons/create/", views.PersonCreateView.as_view(), name="person-create"),
    path("persons/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("persons/<int:pk>/update/", views.PersonUpdateView.as_view(), name="person-update"),
    path("persons/<int:pk>/export.json", views.person_export, name="person-export"),
    path(
        "persons/<int:person_pk>/requests/create/",
        views.RequestCreateView.as_view(),
        name="request-create",
    ),
    path("requests/", views.RequestListView.as_view(), name="request-list"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path(
        "requests/<int:pk>/outcome/<slug:outcome>/", views.request_outcome, name="request-outcome"
    ),
    path("requests/<int:pk>/refuse/", views.request_refuse, name="request-refuse"),
    path("requests/<int:pk>/refusal/", views.refusal_followup, name="refusal-followup"),
    path("requests/<int:pk>/refusal.pdf", views.refusal_pdf, name="refusal-pdf"),
    path("requests/<int:pk>/assessment/", views.assessment_start, name="assessment-start"),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment-detail"),
    path("assessments/<int:pk>/update/", views.assessment_update, name="assessment-update"),
    path("assessments/<int:pk>/autosave/", views.assessment_autosave, name="assessment-autosave"),
    path("assessments/<int:pk>/print.pdf", views.assessment_pdf, name="assessment-pdf"),
    path("assessments/<int:pk>/sign/", views.assessment_sign, name="assessment-sign"),
    path("assessments/<int:pk>/scan/", views.assessment_scan, name="assessment-scan"),
]
