"""A polite HTTP client for ``saywho watch``: conditional GETs, one request per host at a
time at most every ``delay`` seconds (or the site's robots.txt Crawl-delay, if longer),
robots.txt obeyed, private and loopback addresses refused.

Feeds and robots.txt go through :meth:`Client.get` (urllib: it sends If-None-Match and
If-Modified-Since and reads a 304, which the readers' downloader does not expose).
Article pages go through the readers (``saywho.readers.read_path``) after
:meth:`Client.allowed` and :meth:`Client.wait` have passed them.
"""
from __future__ import annotations

import ipaddress
import os
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..version import __version__

USER_AGENT = f"saywho/{__version__} (news quotation extractor; saywho watch)"
#: The robots.txt user-agent token saywho answers to.
ROBOTS_AGENT = "saywho"
#: Seconds to wait for a server (connect and each read); the readers use the same variable.
TIMEOUT = float(os.environ.get("SAYWHO_FETCH_TIMEOUT", 20))
#: Largest feed or robots.txt read, in bytes.
MAX_BYTES = 10_000_000


class FetchRefused(Exception):
    """A request not made, or made and failed: ``str(e)`` is the reason, ``transient``
    says whether trying again later may succeed (a timeout, a 503) or not (robots.txt)."""

    def __init__(self, reason: str, transient: bool = True) -> None:
        super().__init__(reason)
        self.transient = transient


@dataclass
class Response:
    """What :meth:`Client.get` got: status 200 or 304, the body, the response headers."""

    status: int
    body: bytes
    headers: dict[str, str]
    url: str


def allow_private() -> bool:
    """Whether loopback and private addresses may be fetched (SAYWHO_FETCH_PRIVATE=1: tests)."""
    return os.environ.get("SAYWHO_FETCH_PRIVATE") == "1"


def check_address(url: str) -> None:
    """Refuse a URL that is not http(s), or whose host resolves to a private, loopback,
    link-local or reserved address (a feed must not make saywho probe its own network)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"not an http(s) URL: {url}", transient=False)
    if allow_private():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except OSError as e:
        raise FetchRefused(f"host not found ({e.strerror or e})") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise FetchRefused("refused: private or loopback address (set SAYWHO_FETCH_PRIVATE=1 to allow)",
                               transient=False)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed only to addresses :func:`check_address` accepts."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class Client:
    """Requests with a per-host pause and robots.txt; one per watch process."""

    delay: float = 1.0
    timeout: float = TIMEOUT
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _opener: urllib.request.OpenerDirector = field(
        default_factory=lambda: urllib.request.build_opener(_Redirects()))

    def wait(self, url: str) -> None:
        """Sleep until this URL's host may be asked again, and count this request."""
        host = urlsplit(url).netloc.lower()
        pause = max(self.delay, self._crawl_delay(url))
        due = self._last.get(host, float("-inf")) + pause
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        self._last[host] = time.monotonic()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            robots: bool = True) -> Response:
        """GET ``url``, conditionally when a validator is given; 304 comes back as a Response.

        Raises :class:`FetchRefused` with the reason for anything but 200 and 304."""
        check_address(url)
        if robots:
            self.check_robots(url)
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.wait(url)
        req = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                body = resp.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    raise FetchRefused(f"over {MAX_BYTES:,} bytes", transient=False)
                return Response(resp.status, body, {k.lower(): v for k, v in resp.headers.items()}, resp.url)
        except urllib.error.HTTPError as e:
            if e.code == 304:
                return Response(304, b"", {k.lower(): v for k, v in e.headers.items()}, url)
            raise FetchRefused(f"HTTP status {e.code}", transient=e.code >= 500 or e.code == 429) from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, FetchRefused):
                raise e.reason from None
            raise FetchRefused(f"download failed ({e.reason})") from None
        except (TimeoutError, OSError) as e:
            raise FetchRefused(f"download failed ({type(e).__name__}: {e})") from None

    def check_robots(self, url: str) -> None:
        """Raise :class:`FetchRefused` when robots.txt forbids ``url`` or cannot be read."""
        if self._robots_for(url) is None:
            raise FetchRefused("robots.txt unreachable: the site is not crawled until it can be read")
        if not self.allowed(url):
            raise FetchRefused("disallowed by robots.txt", transient=False)

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets saywho fetch ``url`` (read once per site).

        As RFC 9309 says: no robots.txt (a 4xx) allows everything; an unreachable one
        (a 5xx, a network error) allows nothing until it can be read."""
        rp = self._robots_for(url)
        return rp is not None and rp.can_fetch(ROBOTS_AGENT, url)

    def _crawl_delay(self, url: str) -> float:
        origin = _origin(url)
        rp = self._robots.get(origin)
        delay = rp.crawl_delay(ROBOTS_AGENT) if rp is not None else None
        return float(delay or 0)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        origin = _origin(url)
        if origin not in self._robots:
            rp = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            try:
                resp = self.get(origin + "/robots.txt", robots=False)
                rp.parse(resp.body.decode("utf-8", "replace").splitlines())
            except FetchRefused as e:
                if str(e).startswith("HTTP status 4"):
                    rp.parse([])  # no robots.txt: everything allowed
                else:
                    # unreachable: nothing allowed now; not cached, so the next poll asks again
                    return None
            self._robots[origin] = rp
        return self._robots[origin]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
