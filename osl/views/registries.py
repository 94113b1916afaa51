"""The registries: partners, local leaders, volunteers and the map of resources, one set of views
for all four.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, ListView, UpdateView

from cus.versioning import VersionConflictMixin
from osl.forms import LeaderForm, PartnerForm, ResourceForm, VolunteerForm
from osl.models import Leader, Partner, Resource, Volunteer

REGISTRIES = {
    # url part: (model, form, list title)
    "partners": (Partner, PartnerForm, _("Partnerzy")),
    "leaders": (Leader, LeaderForm, _("Liderzy lokalni")),
    "volunteers": (Volunteer, VolunteerForm, _("Wolontariusze")),
    "resources": (Resource, ResourceForm, _("Mapa zasobów i potencjałów")),
}


class RegistryMixin(PermissionRequiredMixin):
    registry = ""

    @property
    def model(self):
        return REGISTRIES[self.registry][0]

    def get_permission_required(self):
        action = "view" if isinstance(self, ListView) else "add"
        return [f"osl.{action}_{self.model._meta.model_name}"]

    def get_context_data(self, **kwargs):
        model_name, user = self.model._meta.model_name, self.request.user
        return super().get_context_data(
            registry=self.registry,
            title=REGISTRIES[self.registry][2],
            list_url=reverse(f"osl:{self.registry[:-1]}-list"),
            create_url=reverse(f"osl:{self.registry[:-1]}-create"),
            update_url_name=f"osl:{self.registry[:-1]}-update",
            # Readers (KIPUS, OUS, the director) see the registry without edit links they
            # could not open.
            can_add=user.has_perm(f"osl.add_{model_name}"),
            can_change=user.has_perm(f"osl.change_{model_name}"),
            **kwargs,
        )


class RegistryListView(RegistryMixin, ListView):
    template_name = "osl/registry_list.html"
    paginate_by = 100

    def get_queryset(self):
        queryset = self.model.objects.all()
        if self.model is Leader:
            queryset = queryset.select_related("community__plan")
        if self.model is Resource:
            queryset = queryset.select_related("community")
        if self.model is Volunteer:
            queryset = queryset.with_hours()
        return queryset

    def get_template_names(self):
        return ["osl/resource_map.html"] if self.model is Resource else [self.template_name]

    def get_context_data(self, **kwargs):
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        if self.model is Resource:
            context["tile_url"] = settings.CUS_MAP_TILE_URL
            context["markers"] = [
                {
                    "name": r.name,
                    "capital": r.get_capital_display(),
                    "lat": float(r.latitude),
                    "lon": float(r.longitude),
                    "address": r.address,
                }
                for r in context["object_list"]
                if r.latitude is not None
            ]
        return context


class RegistryFormMixin(RegistryMixin):
    template_name = "osl/registry_form.html"

    def get_form_class(self):
        return REGISTRIES[self.registry][1]

    def form_valid(self, form):
        form.instance.stamp(self.request.user)
        response = super().form_valid(form)
        if response.status_code == 302:
            messages.success(self.request, _("Zapisano: %(object)s.") % {"object": self.object})
        return response


class RegistryCreateView(RegistryFormMixin, CreateView):
    pass


class RegistryUpdateView(RegistryFormMixin, VersionConflictMixin, UpdateView):
    def get_permission_required(self):
        return [f"osl.change_{self.model._meta.model_name}"]
