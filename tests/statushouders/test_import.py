"""import_statushouders: all or nothing, every bad line reported, idempotent on
registratienummer, unknown names suggested and created only when asked."""
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import Wijk
from initiatives.models import Organisation
from statushouders.models import Begeleiding, Newcomer

from ..factories import UserFactory, WijkFactory, organisation_in

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "statushouders/samples/statushouders_voorbeeld.csv"


@pytest.fixture
def demodam(gemeente):
    organisation_in(gemeente, name="Stichting Welkom Demodam")
    WijkFactory(gemeente=gemeente, name="Centrum")
    WijkFactory(gemeente=gemeente, name="Molenwijk")
    return gemeente


def _run(path, *extra):
    call_command("import_statushouders", "--gemeente", "Testdam", str(path), *extra)


def test_the_sample_imports_and_a_second_run_changes_nothing(demodam, capsys):
    _run(SAMPLE)
    out = capsys.readouterr().out
    assert "3 new, 0 updated, 0 unchanged" in out
    assert "onbekend@example.org" in out  # caseworker left open, listed
    assert Newcomer.objects.count() == 3 and Begeleiding.objects.count() == 3
    assert set(Newcomer.objects.get(registratienummer="IMP-001").languages
               .values_list("code", flat=True)) == {"ar", "nl"}
    _run(SAMPLE)
    assert "0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert Newcomer.objects.count() == 3 and Begeleiding.objects.count() == 3


def test_one_bad_row_imports_nothing_and_names_its_line(demodam, tmp_path):
    bad = tmp_path / "bad.csv"
    text = SAMPLE.read_text().replace("1975,gezinsmigratie", "19x5,gezinsmigrate")
    bad.write_text(text)
    with pytest.raises(CommandError):
        _run(bad)
    assert not Newcomer.objects.exists()


def test_a_typo_wijk_is_suggested_and_created_only_when_asked(demodam, tmp_path, capsys):
    typo = tmp_path / "typo.csv"
    typo.write_text(SAMPLE.read_text().replace("Molenwijk", "Molenwyk"))
    with pytest.raises(CommandError):
        _run(typo)
    assert "did you mean 'Molenwijk'" in capsys.readouterr().err
    assert not Newcomer.objects.exists() and not Wijk.objects.filter(name="Molenwyk").exists()
    _run(typo, "--create-missing")
    assert Wijk.objects.filter(name="Molenwyk").exists() and Newcomer.objects.count() == 3


def test_an_unknown_gemeente_is_an_error_never_a_new_tenant(demodam):
    with pytest.raises(CommandError, match="Unknown gemeente"):
        call_command("import_statushouders", "--gemeente", "Nergensdam", str(SAMPLE))


def _upload(client, text, name="lijst.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("statushouders:newcomer_import"),
                       {"file": SimpleUploadedFile(name, text.encode())})


def test_a_begeleider_previews_and_imports_with_a_tick_for_a_new_wijk(client, login_as,
                                                                       demodam):
    from statushouders.models import NewcomerUpload

    organisation = Organisation.objects.get(name="Stichting Welkom Demodam")
    login_as(Role.BEGELEIDER, organisation=organisation, gemeente=demodam)
    response = _upload(client, SAMPLE.read_text().replace("Molenwijk", "Molenwyk"))
    upload = NewcomerUpload.objects.get()
    assert response.url == reverse("statushouders:newcomer_import_preview", args=[upload.pk])
    preview = client.get(response.url).content.decode()
    assert "Molenwyk" in preview and "Molenwijk" in preview
    assert not Newcomer.objects.exists()
    confirm = reverse("statushouders:newcomer_import_confirm", args=[upload.pk])
    client.post(confirm)  # not ticked: nothing
    assert not Newcomer.objects.exists()
    client.post(confirm, {"create_missing": "on"})
    assert Newcomer.objects.count() == 3 and Wijk.objects.filter(name="Molenwyk").exists()
    assert client.get(reverse("statushouders:newcomer_import_preview",
                              args=[upload.pk])).status_code == 404  # done


def test_a_begeleider_imports_only_their_own_organisations_people(client, login_as, demodam):
    login_as(Role.BEGELEIDER, organisation=organisation_in(demodam, name="Eigen Stichting"),
             gemeente=demodam)
    response = _upload(client, SAMPLE.read_text())
    preview = client.get(response.url).content.decode()
    assert "niet uw organisatie" in preview
    assert not Newcomer.objects.exists()


def test_another_users_upload_is_a_404_and_a_bad_file_a_message(client, login_as, demodam):
    from statushouders.models import NewcomerUpload

    organisation = Organisation.objects.get(name="Stichting Welkom Demodam")
    login_as(Role.BEGELEIDER, organisation=organisation, gemeente=demodam)
    other = NewcomerUpload.objects.create(
        gemeente=demodam, uploaded_by=UserFactory(gemeente=demodam, role=Role.BEGELEIDER),
        filename="x.csv", data=b"registratienummer\n")
    assert client.get(reverse("statushouders:newcomer_import_preview",
                              args=[other.pk])).status_code == 404
    response = _upload(client, "dit is geen spreadsheet\x00", name="x.csv")
    followed = client.get(response.url, follow=True)
    assert followed.status_code == 200 and not Newcomer.objects.exists()
