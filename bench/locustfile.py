"""The load test's two journeys (bench/loadtest.py starts gunicorn and runs this headless).

Infopunt: a newcomer on a phone opens the start screen, filters by theme and language,
searches a word and opens an activity. Regie: a regisseur logs in (password and a TOTP code
of their own device), then opens the start page, the activity list, a search and the
worklist. 1–3 s think time between pages (each page is a step of a SequentialTaskSet, so the
user's wait comes after every page, not only after the whole journey). Users are locust's
FastHttpUser (geventhttpclient): on this 2-core machine the load generator shares the CPU with
gunicorn and PostgreSQL, and the requests-based HttpUser spent several times more of it per
request. The accounts, gemeente and URLs come from the
environment that loadtest.py prepares (LOADTEST_*), so this file needs no Django.
"""
import hashlib
import hmac
import itertools
import json
import os
import re
import struct
import time

from locust import SequentialTaskSet, between, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(os.environ.get("LOADTEST_PLAN", "{}"))
ACCOUNTS = itertools.cycle(PLAN.get("accounts", []))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(key_hex: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238, as django-otp's TOTPDevice checks it (SHA-1, 30 s, 6 digits, t0 = 0)."""
    counter = int((at or time.time()) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10 ** digits).zfill(digits)


class InfopuntJourney(SequentialTaskSet):
    @task
    def start(self):
        self.client.get(PLAN["infopunt"], name="infopunt: start")

    @task
    def theme(self):
        self.client.get(f"{PLAN['infopunt']}aanbod/?thema={PLAN['theme']}",
                        name="infopunt: theme")

    @task
    def theme_and_language(self):
        self.client.get(f"{PLAN['infopunt']}aanbod/?thema={PLAN['theme']}&taal=ar",
                        name="infopunt: theme+language")

    @task
    def search(self):
        self.client.get(f"{PLAN['infopunt']}aanbod/?q=taal", name="infopunt: search")

    @task
    def activity(self):
        self.client.get(f"{PLAN['infopunt']}activiteit/{PLAN['activity']}/",
                        name="infopunt: activity")


class Infopunt(FastHttpUser):
    wait_time = between(1, 3)
    weight = 1
    tasks = [InfopuntJourney]


class RegieJourney(SequentialTaskSet):
    @task
    def start_page(self):
        self.client.get("/", name="regie: start page")

    @task
    def activity_list(self):
        self.client.get("/sociale-kaart/activiteiten/", name="regie: activity list")

    @task
    def activity_search(self):
        self.client.get(f"/sociale-kaart/activiteiten/?q=taal&thema={PLAN['theme']}",
                        name="regie: activity search")

    @task
    def organisation_list(self):
        self.client.get("/sociale-kaart/organisaties/", name="regie: organisation list")

    @task
    def worklist(self):
        self.client.get("/werkvoorraad/", name="regie: worklist")


class Regie(FastHttpUser):
    wait_time = between(1, 3)
    weight = 1

    def on_start(self):
        email, password, key = next(ACCOUNTS)
        page = self.client.get("/account/login/", name="regie: log-in page")
        self.client.post("/account/login/", name="regie: log in", data={
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            "username": email, "password": password})
        page = self.client.get("/account/2fa/", name="regie: 2FA page")
        with self.client.post("/account/2fa/", name="regie: 2FA code", catch_response=True,
                              allow_redirects=False,
                              data={"csrfmiddlewaretoken": CSRF.search(page.text).group(1),
                                    "token": totp(key)}) as response:
            # A right code redirects into the portal; a wrong one shows the form again.
            if response.status_code != 302 or "/account/" in response.headers.get("Location", ""):
                response.failure("log-in with 2FA did not reach the portal")

    tasks = [RegieJourney]
