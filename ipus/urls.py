from django.urls import path

from ipus.views import assessments, deliveries, items, oversight, persons, plans, requests, versions

app_name = "ipus"

urlpatterns = [
    path("persons/", persons.PersonSearchView.as_view(), name="person-search"),
    path("persons/create/", persons.PersonCreateView.as_view(), name="person-create"),
    path("persons/<int:pk>/", persons.PersonDetailView.as_view(), name="person-detail"),
    path("persons/<int:pk>/update/", persons.PersonUpdateView.as_view(), name="person-update"),
    path("persons/<int:pk>/export.json", persons.person_export, name="person-export"),
    path(
        "persons/<int:person_pk>/requests/create/",
        requests.RequestCreateView.as_view(),
        name="request-create",
    ),
    path("requests/", requests.RequestListView.as_view(), name="request-list"),
    path("requests/<int:pk>/", requests.RequestDetailView.as_view(), name="request-detail"),
    path(
        "requests/<int:pk>/outcome/<slug:outcome>/",
        requests.request_outcome,
        name="request-outcome",
    ),
    path("requests/<int:pk>/refuse/", requests.request_refuse, name="request-refuse"),
    path("requests/<int:pk>/refusal/", requests.refusal_followup, name="refusal-followup"),
    path("requests/<int:pk>/refusal.pdf", requests.refusal_pdf, name="refusal-pdf"),
    path("requests/<int:pk>/assessment/", assessments.assessment_start, name="assessment-start"),
    path(
        "assessments/<int:pk>/",
        assessments.AssessmentDetailView.as_view(),
        name="assessment-detail",
    ),
    path("assessments/<int:pk>/update/", assessments.assessment_update, name="assessment-update"),
    path(
        "assessments/<int:pk>/autosave/",
        assessments.assessment_autosave,
        name="assessment-autosave",
    ),
    path("assessments/<int:pk>/print.pdf", assessments.assessment_pdf, name="assessment-pdf"),
    path("assessments/<int:pk>/sign/", assessments.assessment_sign, name="assessment-sign"),
    path("assessments/<int:pk>/scan/", assessments.assessment_scan, name="assessment-scan"),
    path("assessments/<int:pk>/plan/create/", plans.plan_create, name="plan-create"),
    path("plans/", plans.PlanListView.as_view(), name="plan-list"),
    path("plans/worklist/", versions.PlanWorklistView.as_view(), name="plan-worklist"),
    path("plans/waiting/", items.WaitingListView.as_view(), name="waiting-list"),
    path("plans/deliveries/import/", deliveries.delivery_import, name="delivery-import"),
    path("plans/<int:pk>/", plans.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/annex/", plans.plan_annex, name="plan-annex"),
    path("plans/<int:pk>/terminate/", plans.plan_terminate, name="plan-terminate"),
    path("plans/<int:pk>/close/", plans.plan_close, name="plan-close"),
    path("plans/<int:pk>/closure.pdf", plans.plan_closure_pdf, name="plan-closure-pdf"),
    path("plans/<int:pk>/contacts/create/", plans.contact_create, name="contact-create"),
    path("plans/<int:pk>/deliveries/", deliveries.delivery_save, name="delivery-save"),
    path("versions/<int:pk>/", versions.VersionDetailView.as_view(), name="version-detail"),
    path("versions/<int:pk>/update/", versions.version_update, name="version-update"),
    path("versions/<int:pk>/items/create/", items.item_create, name="item-create"),
    path("versions/<int:pk>/capacity/", items.item_capacity, name="item-capacity"),
    path("versions/<int:pk>/submit/", versions.version_submit, name="version-submit"),
    path("versions/<int:pk>/return/", versions.version_return, name="version-return"),
    path("versions/<int:pk>/approve/", versions.version_approve, name="version-approve"),
    path(
        "versions/<int:pk>/signed-copy/", versions.version_signed_copy, name="version-signed-copy"
    ),
    path("versions/<int:pk>/discard/", versions.version_discard, name="version-discard"),
    path("versions/<int:pk>/print.pdf", versions.version_pdf, name="version-pdf"),
    path("versions/<int:pk>/<slug:which>.pdf", versions.version_document, name="version-document"),
    path("items/<int:pk>/update/", items.item_update, name="item-update"),
    path("items/<int:pk>/delete/", items.item_delete, name="item-delete"),
    path("items/<int:pk>/card.pdf", items.item_card_pdf, name="item-card"),
    path("oversight/quarter/", oversight.quarter_review, name="quarter-review"),
    path("oversight/meetings/create/", oversight.meeting_create, name="meeting-create"),
    path(
        "oversight/meetings/<int:pk>/", oversight.MeetingDetailView.as_view(), name="meeting-detail"
    ),
    path("oversight/actions/<int:pk>/done/", oversight.action_done, name="action-done"),
    path("oversight/summaries/", oversight.SummaryListView.as_view(), name="summary-list"),
    path("oversight/summaries/create/", oversight.summary_create, name="summary-create"),
    path(
        "oversight/summaries/<int:pk>/",
        oversight.SummaryDetailView.as_view(),
        name="summary-detail",
    ),
    path("oversight/summaries/<int:pk>/summary.pdf", oversight.summary_pdf, name="summary-pdf"),
    path("oversight/indicators/", oversight.indicators_view, name="indicators"),
    path("inbox/", oversight.InboxView.as_view(), name="inbox"),
    path("inbox/<int:pk>/", oversight.inbox_detail, name="inbox-detail"),
]
