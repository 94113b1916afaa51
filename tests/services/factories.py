import factory

from services.choices import ProviderKind, Unit
from services.models import Provider, Service, StatutoryArea, TargetGroup


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Realizator {n}")
    kind = ProviderKind.PES


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Usługa {n}")
    unit = Unit.HOUR

    @factory.post_generation
    def with_relations(self, create, extracted, **kwargs):
        if not create:
            return
        self.areas.add(StatutoryArea.objects.get(code="social_assistance"))
        group, _ = TargetGroup.objects.get_or_create(name="Seniorzy")
        self.target_groups.add(group)
        self.providers.add(ProviderFactory())
