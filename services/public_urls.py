"""The public catalogue of services (no login), under /katalog/."""

from django.urls import path

from services import views

app_name = "catalogue"

urlpatterns = [
    path("", views.PublicCatalogueView.as_view(), name="list"),
    path("<int:pk>/", views.PublicServiceDetailView.as_view(), name="service"),
    path("<int:pk>/regulamin.pdf", views.public_regulations, name="regulations"),
]
