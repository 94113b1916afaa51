"""The seeded Starachowice OSL plan 2023–2024 (osl.seeds): the schema the loader reads, the
whole document (every schedule row, the whole narrative) and the document's own words."""

import re
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from cus.dates import Quarter
from osl.choices import Area, CommunityKind, Component, Frequency, SupportKind, TimingKind
from osl.seeds.starachowice_2023_2024 import PLAN

SOURCE = (
    Path(__file__).resolve().parents[3] / "shared" / "seeds" / "osl-plan-starachowice-2023-2024.txt"
)

# Letters and digits of the document's narrative (everything but the four schedule tables),
# counted by source_narrative() below; pinned so that the length check also runs where the seed
# documents are not beside the repository.
SOURCE_NARRATIVE_ALNUM = 21945

# Words of the document's narrative that are structure in the seed: the community profiles'
# headings (their name and kind and the field labels), and two spellings the extraction broke
# ("m2" for m², "działańOSL").
HEADING_WORDS = {
    "społeczność",
    "społeczności",
    "terytorialna",
    "kategorialna",
    "wzgórze",
    "ostrowiecka",
    "seniorzy",
    "opis",
    "lokalnej",
    "potencjał",
    "narzędzia",
    "i",
    "działania",
    "osl",
    "zastosowane",
    "w",
    "dotychczas",
    "m2",
    "działańosl",
}

ITEMS_PER_SCHEDULE = {None: 11, "wzgorze": 13, "ostrowiecka": 13, "seniorzy": 9}

PLAN_KEYS = {
    "title": str,
    "period_start": date,
    "period_end": date,
    "goals": list,
    "support_kinds": list,
    "sections": list,
    "swot": dict,
    "communities": list,
    "stages": list,
    "schedules": list,
    "leaders": list,
}
COMMUNITY_TEXT_FIELDS = (
    "key",
    "name",
    "boundaries",
    "description",
    "potential",
    "tools_so_far",
    "leaders_note",
    "baseline",
)
ITEM_TEXT_FIELDS = (
    "task",
    "method",
    "target_group",
    "participants",
    "implementers",
    "alternative",
)
ITEM_KEYS = {
    "number",
    "goal",
    "area",
    "participants_basis",
    "timing",
    "indicators",
    *ITEM_TEXT_FIELDS,
}
TIMING_KEYS = {"kinds", "frequency", "quarters", "months", "starts_on", "ends_on", "note"}
INDICATOR_KEYS = {"kind", "name", "target", "unit", "description", "evidence"}


def items():
    return [
        (schedule["community"], item)
        for schedule in PLAN["schedules"]
        for item in schedule["items"]
    ]


def item_id(pair):
    community, item = pair
    return f"{community or 'gmina'}-{item['number']}"


def community_keys():
    return {community["key"] for community in PLAN["communities"]}


def plain(text):
    return text.replace("**", "")


def seed_narrative():
    """The narrative as seeded: the sections and the community profiles."""
    parts = [f"{s['title']}\n{s['body']}" for s in PLAN["sections"]]
    parts += [
        c[field]
        for c in PLAN["communities"]
        for field in ("description", "potential", "tools_so_far", "baseline")
    ]
    return plain("\n".join(parts))


def source_narrative():
    """The document without its four schedule tables, with the PDF's line-end hyphens joined
    and its one page number dropped."""
    text = SOURCE.read_text(encoding="utf-8")
    tables = text.index("Harmonogram działań z zakresu OSL na poziomie ogólnomiejskim\n")
    summary = text.index("Podsumowanie\n")
    text = text[:tables] + text[summary:]
    text = re.sub(r"\n\s*10\s*\n", "\n", text)
    return re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)


def alnum(text):
    return sum(ch.isalnum() for ch in text)


def words(text):
    return Counter(re.findall(r"\w+", text.lower()))


def in_period(day):
    return PLAN["period_start"] <= day <= PLAN["period_end"]


needs_source = pytest.mark.skipif(not SOURCE.exists(), reason="the seed documents are not here")


class TestSchema:
    def test_the_plan_has_every_key_with_its_type(self):
        assert set(PLAN) == set(PLAN_KEYS)
        for key, kind in PLAN_KEYS.items():
            assert isinstance(PLAN[key], kind), key

    def test_the_period_is_2023_2024(self):
        assert PLAN["period_start"] < PLAN["period_end"]
        assert (PLAN["period_start"].year, PLAN["period_end"]) == (2023, date(2024, 12, 31))
        assert "2023–2024" in PLAN["title"]

    def test_goals_have_a_title_and_a_description(self):
        assert PLAN["goals"]
        for goal in PLAN["goals"]:
            assert set(goal) == {"title", "description"}
            assert goal["title"].strip()
            assert isinstance(goal["description"], str)

    def test_support_kinds_are_choices_named_once(self):
        assert PLAN["support_kinds"]
        assert set(PLAN["support_kinds"]) <= set(SupportKind.values)
        assert len(set(PLAN["support_kinds"])) == len(PLAN["support_kinds"])

    def test_sections_have_a_title_and_a_body(self):
        for section in PLAN["sections"]:
            assert set(section) == {"title", "body"}
            assert section["title"].strip() and section["body"].strip()
            assert len(section["title"]) <= 200

    def test_swot_has_the_four_parts(self):
        assert set(PLAN["swot"]) == {"S", "W", "O", "T"}
        for entries in PLAN["swot"].values():
            assert all(isinstance(entry, str) and entry.strip() for entry in entries)

    def test_communities_have_every_field(self):
        keys = [c["key"] for c in PLAN["communities"]]
        assert len(keys) == len(set(keys))
        for community in PLAN["communities"]:
            assert set(community) == {*COMMUNITY_TEXT_FIELDS, "kind"}
            assert community["kind"] in {CommunityKind.TERRITORIAL, CommunityKind.CATEGORICAL}
            for field in COMMUNITY_TEXT_FIELDS:
                assert isinstance(community[field], str), field
            assert community["key"] and community["name"]

    def test_stages_are_well_formed(self):
        for stage in PLAN["stages"]:
            assert set(stage) == {"name", "operational_goals", "components", "quarters"}
            assert set(stage["components"]) <= set(Component.values)
            for slug in stage["quarters"]:
                quarter = Quarter.parse(slug)
                assert quarter and quarter.slug == slug
                assert in_period(quarter.start) or in_period(quarter.end)

    def test_schedules_belong_to_known_communities_once_each(self):
        communities = [schedule["community"] for schedule in PLAN["schedules"]]
        assert len(communities) == len(set(communities))
        assert set(communities) - {None} <= community_keys()
        for schedule in PLAN["schedules"]:
            assert set(schedule) == {"community", "items"}

    def test_leaders_belong_to_known_communities(self):
        for leader in PLAN["leaders"]:
            assert set(leader) == {"community", "name", "notes"}
            assert leader["community"] in community_keys()

    def test_items_are_numbered_1_to_n_in_each_schedule(self):
        for schedule in PLAN["schedules"]:
            numbers = [item["number"] for item in schedule["items"]]
            assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("pair", items(), ids=item_id)
class TestEveryItem:
    def test_it_has_every_key_with_its_type(self, pair):
        _community, item = pair
        assert set(item) == ITEM_KEYS
        assert isinstance(item["number"], int)
        for field in ITEM_TEXT_FIELDS:
            assert isinstance(item[field], str), field
        assert item["task"].strip() and len(item["task"]) <= 300
        assert item["implementers"].strip()

    def test_its_choices_are_allowed(self, pair):
        _community, item = pair
        assert item["area"] in {*Area.values, ""}
        assert item["participants_basis"] in {"occurrence", "total", ""}
        goal = item["goal"]
        assert goal is None or (isinstance(goal, int) and 0 <= goal < len(PLAN["goals"]))

    def test_its_timing_lies_inside_the_plan(self, pair):
        _community, item = pair
        timing = item["timing"]
        assert set(timing) == TIMING_KEYS
        assert timing["kinds"] and set(timing["kinds"]) <= set(TimingKind.values)
        assert timing["frequency"] in {*Frequency.values, ""}
        assert bool(timing["frequency"]) == ("frequency" in timing["kinds"])
        assert timing["note"].strip()
        for slug in timing["quarters"]:
            quarter = Quarter.parse(slug)
            assert quarter and quarter.slug == slug
            assert in_period(quarter.start) or in_period(quarter.end)
        for slug in timing["months"]:
            assert re.fullmatch(r"\d{4}-\d{2}", slug)
            year, month = map(int, slug.split("-"))
            assert in_period(date(year, month, 1)) or in_period(date(year, month, 28))
        for day in (timing["starts_on"], timing["ends_on"]):
            assert day is None or (isinstance(day, date) and in_period(day))

    def test_its_indicators_are_well_formed(self, pair):
        _community, item = pair
        for indicator in item["indicators"]:
            assert set(indicator) == INDICATOR_KEYS
            assert indicator["kind"] in {"quantitative", "qualitative"}
            assert indicator["name"].strip()
            if indicator["kind"] == "quantitative":
                assert isinstance(indicator["target"], int | Decimal) and indicator["unit"]
            else:
                assert indicator["target"] is None and indicator["description"]


class TestTheWholeDocument:
    def test_every_schedule_has_all_its_rows(self):
        counts = {s["community"]: len(s["items"]) for s in PLAN["schedules"]}
        assert counts == ITEMS_PER_SCHEDULE
        assert sum(counts.values()) == 46

    def test_the_city_wide_schedule_is_the_one_without_a_community(self):
        assert PLAN["schedules"][0]["community"] is None

    def test_the_document_states_no_indicators_and_no_goals_per_row(self):
        # Its tables have only Obszar · Zadanie · Realizator · Częstotliwość.
        for _community, item in items():
            assert item["indicators"] == []
            assert item["goal"] is None

    def test_the_narrative_keeps_at_least_95_percent_of_the_documents(self):
        assert alnum(seed_narrative()) >= 0.95 * SOURCE_NARRATIVE_ALNUM

    @needs_source
    def test_the_pinned_length_is_the_documents(self):
        assert alnum(source_narrative()) == SOURCE_NARRATIVE_ALNUM

    @needs_source
    def test_every_word_of_the_narrative_is_seeded(self):
        """Only the profiles' headings (now fields) may be missing, word for word."""
        missing = words(source_narrative()) - words(seed_narrative())
        assert set(missing) <= HEADING_WORDS, sorted(set(missing) - HEADING_WORDS)
        assert sum(missing.values()) <= 60

    @needs_source
    def test_every_task_is_the_documents_own_text(self):
        source = " ".join(re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", SOURCE.read_text()).split())
        for _community, item in items():
            assert item["task"] in source, item["task"]
            assert item["timing"]["note"] in source, item["timing"]["note"]

    @needs_source
    def test_the_sections_follow_the_documents_order(self):
        source = " ".join(SOURCE.read_text().split())
        positions = [source.index(section["title"]) for section in PLAN["sections"]]
        assert positions == sorted(positions)


class TestMarkup:
    def bodies(self):
        yield from (section["body"] for section in PLAN["sections"])
        for community in PLAN["communities"]:
            yield from (community[f] for f in ("description", "potential", "tools_so_far"))

    def test_no_body_holds_html(self):
        for body in self.bodies():
            assert not re.search(r"</?[a-zA-Z][^>]*>|&[a-z]+;|&#\d+;", body)

    def test_no_pdf_artefacts_remain(self):
        for body in self.bodies():
            assert not re.search(r"[•●➢]|\w-\n|  |\n{3,}|^ | $", body, re.MULTILINE), body[:80]
            assert body == body.strip()
            assert body.count("**") % 2 == 0

    def test_lists_are_markup_lines(self):
        by_title = {s["title"]: s["body"] for s in PLAN["sections"]}
        analysis = by_title[
            "Analiza doświadczeń okresu pilotażu i rekomendacje do planu OSL na lata 2023-24"
        ]
        numbered = [line for line in analysis.splitlines() if re.match(r"\d+\. ", line)]
        assert len(numbered) == 10 + 9  # the conclusions and the recommendations
        tools = by_title["Narzędzia główne i wspierające, oraz główni aktorzy OSL"]
        assert "- Rzecznictwo i informacja obywatelska" in tools.splitlines()


class TestTheDocumentsWords:
    def section(self, title):
        return next(s["body"] for s in PLAN["sections"] if s["title"] == title)

    def community(self, key):
        return next(c for c in PLAN["communities"] if c["key"] == key)

    def tasks(self, community):
        return [item["task"] for c, item in items() if c == community]

    def item(self, community, number):
        return next(item for c, item in items() if c == community and item["number"] == number)

    def test_the_main_goals(self):
        titles = [goal["title"] for goal in PLAN["goals"]]
        assert len(titles) == 4
        assert titles[0].startswith("Odbudowywanie lub tworzenie więzi wspólnotowych")
        assert titles[3].endswith("oraz sieci znajomości przedmiotowych.")

    def test_the_sections_in_order(self):
        titles = [s["title"] for s in PLAN["sections"]]
        assert titles[0] == "Cele organizowania społeczności lokalnej w ramach aktywności CUS"
        assert titles[-1] == "Podsumowanie"
        assert "Główne zasady planowania OSL" in titles
        assert "Główne przesłanki planowania OSL wynikające z diagnozy" in titles

    def test_conclusions_recommendations_premises_actors_components(self):
        analysis = self.section(
            "Analiza doświadczeń okresu pilotażu i rekomendacje do planu OSL na lata 2023-24"
        )
        assert "uchwały Nr IX/13/2020 Rady Miejskiej w Starachowicach" in analysis
        assert "6. Występują duże bariery komunikacyjne pomiędzy członkami społeczności." in (
            analysis
        )
        assert "8. Skuteczniejsze wykorzystywanie metodologii OSL" in analysis
        premises = self.section("Główne przesłanki planowania OSL wynikające z diagnozy")
        assert "- relatywnie niski poziom zaufania do innych," in premises
        assert "- mieszkalnictwa komunalnego i socjalnego," in premises
        actors = self.section("Narzędzia główne i wspierające, oraz główni aktorzy OSL")
        assert "inicjowanie innych niż określone w pkt 3 działań" in actors
        assert "2) **Animatorzy** – prowadzący działania ożywiające" in actors
        method = self.section("Założenia metodologiczne OSL")
        assert "**Edukacja** - oznaczająca lokalną edukację środowiskową" in method
        assert "paradygmat pracy “przez zasoby”, opisany w modelu ABCD." in method
        assert "katalog usług społecznych świadczonych przez instytucje" in self.section(
            "Podsumowanie"
        )

    def test_the_communities_history(self):
        seniors = self.community("seniorzy")
        assert "erygowana w 1984 roku" in seniors["potential"]
        assert (
            "pod koniec 2017 roku Katolickie Stowarzyszenie Niepełnosprawnych Świetlica „Motylkowe Wzgórze”"
            in (seniors["potential"])
        )
        assert "Iłżecką, Krańcową i Długą" in seniors["boundaries"]
        assert seniors["kind"] == "categorical"
        hill = self.community("wzgorze")
        assert (
            "W lipcu 2016 roku założone zostało Stowarzyszenie “Razem dla Nas”"
            in (hill["potential"])
        )
        assert "Zakładowa, Mickiewicza i Nadrzeczna" in hill["boundaries"]
        assert "Kafejki Sąsiedzkiej i Klubu Mam" in hill["tools_so_far"]
        assert "3 osoby" in hill["leaders_note"]

    def test_ostrowieckas_blocks(self):
        street = self.community("ostrowiecka")
        assert "W bloku Ostrowiecka 21A znajduje się 37 mieszkań" in street["baseline"]
        assert "Blok łącznie zamieszkuje 93 osoby." in street["baseline"]
        assert (
            "34 mieszkania socjalne znajdują się w bloku nowo wybudowanym - Ostrowiecka 21B"
            in (street["baseline"])
        )
        assert "Blok zamieszkuje 62 osoby." in street["baseline"]
        assert "21A" not in street["description"]  # moved, not repeated
        assert "przesiedleni z osiedla Bugaj" in street["description"]
        assert "trzy osoby" in street["leaders_note"]

    def test_tasks_of_each_schedule(self):
        assert "Aktualizacja cyfrowej mapy zasobów i potencjałów na rzecz OSL" in self.tasks(None)
        assert self.tasks(None)[9].startswith("Wspólnie można więcej - efekt synergii")
        assert "Współpraca z Centrum Aktywności Społecznej w zakresie działań na Osiedlu" in (
            self.tasks("wzgorze")
        )
        assert (
            "Pozyskanie partnerów do prowadzenia działań i promowania metody OSL wśród mieszkańców całej ulicy Ostrowieckiej"
            in (self.tasks("ostrowiecka"))
        )
        seniors = self.tasks("seniorzy")
        assert seniors[1].startswith("Aktywny senior – zajęcia rekreacyjne")
        assert seniors[2].startswith("Senior w sieci – promowanie działań seniorów")
        assert seniors[0] == "Senioralne i międzypokoleniowe imprezy integracyjne"
        assert seniors[4].startswith("Wspieranie i promowanie wolontariatu senioralnego")
        assert seniors[8] == (
            "Włączanie seniorów w debatę publiczną dotyczącą tej grupy mieszkańców miasta"
        )

    def test_areas_follow_the_tables_blocks(self):
        def areas(community):
            return [item["area"] for c, item in items() if c == community]

        assert areas(None) == ["animation"] * 4 + ["networking"] * 4 + ["planning"] * 3
        for community in ("wzgorze", "ostrowiecka"):
            assert areas(community) == ["animation"] * 6 + ["networking"] * 5 + ["planning"] * 2
        assert areas("seniorzy") == ["animation"] * 4 + ["networking"] * 3 + ["planning"] * 2

    def test_terms_map_to_frequencies_and_keep_the_wording(self):
        timing = self.item(None, 5)["timing"]
        assert (timing["frequency"], timing["note"]) == (
            "half_yearly",
            "Raz na pół roku lub w razie potrzeb",
        )
        assert self.item("wzgorze", 2)["timing"]["frequency"] == "quarterly"
        assert self.item(None, 10)["timing"]["frequency"] == "yearly"
        assert self.item("seniorzy", 6)["timing"]["note"] == "Praca ciągłą"
        assert self.item("seniorzy", 6)["timing"]["frequency"] == "continuous"
        assert self.item("seniorzy", 2)["timing"]["frequency"] == "as_needed"
        assert self.item("ostrowiecka", 13)["timing"]["frequency"] == "ongoing"

    def test_implementers_as_written(self):
        assert self.item("seniorzy", 1)["implementers"] == "CUS, Kluby Seniora, Rada Seniorów"
        assert self.item("wzgorze", 4)["implementers"] == "OSL, Animatorzy, Instytucje"
        assert self.item(None, 5)["implementers"] == "CUS - OSL"

    def test_the_supporting_tools(self):
        assert PLAN["support_kinds"] == ["partnerships", "volunteering", "campaigns", "advocacy"]
