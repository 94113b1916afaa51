"""Backups round-trip the database and the stored documents byte for byte."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cus.choices import DocumentKind
from cus.models import CentreProfile, StoredDocument, User
from cus.pdf import render_pdf


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
    manifest = json.loads((target / "manifest.json").read_text())
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
    [stored] = (target / "media").rglob("*.pdf")
    stored.write_bytes(b"%PDF-1.7 zmieniony")
    StoredDocument.objects.create(
        kind=DocumentKind.FROZEN,
        title="Nowszy",
        file="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )

    with pytest.raises(CommandError, match="suma kontrolna"):
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
    manifest_file = target / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["engine"] = "sqlite"  # what the SQLite demo of earlier versions wrote
    manifest_file.write_text(json.dumps(manifest))
    for command in ({"check": True}, {"yes": True}):
        with pytest.raises(CommandError, match="tylko kopię bazy PostgreSQL"):
            call_command("restore", str(target), stdout=io.StringIO(), **command)
