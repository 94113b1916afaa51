from django.urls import path

from ipus import views

app_name = "ipus"

urlpatterns = [
    path("persons/", views.PersonSearchView.as_view(), name="person-search"),
    path("persons/create/", views.PersonCreateView.as_view(), name="person-create"),
    path("persons/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("persons/<int:pk>/update/", views.PersonUpdateView.as_view(), name="person-update"),
    path("persons/<int:pk>/export.json", views.person_export, name="person-export"),
]
