"""Backups: the database and the stored documents, encrypted, with a checksum manifest.

A backup is a directory that only its owner may open (0700; every file 0600), of files
encrypted with the key in CUS_BACKUP_KEY (``cus.encryption``: AES-256-GCM; the key never
lies beside the backup):

- ``database.dump.enc`` — the PostgreSQL database, a custom-format ``pg_dump`` streamed
  through the encryption (the plain dump never touches the disk);
- ``media/<path>.enc`` — every file under MEDIA_ROOT (stored documents, scans, the logo);
- ``manifest.json.enc`` — when, which database engine, the applied migrations, and the
  SHA-256 and size of the plain content of every file above.

``restore`` needs the same key. It decrypts and checks every file against the manifest
before it touches anything — a wrong key, a changed or truncated file is refused with a
message saying which — then replaces the database and the files and checks them again.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from cus import encryption

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
# Every file of a backup is stored encrypted under its name plus this suffix.
SUFFIX = ".enc"
# 1: plain files (up to issue 22); 2: encrypted.
FORMAT_VERSION = 2
# The manifest names the engine so that a copy of any other database (older versions
# could back up an SQLite demo) is refused before anything is replaced.
ENGINE = "postgresql"
READ_SIZE = encryption.CHUNK

WRONG_KEY = (
    "Klucz z CUS_BACKUP_KEY nie pasuje do tej kopii zapasowej: zapisano ją innym kluczem. "
    "Ustaw klucz, którym ją zapisano — bez niego kopii nie da się odczytać."
)


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why (in Polish)."""


def backup_key():
    """The key of CUS_BACKUP_KEY, or BackupError saying how to set one."""
    if not settings.CUS_BACKUP_KEY:
        raise BackupError(
            "Brak klucza kopii zapasowych: ustaw zmienną CUS_BACKUP_KEY "
            "(jak go utworzyć i przechowywać — README, „Backups”)."
        )
    try:
        return encryption.parse_key(settings.CUS_BACKUP_KEY)
    except ValueError as error:
        raise BackupError(
            "CUS_BACKUP_KEY nie jest kluczem: to 32 losowe bajty zapisane w base64 (44 znaki)."
        ) from error


def make_private_dir(path):
    """Create ``path`` (and missing parents) readable by its owner only: 0700."""
    path = Path(path)
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for directory in reversed(missing):
        directory.mkdir(mode=0o700)
    # mkdir's mode passes through the umask, and an existing empty target keeps its own.
    path.chmod(0o700)
    for directory in missing:
        directory.chmod(0o700)
    return path


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


def _failure(command, errors):
    errors.seek(0)
    message = errors.read().decode("utf-8", errors="replace").strip()
    return BackupError(f"{Path(command[0]).name} zakończył się błędem: {message}")


def _applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _safe_name(name):
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def _write_encrypted(key, target, name, chunks):
    """Encrypt the byte ``chunks`` into ``target/<name>.enc`` (0600, a new file).

    Returns the SHA-256 and size of the plain content, for the manifest.
    """
    path = target / (name + SUFFIX)
    make_private_dir(path.parent)
    digest, size = hashlib.sha256(), 0
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        writer = encryption.EncryptingWriter(key, name, out)
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            writer.write(chunk)
        writer.close()
    return {"sha256": digest.hexdigest(), "size": size}


def _dump_database(key, target):
    env, args = _postgres_env_and_args()
    command = [postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=errors)
        try:
            entry = _write_encrypted(
                key, target, DATABASE_FILE, iter(lambda: process.stdout.read(READ_SIZE), b"")
            )
        finally:
            process.stdout.close()
            returncode = process.wait()
        if returncode != 0:
            raise _failure(command, errors)
    return entry


def backup(target):
    """Write an encrypted backup into the new directory ``target``; returns the manifest."""
    key = backup_key()
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"Katalog {target} nie jest pusty.")
    make_private_dir(target)
    try:
        files = {DATABASE_FILE: _dump_database(key, target)}
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            for source in sorted(p for p in media_root.rglob("*") if p.is_file()):
                name = f"media/{source.relative_to(media_root).as_posix()}"
                with open(source, "rb") as handle:
                    files[name] = _write_encrypted(
                        key, target, name, iter(lambda h=handle: h.read(READ_SIZE), b"")
                    )
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": ENGINE,
            "database_file": DATABASE_FILE,
            "migrations": _applied_migrations(),
            "files": files,
        }
        text = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
        _write_encrypted(key, target, MANIFEST, [text])
    except BaseException:
        # No half-written backup is left to be taken for a good one (the directory was
        # new or empty, so everything in it is ours).
        for child in target.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        raise
    return manifest


def _decrypted(key, source, name):
    """The plain chunks of ``source/<name>.enc``; BackupError on a wrong key or a damaged file."""
    try:
        with open(source / (name + SUFFIX), "rb") as handle:
            yield from encryption.decrypted_chunks(key, name, handle)
    except encryption.WrongKeyError as error:
        raise BackupError(WRONG_KEY) from error
    except encryption.DamagedFileError as error:
        raise BackupError(
            "Kopia zapasowa jest uszkodzona lub została zmieniona: "
            f"{name}{SUFFIX} nie daje się odszyfrować."
        ) from error


def read_manifest(source, key=None):
    """The decrypted manifest of the backup in ``source``, checked for format and engine."""
    key = key or backup_key()
    source = Path(source)
    if not (source / (MANIFEST + SUFFIX)).is_file():
        if (source / MANIFEST).is_file():
            raise BackupError(
                "To kopia w starym, niezaszyfrowanym formacie: odtworzy ją tylko wersja "
                "programu, która ją zapisała. Zapisz nową kopię i usuń niezaszyfrowane."
            )
        raise BackupError(f"Brak pliku {MANIFEST}{SUFFIX} w {source}: to nie jest kopia CUS.")
    try:
        manifest = json.loads(b"".join(_decrypted(key, source, MANIFEST)))
    except ValueError as error:
        raise BackupError(f"Uszkodzony plik {MANIFEST}{SUFFIX} w {source}.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("Nieznany format kopii zapasowej.")
    if manifest.get("engine") != ENGINE:
        raise BackupError(
            f"Kopia pochodzi z bazy {manifest.get('engine')}; "
            "odtworzyć można tylko kopię bazy PostgreSQL."
        )
    return manifest


def verify(source, key=None):
    """Decrypt every file of a backup and check it against the manifest; returns the manifest."""
    key = key or backup_key()
    source = Path(source)
    manifest = read_manifest(source, key)
    problems = []
    for name, expected in manifest["files"].items():
        if not _safe_name(name) or not (source / (name + SUFFIX)).is_file():
            problems.append(f"brak pliku {name}{SUFFIX}")
            continue
        digest = hashlib.sha256()
        try:
            for chunk in _decrypted(key, source, name):
                digest.update(chunk)
        except BackupError as error:
            if str(error) == WRONG_KEY:
                raise
            problems.append(f"{name}{SUFFIX} nie daje się odszyfrować (zmieniony lub uszkodzony)")
            continue
        if digest.hexdigest() != expected["sha256"]:
            problems.append(f"suma kontrolna się nie zgadza: {name}")
    if problems:
        raise BackupError(
            "Kopia zapasowa jest niekompletna, uszkodzona lub zmieniona: " + "; ".join(problems)
        )
    return manifest


def _restore_database(key, source, env, args):
    command = [
        postgres_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        *args,
    ]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors
        )
        try:
            for chunk in _decrypted(key, source, DATABASE_FILE):
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass  # pg_restore stopped early; its own message follows
        except BaseException:
            # A file that changed since verify(): pg_restore is stopped before the end of
            # its input, so its single transaction is rolled back and nothing changes.
            process.kill()
            process.wait()
            raise
        if process.wait() != 0:
            raise _failure(command, errors)


def restore(source):
    """Replace the database and the stored files with the backup in ``source``."""
    key = backup_key()
    source = Path(source)
    manifest = verify(source, key)
    env, args = _postgres_env_and_args()
    connections.close_all()
    _restore_database(key, source, env, args)

    media_root = Path(settings.MEDIA_ROOT)
    for name, expected in manifest["files"].items():
        if not name.startswith("media/"):
            continue
        destination = media_root / name.removeprefix("media/")
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".restoring")
        digest = hashlib.sha256()
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            for chunk in _decrypted(key, source, name):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != expected["sha256"]:
            partial.unlink()
            raise BackupError(f"Plik {destination} po odtworzeniu różni się od kopii.")
        partial.chmod(settings.FILE_UPLOAD_PERMISSIONS or 0o640)
        os.replace(partial, destination)
    return manifest
