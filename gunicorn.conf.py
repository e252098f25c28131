"""gunicorn's settings (the Dockerfile starts gunicorn with this file), from the same
environment variables as regie/settings.py."""
import os

from gemeenten.proxy import parse_trusted_proxies

bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
# X-Forwarded-Proto (and the other forwarding headers) only from the TLS proxy in front:
# never "*", which would let any client that reaches the port claim HTTPS.
forwarded_allow_ips = ",".join(parse_trusted_proxies(os.environ.get("TRUSTED_PROXY_IPS", "")))
