from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("", views.ServiceListView.as_view(), name="service-list"),
    path("create/", views.ServiceCreateView.as_view(), name="service-create"),
    path("<int:pk>/", views.ServiceDetailView.as_view(), name="service-detail"),
    path("<int:pk>/update/", views.ServiceUpdateView.as_view(), name="service-update"),
    path("<int:pk>/archive/", views.service_set_active, {"active": False}, name="service-archive"),
    path("<int:pk>/restore/", views.service_set_active, {"active": True}, name="service-restore"),
    path("capacity/", views.CapacityView.as_view(), name="capacity"),
    path("providers/", views.ProviderListView.as_view(), name="provider-list"),
    path("providers/create/", views.ProviderCreateView.as_view(), name="provider-create"),
    path("providers/<int:pk>/", views.ProviderDetailView.as_view(), name="provider-detail"),
    path("providers/<int:pk>/update/", views.ProviderUpdateView.as_view(), name="provider-update"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme-list"),
    path("programmes/create/", views.ProgrammeCreateView.as_view(), name="programme-create"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme-detail"),
    path(
        "programmes/<int:pk>/update/", views.ProgrammeUpdateView.as_view(), name="programme-update"
    ),
    path("programmes/<int:pk>/status/", views.programme_status, name="programme-status"),
    path(
        "programmes/<int:pk>/entries/add/",
        views.programme_entry_add,
        name="programme-entry-add",
    ),
    path(
        "programmes/<int:pk>/entries/<int:entry_pk>/remove/",
        views.programme_entry_remove,
        name="programme-entry-remove",
    ),
]
