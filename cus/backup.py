"""Backups: the database and the stored documents, with a checksum manifest.

A backup is a directory:

- ``database.dump`` — the PostgreSQL database, a custom-format ``pg_dump``;
- ``media/`` — every file under MEDIA_ROOT (stored documents, scans, the logo);
- ``manifest.json`` — when, which database engine, the applied migrations, and
  the SHA-256 and size of every file above.

``restore`` checks the whole manifest before it touches anything, then replaces
the database and the files and checks the restored files again.
"""

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
# The manifest names the engine so that a copy of any other database (older versions
# could back up an SQLite demo) is refused before anything is replaced.
ENGINE = "postgresql"


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why (in Polish)."""


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def postgres_tool(name):
    """The pg_dump / pg_restore matching the newest installed server, or from PATH."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    if candidates:
        return str(candidates[0])
    found = shutil.which(name)
    if not found:
        raise BackupError(f"Nie znaleziono programu {name} (pakiet postgresql-client).")
    return found


def _postgres_env_and_args():
    params = connection.get_connection_params()
    env = {**os.environ}
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    args = []
    for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            args += [flag, str(params[key])]
    args += ["--dbname", params.get("dbname") or connection.settings_dict["NAME"]]
    return env, args


def _run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} zakończył się błędem: {result.stderr.strip()}")


def _applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup(target):
    """Write a backup into the new directory ``target``; returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"Katalog {target} nie jest pusty.")
    target.mkdir(parents=True, exist_ok=True)
    database_file = target / "database.dump"
    env, args = _postgres_env_and_args()
    _run(
        [
            postgres_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(database_file),
            *args,
        ],
        env=env,
    )

    files = {}
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        for source in sorted(p for p in media_root.rglob("*") if p.is_file()):
            relative = source.relative_to(media_root).as_posix()
            destination = target / "media" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
            files[f"media/{relative}"] = {
                "sha256": file_sha256(destination),
                "size": destination.stat().st_size,
            }
    files[database_file.name] = {
        "sha256": file_sha256(database_file),
        "size": database_file.stat().st_size,
    }
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "engine": ENGINE,
        "database_file": database_file.name,
        "migrations": _applied_migrations(),
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    return manifest


def verify(source):
    """Check a backup against its manifest; returns the manifest or raises BackupError."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"Brak lub uszkodzony plik {MANIFEST} w {source}.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("Nieznany format kopii zapasowej.")
    if manifest.get("engine") != ENGINE:
        raise BackupError(
            f"Kopia pochodzi z bazy {manifest.get('engine')}; "
            "odtworzyć można tylko kopię bazy PostgreSQL."
        )
    problems = []
    for name, expected in manifest["files"].items():
        path = source / name
        if ".." in Path(name).parts or not path.is_file():
            problems.append(f"brak pliku {name}")
        elif file_sha256(path) != expected["sha256"]:
            problems.append(f"suma kontrolna się nie zgadza: {name}")
    if problems:
        raise BackupError("Kopia zapasowa jest niekompletna lub uszkodzona: " + "; ".join(problems))
    return manifest


def restore(source):
    """Replace the database and the stored files with the backup in ``source``."""
    source = Path(source)
    manifest = verify(source)
    database_file = source / manifest["database_file"]
    env, args = _postgres_env_and_args()
    connections.close_all()
    _run(
        [
            postgres_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *args,
            str(database_file),
        ],
        env=env,
    )

    media_root = Path(settings.MEDIA_ROOT)
    for name, expected in manifest["files"].items():
        if not name.startswith("media/"):
            continue
        destination = media_root / name.removeprefix("media/")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, destination)
        if file_sha256(destination) != expected["sha256"]:
            raise BackupError(f"Plik {destination} po odtworzeniu różni się od kopii.")
    return manifest
