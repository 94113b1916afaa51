from django.urls import path

from osl import views

app_name = "osl"

urlpatterns = [
    path("plans/", views.PlanListView.as_view(), name="plan-list"),
    path("plans/create/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/update/", views.plan_update, name="plan-update"),
    path("plans/<int:pk>/adopt/", views.plan_adopt, name="plan-adopt"),
    path("plans/<int:pk>/new-version/", views.plan_new_version, name="plan-new-version"),
    path("plans/<int:pk>/progress/", views.plan_progress, name="plan-progress"),
    path("plans/<int:pk>/plan.pdf", views.plan_pdf, name="plan-pdf"),
    path("plans/<int:pk>/schedule.xlsx", views.schedule_xlsx, name="schedule-xlsx"),
    path("plans/<int:pk>/reports/create/", views.report_create, name="report-create"),
    path("plans/<int:pk>/communities/create/", views.community_edit, name="community-create"),
    path(
        "plans/<int:pk>/communities/<int:community_pk>/update/",
        views.community_edit,
        name="community-update",
    ),
    path("plans/<int:pk>/items/create/", views.item_edit, name="item-create"),
    path("plans/<int:pk>/items/<int:item_pk>/update/", views.item_edit, name="item-update"),
    path("items/<int:pk>/", views.item_detail, name="item-detail"),
    path("reports/<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path("activities/", views.ActivityListView.as_view(), name="activity-list"),
    path("activities/new/", views.activity_pick, name="activity-pick"),
    path("activities/new/<int:item_pk>/", views.activity_create, name="activity-create"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
]
for part in views.REGISTRIES:
    urlpatterns += [
        path(
            f"{part}/",
            views.RegistryListView.as_view(registry=part),
            name=f"{part[:-1]}-list",
        ),
        path(
            f"{part}/create/",
            views.RegistryCreateView.as_view(registry=part),
            name=f"{part[:-1]}-create",
        ),
        path(
            f"{part}/<int:pk>/update/",
            views.RegistryUpdateView.as_view(registry=part),
            name=f"{part[:-1]}-update",
        ),
    ]
