"""Deleting a row of a draft (its "Usuń" button) and discarding a whole annex draft work,
although a new row is its own line (PlanItem.line points to itself); a row that a later
version's copy still points to stays protected."""

import pytest
from django.db.models import RestrictedError
from django.urls import reverse

from ipus import workflows
from ipus.models import PlanItem, PlanVersion
from services.models import Service
from tests.ipus.conftest import draft_plan, signed_plan, whole_period_item

pytestmark = pytest.mark.django_db


def test_the_delete_button_removes_a_row_of_the_draft(client, kipus, assessment):
    plan = draft_plan(assessment, kipus)
    item = whole_period_item(plan.current_version, Service.objects.first(), 2, "week")
    assert item.line_id == item.pk
    client.force_login(kipus)
    response = client.post(reverse("ipus:item-delete", args=[item.pk]), follow=True)
    assert response.status_code == 200
    assert "Usunięto usługę z projektu." in response.content.decode()
    assert not PlanItem.objects.filter(pk=item.pk).exists()


def test_an_annex_draft_with_a_new_row_can_be_discarded(client, kipus, director, assessment):
    plan = signed_plan(assessment, kipus, director)
    annex = workflows.start_annex(plan, kipus)
    added = whole_period_item(annex, Service.objects.create(name="Klub seniora"), 1, "week")
    copied = annex.items.exclude(pk=added.pk).first()
    client.force_login(kipus)
    client.post(reverse("ipus:item-delete", args=[copied.pk]))
    assert not PlanItem.objects.filter(pk=copied.pk).exists()
    response = client.post(reverse("ipus:version-discard", args=[annex.pk]))
    assert response.status_code == 302
    assert not PlanVersion.objects.filter(pk=annex.pk).exists()
    assert plan.current_version.items.count() == 3


def test_a_row_an_annex_copies_cannot_be_deleted(kipus, director, assessment):
    plan = signed_plan(assessment, kipus, director)
    workflows.start_annex(plan, kipus)
    original = plan.current_version.items.first()
    with pytest.raises(RestrictedError):
        original.delete()
