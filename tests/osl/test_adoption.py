"""The OSL plan's way to adoption: the organizer hands the draft to the director, who returns
it with comments or adopts it by an order; the adopted version's predecessor is replaced; the
plan PDF is the annex to the order with every part of the plan."""

from datetime import date

import pytest
from django.urls import reverse

from cus import todo
from cus.models import CentreProfile
from osl import workflows
from osl.models import Community, OslPlan, PlanSection
from tests.osl.test_osl import item, pdf_text


@pytest.fixture
def plan(db, osl_organizer):
    plan = OslPlan(
        title="Plan OSL na lata 2026–2027",
        period_start=date(2026, 7, 1),
        period_end=date(2027, 6, 30),
    )
    plan.stamp(osl_organizer)
    plan.save()
    return plan


def test_submit_return_with_comments_then_adopt(client, plan, osl_organizer, director):
    client.force_login(osl_organizer)
    page = client.get(reverse("osl:plan-detail", args=[plan.pk])).text
    assert reverse("osl:plan-submit", args=[plan.pk]) in page
    assert reverse("osl:plan-adopt", args=[plan.pk]) not in page  # a draft is not adopted
    client.post(reverse("osl:plan-submit", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "submitted" and not plan.is_editable
    assert client.get(reverse("osl:plan-update", args=[plan.pk])).status_code == 302

    # The director's start page and to-do list hold it.
    client.force_login(director)
    home = client.get("/").text
    assert "Plany OSL do przyjęcia zarządzeniem" in home and plan.title in home
    assert any(due.uid == f"osl-adopt-{plan.pk}" for due in todo.items_for(director))
    worklist = client.get(reverse("ipus:plan-worklist")).text
    assert "Plany OSL do przyjęcia zarządzeniem" in worklist and plan.title in worklist
    # Returned with comments: a draft again, the comments shown to the organizer and kept.
    client.post(reverse("osl:plan-return", args=[plan.pk]), {"return-comments": ""})
    plan.refresh_from_db()
    assert plan.status == "submitted"  # comments are required
    client.post(
        reverse("osl:plan-return", args=[plan.pk]),
        {"return-comments": "Uzupełnij wskaźniki dla seniorów."},
    )
    plan.refresh_from_db()
    assert plan.status == "draft" and plan.returned_with.note == "Uzupełnij wskaźniki dla seniorów."
    client.force_login(osl_organizer)
    page = client.get(reverse("osl:plan-detail", args=[plan.pk])).text
    assert (
        "Dyrektor zwrócił plan do poprawy" in page and "Uzupełnij wskaźniki dla seniorów." in page
    )
    assert "Uzupełnij wskaźniki dla seniorów." in client.get("/").text
    assert any(due.uid == f"osl-returned-{plan.pk}" for due in todo.items_for(osl_organizer))

    # Submitted again and adopted: the order's number without a doubled "Zarządzenie nr".
    client.post(reverse("osl:plan-submit", args=[plan.pk]))
    client.force_login(director)
    client.post(
        reverse("osl:plan-adopt", args=[plan.pk]),
        {"order_number": "Zarządzenie nr 7/2026", "order_date": "2026-06-20"},
    )
    plan.refresh_from_db()
    assert plan.status == "adopted" and plan.order_number == "7/2026"
    page = client.get(reverse("osl:plan-detail", args=[plan.pk])).text
    assert "Zarządzenie nr 7/2026 z dnia 20.06.2026 r." in page
    assert "Zarządzenie nr Zarządzenie" not in page and "zarządzenie nr Zarządzenie" not in page
    assert not any(due.uid == f"osl-adopt-{plan.pk}" for due in todo.items_for(director))
    history = [(t.from_status, t.to_status) for t in plan.transitions.all()]
    assert history == [
        ("draft", "submitted"),
        ("submitted", "draft"),
        ("draft", "submitted"),
        ("submitted", "adopted"),
    ]


def test_only_a_submitted_plan_is_adopted_or_returned(client, plan, director):
    client.force_login(director)
    client.post(
        reverse("osl:plan-adopt", args=[plan.pk]),
        {"order_number": "1/2026", "order_date": "2026-06-01"},
    )
    client.post(reverse("osl:plan-return", args=[plan.pk]), {"return-comments": "x"})
    plan.refresh_from_db()
    assert plan.status == "draft" and plan.order_number == ""


def test_the_organizer_cannot_adopt_and_the_director_cannot_submit(
    client, plan, osl_organizer, director
):
    workflows.submit(plan, osl_organizer)
    client.force_login(osl_organizer)
    response = client.post(
        reverse("osl:plan-adopt", args=[plan.pk]),
        {"order_number": "1/2026", "order_date": "2026-06-01"},
    )
    assert response.status_code == 403
    assert client.post(reverse("osl:plan-return", args=[plan.pk])).status_code == 403


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("7/2026", "7/2026"),
        ("Zarządzenie nr 7/2026", "7/2026"),
        ("zarządzenie nr. 7/2026", "7/2026"),
        ("Nr 7/2026", "7/2026"),
        ("ZARZĄDZENIE 12/CUS/2026", "12/CUS/2026"),
        ("  15/2021 (demo) ", "15/2021 (demo)"),
    ],
)
def test_the_order_number_is_stored_without_its_prefix(typed, stored):
    assert workflows.order_number_of(typed) == stored


def test_an_adopted_update_replaces_its_predecessor(plan, osl_organizer, director):
    workflows.adopt(workflows.submit(plan, osl_organizer), "1/2026", date(2026, 6, 1), director)
    update = workflows.new_version(plan, osl_organizer, reason="Nowa społeczność")
    workflows.adopt(workflows.submit(update, osl_organizer), "9/2026", date(2026, 9, 1), director)
    plan.refresh_from_db()
    assert plan.status == "superseded" and plan.get_status_display() == "zastąpiony"


def test_a_first_version_does_not_ask_what_only_an_update_says(client, plan, osl_organizer):
    client.force_login(osl_organizer)
    for url in (reverse("osl:plan-create"), reverse("osl:plan-update", args=[plan.pk])):
        page = client.get(url).text
        for label in (
            "Powód aktualizacji",
            "Na podstawie podsumowania IPUS",
            "Wnioski z monitoringu",
        ):
            assert label not in page, (url, label)
    workflows.adopt(
        workflows.submit(plan, osl_organizer), "1/2026", date(2026, 6, 1), osl_organizer
    )
    update = workflows.new_version(plan, osl_organizer, reason="Nowa społeczność")
    page = client.get(reverse("osl:plan-update", args=[update.pk])).text
    assert "Powód aktualizacji" in page and "Wnioski z monitoringu" in page


COMMUNITY = {
    "boundaries": "ul. Ostrowiecka 21A i 21B",
    "description": "Budynki socjalne:\n- 21A: 37 mieszkań, 93 osoby\n- 21B: 34 mieszkania, 62 osoby",
    "potential": "Świetlica **Motylkowe Wzgórze** od 2017 r.",
    "tools_so_far": "Pikniki sąsiedzkie, kawiarenka",
    "leaders_note": "Troje liderów",
    "baseline": "Brak stałych spotkań mieszkańców",
}


def test_the_plan_pdf_is_the_annex_to_the_order_with_every_part(
    client, plan, osl_organizer, director
):
    CentreProfile.objects.create(
        name="Centrum Usług Społecznych w Żabnie",
        street="ul. Łąkowa 1",
        postal_code="33-240",
        town="Żabno",
        phone="146450000",
        email="cus@example.org",
        director_name="Anna Żuraw",
        gmina_kind="urban_rural",
    )
    for order, title, body in (
        (2, "Diagnoza", "Przesłanki:\n1. bezrobocie\n2. samotność seniorów"),
        (1, "Wstęp", "Plan **przyjmuje** zarządzenie."),
    ):
        PlanSection.objects.create(plan=plan, order=order, title=title, body=body)
    Community.objects.create(plan=plan, name="Ostrowiecka", kind="territorial", **COMMUNITY)
    item(plan, timing_kinds=["frequency"], frequency="monthly", task="Spotkania sąsiedzkie")
    client.force_login(osl_organizer)
    draft = pdf_text(client.get(reverse("osl:plan-pdf", args=[plan.pk])).content)
    assert "PROJEKT" in draft and "Załącznik do Zarządzenia nr" in draft
    workflows.adopt(
        workflows.submit(plan, osl_organizer), "Zarządzenie nr 7/2026", date(2026, 6, 20), director
    )
    text = pdf_text(client.get(reverse("osl:plan-pdf", args=[plan.pk])).content)
    assert "Załącznik do Zarządzenia nr 7/2026 Dyrektora Centrum Usług Społecznych w Żabnie" in text
    assert "z dnia 20.06.2026 r." in text and "PROJEKT" not in text
    assert "Zarządzenie nr Zarządzenie" not in text
    assert text.index("Wstęp") < text.index("Diagnoza")  # the sections in the user's order
    assert "1. bezrobocie" in text or "bezrobocie" in text
    for value in (
        "ul. Ostrowiecka 21A i 21B",
        "21A: 37 mieszkań, 93 osoby",
        "Motylkowe Wzgórze",
        "Pikniki sąsiedzkie, kawiarenka",
        "Troje liderów",
        "Brak stałych spotkań mieszkańców",
        "Dotychczasowe narzędzia i działania",
        "Stan wyjściowy",
    ):
        assert value in text, value
    assert "Spotkania sąsiedzkie" in text
    assert "Anna Żuraw" in text and "podpis Dyrektora" in text
    # The plan page shows every field of the community too, and the gmina's own wording.
    page = client.get(reverse("osl:plan-detail", args=[plan.pk])).text
    for value in (
        "Pikniki sąsiedzkie, kawiarenka",
        "Brak stałych spotkań mieszkańców",
        "<strong>Motylkowe Wzgórze</strong>",
    ):
        assert value in page, value
    assert "na poziomie ogólnogminnym" in page and "ogólnomiejskim" not in page
    assert "<p>Plan <strong>przyjmuje</strong> zarządzenie.</p>" in page


def test_the_gmina_wording_follows_the_centre_profile():
    assert CentreProfile(gmina_kind="urban").gmina_wide == "ogólnomiejskim"
    assert CentreProfile(gmina_kind="rural").gmina_wide == "ogólnogminnym"
    assert CentreProfile(gmina_kind="urban_rural").gmina_wide == "ogólnogminnym"


def test_the_plan_handed_over_and_adopted_is_served_as_stored(
    client, plan, osl_organizer, director
):
    """The director reads the very document handed over, and the adopted plan's PDF is the one
    stored at adoption: neither is rendered again (a 17-page plan took 2–4 s a print), and a
    later change elsewhere (the centre's name) does not rewrite an adopted document."""
    item(plan, timing_kinds=["frequency"], frequency="monthly", task="Spotkania sąsiedzkie")
    CentreProfile.objects.create(name="Centrum Usług Społecznych w Żabnie")
    url = reverse("osl:plan-pdf", args=[plan.pk])
    client.force_login(director)
    assert plan.frozen_document is None  # a draft is printed as it stands
    workflows.submit(plan, osl_organizer)
    handed = OslPlan.objects.get(pk=plan.pk).frozen_document
    assert handed.kind == "frozen" and handed.created_by == osl_organizer
    response = client.get(url)
    assert response.content == handed.read() and "PROJEKT" in pdf_text(response.content)
    assert response["Content-Disposition"] == f'inline; filename="plan-osl-{plan.pk}.pdf"'

    # Returned for changes, the draft is printed live again, with the change.
    workflows.return_for_changes(plan, "Proszę uzupełnić wskaźniki.", director)
    CentreProfile.objects.update(name="Centrum Usług Społecznych w Żabnie-Zdroju")
    assert OslPlan.objects.get(pk=plan.pk).frozen_document is None
    assert "Żabnie-Zdroju" in pdf_text(client.get(url).content)

    adopted = workflows.adopt(
        workflows.submit(plan, osl_organizer), "7/2026", date(2026, 6, 20), director
    )
    document = OslPlan.objects.get(pk=adopted.pk).frozen_document
    assert document.created_by == director and document != handed
    CentreProfile.objects.update(name="Inna nazwa")
    text = pdf_text(client.get(url).content)
    assert client.get(url).content == document.read()
    assert "Załącznik do Zarządzenia nr 7/2026" in text and "Żabnie-Zdroju" in text
    assert "Inna nazwa" not in text
    # Every document handed over or adopted stays in the plan's history.
    assert [t.to_status for t in adopted.transitions.exclude(document=None)] == [
        "submitted",
        "submitted",
        "adopted",
    ]
