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
    path("assessments/<int:pk>/plan/create/", views.plan_create, name="plan-create"),
    path("plans/", views.PlanListView.as_view(), name="plan-list"),
    path("plans/worklist/", views.PlanWorklistView.as_view(), name="plan-worklist"),
    path("plans/waiting/", views.WaitingListView.as_view(), name="waiting-list"),
    path("plans/deliveries/import/", views.delivery_import, name="delivery-import"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/annex/", views.plan_annex, name="plan-annex"),
    path("plans/<int:pk>/terminate/", views.plan_terminate, name="plan-terminate"),
    path("plans/<int:pk>/close/", views.plan_close, name="plan-close"),
    path("plans/<int:pk>/closure.pdf", views.plan_closure_pdf, name="plan-closure-pdf"),
    path("plans/<int:pk>/contacts/create/", views.contact_create, name="contact-create"),
    path("plans/<int:pk>/deliveries/", views.delivery_save, name="delivery-save"),
    path("versions/<int:pk>/", views.VersionDetailView.as_view(), name="version-detail"),
    path("versions/<int:pk>/update/", views.version_update, name="version-update"),
    path("versions/<int:pk>/items/create/", views.item_create, name="item-create"),
    path("versions/<int:pk>/capacity/", views.item_capacity, name="item-capacity"),
    path("versions/<int:pk>/submit/", views.version_submit, name="version-submit"),
    path("versions/<int:pk>/return/", views.version_return, name="version-return"),
    path("versions/<int:pk>/approve/", views.version_approve, name="version-approve"),
    path("versions/<int:pk>/signed-copy/", views.version_signed_copy, name="version-signed-copy"),
    path("versions/<int:pk>/discard/", views.version_discard, name="version-discard"),
    path("versions/<int:pk>/print.pdf", views.version_pdf, name="version-pdf"),
    path("versions/<int:pk>/<slug:which>.pdf", views.version_document, name="version-document"),
    path("items/<int:pk>/update/", views.item_update, name="item-update"),
    path("items/<int:pk>/delete/", views.item_delete, name="item-delete"),
    path("items/<int:pk>/card.pdf", views.item_card_pdf, name="item-card"),
]
