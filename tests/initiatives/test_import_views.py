"""The regisseur's import in the browser: upload, preview (writes nothing), confirm (queues the
import task), status; and the task itself."""
import csv
import io
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import Wijk
from initiatives.imports import HEADERS, OPTIONAL_HEADERS
from initiatives.models import Activity, ImportUpload, Organisation, Presence
from tests.factories import GemeenteFactory, organisation_in

from .files import as_dicts, from_dicts, sample_rows, to_csv, to_xlsx

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("initiatives:import")


def upload(client, content: bytes, name="kaart.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def signed_value(response) -> str:
    return parse_qs(urlparse(response["Location"]).query)["upload"][0]


def confirm(client, signed: str):
    """Post the confirm and run what it queues once its transaction commits (the test's
    own transaction never commits); Celery runs the task eagerly in tests."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("initiatives:import_confirm"), {"upload": signed})


def stored_uploads():
    return list(ImportUpload.objects.all())


def test_regisseur_sees_the_upload_form_with_template_links(client, login_as):
    login_as(Role.REGISSEUR)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and 'name="file"' in html
    assert 'enctype="multipart/form-data"' in html
    assert reverse("initiatives:import_template") + "?format=xlsx" in html
    assert reverse("initiatives:import_template") + "?format=csv" in html


def test_upload_preview_writes_nothing_and_confirm_writes(client, login_as):
    user = login_as(Role.REGISSEUR)
    response = upload(client, to_csv(sample_rows(), delimiter=";", encoding="cp1252"))
    assert response.status_code == 302
    preview_url = response["Location"]
    assert preview_url.startswith(reverse("initiatives:import_preview"))

    preview = client.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'data-count="organisations-created">5<' in html
    assert 'data-count="activities-created">5<' in html
    assert 'data-count="activities-unchanged">0<' in html
    # The new wijken: no known wijk is like them, so "add" is chosen unless changed.
    for key in ("centrum", "noord", "zuid"):
        assert f'data-unknown="wijk:{key}"' in html
    assert "Taalcafé Centrum" in html
    assert Organisation.objects.count() == 0 and Activity.objects.count() == 0
    assert Wijk.objects.count() == 0
    assert len(stored_uploads()) == 1

    signed = preview.context["upload"]
    response = confirm(client, signed)

    # The status page the confirm leads to shows the outcome.
    status_url = reverse("initiatives:import_status", args=[signed])
    assert response["Location"] == status_url
    html = client.get(status_url).content.decode()
    assert "Activiteiten: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd." in html
    assert reverse("initiatives:organisation_list") in html
    assert "hx-trigger" not in html  # finished: the page stops polling
    assert Activity.objects.filter(gemeente=user.gemeente).count() == 5
    assert Presence.objects.filter(gemeente=user.gemeente, approval="approved").count() == 5
    [stored] = stored_uploads()  # kept for the status page until the retention job
    assert (stored.state, stored.rows_done, stored.rows_total) == ("done", 5, 5)

    # A second confirm (a double click) imports nothing more and shows the same status.
    again = confirm(client, signed)
    assert again["Location"] == status_url
    assert "Activiteiten: 5 nieuw" in client.get(status_url).content.decode()
    assert Activity.objects.count() == 5


def test_reupload_of_a_changed_xlsx_previews_what_changes_without_writing(client, login_as):
    login_as(Role.REGISSEUR)
    content = to_xlsx(sample_rows())
    first = client.get(upload(client, content, "kaart.xlsx")["Location"])
    confirm(client, first.context["upload"])
    rows = as_dicts(sample_rows())
    rows[4]["kosten"] = "gratis"
    rows[0]["website"] = "https://example.org/nieuw"
    preview = client.get(upload(client, to_xlsx(from_dicts(rows)), "kaart.xlsx")["Location"])

    html = preview.content.decode()
    assert 'data-count="organisations-updated">1<' in html
    assert 'data-count="organisations-unchanged">4<' in html
    assert "Stichting Voorbeeld Taal" in html and "website" in html
    assert 'data-count="activities-created">0<' in html
    assert 'data-count="activities-updated">1<' in html
    assert 'data-count="activities-unchanged">4<' in html
    assert "Sollicitatietraining" in html and "kosten" in html
    assert Activity.objects.get(title_nl="Sollicitatietraining").cost == "€ 5 per keer"
    assert Organisation.objects.get(name="Stichting Voorbeeld Taal").website.endswith("/taal")


def test_bad_rows_are_listed_and_nothing_is_imported_until_the_regisseur_chooses(
    client, login_as
):
    login_as(Role.REGISSEUR)
    rows = as_dicts(sample_rows())
    rows[1]["talen"] = "so;xx"
    rows[3]["geldig_van"] = "2028-01-01"
    response = upload(client, to_csv(from_dicts(rows)))

    html = client.get(response["Location"]).content.decode()
    assert "<td>3</td><td><code>talen</code></td>" in html
    assert "<td>5</td><td><code>geldig_tot</code></td>" in html
    assert "Nu importeren" not in html  # the file as it is cannot be confirmed
    assert "Alleen de correcte rijen importeren" in html
    assert 'data-count="activities-created">3<' in html  # what the correct rows would do
    assert Organisation.objects.count() == 0


def test_a_file_without_any_correct_row_is_listed_and_not_stored(client, login_as):
    login_as(Role.REGISSEUR)
    rows = [dict(r, talen="xx") for r in as_dicts(sample_rows())]
    response = upload(client, to_csv(from_dicts(rows)))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<td>2</td><td><code>talen</code></td>" in html
    assert "Alleen de correcte rijen importeren" not in html
    assert stored_uploads() == []


@pytest.mark.parametrize("name,content", [
    ("kaart.csv", b"%PDF-1.7\n\x00\x01binary"),
    ("kaart.xlsx", b"PK\x03\x04 not really a zip"),
    ("kaart.csv", b""),
    ("kaart.pdf", b"%PDF-1.7"),
])
def test_a_non_spreadsheet_gets_a_form_error(client, login_as, name, content):
    login_as(Role.REGISSEUR)
    response = upload(client, content, name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Organisation.objects.count() == 0


def test_the_regisseur_imports_into_their_own_gemeente_only(client, login_as):
    elders = GemeenteFactory(name="Elderstad", slug="elderstad")
    organisation_in(elders, name="Stichting Voorbeeld Taal")
    user = login_as(Role.REGISSEUR)
    preview = client.get(upload(client, to_csv(sample_rows()))["Location"])
    confirm(client, preview.context["upload"])

    assert Activity.objects.filter(gemeente=user.gemeente).count() == 5
    assert not Activity.objects.filter(gemeente=elders).exists()
    # The same name in another gemeente is another organisation.
    assert Organisation.objects.filter(name="Stichting Voorbeeld Taal").count() == 2


def test_another_regisseur_cannot_use_someone_elses_upload(client, login_as, django_user_model):
    from django.test import Client

    login_as(Role.REGISSEUR)
    signed = signed_value(upload(client, to_csv(sample_rows())))
    other_client = Client()
    login_as(Role.REGISSEUR, client=other_client)

    preview = other_client.get(reverse("initiatives:import_preview") + f"?upload={signed}")
    assert preview.status_code == 302
    status = other_client.get(reverse("initiatives:import_status", args=[signed]), follow=True)
    assert "al geïmporteerd of verlopen" in status.content.decode()
    confirm(other_client, signed)
    confirm(other_client, signed + "x")
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BEGELEIDER, Role.VOLUNTEER])
def test_other_roles_get_404_on_every_import_url(client, login_as, role):
    login_as(role)
    assert client.get(IMPORT_URL).status_code == 404
    assert upload(client, to_csv(sample_rows())).status_code == 404
    assert client.get(reverse("initiatives:import_preview") + "?upload=x").status_code == 404
    assert client.post(reverse("initiatives:import_confirm"), {"upload": "x"}).status_code == 404
    assert client.get(reverse("initiatives:import_status", args=["x"])).status_code == 404
    assert client.get(reverse("initiatives:import_template")).status_code == 404
    assert Organisation.objects.count() == 0


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_csv_template_has_the_exact_headers_and_imports_cleanly(client, login_as):
    login_as(Role.REGISSEUR)
    response = client.get(reverse("initiatives:import_template") + "?format=csv")
    assert response.status_code == 200
    assert 'filename="sociale-kaart-sjabloon.csv"' in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for accents
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS + OPTIONAL_HEADERS
    assert len(rows) == 2

    preview = client.get(upload(client, content, "sjabloon.csv")["Location"])
    assert 'data-count="activities-created">1<' in preview.content.decode()


def test_xlsx_template_has_the_exact_headers_and_real_date_cells(client, login_as):
    import datetime

    login_as(Role.REGISSEUR)
    response = client.get(reverse("initiatives:import_template") + "?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == HEADERS + OPTIONAL_HEADERS
    example = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert isinstance(example["geldig_van"], datetime.datetime)
    assert example["capaciteit"] == 25

    preview = client.get(upload(client, response.content, "sjabloon.xlsx")["Location"])
    assert 'data-count="activities-created">1<' in preview.content.decode()


def test_the_retention_job_removes_uploads_older_than_a_day(client, login_as):
    from datetime import timedelta

    from django.utils import timezone

    from gemeenten.privacy import retention_run

    login_as(Role.REGISSEUR)
    fresh = upload(client, to_csv(sample_rows()))
    old_signed = signed_value(upload(client, to_csv(sample_rows())))
    old = ImportUpload.objects.latest("pk")
    ImportUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))

    assert retention_run()["import_uploads"] == 1

    assert len(stored_uploads()) == 1
    assert client.get(fresh["Location"]).status_code == 200
    gone = client.get(reverse("initiatives:import_preview") + f"?upload={old_signed}",
                      follow=True)
    assert "al geïmporteerd of verlopen" in gone.content.decode()


# --- The import in the Celery worker ---------------------------------------------------------


def _confirmed_without_running(client):
    """Upload, preview and confirm, holding back what the confirm queues on commit: what
    the request alone did. Returns the signed value, the response and the held callbacks."""
    from django.test import TestCase

    preview = client.get(upload(client, to_csv(sample_rows()))["Location"])
    signed = preview.context["upload"]
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        response = client.post(reverse("initiatives:import_confirm"), {"upload": signed})
    return signed, response, callbacks


def test_the_confirm_queues_the_import_and_writes_nothing_itself(client, login_as):
    from unittest import mock

    login_as(Role.REGISSEUR)
    signed, response, callbacks = _confirmed_without_running(client)

    assert response["Location"] == reverse("initiatives:import_status", args=[signed])
    [stored] = stored_uploads()
    assert stored.state == "queued"
    assert Organisation.objects.count() == 0 and Activity.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "wacht" in page and 'hx-trigger="every 2s"' in page  # polls until finished
    # What it queued on commit is the task for this upload, and only that.
    [queue] = callbacks
    with mock.patch("initiatives.views.imports.sociale_kaart_import_task.delay") as delay:
        queue()
    delay.assert_called_once_with(stored.pk)
    assert Activity.objects.count() == 0


def test_the_task_imports_and_records_progress_and_outcome(client, login_as):
    from initiatives.tasks import sociale_kaart_import_task

    user = login_as(Role.REGISSEUR)
    _signed, _response, _delay = _confirmed_without_running(client)
    stored = ImportUpload.objects.get()

    sociale_kaart_import_task.delay(stored.pk)

    stored.refresh_from_db()
    assert (stored.state, stored.rows_done, stored.rows_total) == ("done", 5, 5)
    assert stored.summary.startswith("Organisaties: 5 nieuw")
    assert stored.finished_at is not None
    assert Activity.objects.filter(gemeente=user.gemeente).count() == 5


def test_running_the_task_twice_imports_once(client, login_as, django_assert_max_num_queries):
    from initiatives.tasks import sociale_kaart_import_task

    login_as(Role.REGISSEUR)
    _confirmed_without_running(client)
    stored = ImportUpload.objects.get()
    sociale_kaart_import_task.delay(stored.pk)
    finished_at = ImportUpload.objects.get().finished_at

    # The second run finds the upload (1 query), fails to claim it (1 update) and stops.
    with django_assert_max_num_queries(2):
        sociale_kaart_import_task.delay(stored.pk)

    assert ImportUpload.objects.get().finished_at == finished_at
    assert Activity.objects.count() == 5 and Organisation.objects.count() == 5


def test_a_failed_import_changes_nothing_and_says_why(client, login_as):
    from unittest import mock

    from initiatives.tasks import sociale_kaart_import_task

    login_as(Role.REGISSEUR)
    signed, _response, _delay = _confirmed_without_running(client)
    stored = ImportUpload.objects.get()
    # A failure halfway through the write: the organisations written so far are rolled back.
    with mock.patch("initiatives.imports.write.activities_create_many", side_effect=RuntimeError):
        sociale_kaart_import_task.delay(stored.pk)

    assert ImportUpload.objects.get().state == "failed"
    assert Organisation.objects.count() == 0 and Activity.objects.count() == 0
    page = client.get(reverse("initiatives:import_status", args=[signed])).content.decode()
    assert "Er is niets geïmporteerd." in page
    assert "Er ging iets mis bij het importeren" in page
    assert "hx-trigger" not in page


def test_the_status_partial_for_htmx_shows_progress(client, login_as):
    login_as(Role.REGISSEUR)
    signed, _response, _delay = _confirmed_without_running(client)
    ImportUpload.objects.update(state="running", rows_total=40, rows_done=12)

    response = client.get(reverse("initiatives:import_status", args=[signed]),
                          headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html and html.lstrip().startswith('<div id="import-status"')
    assert "12 van 40 rijen gecontroleerd" in html
    assert 'hx-trigger="every 2s"' in html and 'hx-swap="outerHTML"' in html


def test_an_unconfirmed_upload_has_no_status_page(client, login_as):
    login_as(Role.REGISSEUR)
    signed = signed_value(upload(client, to_csv(sample_rows())))
    gone = client.get(reverse("initiatives:import_status", args=[signed]), follow=True)
    assert "al geïmporteerd of verlopen" in gone.content.decode()


def test_a_worker_killed_mid_import_leaves_it_to_run_again_once_its_lease_ends(
        client, login_as, monkeypatch):
    """Issue 22: the worker died while importing (its transaction rolled back: nothing
    written, the upload left `running` with its lease). The redelivered task does nothing
    while the lease may still belong to a live run and asks to be tried again when it ends;
    after that it imports the file, once."""
    import datetime

    from django.utils import timezone

    from initiatives.imports.run import import_upload_run
    from initiatives.tasks import sociale_kaart_import_task

    user = login_as(Role.REGISSEUR)
    _confirmed_without_running(client)
    stored = ImportUpload.objects.get()
    lease = timezone.now() + datetime.timedelta(minutes=20)
    ImportUpload.objects.filter(pk=stored.pk).update(state="running", claimed_until=lease,
                                                     rows_done=3, rows_total=5)
    # Redelivered while the lease runs: nothing imported, the task waits for the lease.
    assert import_upload_run(upload_id=stored.pk) == lease
    retries = []

    def retry(**kwargs):
        retries.append(kwargs)
        return RuntimeError("retry")

    monkeypatch.setattr(sociale_kaart_import_task, "retry", retry)
    with pytest.raises(RuntimeError):
        sociale_kaart_import_task.run(stored.pk)
    assert 20 * 60 - 5 <= retries[0]["countdown"] <= 20 * 60 + 1
    assert Activity.objects.count() == 0
    # The lease has run out: the next delivery imports it, and a further one does nothing.
    ImportUpload.objects.filter(pk=stored.pk).update(
        claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    assert import_upload_run(upload_id=stored.pk) is None
    assert import_upload_run(upload_id=stored.pk) is None
    stored.refresh_from_db()
    assert (stored.state, stored.rows_done, stored.rows_total) == ("done", 5, 5)
    assert Activity.objects.filter(gemeente=user.gemeente).count() == 5


def test_the_import_lease_outlasts_the_workers_time_limit(settings):
    assert settings.IMPORT_LEASE_SECONDS > settings.CELERY_TASK_TIME_LIMIT
