"""Loaded by pytest before Django (``-p tests.environment`` in pytest.ini).

Gives the suite production-like settings without a real secret, so that
``pytest`` works on its own as well as under ``make test``.
"""

import os

# A developer's .env (written by `make demo`) must not change what the suite tests.
os.environ.setdefault("CUS_ENV_FILE", "")

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("CUS_ALLOW_INSECURE", "1")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Backups are encrypted; the suite's key is public (32 bytes in URL-safe base64).
os.environ.setdefault("CUS_BACKUP_KEY", "dGVzdC1vbmx5LWJhY2t1cC1rZXktbm90LXNlY3JldCE=")
# Two-factor login is tested on its own (tests/cus/test_two_factor.py); other
# tests log in with a password only.
os.environ.setdefault("CUS_2FA_REQUIRED", "0")
# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
