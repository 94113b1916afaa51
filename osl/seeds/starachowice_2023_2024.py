"""The Starachowice OSL plan 2023–2024 as structured data (``PLAN``), taken whole from the seed
document ``seeds/osl-plan-starachowice-2023-2024.txt``.

The text is the document's own: only what the PDF extraction broke is mended (words hyphenated
across lines joined, spacing, a page number, bullet glyphs turned into the section markup: a
blank line between paragraphs, ``- `` and ``1. `` list lines, ``**bold**``). The document's own
slips of the pen (``Wzmocnie``, ``OLS``, ``i i``, a task cut off after ``przez``) are kept, so that
the seed can be checked against the source word for word.

What the document does not have stays empty: its four schedules have only the columns Obszar
działań OSL · Zadanie · Realizator · Częstotliwość (no Lp., no specific goal, target group,
participants, alternative action or indicators; Lp. below is the row's place in its table); it
has no SWOT, no stages and names no leaders (only how many there are, in ``leaders_note``).
"""

from datetime import date


def _bullets(*items):
    return "\n".join(f"- {item}" for item in items)


def _numbered(*items):
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))


def _body(*blocks):
    return "\n\n".join(blocks)


# The four main goals ("Główne cele OSL"); the document leaves the specific goals to be set with
# each community, so the schedules name none.
GOALS = [
    "Odbudowywanie lub tworzenie więzi wspólnotowych oraz poczucia współodpowiedzialności za przestrzeń w której funkcjonuje ta wspólnota.",
    "Wyrównywanie szans, poprzez wspieranie i wzmacnianie grup/społeczności znajdujących się w najtrudniejszym położeniu – zagrożonych społecznym wykluczeniem.",
    "Wzmocnie poczucia solidarności społecznej, w tym solidarności sąsiedzkiej, organizacji pomocy wzajemnej, oraz tworzeniu świadomości wspólnoty miejsca, losu i sytuacji.",
    "Stworzenie wspólnot, w których przełamana jest izolacja i osamotnienie, odtworzone są więzi emocjonalne, międzyludzkie oraz sieci znajomości przedmiotowych.",
]

SECTIONS = [
    {
        "title": "Cele organizowania społeczności lokalnej w ramach aktywności CUS",
        "body": _body(
            "Plan Organizowania Społeczności Lokalnej zakłada, że organizowanie społeczności lokalnej to forma profesjonalnego działania ukierunkowanego na wywoływanie trwałych, pozytywnych zmian społecznych. OSL można traktować jako kwalifikowaną, zintegrowaną usługę społeczną o charakterze środowiskowym, składającą się z wielu sekwencyjnych działań prospołecznych o określonych, mierzalnych parametrach, a równocześnie przystosowanych do lokalnych uwarunkowań. W pierwszej kolejności usługę OSL należy kierować do społeczności znajdujących się w najtrudniejszym położeniu: marginalizowanych i zagrożonych społecznym wykluczeniem. Metodę tę można również wykorzystać w pracy z innymi społecznościami, jeżeli zajdzie taka potrzeba, lub zostanie to określone w stosownych diagnozach. Usługa OSL może być też „hybrydowa”, czyli silniejsza społeczność, może być partnerem „słabszej” w działaniach na rzecz jej wzmocnienia.",
            "Główne cele OSL to:",
            _numbered(*GOALS),
            "Te cele będą w procesie OSL konkretyzowane przez cele szczegółowe dla każdej społeczności, z zachowaniem szacunku dla ich specyfiki w tym dynamiki lokalnych procesów społecznych. Partycypacyjne wyznaczenie celów szczegółowych jest zadaniem organizowanych społeczności, przy wsparciu osób pełniących role wskazane w niniejszym planie.",
            "W ich formułowaniu będą brane pod uwagę także dotychczasowe wyniki działań OSL w wybranych społecznościach.",
        ),
    },
    {
        "title": "Analiza doświadczeń okresu pilotażu i rekomendacje do planu OSL na lata 2023-24",
        "body": _body(
            "Konsekwencją przekształcenia z dniem 1 stycznia 2021 r. Miejskiego Ośrodka Pomocy Społecznej w Centrum Usług Społecznych w Starachowicach, na mocy uchwały Nr IX/13/2020 Rady Miejskiej w Starachowicach z dnia 27 listopada 2020 r. była konieczność wdrożenia Organizowania Społeczności Lokalnej jako jednego z elementów działalności CUS, skierowanego na działania w społecznościach, które określone zostały w diagnozie oraz w planie wdrażania CUS.",
            "Działania te prowadzone były w trzech społecznościach:",
            _bullets(
                "dwóch terytorialnych: w blokach przy ul. Ostrowieckiej i na Osiedlu Wzgórze",
                "jednej społeczności kategorialnej: seniorzy na Osiedlu Łazy.",
            ),
            "W tym celu opracowano Plan OSL na okres realizacji projektu wdrożeniowego do kwietnia 2023 r., w którym uwzględniono zasoby i potrzeby w/w społeczności oraz przyjęto metodykę i kierunki działania dla każdej z nich.",
            "W celu sprawdzenia, czy podejmowane działania odnoszą zakładany rezultat, określono w planie wskaźniki produktu i rezultatu określone dla CUS oraz sposoby monitoringu i ewaluacji działań OSL.",
            "Podstawą analizy skuteczności prowadzonych działań OSL w okresie pilotażowym, był przygotowany Raport za okres 1.04.2021 – 30.03.2022, w tym sprawozdania kwartalne z OSL, ankiety ewaluacyjne przeprowadzone w społecznościach oraz zgromadzone materiały źródłowe za okres od 1.04.2022 do 31.03.2023,. Szczegółowy raport za ten okres jest w przygotowaniu.",
            "Gruntowna analiza w/w materiałów pozwoliła na wyciągnięcie wniosków ogólnych dotyczących prowadzonych działań OSL jak i wskazanie rekomendacji do działań prowadzonych w przyszłości.",
            "Można sformułować następujące **wnioski ogólne**, które zostały wyartykułowane po działaniach realizowanych w okresie wdrożeniowym CUS:",
            _numbered(
                "Okres prowadzenia działań OSL jest jeszcze zbyt krótki, aby można było stwierdzić, że w społecznościach nastąpiła istotna zmiana, która jest efektem prowadzonych działań.",
                "Najlepszą formą dotarcia do społeczności, jest prowadzenie wielopłaszczyznowych działań animacyjnych, szczególnie w grupie dzieci i ich rodziców.",
                "Dużym wyzwaniem jest angażowanie członków społeczności w realizowanie akcji społecznościowych, nawet tych skierowanych na ich rzecz.",
                "Występuje szereg postaw roszczeniowych, co utrudnia zaangażowanie zasobów własnych społeczności.",
                "Występuje brak gotowości osób i instytucji do podejmowania partnerskiej współpracy w zakresie działań OSL.",
                "Występują duże bariery komunikacyjne pomiędzy członkami społeczności.",
                "Pozyskano do współpracy z OSL lokalnych liderów, w tym: 3 osoby na Osiedlu Wzgórze, trzy osoby z bloków przy ul. Ostrowieckiej oraz 1 osobę działającą wśród seniorów na Osiedlu Łazy Zidentyfikowani i zachęceni do działania zostali lokalni liderzy, którzy wspierają OSL.",
                "Podniósł się poziom wiedzy i kompetencji poprzez przeprowadzone warsztaty i spotkania tematyczne.",
                "Poprawiła się baza lokalowa do prowadzenia działań OSL - urządzono tymczasową świetlicę w bloku przy ul. Ostrowieckiej oraz od 1.07.2022 roku otwarto Centrum Aktywności Społecznej na Osiedlu Wzgórze.",
                "Zwiększyła się wiedza członków społeczności o działaniach OSL dzięki prowadzonym kampaniom informacyjnym i promocji poprzez różne ogólnodostępne media.",
            ),
            "Z w/w wniosków wynikają następujące **rekomendacje** dotyczące dalszych działań prowadzonych w ramach OSL do końca 2024 roku:",
            _numbered(
                "Kontynuowanie działań OSL w społeczności terytorialnej w blokach przy ul. Ostrowieckiej z możliwością włączenia w działania mieszkańców całej ul. Ostrowieckiej.",
                "Kontynuowanie działań OSL w społeczności terytorialnej na Osiedlu Wzgórze ze szczególnym wykorzystaniem zasobów Centrum Aktywności Społecznej.",
                "Prowadzenie działań na rzecz społeczności kategorialnej seniorów ale na poziomie ogólnomiejskim, z włączeniem zasobów społeczności seniorów z Osiedla Łazy i i Świetlicy „Motylkowe Wzgórze”.",
                "Dalsze wzmacnianie potencjału lokalnych liderów, poprzez szkolenia, seminaria i konferencje i konsultacje i doradztwo.",
                "Włączenie lokalnych instytucji i firm w działania na rzecz społeczności objętych OSL.",
                "Prowadzenie dalszych działań animacyjnych, szczególnie w grupie dzieci i młodzieży, z wykorzystaniem potencjału własnego CUS jak i partnerów zewnętrznych.",
                "Promowanie aktywności lokalnych społeczności poprzez media i inne platformy komunikacji.",
                "Skuteczniejsze wykorzystywanie metodologii OSL i doświadczeń innych CUS w ramach Forum CUS i Forum OSL.",
                "Rozszerzenie działań związanym z tworzeniem partnerstw lokalnych wzmacniających społeczności lokalne",
            ),
        ),
    },
    {
        "title": "Źródło działań wskazanych w Planie",
        "body": _body(
            "Główne źródła planowanych działań to:",
            _bullets(
                "założenia metodologiczne modelu OSL. Przyjęte zostały na podstawie dostępnej literatury i przepisów ustawy o realizowaniu usług społecznych przez centrum usług społecznych.",
                "najważniejsze wnioski cele wynikające z diagnozy społecznej przeprowadzonej na potrzeby procesu wdrażania CUS w Starachowicach aktualizowane w trakcie trwania pilotażu",
                "analiza doświadczeń z okresu wdrażania CUS",
            ),
        ),
    },
    {
        "title": "Główne zasady planowania OSL",
        "body": _body(
            "W planie tym przyjęliśmy trzy kluczowe zasady:",
            _bullets(
                "zasadę precyzyjnego dostosowania planowanych działań do specyfiki wytypowanych do pilotażu społeczności (patrz poniżej rozdział “Społeczności w pilotaże CUS”)",
                "zasadę kompleksowości wsparcia, w którym OSL jest elementem wsparcia pakietów usług projektowanych w ramach CUS",
                "komplementarności planu OSL z innymi elementami “Planu wdrażania CUS”, zarówno na poziomie merytorycznym jak i organizacyjnym systemu usług społecznych w Starachowicach.",
            ),
        ),
    },
    {
        "title": "Założenia metodologiczne OSL",
        "body": _body(
            "Metodologia OLS w latach 2023-2024 będzie wsparta na wcześniej przyjętych pojęciach kluczowych, komponentach i obszarach działania osl.",
            "Pojęcia kluczowe to:",
            _bullets(
                "pojęcie empowermentu,",
                "komponenty OSL",
                "ustrukturyzowanie obszarów działania w ramach OSL (animację, sieciowanie i planowanie społeczne)",
                "paradygmat pracy “przez zasoby”, opisany w modelu ABCD.",
            ),
            "Wszystkie elementy można objaśnić na różnych poziomach wskazujących kierunki projektowania działań w ramach OSL.",
            "Komponenty OSL których wykorzystanie planujemy działaniach OSL w Starachowicach to:",
            _bullets(
                "**Diagnoza** - rozumiana jako społeczna diagnoza aktywizująca dokonywana narzędziami partycypacyjnymi. Jej celem jest rozpoznanie najważniejszych potrzeb, wyzwań, zasobów i potencjałów społecznych, ale także wewnętrzne wytworzenie wiedzy i rozwinięcie refleksji społeczności nad tworzoną wspólnotą.",
                "**Integracja** - integracja społeczna czyli proces formowania się zwartej społeczności /połączonej więzią stosunków nieantagonistycznych/ z określonej zbiorowości społecznej, czynionej narzędziami wykorzystującymi organizowanie się grup wokół wartości i wyzwań istotnych dla ogółu społeczności",
                "**Aktywizacja** - wzmaganie aktywności, uaktywnianie mieszkańców i pobudzanie do działania.",
                "**Edukacja** - oznaczająca lokalną edukację środowiskową, czyli proces realizowany w środowisku, ze środowiskiem, przez środowisko i dla środowiska, przy udziale zewnętrznego, profesjonalnego wsparcia. Jego celem jest odnajdowanie, analiza oraz rozwijanie lokalnych zasobów społeczno–kulturowych.",
            ),
            "Tak rozumiane komponenty OSL to jeden z elementów siatki metodologicznej, na których nanoszone będą w procesie planowania konkretne wydarzenia, projekty, sytuacje edukacyjne, spotkania, badania lokalne itp., ujęte w ramowym harmonogramie działań OSL.",
            "Obszary działań w społecznościach wynikające z metodologii OSL dotyczą:",
            _bullets(
                "**Animacji** - jako metody aktywizacji społeczno-kulturowej.",
                "**Sieciowania** - w zakresie sieciowania osób, podmiotów prawnych, grup nieformalnych oraz wspólnot wirtualnych mających wpływ na organizowanie społeczności lokalnej.",
                "**Planowania społecznego** - czyli przenoszenia doświadczeń i dorobku OSL do sfery lokalnych polityk publicznych, ze szczególnym uwzględnieniem polityki społecznej.",
            ),
        ),
    },
    {
        "title": "Główne przesłanki planowania OSL wynikające z diagnozy",
        # The document numbers these "1)"–"6)" with bullets under each; the markup has no
        # nested lists, so each number heads a paragraph of its own.
        "body": _body(
            "W opracowaniu planu OSL na lata 2023-2024 braliśmy pod uwagę przesłanki wynikające z „Diagnozy potrzeb i potencjału społeczności lokalnej w zakresie usług społecznych na terenie Gminy Starachowice”, w związku z realizacją projektu „CUS – model integracji i rozwoju usług społecznych w Starachowicach” oraz dokumentach źródłowych i sprawozdaniach sporządzonych w związku z działaniami OSL w latach 2021-2023.",
            "Za kluczowe dla planowania OSL uznaliśmy następujące elementy:",
            "1) kwestie związane z ogólną oceną sytuacji przez mieszkańców a w tym szczególnie:",
            _bullets(
                "relatywnie niski poziom zaufania do innych,",
                "umiarkowanie wysoki poziom zadowolenia z relacji z sąsiadami,",
                "neutralna lub ambiwalentna ocena jakości życia w mieście (to raczej niski wyniki w porównaniu z innymi miastami),",
            ),
            "2) konieczność nawiązania do usług społecznych uzyskujących najwyższe oceny w oczach mieszkańców tj:",
            _bullets(
                "szkoły,",
                "przedszkola,",
                "oferta dla seniorów,",
                "jakość usług pomocy społecznej,",
            ),
            "3) odniesienie się do usług uzyskujących najniższe oceny:",
            _bullets(
                "mieszkalnictwa komunalnego i socjalnego,",
                "usług ochrony zdrowia,",
                "promocji zdrowia i zdrowego trybu życia,",
                "aktywizacji zawodowej i działań na rzecz bezrobotnych,",
            ),
            "4) nawiązanie w działalności OSL do najważniejszych problemów społecznych miasta wskazywanych przez mieszkańców:",
            _bullets("starzenie się społeczeństwa"),
            "5) uzależnienie od alkoholu:",
            _bullets("zły stanu zdrowia mieszkańców,"),
            "6) pozycjonowanie działań OSL pod kątem najwyższego poziomu zainteresowania skorzystaniem z następujących usług:",
            _bullets(
                "programy animacji kulturalnej,",
                "usługi sportowe i rekreacyjne,",
                "programy wspomagające zdrowie i zdrowy tryb życia.",
            ),
        ),
    },
    {
        "title": "Narzędzia główne i wspierające, oraz główni aktorzy OSL",
        "body": _body(
            "**Główni aktorzy OSL**",
            "Podstawą realizacji OSL są pracownicy CUS w osobach:",
            "1) **Organizatora społeczności lokalnej** - lokalny planista i aktywny uczestnik procesu tworzenia i wdrażania lokalnej polityki społecznej, obejmującej zaspokajanie potrzeb społeczności lokalnych. Do jego zadań należy szczególnie:",
            _bullets(
                "prowadzenie na bieżąco rozeznania potrzeb wspólnoty samorządowej w zakresie działań wspierających i jej potencjału",
                "opracowywanie, w oparciu o wnioski wynikające z rozeznania potrzeb i potencjału wspólnoty samorządowej w zakresie działań wspierających, planu organizowania społeczności lokalnej i jego aktualizacji oraz realizacja tego planu;",
                "podejmowanie działań w celu aktywizacji wspólnoty samorządowej, w szczególności organizowanie działań wspierających;",
                "inicjowanie innych niż określone w pkt 3 działań zmierzających do wzmocnienia więzi społecznych i integracji wspólnoty samorządowej;",
                "współpraca z podmiotami prowadzącymi na obszarze działania centrum animację lokalną lub inne formy pracy środowiskowej.",
            ),
            "2) **Animatorzy** – prowadzący działania ożywiające społeczność lokalną i aktywizujące mieszkańców, budujący sieci współpracy, inicjujący i wspierający oddolne inicjatywy. Mogą to być osoby bezpośrednio związane z CUS, jak również przedstawiciele różnych instytucji i organizacji działających w społecznościach objętych OSL lub na terenie miasta.",
            "Najistotniejsze społeczne wsparcie procesu OSL to:",
            _bullets(
                "Partnerzy wspierający OSL w ramach realizowanego sieciowania",
                "Lokalni liderzy i autorytety formalne i naturalne społeczności lokalnych",
                "Wolontariusze",
            ),
            "**Narzędzia osiowe i narzędzia wspierające OSL**",
            "W procesie OSL w Starachowicach zaplanowano wykorzystanie dwóch narzędzi osiowych:",
            _bullets(
                "Społeczności Terytorialnej (“Wzgórze” i “Ostrowiecka”)",
                "Społeczności Kategorialnej (“Seniorzy”)",
            ),
            "Wspierającymi narzędziami będą przede wszystkim:",
            _bullets(
                "Lokalne partnerstwo wielosektorowe",
                "Wolontariat",
                "Wydarzenia społecznościowe",
                "Rzecznictwo i informacja obywatelska",
            ),
        ),
    },
    {
        # The profiles of the three communities that follow this introduction in the document
        # are in COMMUNITIES (description, potential, tools so far).
        "title": "Społeczności w pilotażu CUS",
        "body": "W procesie OSL kluczowe jest precyzyjne dopasowanie działań do charakteru społeczności, oraz zastanych składowych kapitału społecznego. Stąd też niezbędne włączenie do Planu OSL profili społeczności objętych pilotażem, zarówno ze względu planistycznych jak i określenia punktu odniesienia na poczet przyszłej ewaluacji i monitorowania działań.",
    },
    {
        "title": "Ramowy harmonogram działania w ramach OSL",
        "body": _body(
            "W procesie planowania wypracowaliśmy cztery harmonogramy działań:",
            "1) harmonogram działań z zakresu OSL na poziomie ogólnomiejskim związany z koniecznością pogłębienia diagnozy wyjściowej pod kątem OSL, oraz przygotowania ogółu mieszkańców, instytucji i organizacji w Starachowicach na pojawienie się metody OSL w sferze społecznej miasta",
            "2) harmonogramy działań w poszczególnych społecznościach:",
            _bullets(
                "społeczność “Wzgórze”",
                "społeczność “Ostrowiecka”",
                "społeczność “Seniorzy”",
            ),
        ),
    },
    {
        "title": "Podsumowanie",
        "body": "Plan Organizowania Społeczności Lokalnej stanowi integralną część planu wdrażania Centrum Usług Społecznych. Nie da się go zrealizować w pełni bez powiązania z innymi kluczowymi działaniami CUS. Większość działań to będą usługi społeczne, skierowane jednak przede wszystkim do określonych zbiorowości (ogółu mieszkańców lub wybranych grup). Dlatego też, część planu OSL wynikać będzie bezpośrednio z przeprowadzonej diagnozy w zakresie poziomu świadczenia usług społecznych jak i potrzeb w tym zakresie na terenie miasta Starachowice. W trakcie wdrażania planu OSL, opracowany zostanie katalog usług społecznych świadczonych przez instytucje zlokalizowane na terenie miasta, które to usługi, mogą być w przyszłości częścią katalogu usług społecznych świadczonych lub oferowanych przez CUS. Skuteczne wdrażanie planu OSL będzie wymagało stałego podnoszenia kompetencji realizatorów tego planu począwszy od organizatora społeczności lokalnej poprzez współpracujące instytucje. Dlatego też należy uwzględnić w planie wdrażania CUS kursów i szkoleń z zakresu OSL, które pozwolą na skuteczne i zgodne z oczekiwaniami odbiorców realizowanie tych zadań.",
    },
]

# The profiles of "Społeczności w pilotażu CUS": "Opis społeczności lokalnej" → description,
# "Potencjał społeczności lokalnej" → potential, "Narzędzia i działania OSL zastosowane
# w społeczności dotychczas" → tools_so_far; the streets from the description → boundaries;
# the leaders counted in conclusion 7 → leaders_note; Ostrowiecka's figures on its two blocks
# → baseline (moved out of its description, not repeated).
COMMUNITIES = [
    {
        "key": "wzgorze",
        "name": "Wzgórze",
        "kind": "territorial",
        "boundaries": "Os. Wzgórze w zachodniej części Starachowic, terytorialnie ograniczone ulicami: Zakładowa, Mickiewicza i Nadrzeczna",
        "description": "Os. Wzgórze to część Starachowic, położona w zachodniej części miasta terytorialnie ograniczona ulicami: Zakładowa, Mickiewicza i Nadrzeczna, która stanowiła tzw. osiedle robotnicze, związane ze zlokalizowanymi po sąsiedzku Zakładami Starachowickimi. Po załamaniu gospodarczym w latach 90-tych XX w., nastąpiła znaczna degradacja substancji mieszkaniowej, a przekrój społeczny mieszkańców tej dzielnicy spowodowały znaczne pogorszenie nastrojów społecznych, narastającą frustrację i poczucie wykluczenia ze względu na niskie dochody (bezrobotni, mieszkańcy bloków socjalnych, korzystający z pomocy Centrum Usług Społecznych). Wg danych Centrum Usług Społecznych, ze świadczeń pomocy społecznej korzysta znaczna część mieszkańców tej części Starachowic. Pomimo aktualnie względnie dobrego rynku pracy w Starachowicach, związanego z działalnością Specjalnej Strefy Ekonomicznej oraz ulokowaniem w niej dużych firm, m.in. MAN, CERRAD, PROMET, CERSANIT i wiele innych, Osiedle Wzgórze nadal stanowi miejsce, gdzie bezrobocie, bierność społeczna i zawodowa oraz uzależnienie od pomocy CUS są dziedziczone z pokolenia na pokolenie. Dlatego tak ważne jest by wesprzeć szczególnie mieszkańców tego rejonu. Te problemy społeczne powodują również, że ta część miasta charakteryzuje się zwiększoną liczbą stwierdzonych przestępstw i wykroczeń oraz interwencji policji związanych z nadużywaniem alkoholu i innych używek oraz przemocą domową. Aktualnie trwają prace związane z rewitalizacją tej części Starachowic i gruntownymi remontami bloków socjalnych na Osiedlu Wzgórze. Następują już pierwsze zasiedlania mieszkań, co stanowi wyzwanie dla OSL w zakresie podejmowania działań integrujących lokalną społeczność.",
        "potential": _body(
            "W lipcu 2016 roku założone zostało Stowarzyszenie “Razem dla Nas” złożone z mieszkańców Osiedla Wzgórze, które w swoich celach zapisało m.in.: działania na rzecz poprawy warunków życia na osiedlu w tym wszechstronny i zrównoważony rozwój społeczny i kulturalny oraz integrację mieszkańców osiedla i przeciwdziałanie bezradności i wykluczeniu społecznemu. Po okresie konsultacji społecznych związanych z rewitalizacją, Stowarzyszenie przestało z różnych względów aktywnie działać.",
            "Z analizy badań prowadzonych w ramach projektu “Starachowice OD nowa” wynika, że oprócz członków Stowarzyszenia na osiedlu mieszka wiele osób, które posiadają różne kwalifikacje zawodowe i kompetencje możliwe do wykorzystania przy planowaniu działań i realizacji zadań OSL.",
        ),
        "tools_so_far": _body(
            "W okresie wdrożeniowym CUS w społeczności Osiedla Wzgórze przeprowadzono szereg działań z zakresu OSL z wykorzystaniem różnych narzędzi, m.in:",
            _bullets(
                "przeprowadzono szeroką akcję informacyjną o OSL z wykorzystaniem ulotek i informacji medialnych,",
                "zorganizowano kilka spotkań z działaczami Stowarzyszenia “Razem dla Nas” oraz innymi lokalnymi liderami",
                "prowadzono wielopłaszczyznowe animacje społeczności lokalnej poprzez gry świetlicowe i terenowe, spacery diagnostyczne, imprezy sąsiedzkie i akcje społecznościowe,",
                "włączono się w działalność utworzonego 1.07.2022 r. Centrum Aktywności Społecznej na Os. Wzgórze poprzez zorganizowanie pogadanek tematycznych, Kafejki Sąsiedzkiej i Klubu Mam",
                "w celu promowania działań na Osiedlu założono na profilu społecznościowym Grupę dyskusyjną pn. “Osiedle Wzgórze”.",
            ),
        ),
        "leaders_note": "W okresie wdrożeniowym pozyskano do współpracy z OSL lokalnych liderów: 3 osoby na Osiedlu Wzgórze (wnioski z analizy doświadczeń okresu pilotażu, pkt 7).",
        "baseline": "",
    },
    {
        "key": "ostrowiecka",
        "name": "Ostrowiecka",
        "kind": "territorial",
        "boundaries": "bloki mieszkalne przy ul. Ostrowieckiej 21A i 21B, na obrzeżach miasta",
        "description": _body(
            "Bloki mieszkalne przy ul. Ostrowieckiej powstały na bazie zlikwidowanego biurowca byłego Zakładu Remontowo-Budowlanego FSC Starachowice oraz poprzez wybudowanie obok nowego bloku z mieszkaniami socjalnymi.",
            "Mieszkańcy tych bloków zostali głównie przesiedleni z osiedla Bugaj, oraz innych mieszkań socjalnych i komunalnych, które zostały przeznaczone do remontu bądź likwidacji, dlatego też nie tworzą zwartej grupy, którą cechowały by silne więzi sąsiedzkie lub towarzyskie. Bloki te znajdują się na obrzeżach miasta, słabo skomunikowanej z centrum, co utrudnia podjęcie zatrudnienia, korzystanie z infrastruktury miasta i dostęp do innych obiektów użyteczności publicznej. Znaczna część mieszkańców korzysta z pomocy społecznej. Mieszkańcy rzadko podejmują próby budowania dobrych relacji między sobą, uważając, że każdy musi sobie radzić sam, bez oglądania się na innych. Aktualnie trwają przygotowania do wykwaterowania mieszkańców bloku nr 21B, gdyż będzie on nadbudowany o kolejne piętro.",
        ),
        "potential": "Pomimo różnych problemów, społeczność posiada spore zasoby, które mogą być wykorzystanie w działaniach OSL. Przynajmniej połowa mieszkańców, to osoby dość młode, pracujące w różnych zawodach i posiadających różne przydatne kwalifikacje najczęściej w zawodach budowlanych. Jest też spora grupa matek mających dzieci w wieku szkolnym, którym zależy na działaniach skierowanych do dzieci. Mieszkańcy przyczynili się do pozyskania pomieszczenia w piwnicy bloku na utworzenie tymczasowej świetlicy, którą w ramach akcji społecznościowej przystosowali do potrzeb prowadzonych zajęć. Kilkuosobowa grupa mieszkańców chętnie angażuje się w działania na rzecz społeczności poprzez pomoc w przygotowaniu imprez sąsiedzkich, działania informacyjne i pomocowe na rzecz mieszkańców, udział w akcjach społecznościowych. Najbardziej aktywni mieszkańcy, mają coraz większą świadomość, że aby być liczącym się partnerem dla różnych instytucji powinni się zorganizować w stowarzyszenie, które będzie miało osobowość prawną. Na przeszkodzie podjęcia tej decyzji stoi obawa o konieczność podjęcia dodatkowych obowiązków związanych z prowadzeniem stowarzyszenia oraz brak akceptacji dla tego pomysłu przez większość lokatorów.",
        "tools_so_far": _body(
            "W minionym okresie, w społeczności przeprowadzono szereg działań z zakresu OSL, w tym m.in.:",
            _bullets(
                "animacje społeczności lokalnej z wykorzystaniem gier świetlicowych, gier terenowych, zabaw na świeżym powietrzu i wycieczek po najbliższej okolicy,",
                "akcje społecznościowe związanych ze sprzątaniem terenu, malowaniem świetlicy itp.",
                "imprezy integracyjne i okolicznościowe",
                "warsztaty kulinarne, pomocy medycznej, nauki pływania i inne.",
                "spotkania z mieszkańcami oraz liderami społeczności",
            ),
        ),
        "leaders_note": "W okresie wdrożeniowym pozyskano do współpracy z OSL lokalnych liderów: trzy osoby z bloków przy ul. Ostrowieckiej (wnioski z analizy doświadczeń okresu pilotażu, pkt 7).",
        "baseline": "W dwóch blokach znajduje się 71 mieszkań. 34 mieszkania socjalne znajdują się w bloku nowo wybudowanym - Ostrowiecka 21B. Średnia wielkość mieszkania wynosi 25 m². Blok zamieszkuje 62 osoby. W bloku Ostrowiecka 21A znajduje się 37 mieszkań, w tym 26 socjalnych i 11 komunalnych. Mieszkania mają średnią wielkość ok. 30 m². Blok łącznie zamieszkuje 93 osoby.",
    },
    {
        "key": "seniorzy",
        "name": "Seniorzy",
        "kind": "categorical",
        "boundaries": "seniorzy Osiedla Łazy (na obrzeżach Starachowic od strony północno-wschodniej, ograniczonego ul. Iłżecką, Krańcową i Długą), a w latach 2023–2024 na poziomie ogólnomiejskim",
        "description": "Ze względu na “starzejące” się społeczeństwo miasta Starachowice, bardzo istotnym elementem działalności Centrum Usług Społecznych jest określenie potrzeb grupy osób w wieku senioralnym i zapewnienie im szerokiego zakresu usług społecznych realizowanych na ich rzecz, lub organizowanych na zasadzie “samopomocy”. W celu wypracowania odpowiednich metod działania i sposobu realizacji potrzeb seniorów, w okresie wdrożeniowym podjęto działania w społeczności seniorów zamieszkujących Osiedle Łazy. Osiedle to usytuowane jest na obrzeżach Starachowic od strony północno-wschodniej ograniczone ul. Iłżecką, Krańcową i Długą. Zabudowę osiedla stanowią głównie domy jednorodzinne. W skład osiedla wchodzą również 3 bloki wielorodzinne. Rozwój osiedla wiązany był z budową w latach 80 - tych XX wieku na granicy osiedla dużych zakładów mięsnych (aktualnie ANIMEX).",
        "potential": _body(
            "Większość osób w wieku seniorskim zamieszkujących osiedle Łazy, mieszka tam od urodzenia lub przez kilkadziesiąt lat. Usytuowanie osiedla na uboczu miasta, zabudowa typu wiejskiego i szereg bezpośrednich powiązań mieszkańców, ugruntowało wśród mieszkańców silne więzi wspólnotowe, i podejmowanie różnorodnych działań w zakresie poprawy warunków życia i lokalnego rozwoju. Kulminacją tych działań było zaangażowanie mieszkańców w budowę kościoła parafialnego oraz działania związane z poprawą estetyki osiedla. To parafia, erygowana w 1984 roku, stała się centrum integracji mieszkańców i miejscem podejmowania różnych inicjatyw obywatelskich. Proboszcz parafii jest otwarty na wszelkie działania społeczne i chętnie pomaga w ich realizacji. Przykładem tego jest zarejestrowane pod koniec 2017 roku Katolickie Stowarzyszenie Niepełnosprawnych Świetlica „Motylkowe Wzgórze” aktywnie działające na rzecz niepełnosprawnych mieszkańców głównie os. Łazy. Przy parafii działa wiele wspólnot religijnych oraz nieformalny Klub Seniora oraz klub motocyklistów. Z inicjatywy młodszych mieszkańców oraz pod patronatem proboszcza utworzono Familijny Klub Sportowy Łazy, którego drużyna piłkarska bierze udział w rozgrywkach ligowych. Te różne formy aktywności, wzmocniły znacznie poczucie tożsamości mieszkańców osiedla. Szczególnie widać to w grupie seniorów. Coraz liczniejsza grupa tych osób, poszukuje możliwości wzajemnego kontaktu, wspierania się nawzajem i spędzania razem wolnego czasu z wykorzystaniem posiadanej bazy.",
            "Z przeprowadzonych analiz wynika, że działania OSL w zakresie integracji seniorów, powinny być skierowane nie tylko na to Osiedle, ale również na całe miasto Starachowice. Na terenie miasta funkcjonuje kilka klubów seniora, które prowadzą mniej lub bardziej aktywną działalność. OSL powinien zająć się działaniami integrującymi organizacje senioralne w mieście oraz zadbać o promocję tych działań. Szczególny uwagę należy zwrócić na wolontariat senioralny, który powinien stać się narzędziem aktywizującym seniorów.",
        ),
        "tools_so_far": _body(
            "W okresie wdrożeniowym CUS, podejmowano w społeczności seniorów na Osiedlu Łazy różne działania z zakresu OSL, a w szczególności:",
            _bullets(
                "kampanie informacyjne na temat OSL oraz zachęcanie do podejmowania pomocy sąsiedzkiej i wspierania osób potrzebujących,",
                "spotkania z seniorami w zakresie akcji społecznościowych związanych z pomocą świąteczną i akcjami charytatywnymi,",
                "organizowanie pogadanek tematycznych z zakresu historii i aktywności obywatelskiej,",
                "integracyjne imprezy sąsiedzkie i okolicznościowe",
                "warsztaty rękodzieła.",
            ),
        ),
        "leaders_note": "W okresie wdrożeniowym pozyskano do współpracy z OSL lokalnych liderów: 1 osobę działającą wśród seniorów na Osiedlu Łazy (wnioski z analizy doświadczeń okresu pilotażu, pkt 7).",
        "baseline": "",
    },
]

# Częstotliwość as the document writes it → osl.choices.Frequency.
FREQUENCY = {
    "Raz na kwartał": "quarterly",
    "Raz na pół roku": "half_yearly",
    "Raz na pół roku lub w razie potrzeb": "half_yearly",
    "Raz na rok": "yearly",
    "Raz w roku": "yearly",
    "Praca stała": "continuous",
    "Praca ciągła": "continuous",
    "Praca ciągłą": "continuous",
    "Na bieżąco": "ongoing",
    "W razie potrzeb": "as_needed",
    "Wg potrzeb i zainteresowania": "as_needed",
    "Wg potrzeb i zainteresowania podmiotów": "as_needed",
    "Wg potrzeb i możliwości": "as_needed",
    "Wg możliwości i potrzeb": "as_needed",
}


def _schedule(community, rows):
    """A schedule from its table rows (area, task, realizator, częstotliwość), numbered in order."""
    return {
        "community": community,
        "items": [
            {
                "number": number,
                "goal": None,
                "area": area,
                "task": task,
                "method": "",
                "target_group": "",
                "participants": "",
                "participants_basis": "",
                "timing": {
                    "kinds": ["frequency"],
                    "frequency": FREQUENCY[term],
                    "quarters": [],
                    "months": [],
                    "starts_on": None,
                    "ends_on": None,
                    "note": term,
                },
                "implementers": implementers,
                "alternative": "",
                "indicators": [],
            }
            for number, (area, task, implementers, term) in enumerate(rows, start=1)
        ],
    }


# The merged "Obszar działań OSL" cells come out of the PDF beside a row of their block: in the
# city-wide table after the block's first row (its blocks are those of the 2021 pilot plan's
# table it continues: Animacja 1–4, Sieciowanie 5–8, Planowanie społeczne 9–11), in the others
# before it (the Seniorzy table's "Animacja" follows row 1 only because a page ends there).
SCHEDULES = [
    # "Harmonogram działań z zakresu OSL na poziomie ogólnomiejskim"
    _schedule(
        None,
        [
            (
                "animation",
                "Spotkania informacyjne z przedstawicielami instytucji miejskich i innych organizacji wspierających działania OSL",
                "OSL",
                "Raz na pół roku",
            ),
            (
                "animation",
                "Określenie płaszczyzny współpracy w zakresie realizacji zadań OSL przez instytucje i podmioty ekonomii społecznej na terenie miasta Starachowice",
                "OSL",
                "Raz na rok",
            ),
            (
                "animation",
                "Zachęcanie instytucji lokalnych do włączania się w świadczenie usług społecznych i rozszerzanie ich oferty",
                "OSL",
                "Praca stała",
            ),
            (
                "animation",
                "Systematyczne przekazywanie informacji na temat prowadzonych działań metodą OSL, korzyści z tego płynących oraz oczekiwań mieszkańców",
                "OSL",
                "Praca stała",
            ),
            (
                "networking",
                "Aktualizacja cyfrowej mapy zasobów i potencjałów na rzecz OSL",
                "CUS - OSL",
                "Raz na pół roku lub w razie potrzeb",
            ),
            (
                "networking",
                "Pozyskiwanie nowych partnerów do realizacji działań OSL",
                "OSL",
                "Praca stała",
            ),
            (
                "networking",
                "Włączanie do działań OSL partnerów spoza instytucji publicznych i PES",
                "OSL",
                "Wg potrzeb i zainteresowania podmiotów",
            ),
            (
                "networking",
                "Włączenie do działania OSL osób publicznych i samorządowców",
                "OSL",
                "Wg potrzeb i zainteresowania",
            ),
            (
                "planning",
                "Włączenie instytucji i osób w realizację planu OSL na terenie miasta i wybranych społeczności",
                "CUS - OSL",
                "W razie potrzeb",
            ),
            (
                "planning",
                "Wspólnie można więcej - efekt synergii w działaniach społecznych - szkolenie dla przedstawicieli instytucji i NGO w zakresie działań związanych z OSL",
                "OSL",
                "Raz w roku",
            ),
            (
                # The document's cell ends here (the 2021 pilot plan's row goes on "…przez OSL
                # odpowiednim adresatom i instytucjom").
                "planning",
                "Przekazywanie wniosków i postulatów zidentyfikowanych w lokalnych społecznościach przez",
                "OSL",
                "Na bieżąco",
            ),
        ],
    ),
    # "Harmonogram działań z zakresu OSL na osiedlu Wzgórze"
    _schedule(
        "wzgorze",
        [
            (
                "animation",
                "Lokalne imprezy integracyjne",
                "OSL. Liderzy lokalni",
                "Raz na pół roku",
            ),
            (
                "animation",
                "Gry terenowe dla dzieci i młodzieży",
                "OSL, Animatorzy",
                "Raz na kwartał",
            ),
            (
                "animation",
                "Konkursy artystyczne, sportowe i inne",
                "OSL, Animatorzy",
                "Wg możliwości i potrzeb",
            ),
            (
                "animation",
                "Akcje społecznościowe realizowane na osiedlu",
                "OSL, Animatorzy, Instytucje",
                "Raz na kwartał",
            ),
            (
                "animation",
                "Utrzymywanie stałego kontaktu z mieszkańcami w celu monitorowania bieżących potrzeb",
                "OSL",
                "Praca ciągła",
            ),
            (
                "animation",
                "Organizacja warsztatów, pogadanek, prelekcji i szkoleń adekwatnych do potrzeb społeczności",
                "OSL, partnerzy",
                "Raz na kwartał",
            ),
            (
                "networking",
                "Pozyskiwanie nowych partnerów do realizacji działań OSL",
                "OSL",
                "Praca stała",
            ),
            (
                "networking",
                "Nawiązanie kontaktów z lokalnym biznesem w celu współpracy z OSL",
                "OSL",
                "Praca ciągła",
            ),
            (
                "networking",
                "Włączenie instytucji i organizacji w działania partnerskie na osiedlu",
                "OSL",
                "Praca ciągła",
            ),
            (
                "networking",
                "Współpraca z Centrum Aktywności Społecznej w zakresie działań na Osiedlu",
                "OSL",
                "Praca ciągła",
            ),
            (
                "networking",
                "Monitorowanie potrzeb i problemów społeczności i ich zaspokajanie w ramach działań bieżących i planowanych OSL",
                "OSL",
                "W razie potrzeb",
            ),
            (
                "planning",
                "Promowanie aktywności mieszkańców i lokalnych liderów",
                "OSL",
                "Praca ciągła",
            ),
            (
                "planning",
                "Utrzymywanie kontaktów z przedstawicielami lokalnych władz i przekazywanie wniosków mieszkańców oraz monitorowanie ich realizacji",
                "OSL",
                "Na bieżąco",
            ),
        ],
    ),
    # "Harmonogram działań z zakresu OSL na ul. Ostrowieckiej"
    _schedule(
        "ostrowiecka",
        [
            (
                "animation",
                "Lokalne imprezy integracyjne",
                "OSL. Liderzy lokalni",
                "Raz na pół roku",
            ),
            (
                "animation",
                "Gry terenowe dla dzieci i młodzieży",
                "OSL, Animatorzy",
                "Raz na kwartał",
            ),
            (
                "animation",
                "Konkursy artystyczne, sportowe i inne",
                "OSL, Animatorzy",
                "Wg możliwości i potrzeb",
            ),
            (
                "animation",
                "Akcje społecznościowe realizowane na osiedlu",
                "OSL, Animatorzy, Instytucje",
                "Raz na kwartał",
            ),
            (
                "animation",
                "Utrzymywanie stałego kontaktu z mieszkańcami w celu monitorowania bieżących potrzeb",
                "OSL",
                "Praca ciągła",
            ),
            (
                "animation",
                "Organizacja warsztatów, pogadanek, prelekcji i szkoleń adekwatnych do potrzeb społeczności",
                "OSL, partnerzy",
                "Raz na kwartał",
            ),
            (
                "networking",
                "Pozyskiwanie nowych partnerów do realizacji działań OSL",
                "OSL",
                "Praca stała",
            ),
            (
                "networking",
                "Nawiązanie kontaktów z lokalnym biznesem w celu współpracy z OSL",
                "OSL",
                "Praca ciągła",
            ),
            (
                "networking",
                "Włączenie instytucji i organizacji w działania partnerskie na osiedlu",
                "OSL",
                "Praca ciągła",
            ),
            (
                "networking",
                "Pozyskanie partnerów do prowadzenia działań i promowania metody OSL wśród mieszkańców całej ulicy Ostrowieckiej",
                "OSL",
                "Praca ciągła",
            ),
            (
                "networking",
                "Monitorowanie potrzeb i problemów społeczności i ich zaspokajanie w ramach działań bieżących i planowanych OSL",
                "OSL",
                "W razie potrzeb",
            ),
            (
                "planning",
                "Promowanie aktywności mieszkańców i lokalnych liderów",
                "OSL",
                "Praca ciągła",
            ),
            (
                "planning",
                "Utrzymywanie kontaktów z przedstawicielami lokalnych władz i przekazywanie wniosków mieszkańców oraz monitorowanie ich realizacji",
                "OSL",
                "Na bieżąco",
            ),
        ],
    ),
    # "Harmonogram działań z zakresu OSL na rzecz seniorów w Starachowicach"
    _schedule(
        "seniorzy",
        [
            (
                "animation",
                "Senioralne i międzypokoleniowe imprezy integracyjne",
                "CUS, Kluby Seniora, Rada Seniorów",
                "Raz na pół roku",
            ),
            (
                "animation",
                "Aktywny senior – zajęcia rekreacyjne, pogadanki tematyczne i inne działania promujące zdrowy tryb życia",
                "OSL, Animatorzy, partnerzy",
                "Wg potrzeb i możliwości",
            ),
            (
                "animation",
                "Senior w sieci – promowanie działań seniorów poprzez różne platformy komunikacji",
                "OSL, partnerzy",
                "Praca ciągła",
            ),
            (
                "animation",
                "Wyszukiwanie i promowanie liderów działających w środowisku seniorów",
                "OSL",
                "Na bieżąco",
            ),
            (
                "networking",
                "Wspieranie i promowanie wolontariatu senioralnego oraz współpraca z koordynatorami usług społecznych i pracownikami socjalnymi w tym zakresie",
                "OSL",
                "Praca ciągła",
            ),
            (
                "networking",
                "Zachęcanie do podejmowania wspólnych inicjatyw przez organizacje i instytucje działające na rzecz seniorów",
                "OSL, Rada seniorów",
                "Praca ciągłą",
            ),
            (
                "networking",
                "Promowanie dotychczasowych działań OSL na rzecz seniorów realizowanych na terenie miasta z wykorzystaniem różnych platform komunikacji",
                "OSL",
                "Praca ciągła",
            ),
            (
                "planning",
                "Promowanie instytucji i osób działających na rzecz seniorów oraz generowanie wniosków do władz i instytucji w sprawie rozwiązywania problemów środowiska seniorskiego",
                "OSL",
                "Praca ciągła",
            ),
            (
                "planning",
                "Włączanie seniorów w debatę publiczną dotyczącą tej grupy mieszkańców miasta",
                "OSL",
                "W razie potrzeb",
            ),
        ],
    ),
]

PLAN = {
    "title": "Plan Organizowania Społeczności Lokalnej na lata 2023–2024",
    # The pilot's plan ran "do kwietnia 2023 r." (its material ends on 31.03.2023) and the
    # recommendations run "do końca 2024 roku".
    "period_start": date(2023, 4, 1),
    "period_end": date(2024, 12, 31),
    "goals": [{"title": goal, "description": ""} for goal in GOALS],
    # "Wspierającymi narzędziami będą przede wszystkim: Lokalne partnerstwo wielosektorowe,
    # Wolontariat, Wydarzenia społecznościowe, Rzecznictwo i informacja obywatelska".
    "support_kinds": ["partnerships", "volunteering", "campaigns", "advocacy"],
    "sections": SECTIONS,
    "swot": {"S": [], "W": [], "O": [], "T": []},
    "communities": COMMUNITIES,
    "stages": [],
    "schedules": SCHEDULES,
    "leaders": [],
}
