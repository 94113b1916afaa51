"""The newcomer's path, as the last step of ``make test``.

The committed HEAD is cloned into a temporary directory and its real ``make demo``
(its own PostgreSQL under var/, DEBUG off, gunicorn) is started there in the
background on a free port, with none of the suite's environment. Then every demo
account, a newly created user of every role and an anonymous visitor follow every
link they are shown (tests/newcomer/walk.py). Finally ``make demo`` is run a second
time on the same clone: it must keep the data and change nothing. The demo server
and its database are stopped afterwards whatever happens.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from cus.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.newcomer.walk import walk

pytestmark = pytest.mark.newcomer

REPO = Path(__file__).resolve().parents[2]
# Every problem and every URL visited, for reading after a red run.
ARTIFACTS = REPO / "test-artifacts"
PASSWORD = DEMO_PASSWORD
ACCOUNTS = [username for username, *_rest in DEMO_ACCOUNTS]
# A newly created user of every role walks too: documents must not hide behind authorship.
NEW_USERS = {f"nowy-{username}": role for username, _first, _last, role, *_rest in DEMO_ACCOUNTS}
NEW_USER_PASSWORD = "nowe-konto-demo-2026"
STARTUP_SECONDS = 900

# Rows a walk of GET requests may add (logs of reads and logins, sessions, caches).
VOLATILE_TABLES = {
    "cus_accesslog",
    "cus_reportcache",
    "cus_datastamp",
    "django_session",
    "django_admin_log",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
}

SNAPSHOT = """
import json
from django.db import connection
counts = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        if table in EXCLUDED:
            continue
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
print(json.dumps(counts))
"""

CREATE_USERS = """
from django.contrib.auth.models import Group
from cus import roles
from cus.models import User
for username, role in NEW_USERS.items():
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = "Nowy", role
    user.is_staff = role in roles.ADMIN_SITE_ROLES
    user.set_password(PASSWORD)
    user.save()
    user.groups.set([Group.objects.get(name=role)])
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def report(capsys):
    """Prints past pytest's capture: the pages per role are part of every run's output."""

    def write(line):
        with capsys.disabled():
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    return write


class Demo:
    """``make demo`` of a clone, run in the background as a newcomer would run it."""

    def __init__(self, clone):
        self.clone = clone
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = clone.parent / f"make-demo-{self.port}.log"
        self.process = None

    def environment(self):
        # Nothing of the suite's own settings (DATABASE_URL, SECRET_KEY, DEBUG …).
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "LOGNAME", "PYENV_ROOT")
        env = {name: os.environ[name] for name in keep if name in os.environ}
        env["PORT"] = str(self.port)
        return env

    def start(self):
        self.process = subprocess.Popen(
            ["make", "demo", f"PORT={self.port}"],
            cwd=self.clone,
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"make demo stopped ({self.process.returncode}):\n{self.tail()}"
                )
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(1)
        raise AssertionError(f"make demo did not answer /healthz in time:\n{self.tail()}")

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # Whatever happened above, the demo's database does not outlive the test.
        subprocess.run(["bin/demo-postgres", "stop"], cwd=self.clone, check=False)

    def manage(self, code, **names):
        """Run ``code`` in the clone's Django shell with the demo's own settings."""
        prelude = "".join(f"{name} = {value!r}\n" for name, value in names.items())
        env = {**self.environment(), "CUS_ENV_FILE": str(self.clone / ".env")}
        done = subprocess.run(
            [".venv/bin/python", "manage.py", "shell", "-v", "0", "-c", prelude + code],
            cwd=self.clone,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def snapshot(self):
        return json.loads(self.manage(SNAPSHOT, EXCLUDED=sorted(VOLATILE_TABLES)))

    def tail(self, lines=60):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="module")
def clone():
    # NEWCOMER_REF: another commit to walk instead of HEAD (e.g. one made of a work tree
    # with `git commit-tree`, to try uncommitted changes).
    ref = os.environ.get("NEWCOMER_REF", "HEAD")
    head = subprocess.run(
        ["git", "rev-parse", "--short", ref], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix="cus-newcomer-"))
    # The demo's cluster belongs to the postgres user when run as root: it must reach it.
    work.chmod(0o755)
    target = work / "cus"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(REPO), str(target)], check=True)
    subprocess.run(["git", "checkout", "--quiet", head], cwd=target, check=True)
    yield target, head
    shutil.rmtree(work, ignore_errors=True)


def test_make_demo_on_a_fresh_clone_serves_every_page_of_every_role(clone, report):
    clone, head = clone
    report(f"\nnewcomer: clone of {head} in {clone}")
    started = time.monotonic()
    demo = Demo(clone)
    try:
        demo.start()
        report(f"newcomer: make demo answered after {time.monotonic() - started:.0f} s")
        seeded = demo.snapshot()
        demo.manage(CREATE_USERS, NEW_USERS=NEW_USERS, PASSWORD=NEW_USER_PASSWORD)
        walks = [walk(demo.base, "(anonim)")]
        walks += [walk(demo.base, name, name, PASSWORD) for name in ACCOUNTS]
        walks += [walk(demo.base, name, name, NEW_USER_PASSWORD) for name in NEW_USERS]
        for result in walks:
            kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.kinds.items()))
            report(
                f"newcomer: {result.role:<14} {result.pages:>4} pages ({kinds}); "
                f"slowest {result.slowest[0]:.2f} s {result.slowest[1]}"
            )
        after_walk = demo.snapshot()
        # A backup of the demo works out of the box: make demo wrote a key into .env.
        backup_dir = clone.parent / "demo-backup"
        demo.manage(
            "from django.core.management import call_command\n"
            "call_command('backup', output=OUT)\n"
            "call_command('restore', OUT, check=True)\n",
            OUT=str(backup_dir),
        )
        assert (backup_dir / "manifest.json.enc").is_file()
        report("newcomer: manage.py backup and restore --check work on the demo")
    finally:
        demo.stop()
    problems = [f"{result.role}: {problem}" for result in walks for problem in result.problems]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "newcomer-walk.txt").write_text(
        "\n".join(
            [f"{r.role}: {r.pages} pages" for r in walks]
            + problems
            + [
                f"{r.role} {status} {kind} {path}"
                for r in walks
                for path, (status, kind) in r.visited.items()
            ]
        ),
        encoding="utf-8",
    )
    assert not problems, "\n".join(problems[:200])
    # GET requests change no data: only the new users' rows, their roles and the log of
    # those role grants (cus.RoleChange) were added.
    added = {t: n - seeded.get(t, 0) for t, n in after_walk.items() if n != seeded.get(t, 0)}
    assert set(added) <= {"cus_user", "cus_user_groups", "cus_rolechange"}, added

    # The second run on the same clone keeps everything and seeds nothing twice.
    again = Demo(clone)
    try:
        again.start()
        second = again.snapshot()
    finally:
        again.stop()
    assert second == after_walk
    report(f"newcomer: done in {time.monotonic() - started:.0f} s")
