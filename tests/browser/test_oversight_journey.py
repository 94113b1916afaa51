"""The OUS opens the quarter, sees an overdue monitoring, records the meeting with an action and
generates the half-year summary; the director finds it in the inbox."""

from datetime import timedelta

from django.utils import timezone

from cus.dates import Quarter
from ipus.choices import PlanStatus
from ipus.models import Plan
from tests.factories import UserFactory
from tests.ipus.test_oversight import local, make_plan
from tests.services.factories import ServiceFactory


def test_ous_quarter_meeting_and_summary_reach_the_director(page, login_as):
    kipus = UserFactory(
        username="kipus-o", first_name="Katarzyna", last_name="Wiśniewska", role="KIPUS"
    )
    UserFactory(username="ous-o", first_name="Paweł", last_name="Zieliński", role="OUS")
    UserFactory(username="dyrektor-o", first_name="Anna", last_name="Kowalska", role="Dyrektor")
    today = timezone.localdate()
    start = today - timedelta(days=120)
    plan = make_plan(
        kipus,
        "Łęcka",
        local(start.year, start.month, start.day, 9) - timedelta(days=20),
        status=PlanStatus.ACTIVE,
        approved_on=start - timedelta(days=5),
        valid=(start, start + timedelta(days=300)),
        items=[(ServiceFactory(name="Usługa opiekuńcza", unit="hour"), None, 6, "week")],
    )
    Plan.objects.filter(pk=plan.pk).update(
        number="IPUS/2026/77", next_contact_due=today - timedelta(days=9)
    )
    page.on("dialog", lambda dialog: dialog.accept())

    login_as(page, "ous-o")
    page.get_by_role("link", name="Omówienie kwartału").click()
    assert Quarter.current().label in page.locator("h1").inner_text()
    overdue = page.locator("li", has_text="IPUS/2026/77").first
    assert "Osoba Łęcka" in overdue.inner_text()

    # The meeting with one action.
    page.get_by_role("link", name="Zapisz spotkanie").click()
    page.locator("#id_held_on").fill(today.isoformat())
    page.get_by_label("Katarzyna Wiśniewska").check()
    page.locator("#id_agenda").fill("Zaległe monitorowanie — żółta kartka")
    page.locator("#id_actions-0-description").fill("Skontaktować się z p. Łęcką")
    page.locator("#id_actions-0-owner").select_option(label="Katarzyna Wiśniewska")
    page.locator("#id_actions-0-due_on").fill((today + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Zapisz spotkanie").click()
    assert page.get_by_text("Zapisano spotkanie i działania").is_visible()
    assert page.get_by_text("Skontaktować się z p. Łęcką").is_visible()

    # The half-year summary.
    page.goto("/ipus/oversight/summaries/create/")
    page.locator("#id_effectiveness").fill("Plany realizowane; jedno zaległe monitorowanie.")
    page.locator("#id_directions").fill("Sąsiedzka pomoc dla osób samotnych — zadanie dla OSL.")
    page.get_by_role("button", name="Wygeneruj i wyślij").click()
    assert page.get_by_text("wysłano je do dyrektora").is_visible()
    assert page.get_by_text("nieodczytane").is_visible()

    # The director finds it in the inbox; opening it records the reading.
    page.context.clear_cookies()
    login_as(page, "dyrektor-o")
    page.get_by_role("link", name="Skrzynka").click()
    page.get_by_role("link", name="Podsumowanie realizacji IPUS").click()
    assert page.get_by_text("Sąsiedzka pomoc dla osób samotnych").is_visible()
    from ipus.models import InboxMessage

    assert InboxMessage.objects.get(recipient__username="dyrektor-o").read_at is not None
