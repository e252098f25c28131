"""The client's address and scheme behind the TLS proxy, believed only from a trusted proxy.

X-Forwarded-For and X-Forwarded-Proto are headers anyone can send. They count only when the
direct peer is one of TRUSTED_PROXY_IPS (the proxy the README puts in front); otherwise
TrustedProxyMiddleware removes them, so Django's SECURE_PROXY_SSL_HEADER, axes' lockout and
the log-in throttle see the peer itself. gunicorn.conf.py reads the same variable for its
forwarded_allow_ips. Only the standard library here: gunicorn.conf.py imports this module."""
import ipaddress

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                      "HTTP_X_FORWARDED_PORT", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def parse_trusted_proxies(raw: str) -> tuple[str, ...]:
    """"10.0.0.2, 172.30.0.0/24" -> the addresses or networks; ValueError on a bad one."""
    entries = tuple(part.strip() for part in raw.split(",") if part.strip())
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=True)
        except ValueError as error:
            raise ValueError(f"TRUSTED_PROXY_IPS: {entry!r} is not an address or network "
                             f"({error})") from None
    return entries


def _networks() -> list[Network]:
    from django.conf import settings

    return [ipaddress.ip_network(entry) for entry in settings.TRUSTED_PROXY_IPS]


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str | None, networks: list[Network] | None = None) -> bool:
    ip = _address(address or "")
    networks = _networks() if networks is None else networks
    return ip is not None and any(ip in network for network in networks)


def client_ip(request) -> str:
    """The client's address: the peer, or behind trusted proxies the right-most address in
    X-Forwarded-For that is not a trusted proxy (what a client sends left of it is forged).
    Also django-axes' AXES_CLIENT_IP_CALLABLE."""
    peer = request.META.get("REMOTE_ADDR", "")
    networks = _networks()
    if not is_trusted_proxy(peer, networks):
        return peer
    chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
             if part.strip()]
    for entry in reversed(chain):
        if _address(entry) is None:
            return peer  # the proxy wrote something that is no address: believe nothing
        if not is_trusted_proxy(entry, networks):
            return entry.strip()
    return chain[0].strip() if chain else peer


class TrustedProxyMiddleware:
    """First of all middleware: forwarding headers from anyone but a trusted proxy are
    dropped, before SecurityMiddleware asks whether the request came over HTTPS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in _FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
