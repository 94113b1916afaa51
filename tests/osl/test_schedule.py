"""The schedule as the plan prints it: every field through the form, indicators of both kinds,
the plan period, one "cała gmina", communities once, delete/reorder on drafts, XLSX round trip."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from osl import progress
from osl.choices import CommunityKind
from osl.forms import LeaderForm, ScheduleItemForm
from osl.imports import COLUMNS, import_schedule
from osl.models import (
    Community,
    Indicator,
    OslPlan,
    Partner,
    PlanGoal,
    ScheduleItem,
    Stage,
)


@pytest.fixture
def plan(db, osl_organizer):
    plan = OslPlan(
        title="Plan OSL 2026/2027", period_start=date(2026, 7, 1), period_end=date(2027, 6, 30)
    )
    plan.stamp(osl_organizer)
    plan.save()
    PlanGoal.objects.create(plan=plan, order=1, title="Integracja mieszkańców")
    PlanGoal.objects.create(plan=plan, order=2, title="Aktywizacja seniorów")
    return plan


@pytest.fixture
def wzgorze(plan):
    return Community.objects.create(plan=plan, name="Wzgórze", kind=CommunityKind.TERRITORIAL)


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Szkoła Podstawowa nr 1", kind="school")


def item_post(plan, community, goal, partner, **overrides):
    data = {
        "number": "3",
        "community": community.pk,
        "specific_goal": goal.pk,
        "area": "animation",
        "task": "Kawiarenka sąsiedzka",
        "method": "Spotkania przy kawie w świetlicy.",
        "target_group": "mieszkańcy osiedla",
        "participants": "10–15",
        "participants_basis": "occurrence",
        "timing_kinds": ["range", "frequency"],
        "frequency": "monthly",
        "starts_on": "2026-09-01",
        "ends_on": "2027-06-30",
        "timing_note": "poza wakacjami",
        "implementers": "OSL, animator",
        "partners": [partner.pk],
        "alternative": "Spotkanie online.",
        "indicators-TOTAL_FORMS": "2",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-order": "1",
        "indicators-0-kind": "quantitative",
        "indicators-0-name": "Spotkania",
        "indicators-0-target": "10",
        "indicators-0-unit": "spotkań",
        "indicators-0-evidence": "listy obecności",
        "indicators-1-order": "2",
        "indicators-1-kind": "qualitative",
        "indicators-1-name": "Zmiana postaw",
        "indicators-1-description": "Mieszkańcy sami proponują tematy.",
        "indicators-1-evidence": "wywiady",
    }
    data.update(overrides)
    return data


STORED = {
    "number": 3,
    "area": "animation",
    "task": "Kawiarenka sąsiedzka",
    "method": "Spotkania przy kawie w świetlicy.",
    "target_group": "mieszkańcy osiedla",
    "participants": "10–15",
    "participants_min": 10,
    "participants_max": 15,
    "participants_basis": "occurrence",
    "timing_kinds": ["range", "frequency"],
    "frequency": "monthly",
    "starts_on": date(2026, 9, 1),
    "ends_on": date(2027, 6, 30),
    "timing_note": "poza wakacjami",
    "implementers": "OSL, animator",
    "alternative": "Spotkanie online.",
}


def test_every_field_of_an_item_round_trips_through_the_form(
    client, osl_organizer, plan, wzgorze, partner
):
    goal = plan.goals.get(order=2)
    client.force_login(osl_organizer)
    url = reverse("osl:item-create", args=[plan.pk])
    response = client.post(url, item_post(plan, wzgorze, goal, partner))
    assert response.status_code == 302, response.context["form"].errors
    item = ScheduleItem.objects.get()
    for name, value in STORED.items():
        assert getattr(item, name) == value, name
    assert item.community == wzgorze and item.specific_goal == goal
    assert list(item.partners.all()) == [partner]
    assert item.timing == "01.09.2026–30.06.2027, raz w miesiącu, poza wakacjami"
    quantitative, qualitative = item.indicators.all()
    assert str(quantitative) == "Spotkania: min. 10 spotkań"
    assert (qualitative.kind, qualitative.target, qualitative.description) == (
        "qualitative",
        None,
        "Mieszkańcy sami proponują tematy.",
    )
    # The edit form shows each value back; every model field of the form is covered above.
    form = client.get(reverse("osl:item-update", args=[plan.pk, item.pk])).context["form"]
    assert set(ScheduleItemForm.Meta.fields) <= set(STORED) | {
        "community",
        "specific_goal",
        "partners",
        "quarters",
        "months",
    }
    for name in STORED:
        if name in form.fields:
            assert form[name].value() in (
                STORED[name],
                str(STORED[name]),
                "2026-09-01",
                "2027-06-30",
            )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"indicators-0-target": ""}, "target", "Wskaźnik ilościowy: podaj wartość minimalną."),
        ({"indicators-0-unit": ""}, "unit", "Wskaźnik ilościowy: podaj jednostkę"),
        ({"indicators-1-description": ""}, "description", "Wskaźnik jakościowy: opisz"),
        ({"indicators-1-target": "3"}, "target", "Wskaźnik jakościowy nie ma wartości liczbowej."),
    ],
)
def test_each_indicator_kind_says_in_polish_what_it_needs(
    client, osl_organizer, plan, wzgorze, partner, overrides, field, message
):
    client.force_login(osl_organizer)
    data = item_post(plan, wzgorze, plan.goals.first(), partner, **overrides)
    response = client.post(reverse("osl:item-create", args=[plan.pk]), data)
    assert response.status_code == 200
    errors = [form.errors.get(field, []) for form in response.context["indicators"]]
    assert any(message in error for row in errors for error in row)
    assert not ScheduleItem.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"timing_kinds": ["quarters"], "quarters": "2026-Q2"}, "quarters"),
        ({"timing_kinds": ["months"], "months": "2027-07"}, "months"),
        ({"timing_kinds": ["date"], "starts_on": "2028-05-01"}, "starts_on"),
        (
            {"timing_kinds": ["range"], "starts_on": "2026-09-01", "ends_on": "2027-07-31"},
            "ends_on",
        ),
    ],
)
def test_quarters_months_and_days_outside_the_plan_are_refused(
    client, osl_organizer, plan, wzgorze, partner, overrides, field
):
    client.force_login(osl_organizer)
    data = item_post(plan, wzgorze, plan.goals.first(), partner, **overrides)
    response = client.post(reverse("osl:item-create", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "Poza okresem planu (01.07.2026–30.06.2027)" in response.context["form"].errors[field][0]
    assert not ScheduleItem.objects.exists()


def test_a_stage_quarter_outside_the_plan_is_refused_with_a_message(client, osl_organizer, plan):
    client.force_login(osl_organizer)
    data = {
        "title": plan.title,
        "period_start": "2026-07-01",
        "period_end": "2027-06-30",
        "version": plan.version,
        **{f"{p}-TOTAL_FORMS": "0" for p in ("goals", "sections", "swot")},
        **{f"{p}-INITIAL_FORMS": "0" for p in ("goals", "sections", "swot")},
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-0-order": "1",
        "stages-0-name": "Wejście",
        "stages-0-quarters": "2026-Q3, 2026-Q2",
    }
    response = client.post(reverse("osl:plan-update", args=[plan.pk]), data)
    assert response.status_code == 200
    [stage_form] = response.context["stages"].forms
    assert "2026-Q2" in stage_form.errors["quarters"][0]
    assert not Stage.objects.exists()


def test_participants_target_follows_its_basis(plan):
    def target(participants, basis, expected):
        row = ScheduleItem(plan=plan, participants=participants, participants_basis=basis)
        row.participants_min = int(participants.split()[-1]) if participants[-1].isdigit() else None
        row.expected = expected
        return progress.participants_target(row)

    assert target("ok. 40", "occurrence", Decimal(3)) == 120
    assert target("ok. 40", "total", Decimal(3)) == 40
    assert target("ok. 40", "", Decimal(3)) is None


def test_there_is_one_cala_gmina_scope(plan, wzgorze):
    assert "municipality" not in CommunityKind.values
    form = ScheduleItemForm(plan=plan)
    labels = [str(label) for _value, label in form.fields["community"].choices]
    assert labels.count("cała gmina") == 1
    assert labels == ["cała gmina", "Wzgórze"]


def test_community_drop_downs_list_each_community_once(plan, wzgorze, osl_organizer):
    from osl.workflows import adopt, new_version, submit

    adopt(submit(plan, osl_organizer), "1/2026", date(2026, 6, 20), osl_organizer)
    second = new_version(plan, osl_organizer, reason="aktualizacja")
    adopt(submit(second, osl_organizer), "2/2026", date(2026, 9, 1), osl_organizer)
    new_version(second, osl_organizer, reason="kolejna")
    assert Community.objects.filter(name="Wzgórze").count() == 3
    labels = [str(label) for _v, label in LeaderForm().fields["community"].choices][1:]
    assert labels == ["Wzgórze"]
    # The plan's own form offers only the plan's own copy.
    offered = list(ScheduleItemForm(plan=second).fields["community"].queryset)
    assert offered == [second.communities.get()]


def test_items_and_communities_are_deleted_and_reordered_on_drafts_only(
    client, osl_organizer, plan, wzgorze
):
    client.force_login(osl_organizer)
    first, second, third = (
        ScheduleItem.objects.create(
            plan=plan, community=wzgorze, task=f"Zadanie {n}", timing_note="wg potrzeb"
        )
        for n in (1, 2, 3)
    )
    assert [first.number, second.number, third.number] == [1, 2, 3]
    client.post(reverse("osl:item-move", args=[plan.pk, third.pk]), {"direction": "up"})
    assert list(wzgorze.schedule_items.order_by("number").values_list("task", flat=True)) == [
        "Zadanie 1",
        "Zadanie 3",
        "Zadanie 2",
    ]
    response = client.post(reverse("osl:community-delete", args=[plan.pk, wzgorze.pk]))
    assert Community.objects.filter(pk=wzgorze.pk).exists()
    assert "ma pozycje harmonogramu" in str(next(iter(response.wsgi_request._messages)))
    for row in (first, second, third):
        client.post(reverse("osl:item-delete", args=[plan.pk, row.pk]))
    assert not ScheduleItem.objects.exists()
    client.post(reverse("osl:community-delete", args=[plan.pk, wzgorze.pk]))
    assert not Community.objects.exists()
    assert client.get(reverse("osl:item-delete", args=[plan.pk, 1])).status_code == 405

    other = Community.objects.create(plan=plan, name="Seniorzy", kind="categorical")
    row = ScheduleItem.objects.create(plan=plan, community=other, task="x", timing_note="stale")
    OslPlan.objects.filter(pk=plan.pk).update(status="adopted")
    client.post(reverse("osl:item-delete", args=[plan.pk, row.pk]))
    client.post(reverse("osl:community-delete", args=[plan.pk, other.pk]))
    client.post(reverse("osl:item-move", args=[plan.pk, row.pk]), {"direction": "up"})
    assert ScheduleItem.objects.filter(pk=row.pk, number=1).exists()
    assert Community.objects.filter(pk=other.pk).exists()


def test_lp_is_unique_in_a_schedule(client, osl_organizer, plan, wzgorze, partner):
    ScheduleItem.objects.create(plan=plan, community=wzgorze, number=3, task="x", timing_note="y")
    client.force_login(osl_organizer)
    data = item_post(plan, wzgorze, plan.goals.first(), partner)
    response = client.post(reverse("osl:item-create", args=[plan.pk]), data)
    assert "Ta Lp. jest już zajęta w tym harmonogramie." in str(response.context["form"].errors)


def _export(client, plan):
    response = client.get(reverse("osl:schedule-xlsx", args=[plan.pk]))
    return response.content


def _snapshot(plan):
    rows = []
    for item in plan.schedule_items.for_table().order_by("community_id", "number"):
        rows.append(
            (
                *(getattr(item, name) for name in STORED),
                item.community_id,
                item.specific_goal_id,
                item.quarters,
                item.months,
                tuple(p.pk for p in item.partners.all()),
                tuple(
                    (i.order, i.kind, i.name, i.target, i.unit, i.description, i.evidence)
                    for i in item.indicators.all()
                ),
            )
        )
    return rows


def test_the_schedule_export_imports_back_as_the_same_rows(
    client, osl_organizer, plan, wzgorze, partner
):
    client.force_login(osl_organizer)
    client.post(
        reverse("osl:item-create", args=[plan.pk]),
        item_post(plan, wzgorze, plan.goals.get(order=2), partner),
    )
    gmina = ScheduleItem.objects.create(
        plan=plan,
        task="=Festyn gminny",  # formula-like text stays text both ways
        timing_kinds=["quarters", "months"],
        quarters=["2026-Q4"],
        months=["2026-12"],
        participants="stały, niewielki udział",
        specific_goal=plan.goals.get(order=1),
    )
    Indicator.objects.create(
        item=gmina, kind="quantitative", name="Uczestnicy", target=Decimal("2.5"), unit="godz."
    )
    before = _snapshot(plan)
    data = _export(client, plan)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == [str(c) for c in COLUMNS]
    assert [c.value for c in sheet[1]][:11] == [
        "Lp.",
        "Społeczność",
        "Cel szczegółowy",
        "Działanie",
        "Opis realizacji",
        "Grupa docelowa",
        "Zakładana liczba uczestników",
        "Termin",
        "Wskaźniki realizacji",
        "Realizatorzy / partnerzy",
        "Działanie alternatywne",
    ]
    ScheduleItem.objects.all().delete()
    upload = io.BytesIO(data)
    upload.name = "harmonogram.xlsx"
    response = client.post(reverse("osl:schedule-import", args=[plan.pk]), {"file": upload})
    assert response.status_code == 302, response.context["errors"]
    assert _snapshot(plan) == before


def _workbook(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(c) for c in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_import_with_a_wrong_row_saves_nothing_and_names_each_row(plan, wzgorze):
    good = [1, "Wzgórze", "Integracja mieszkańców", "Spacer", "", "", "ok. 40 na spotkanie",
            "wrzesień 2026"]  # fmt: skip
    rows = [
        good,
        [2, "Wzgórze", "Nieznany cel", "Spacer 2", "", "", "", "raz w roku"],
        [3, "Osiedle X", "", "Spacer 3", "", "", "", "wg potrzeb"],
        [4, "", "", "Spacer 4", "", "", "", "", "Spotkania: mniej więcej dużo"],
        [5, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "01.05.2028"],
    ]
    added, errors = import_schedule(plan, _workbook(rows))
    assert added == 0 and not ScheduleItem.objects.exists()
    text = "\n".join(errors)
    assert "Wiersz 3: nieznany cel szczegółowy „Nieznany cel”" in text
    assert "Wiersz 4: nieznana społeczność „Osiedle X”" in text
    assert "Wiersz 5: nie rozumiem wskaźnika „Spotkania: mniej więcej dużo”" in text
    assert "Wiersz 6: Działanie: To pole jest wymagane." in text
    assert "Wiersz 6: Od: Poza okresem planu" in text
    assert not any(error.startswith("Wiersz 2:") for error in errors)
    added, errors = import_schedule(plan, _workbook([good]))
    assert (added, errors) == (1, [])
    item = ScheduleItem.objects.get()
    assert (item.participants_min, item.timing_note, item.community) == (
        40,
        "wrzesień 2026",
        wzgorze,
    )


def test_an_import_refuses_a_file_that_is_not_a_workbook(client, osl_organizer, plan):
    client.force_login(osl_organizer)
    upload = io.BytesIO(b"%PDF-1.4 not a workbook")
    upload.name = "harmonogram.xlsx"
    response = client.post(reverse("osl:schedule-import", args=[plan.pk]), {"file": upload})
    assert "nie jest dokumentem XLSX" in str(response.context["form"].errors)
    added, errors = import_schedule(plan, b"PK\x03\x04broken")
    assert added == 0 and errors == ["Nie udało się odczytać pliku XLSX."]


def test_a_qualitative_indicator_is_described_not_counted(plan):
    from osl.forms import ActivityForm

    row = ScheduleItem.objects.create(
        plan=plan, task="Kawiarenka", timing_kinds=["frequency"], frequency="monthly"
    )
    counted = Indicator.objects.create(item=row, name="Spotkania", target=10, unit="spotkań")
    Indicator.objects.create(
        item=row, kind="qualitative", name="Zmiana postaw", description="Mieszkańcy proponują"
    )
    [progressed] = progress.item_progress(plan)
    assert [i.pk for i in progressed.indicator_progress] == [counted.pk]
    assert ActivityForm(item=row).indicators == [counted]


@pytest.mark.parametrize(
    ("fields", "timing"),
    [
        ({"timing_kinds": ["frequency"], "frequency": "monthly"}, "raz w miesiącu"),
        (
            {
                "timing_kinds": ["frequency"],
                "frequency": "half_yearly",
                "timing_note": "Raz na pół roku",
            },
            "Raz na pół roku",
        ),
        (
            {
                "timing_kinds": ["frequency"],
                "frequency": "half_yearly",
                "timing_note": "Raz na pół roku lub w razie potrzeb",
            },
            "Raz na pół roku lub w razie potrzeb",
        ),
        (
            {
                "timing_kinds": ["frequency"],
                "frequency": "monthly",
                "timing_note": "poza wakacjami",
            },
            "raz w miesiącu, poza wakacjami",
        ),
        ({"timing_kinds": []}, "—"),
    ],
)
def test_the_timing_reads_as_the_plan_writes_it_without_saying_a_form_twice(plan, fields, timing):
    assert ScheduleItem(plan=plan, task="x", **fields).timing == timing


def test_communities_are_shown_in_the_order_the_organizer_sets(client, osl_organizer, plan):
    Community.objects.create(plan=plan, name="Zacisze", kind="territorial", order=2)
    Community.objects.create(plan=plan, name="Lipie", kind="territorial", order=1)
    client.force_login(osl_organizer)
    page = client.get(reverse("osl:plan-detail", args=[plan.pk])).text
    assert page.index("Harmonogram — Lipie") < page.index("Harmonogram — Zacisze")
