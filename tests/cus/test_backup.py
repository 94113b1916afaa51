"""Backups round-trip the database and the stored documents byte for byte, encrypted."""

import io
import json
import os
import shutil
import subprocess
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from cus import backup, encryption
from cus.choices import DocumentKind
from cus.models import CentreProfile, StoredDocument, User
from cus.pdf import render_pdf


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _key():
    return encryption.parse_key(django_settings.CUS_BACKUP_KEY)


def read_sealed(target, name):
    """The decrypted JSON of ``target/<name>.enc`` (the suite's key)."""
    with open(target / f"{name}.enc", "rb") as handle:
        return json.loads(b"".join(encryption.decrypted_chunks(_key(), name, handle)))


def seal(target, name, data):
    """Replace ``target/<name>.enc`` with ``data`` encrypted with the suite's key."""
    with open(target / f"{name}.enc", "wb") as out:
        writer = encryption.EncryptingWriter(_key(), name, out)
        writer.write(data)
        writer.close()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_the_data_and_frozen_pdfs(
    media, tmp_path, settings, seed_demo
):
    seed_demo()
    pdf = render_pdf("pdf/letterhead_sample.html")
    document = StoredDocument.store(pdf, kind=DocumentKind.FROZEN, title="IPUS/2026/7")
    User.objects.create(username="do-usuniecia")
    users_before = sorted(User.objects.values_list("username", flat=True))

    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())
    manifest = read_sealed(target, "manifest.json")
    assert manifest["engine"] == "postgresql"
    assert any(name.startswith("media/documents/") for name in manifest["files"])

    from ipus.models import Plan

    plan_pdf = (
        Plan.objects.filter(status="active").order_by("pk").first().current_version.document.read()
    )

    # Disaster: a row deleted, every file lost, the profile changed.
    StoredDocument.objects.filter(pk=document.pk).delete()
    User.objects.filter(username="do-usuniecia").delete()
    CentreProfile.objects.update(town="Nigdzie")
    for path in media.rglob("*.pdf"):
        path.unlink()

    call_command("restore", str(target), yes=True, stdout=io.StringIO())

    restored = StoredDocument.objects.get(pk=document.pk)
    assert restored.read() == pdf
    assert (
        Plan.objects.filter(status="active").order_by("pk").first().current_version.document.read()
        == plan_pdf
    )
    assert sorted(User.objects.values_list("username", flat=True)) == users_before
    assert CentreProfile.load().town == "Starachowice"


def _fingerprint():
    """Row counts and a digest of every row of the case tables (what a restore must bring back)."""
    import hashlib

    from django.apps import apps

    result = {}
    for label in (
        "ipus.Person",
        "ipus.Request",
        "ipus.NeedsAssessment",
        "ipus.Plan",
        "ipus.PlanVersion",
        "ipus.PlanItem",
        "ipus.MonitoringContact",
        "ipus.Delivery",
        "services.Service",
        "osl.Activity",
        "cus.AccessLog",
        "cus.StoredDocument",
    ):
        model = apps.get_model(label)
        digest = hashlib.sha256()
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
        result[label] = (model.objects.count(), digest.hexdigest())
    return result


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_the_small_load_dataset(media, tmp_path, settings):
    """The 'small' synthetic dataset (issue 8's generator) and its frozen contract PDFs."""
    from ipus.models import Delivery, Person, PlanVersion

    settings.DEBUG = True
    call_command("generate_load_data", scale="small", stdout=io.StringIO())
    settings.DEBUG = False
    frozen = {
        version.pk: version.document.read()
        for version in PlanVersion.objects.filter(document__isnull=False).select_related("document")
    }
    assert len(frozen) >= 2 and all(pdf.startswith(b"%PDF") for pdf in frozen.values())
    before = _fingerprint()
    assert before["ipus.Delivery"][0] > 10_000 and before["ipus.Person"][0] > 1_000

    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())

    # Disaster: deliveries deleted, persons renamed, every stored file lost.
    Delivery.objects.all().delete()
    Person.objects.update(last_name="Zniszczony")
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()

    call_command("restore", str(target), yes=True, stdout=io.StringIO())

    assert _fingerprint() == before
    for pk, pdf in frozen.items():
        assert PlanVersion.objects.get(pk=pk).document.read() == pdf  # byte for byte


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_changes(media, tmp_path):
    StoredDocument.store(b"%PDF-1.7 test", kind=DocumentKind.FROZEN, title="Dokument")
    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())
    [stored] = (target / "media").rglob("*.pdf.enc")
    sealed = bytearray(stored.read_bytes())
    sealed[-20] ^= 0x01
    stored.write_bytes(sealed)
    StoredDocument.objects.create(
        kind=DocumentKind.FROZEN,
        title="Nowszy",
        file="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )

    with pytest.raises(CommandError, match="nie daje się odszyfrować"):
        call_command("restore", str(target), yes=True, stdout=io.StringIO())
    assert StoredDocument.objects.filter(title="Nowszy").exists()


@pytest.mark.django_db
def test_restore_asks_for_confirmation(media, tmp_path):
    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(target), stdout=io.StringIO())
    out = io.StringIO()
    call_command("restore", str(target), check=True, stdout=out)
    assert "jest kompletna" in out.getvalue()


@pytest.mark.django_db
def test_backup_refuses_a_directory_that_is_not_empty(media, tmp_path):
    (tmp_path / "kopia").mkdir()
    (tmp_path / "kopia" / "plik").write_text("x")
    with pytest.raises(CommandError, match="nie jest pusty"):
        call_command("backup", output=str(tmp_path / "kopia"), stdout=io.StringIO())


@pytest.mark.django_db
def test_a_backup_of_another_database_engine_is_refused(media, tmp_path):
    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())
    manifest = read_sealed(target, "manifest.json")
    manifest["engine"] = "sqlite"  # what the SQLite demo of earlier versions wrote
    seal(target, "manifest.json", json.dumps(manifest).encode())
    for command in ({"check": True}, {"yes": True}):
        with pytest.raises(CommandError, match="tylko kopię bazy PostgreSQL"):
            call_command("restore", str(target), stdout=io.StringIO(), **command)


# --- Private and encrypted (issue 22) ----------------------------------------------------

PESEL = "44051401359"


def _backup_with_personal_data(tmp_path):
    from ipus.models import Person

    Person.objects.create(
        first_name="Krystyna", last_name="Zielińska", pesel=PESEL, birth_date=date(1944, 5, 14)
    )
    StoredDocument.store(
        f"%PDF-1.7 umowa, PESEL {PESEL}".encode(), kind=DocumentKind.FROZEN, title="Umowa"
    )
    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())
    return target


def _files(target):
    return sorted(path for path in target.rglob("*") if path.is_file())


@pytest.mark.django_db
def test_a_backup_is_readable_by_its_owner_only(media, tmp_path):
    previous = os.umask(0o022)  # cron's usual umask: new files 0644, directories 0755
    try:
        target = _backup_with_personal_data(tmp_path)
    finally:
        os.umask(previous)
    directories = [target, *(path for path in target.rglob("*") if path.is_dir())]
    files = _files(target)
    assert len(directories) >= 3  # the backup, media/, media/documents/…
    assert {path.name for path in files} >= {"manifest.json.enc", "database.dump.enc"}
    assert len(files) >= 3
    assert {oct(path.stat().st_mode & 0o777) for path in directories} == {"0o700"}
    assert {oct(path.stat().st_mode & 0o777) for path in files} == {"0o600"}


@pytest.mark.django_db
def test_the_default_backup_folder_is_private_too(media, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "var"
    call_command("backup", stdout=io.StringIO())
    folder = tmp_path / "var" / "backups"
    [target] = folder.iterdir()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert target.stat().st_mode & 0o777 == 0o700


@pytest.mark.django_db(transaction=True)
def test_no_file_of_a_backup_shows_personal_data(media, tmp_path):
    target = _backup_with_personal_data(tmp_path)
    for path in _files(target):
        data = path.read_bytes()
        # No pg_dump archive, PDF or JSON in the clear: every file is one of cus.encryption's.
        assert data.startswith(encryption.MAGIC), path
        assert PESEL.encode() not in data, path
        assert "Zielińska".encode() not in data, path
    # Decrypted, the dump holds the PESEL: the search above would have found it in the clear.
    with open(target / "database.dump.enc", "rb") as handle:
        dump = b"".join(encryption.decrypted_chunks(_key(), "database.dump", handle))
    assert dump.startswith(b"PGDMP")
    script = subprocess.run(
        [backup.postgres_tool("pg_restore"), "--data-only", "--file=-"],
        input=dump,
        capture_output=True,
        check=True,
    ).stdout
    assert PESEL.encode() in script


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_restored_only_with_its_own_key(media, tmp_path, settings):
    target = _backup_with_personal_data(tmp_path)
    User.objects.create(username="po-kopii")
    settings.CUS_BACKUP_KEY = encryption.generate_key()
    for options in ({"check": True}, {"yes": True}):
        with pytest.raises(CommandError, match="Klucz z CUS_BACKUP_KEY nie pasuje do tej kopii"):
            call_command("restore", str(target), stdout=io.StringIO(), **options)
    assert User.objects.filter(username="po-kopii").exists()  # nothing was replaced


@pytest.mark.django_db
def test_without_a_key_nothing_is_backed_up_or_restored(media, tmp_path, settings):
    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())
    settings.CUS_BACKUP_KEY = ""
    with pytest.raises(CommandError, match="ustaw zmienną CUS_BACKUP_KEY"):
        call_command("backup", output=str(tmp_path / "druga"), stdout=io.StringIO())
    assert not (tmp_path / "druga").exists()
    for options in ({"check": True}, {"yes": True}):
        with pytest.raises(CommandError, match="ustaw zmienną CUS_BACKUP_KEY"):
            call_command("restore", str(target), stdout=io.StringIO(), **options)


@pytest.mark.django_db
def test_an_unencrypted_backup_of_the_old_format_is_refused_with_a_reason(media, tmp_path):
    old = tmp_path / "stara"
    old.mkdir()
    (old / "manifest.json").write_text(json.dumps({"format": 1, "engine": "postgresql"}))
    (old / "database.dump").write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match="starym, niezaszyfrowanym formacie"):
        call_command("restore", str(old), check=True, stdout=io.StringIO())


def _flip(data, position):
    changed = bytearray(data)
    changed[position] ^= 0x01
    return bytes(changed)


# Changes to one encrypted file; each is tried on every file of a backup.
FILE_TAMPERINGS = {
    "a bit of the header's mark": lambda data: _flip(data, 2),
    "a bit of the header's salt": lambda data: _flip(data, encryption.HEADER_BYTES - 1),
    "a bit of the first ciphertext byte": lambda data: _flip(data, encryption.HEADER_BYTES),
    "a bit of the last tag": lambda data: _flip(data, len(data) - 1),
    "the last byte cut off": lambda data: data[:-1],
    "bytes appended": lambda data: data + bytes(encryption.TAG_BYTES),
    "only the header left": lambda data: data[: encryption.HEADER_BYTES],
    "emptied": lambda data: b"",
}


@pytest.mark.django_db(transaction=True)  # the two backups' dumps hold different rows
def test_every_change_to_any_file_of_a_backup_is_refused(media, tmp_path):
    StoredDocument.store(b"%PDF-1.7 pierwszy", kind=DocumentKind.FROZEN, title="Pierwszy")
    StoredDocument.store(b"%PDF-1.7 drugi", kind=DocumentKind.FROZEN, title="Drugi")
    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())
    other = tmp_path / "inna"  # a later backup with the same key
    StoredDocument.store(b"%PDF-1.7 trzeci", kind=DocumentKind.FROZEN, title="Trzeci")
    call_command("backup", output=str(other), stdout=io.StringIO())
    files = [path.relative_to(target) for path in _files(target)]
    media_files = [name for name in files if name.parts[0] == "media"]
    assert len(files) == 4 and len(media_files) == 2

    def refused(change):
        copy = tmp_path / f"proba-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(target, copy)
        change(copy)
        with pytest.raises(CommandError) as refusal:
            call_command("restore", str(copy), check=True, stdout=io.StringIO())
        return str(refusal.value)

    cases = 0
    for name in files:
        for label, tamper in FILE_TAMPERINGS.items():

            def change(copy, name=name, tamper=tamper):
                (copy / name).write_bytes(tamper((copy / name).read_bytes()))

            message = refused(change)
            assert str(name) in message, (name, label, message)
            assert "uszkodzona" in message or "zmieniona" in message, (name, label, message)
            cases += 1

    def swap(copy):
        first, second = (copy / name for name in media_files)
        first_data = first.read_bytes()
        first.write_bytes(second.read_bytes())
        second.write_bytes(first_data)

    structural = {
        "a file removed": lambda copy: (copy / media_files[0]).unlink(),
        "two files swapped": swap,
        "the dump of another backup": lambda copy: shutil.copy(
            other / "database.dump.enc", copy / "database.dump.enc"
        ),
        "the manifest of another backup": lambda copy: shutil.copy(
            other / "manifest.json.enc", copy / "manifest.json.enc"
        ),
    }
    for label, change in structural.items():
        message = refused(change)
        assert "niekompletna, uszkodzona lub zmieniona" in message, (label, message)
        cases += 1
    assert cases == len(files) * len(FILE_TAMPERINGS) + len(structural)


@pytest.mark.django_db(transaction=True)
def test_restoring_a_backup_older_than_an_anonymisation_says_so_and_anonymises_again(
    media, tmp_path
):
    """Retention anonymised a person after the backup was made: restore names them (ids
    only) in --check and before restoring, and anonymises them again afterwards."""
    from ipus import retention
    from ipus.models import Person

    person = Person.objects.create(
        first_name="Helena", last_name="Dawna", birth_date=date(1930, 1, 5), health="Astma"
    )
    target = tmp_path / "kopia"
    call_command("backup", output=str(target), stdout=io.StringIO())
    retention.anonymise(person)

    out = io.StringIO()
    call_command("restore", str(target), check=True, stdout=out)
    assert f"osoba id {person.pk}: zanonimizowana" in out.getvalue()
    assert "Dawna" not in out.getvalue()
    out = io.StringIO()
    call_command("restore", str(target), yes=True, stdout=out)
    assert f"osoba id {person.pk}: zanonimizowana" in out.getvalue()
    assert "Ponownie zanonimizowano osoby (jak przed odtworzeniem): 1." in out.getvalue()
    person = Person.objects.get(pk=person.pk)
    assert person.anonymised_at is not None
    assert (person.last_name, person.health) == (retention.ANONYMISED, "")
