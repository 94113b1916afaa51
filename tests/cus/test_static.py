"""Production serves hashed static files: collectstatic must resolve every reference in the
vendored CSS and JS (a dangling source-map comment in leaflet.js once broke it). Run as a
separate process with the production storage, so no test sees hashed names afterwards."""

import os
import subprocess
import sys

from django.conf import settings


def test_collectstatic_with_hashed_names_succeeds(tmp_path):
    env = {
        **os.environ,
        "STATIC_MANIFEST": "1",
        "STATIC_ROOT": str(tmp_path),
        "DEBUG": "1",
        "CUS_ENV_FILE": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
