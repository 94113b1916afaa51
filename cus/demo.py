"""Demo data of the core app: the CUS Starachowice profile and one account per role.

Called by ``manage.py seed_demo``; safe to run any number of times.
"""

from django.db import transaction

from cus import roles
from cus.models import CentreProfile, User

# Local demo only: seed_demo refuses to run unless CUS_DEMO is on and the database
# carries this comment, which bin/demo-postgres gives the database it creates.
DEMO_PASSWORD = "cus-demo-2026"
DEMO_DATABASE_COMMENT = "CUS demo database (make demo)"

DEMO_ACCOUNTS = (
    # username, first name, last name, role, job title, phone
    (
        "kipus",
        "Katarzyna",
        "Wiśniewska",
        roles.KIPUS,
        "Koordynator IPUS",
        "41 000 00 11",
    ),
    (
        "ous",
        "Paweł",
        "Zieliński",
        roles.OUS,
        "Organizator usług społecznych",
        "41 000 00 12",
    ),
    (
        "osl",
        "Magdalena",
        "Wójcik",
        roles.OSL,
        "Organizator społeczności lokalnej",
        "41 000 00 13",
    ),
    ("dyrektor", "Anna", "Kowalska", roles.DIRECTOR, "Dyrektor CUS", "41 000 00 10"),
    ("animator", "Tomasz", "Kamiński", roles.ANIMATOR, "Animator", "41 000 00 14"),
    (
        "iod",
        "Joanna",
        "Lewandowska",
        roles.IOD,
        "Inspektor ochrony danych",
        "41 000 00 15",
    ),
    (
        "admin",
        "Marek",
        "Dąbrowski",
        roles.ADMINISTRATOR,
        "Administrator systemu",
        "41 000 00 16",
    ),
)


@transaction.atomic
def seed(stdout=None):
    centre = CentreProfile.load()
    changed = False
    for field, value in {
        "name": "Centrum Usług Społecznych w Starachowicach",
        "short_name": "CUS Starachowice",
        "street": "ul. Majówka 21a",
        "postal_code": "27-200",
        "town": "Starachowice",
        "phone": "41 000 00 00",
        "email": "sekretariat@cus-demo.example.pl",
        "office_hours": "pon.–pt. 7:30–15:30",
        "director_name": "Anna Kowalska",
    }.items():
        if getattr(centre, field) != value:
            setattr(centre, field, value)
            changed = True
    # Saving only on a change keeps re-runs from adding history rows.
    if changed or centre._state.adding:
        centre.save()

    for username, first, last, role, title, phone in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@cus-demo.example.pl"
        user.job_title, user.phone = title, phone
        user.is_staff = role in roles.ADMIN_SITE_ROLES
        user.is_active = True
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(user.groups.model.objects.filter(name=role))
    if stdout:
        stdout.write(f"Konta demonstracyjne: {len(DEMO_ACCOUNTS)} (hasło: {DEMO_PASSWORD})")
