"""`manage.py check --deploy` with the README's production environment reports only the
warnings the README lists and explains (README, "Checking a production configuration").

Run in a fresh process with nothing of the suite's environment: the settings are read from
the environment once, at start.
"""

import os
import re
import secrets
import subprocess
import sys

from django.conf import settings

from cus import encryption

SECTION = "### Checking a production configuration"
# The README writes secrets as <…>; the test fills in values of the right form.
PLACEHOLDERS = {
    "<secret key>": lambda: secrets.token_urlsafe(50),
    "<backup key>": encryption.generate_key,
    "<database password>": lambda: "haslo-bazy",
}
CHECK_ID = re.compile(r"\(([a-z_]+\.[A-Z]\d{3})\)")


def readme_section():
    text = (settings.BASE_DIR / "README.md").read_text("utf-8")
    start = text.index(SECTION)
    following = re.search(r"^#{2,3} ", text[start + len(SECTION) :], re.M)
    return text[start : start + len(SECTION) + following.start()] if following else text[start:]


def production_environment(section):
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    environment = {}
    for raw_line in block.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        name, value = line.split("=", 1)
        for placeholder, make in PLACEHOLDERS.items():
            if placeholder in value:
                value = value.replace(placeholder, make())
        assert "<" not in value, f"README: no value for the placeholder in {line!r}"
        environment[name] = value
    return environment


def documented_warnings(section):
    """The check ids in the first column of the section's table."""
    return set(re.findall(r"^\| `([a-z_]+\.[A-Z]\d{3})` \|", section, re.M))


def check_deploy(environment):
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        env={**env, "CUS_ENV_FILE": "", **environment},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_the_readme_environment_gives_only_the_warnings_it_explains():
    section = readme_section()
    environment = production_environment(section)
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CUS_BACKUP_KEY"} <= set(environment)
    assert environment.get("DEBUG", "0") == "0"
    assert "CUS_ALLOW_INSECURE" not in environment and "CUS_DEMO" not in environment
    documented = documented_warnings(section)
    assert documented, "the README's table of remaining warnings is empty or unreadable"

    result = check_deploy(environment)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output  # no errors: the configuration may start
    assert set(CHECK_ID.findall(output)) == documented, output


def test_check_deploy_flags_a_production_environment_without_a_backup_key():
    environment = production_environment(readme_section())
    del environment["CUS_BACKUP_KEY"]
    result = check_deploy(environment)
    output = result.stdout + result.stderr
    assert "cus.W001" in CHECK_ID.findall(output), output
