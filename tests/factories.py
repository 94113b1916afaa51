"""factory-boy factories shared by the suite, and a small real PDF."""

import io

import factory
from django.contrib.auth.models import Group
from pypdf import PdfWriter

from cus import roles
from cus.models import User

TEST_PASSWORD = "test-password-Zażółć-123"


class UserFactory(factory.django.DjangoModelFactory):
    """A member of staff; pass ``role="KIPUS"`` (a group name) to give a role."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="pl_PL")
    last_name = factory.Faker("last_name", locale="pl_PL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@cus.example.pl")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


def staff_account(username, role=None):
    """An account holding ``role`` (none: no role), staff flag as seed_demo sets it."""
    return UserFactory(username=username, role=role, is_staff=role in roles.ADMIN_SITE_ROLES)


def pdf_bytes(pages=1):
    """A real, harmless PDF of blank A4 pages (uploads are parsed: a header alone is refused)."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
