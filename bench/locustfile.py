"""The load test's two journeys (bench/loadtest.py starts gunicorn and runs this headless).

Infopunt: a newcomer on a phone opens the start screen, filters by theme and language,
searches a word and opens an activity. Regie: a regisseur logs in (password and a TOTP code
of their own device), then opens the start page, the activity list, a search and the
worklist. 1–3 s think time between pages. The accounts, gemeente and URLs come from the
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

from locust import HttpUser, between, task

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


class Infopunt(HttpUser):
    wait_time = between(1, 3)
    weight = 1

    @task
    def journey(self):
        base = PLAN["infopunt"]
        self.client.get(base, name="infopunt: start")
        self.client.get(f"{base}aanbod/?thema={PLAN['theme']}", name="infopunt: theme")
        self.client.get(f"{base}aanbod/?thema={PLAN['theme']}&taal=ar",
                        name="infopunt: theme+language")
        self.client.get(f"{base}aanbod/?q=taal", name="infopunt: search")
        self.client.get(f"{base}activiteit/{PLAN['activity']}/", name="infopunt: activity")


class Regie(HttpUser):
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
                              data={"csrfmiddlewaretoken": CSRF.search(page.text).group(1),
                                    "token": totp(key)}) as response:
            if "/account/" in response.url:
                response.failure("log-in with 2FA did not reach the portal")

    @task
    def journey(self):
        self.client.get("/", name="regie: start page")
        self.client.get("/sociale-kaart/activiteiten/", name="regie: activity list")
        self.client.get(f"/sociale-kaart/activiteiten/?q=taal&thema={PLAN['theme']}",
                        name="regie: activity search")
        self.client.get("/sociale-kaart/organisaties/", name="regie: organisation list")
        self.client.get("/werkvoorraad/", name="regie: worklist")
