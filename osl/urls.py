from django.urls import path

from osl.views import activities, plans, registries, reports, schedule

app_name = "osl"

urlpatterns = [
    path("plans/", plans.PlanListView.as_view(), name="plan-list"),
    path("plans/create/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/update/", plans.plan_update, name="plan-update"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="plan-submit"),
    path("plans/<int:pk>/return/", plans.plan_return, name="plan-return"),
    path("plans/<int:pk>/adopt/", plans.plan_adopt, name="plan-adopt"),
    path("plans/<int:pk>/new-version/", plans.plan_new_version, name="plan-new-version"),
    path("plans/<int:pk>/progress/", reports.plan_progress, name="plan-progress"),
    path("plans/<int:pk>/plan.pdf", plans.plan_pdf, name="plan-pdf"),
    path("plans/<int:pk>/schedule.xlsx", plans.schedule_xlsx, name="schedule-xlsx"),
    path("plans/<int:pk>/reports/create/", reports.report_create, name="report-create"),
    path("plans/<int:pk>/communities/create/", schedule.community_edit, name="community-create"),
    path(
        "plans/<int:pk>/communities/<int:community_pk>/update/",
        schedule.community_edit,
        name="community-update",
    ),
    path(
        "plans/<int:pk>/communities/<int:community_pk>/delete/",
        schedule.community_delete,
        name="community-delete",
    ),
    path("plans/<int:pk>/items/create/", schedule.item_edit, name="item-create"),
    path("plans/<int:pk>/items/import/", schedule.schedule_import, name="schedule-import"),
    path("plans/<int:pk>/items/<int:item_pk>/delete/", schedule.item_delete, name="item-delete"),
    path("plans/<int:pk>/items/<int:item_pk>/move/", schedule.item_move, name="item-move"),
    path("plans/<int:pk>/items/<int:item_pk>/update/", schedule.item_edit, name="item-update"),
    path("items/<int:pk>/", schedule.item_detail, name="item-detail"),
    path("reports/<int:pk>/correct/", reports.report_correct, name="report-correct"),
    path("reports/<int:pk>/report.pdf", reports.report_pdf, name="report-pdf"),
    path("activities/", activities.ActivityListView.as_view(), name="activity-list"),
    path("activities/new/", activities.activity_pick, name="activity-pick"),
    path("activities/new/<int:item_pk>/", activities.activity_create, name="activity-create"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/update/", activities.activity_update, name="activity-update"),
    path("activities/<int:pk>/delete/", activities.activity_delete, name="activity-delete"),
    path("evidence/<int:pk>/", activities.evidence_file, name="evidence-file"),
]
for part in registries.REGISTRIES:
    urlpatterns += [
        path(
            f"{part}/",
            registries.RegistryListView.as_view(registry=part),
            name=f"{part[:-1]}-list",
        ),
        path(
            f"{part}/create/",
            registries.RegistryCreateView.as_view(registry=part),
            name=f"{part[:-1]}-create",
        ),
        path(
            f"{part}/<int:pk>/update/",
            registries.RegistryUpdateView.as_view(registry=part),
            name=f"{part[:-1]}-update",
        ),
    ]
