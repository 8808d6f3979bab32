"""URLs on the command line: fetched with trafilatura's downloader, with a timeout
and a size cap, then read as HTML (or as a feed, when the server sends one).

Requests to loopback and private addresses are refused (trafilatura's SSRF
protection) unless SAYWHO_FETCH_PRIVATE=1; the tests set it for their server on
127.0.0.1.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterator
from configparser import ConfigParser
from urllib.parse import urlsplit

from ..errors import InputError
from ..settings import lenient
from .core import MAX_BYTES, Item
from .options import ReadOptions

#: Seconds to wait for a server (connect and each read).
TIMEOUT = lenient().fetch_timeout  # SAYWHO_FETCH_TIMEOUT


#: The one answer for a private or loopback address: the same whatever the port, so that
#: the fetcher's errors do not tell which internal ports are open.
REFUSED = "refused: private or loopback address (set SAYWHO_FETCH_PRIVATE=1 to allow)"
#: The one answer for a server that could not be reached or gave no HTTP answer (refused,
#: reset, closed, not HTTP): the details would map the network behind the fetcher.
UNREACHABLE = "download failed: could not connect or no HTTP response"


def is_url(s: str) -> bool:
    """``s`` is an http(s) URL."""
    return s.lower().startswith(("http://", "https://"))


def private_host(url: str) -> bool:
    """The URL's host is, or resolves to, a non-public address (loopback, private, link-local,
    reserved...).  Checked before any connection, so an open and a closed port look alike.
    A name that does not resolve is not private (the download then fails as usual)."""
    try:
        host = urlsplit(url).hostname or ""
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError, UnicodeError):
        return False
    for info in infos:
        try:
            ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        except ValueError:
            continue
        if not ip.is_global:
            return True
    return False


def _reason(why: str, url: str, limit: int, timeout: int) -> str:
    """A downloader's message as the one-line reason a person reads (no internal detail)."""
    low = why.lower()
    if "MAX_FILE_SIZE" in why:
        return f"page too large: over {limit:,} bytes (set SAYWHO_MAX_BYTES)"
    if "SSRF" in why or "non-public" in why:
        return REFUSED
    if "timed out" in low or "timeout" in low:
        return f"timed out after {timeout} s"
    if "resolve" in low or "name or service" in low or "getaddrinfo" in low:
        return "download failed: the host name does not resolve"
    if any(w in low for w in ("connection", "protocol", "badstatusline", "remotedisconnected", "refused",
                              "max retries", "ssl")):
        return UNREACHABLE
    return f"download failed ({why.replace('download error: ', '').replace(url, '').strip()})"


class _Collect(logging.Handler):
    """Keeps trafilatura's download error messages: they carry the reason."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


def _config(timeout: int, max_bytes: int, allow_private: bool) -> ConfigParser:
    from trafilatura.settings import DEFAULT_CONFIG

    cfg = ConfigParser()
    cfg.read_dict({"DEFAULT": dict(DEFAULT_CONFIG["DEFAULT"])})
    cfg["DEFAULT"]["DOWNLOAD_TIMEOUT"] = str(timeout)
    cfg["DEFAULT"]["MAX_FILE_SIZE"] = str(max_bytes)
    cfg["DEFAULT"]["SSRF_PROTECTION"] = "off" if allow_private else "on"
    return cfg


def fetch(url: str, *, timeout: int | None = None, max_bytes: int | None = None,
          allow_private: bool | None = None) -> tuple[bytes, str, str]:
    """Download ``url``: (body, final URL, content type).  Raises InputError with the reason."""
    from trafilatura.downloads import fetch_response

    limit = max_bytes or MAX_BYTES
    if allow_private is None:
        allow_private = lenient().fetch_private  # read per call: tests set it for one run
    if not allow_private and private_host(url):
        raise InputError(url, REFUSED)
    log = logging.getLogger("trafilatura")
    handler = _Collect()
    log.addHandler(handler)
    old = log.level
    log.setLevel(logging.WARNING)
    try:
        resp = fetch_response(url, config=_config(timeout or TIMEOUT, limit, allow_private))
    except Exception as e:  # the downloader catches most; anything left is still one clear line
        raise InputError(url, _reason(f"{type(e).__name__}: {e}", url, limit, timeout or TIMEOUT)) from None
    finally:
        log.removeHandler(handler)
        log.setLevel(old)
    if resp is None:
        why = handler.messages[-1] if handler.messages else "no response"
        raise InputError(url, _reason(why, url, limit, timeout or TIMEOUT))
    if resp.status != 200:
        raise InputError(url, f"HTTP status {resp.status}")
    ctype = (resp.headers or {}).get("content-type", "") if resp.headers else ""
    return resp.data or b"", resp.url or url, ctype


def read_url(url: str, opts: ReadOptions) -> Iterator[Item]:
    """Fetch an http(s) URL and read it as a feed or an HTML page."""
    from .feed import looks_like_feed, read_feed_bytes
    from .html import article_from_html

    try:
        data, final, ctype = fetch(url, max_bytes=opts.byte_limit)
    except InputError as e:
        yield e
        return
    if opts.format == "feed" or (opts.format is None and (
            "rss" in ctype or "atom" in ctype or looks_like_feed(data))):
        yield from read_feed_bytes(data, url, opts)
        return
    try:
        yield article_from_html(data, url, source=url, url=final, default_published=opts.published,
                                max_chars=opts.max_chars, max_bytes=opts.byte_limit)
    except InputError as e:
        yield e
