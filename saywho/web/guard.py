"""The application's outer guard, a pure ASGI middleware (it sees the raw request and
response messages, so it can refuse a request before its body is read and cap a body
that arrives without a Content-Length).

In order, for every HTTP request:

* a NUL character, or a filter given twice, is a 400;
* with a token configured, a request that may carry a body (anything but GET, HEAD
  and OPTIONS) without ``Authorization: Bearer <token>`` is a 401, before a byte of
  its body is read;
* a body longer than ``max_body`` bytes is a 413: at once when Content-Length says
  so, else as soon as the streamed (chunked) body passes the cap;
* HEAD is answered as GET without the body, on every GET route;
* every response gets the security headers, every page the Content-Security-Policy.
"""
from __future__ import annotations

import hmac
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException

from ..errors import SaywhoError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Environment setting for the request body cap, in bytes.
MAX_BODY_ENV = "SAYWHO_MAX_BODY_BYTES"
#: Default cap: an article's HTML is rarely above a few hundred kB.
DEFAULT_MAX_BODY = 4 * 1024 * 1024

# Pages use no inline script or style at all, so the policy can forbid them: even if
# hostile article text slipped past escaping, the browser would not run it.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
            (b"content-security-policy", CSP.encode())]

#: Query parameters that take several values (``/api/timeline?person=A&person=B``).
LIST_PARAMS = frozenset({"person"})
#: Methods that carry no body and never write.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def max_body_from_env() -> int:
    """The body cap from $SAYWHO_MAX_BODY_BYTES (a positive integer), else the default."""
    raw = os.environ.get(MAX_BODY_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BODY
    try:
        n = int(raw)
    except ValueError:
        raise SaywhoError(f"{MAX_BODY_ENV}={raw!r}: not a whole number of bytes") from None
    if n < 1:
        raise SaywhoError(f"{MAX_BODY_ENV}={raw!r}: must be at least 1")
    return n


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


def bad_query(scope: Scope) -> str:
    """Why the request's path or query is refused ("" when it is fine)."""
    qs = scope.get("query_string", b"").decode("latin-1")
    raw = (qs + scope.get("path", "")).lower()
    # A NUL byte is never meaningful in a name or a search, and PostgreSQL refuses it
    # in a string: refuse it here as bad input rather than fail in the store.
    if "%00" in raw or "\x00" in raw:
        return "NUL characters are not allowed in a request"
    keys = [k for k, _ in parse_qsl(qs, keep_blank_values=True)]
    repeated = sorted({k for k in keys if keys.count(k) > 1 and k not in LIST_PARAMS})
    if repeated:  # a filter given twice is ambiguous: refuse it rather than pick one
        return f"query parameter given more than once: {', '.join(repeated)}"
    return ""


def token_ok(scope: Scope, token: str) -> bool:
    """Whether the request bears ``Authorization: Bearer <token>`` (compared in constant time)."""
    given = b""
    for k, v in scope.get("headers", []):
        if k.lower() == b"authorization":
            scheme, _, cred = v.partition(b" ")
            if scheme.lower() == b"bearer":
                given = cred.strip()
    return bool(given) and hmac.compare_digest(given, token.encode("utf-8"))


def _content_length(scope: Scope) -> int | None:
    for k, v in scope.get("headers", []):
        if k.lower() == b"content-length":
            try:
                return int(v)
            except ValueError:
                return -1
    return None


class Guard:
    """The pure ASGI middleware described in the module docstring."""

    def __init__(self, app: ASGIApp, token: str | None = None, max_body: int | None = None) -> None:
        self.app = app
        self.token = token or None
        self.max_body = max_body if max_body is not None else max_body_from_env()

    async def refuse(self, scope: Scope, send: Send, status: int, msg: str,
                     extra: list[tuple[bytes, bytes]] | None = None) -> None:
        """Answer ``status`` with ``msg`` (JSON under /api, plain text for pages)."""
        api = scope.get("path", "").startswith("/api")
        body = json.dumps({"detail": msg}).encode() if api else msg.encode()
        ctype = b"application/json" if api else b"text/plain; charset=utf-8"
        headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *_HEADERS,
                   *(extra or [])]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "GET")
        msg = bad_query(scope)
        if msg:
            await self.refuse(scope, send, 400, msg)
            return
        if self.token and method not in SAFE_METHODS and not token_ok(scope, self.token):
            await self.refuse(scope, send, 401, "a valid bearer token is required",
                              [(b"www-authenticate", b"Bearer")])
            return
        length = _content_length(scope)
        if length is not None and (length < 0 or length > self.max_body):
            status = 400 if length < 0 else 413
            await self.refuse(scope, send, status, "bad Content-Length" if length < 0
                              else f"request body larger than {self.max_body} bytes")
            return
        await self._run(scope, receive, send, method == "HEAD")

    async def _run(self, scope: Scope, receive: Receive, send: Send, head: bool) -> None:
        """Call the app with the body counted and the response headed (and, for HEAD, bodiless)."""
        state = {"received": 0, "too_large": False, "started": False, "skip": False}
        limit = self.max_body

        async def counted() -> Message:
            m = await receive()
            if m["type"] == "http.request":
                state["received"] += len(m.get("body", b""))
                if state["received"] > limit:
                    state["too_large"] = True
                    raise BodyTooLarge(limit)
            return m

        async def headed(m: Message) -> None:
            if m["type"] == "http.response.start":
                if state["too_large"] and m["status"] != 413:
                    # The app answered something else to a body it could not read whole
                    # (an error while parsing it): the answer is the 413.
                    state["skip"] = True
                    state["started"] = True
                    await self.refuse(scope, send, 413, f"request body larger than {limit} bytes")
                    return
                state["started"] = True
                m = {**m, "headers": [*m.get("headers", []), *_HEADERS]}
            elif m["type"] == "http.response.body":
                if state["skip"]:
                    return
                if head:
                    if m.get("more_body", False):
                        return
                    m = {**m, "body": b""}
            await send(m)

        inner = {**scope, "method": "GET"} if head else scope
        try:
            await self.app(inner, counted, headed)
        except BodyTooLarge:
            if not state["started"]:
                await self.refuse(scope, send, 413, f"request body larger than {limit} bytes")
