"""Who may use the board's web page: the person who started it, from this computer.

- Every request needs the run's access token: once in the address grantgen prints
  (`/?token=...`), which sets a cookie (HttpOnly, SameSite=Strict) and sends the browser on
  without the token in its address bar; after that the cookie. Without either: 401.
- The Host header must name the server as this computer does (127.0.0.1:N or localhost:N,
  or the address given with --host): a web page elsewhere that points a name of its own at
  127.0.0.1 (DNS rebinding) is refused with 421.
- Every POST carries the run's CSRF token in its form, and an Origin header, when the
  browser sends one, must be the server's own: else 403.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from grantgen.core.i18n import _

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: a form larger than this is refused (the board's forms are a few hundred bytes)
MAX_BODY = 1 << 20

HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; "
     b"style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
     b"base-uri 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


@dataclass
class Keys:
    """The secrets of one run of `grantgen serve`."""

    port: int
    #: the address the server listens on (127.0.0.1 unless --host)
    host: str = "127.0.0.1"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def cookie(self) -> str:
        # cookies do not tell ports apart: one name per server
        return f"grantgen_{self.port}"

    def host_allowed(self, host: str) -> bool:
        name, _sep, port = host.rpartition(":")
        if not name or port != str(self.port):
            return False
        name = name.strip("[]").lower()
        if name in ("127.0.0.1", "localhost", "::1", self.host.lower()):
            return True
        if self.host in ("0.0.0.0", "::"):
            # on a local network: any address of this computer, written as a number (a name
            # could be anyone's, pointed here)
            try:
                ipaddress.ip_address(name)
            except ValueError:
                return False
            return True
        return False


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


async def _respond(send: Send, status: int, text: str,
                   extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = ("<!doctype html><meta charset='utf-8'><title>grantgen</title>"
            f"<p style='font-family:sans-serif;margin:3em'>{text}</p>").encode()
    headers = [(b"content-type", b"text/html; charset=utf-8"),
               (b"content-length", str(len(body)).encode())] + HEADERS + (extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _cookie(headers: dict[str, str], name: str) -> str:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header: no cookie
        return ""
    return jar[name].value if name in jar else ""


class Guard:
    """ASGI middleware that lets through only the requests `keys` allow."""

    def __init__(self, app: ASGIApp, keys: Keys):
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if not self.keys.host_allowed(headers.get("host", "")):
            await _respond(send, 421, _("This address is not the board's page of this "
                                        "computer; open the address grantgen serve printed."))
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.pop("token", None)
        if given is not None and secrets.compare_digest(given, self.keys.token):
            await self._let_in(scope, query, send)
            return
        if not secrets.compare_digest(_cookie(headers, self.keys.cookie), self.keys.token):
            await _respond(send, 401, _("No access: open the address that grantgen serve "
                                        "printed, with its token, on this computer."))
            return
        if scope["method"] not in ("GET", "HEAD", "POST"):
            await _respond(send, 405, _("This page only shows and sends forms."))
            return
        if scope["method"] == "POST":
            checked = await self._checked_form(scope, headers, receive, send)
            if checked is None:
                return
            receive = checked
        await self.app(scope, receive, self._with_headers(send))

    async def _let_in(self, scope: Scope, query: dict[str, str], send: Send) -> None:
        """The token in the address: set the cookie, and go on without the token."""
        location = scope["path"] + (("?" + urlencode(query)) if query else "")
        cookie = (f"{self.keys.cookie}={self.keys.token}; HttpOnly; SameSite=Strict; "
                  "Path=/").encode()
        await _respond(send, 303, _("Welcome."), [(b"location", location.encode()),
                                                  (b"set-cookie", cookie)])

    async def _checked_form(self, scope: Scope, headers: dict[str, str], receive: Receive,
                            send: Send) -> Receive | None:
        """The body of a POST, when its CSRF token and origin are right; None when refused."""
        origin = headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != headers.get("host"):
            await _respond(send, 403, _("Refused: this form was not sent from the board's "
                                        "page."))
            return None
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY:
                await _respond(send, 413, _("Refused: this form is too large."))
                return None
        fields = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        if not secrets.compare_digest(fields.get("csrf", ""), self.keys.csrf):
            await _respond(send, 403, _("Refused: this form lacks the page's security code. "
                                        "Reload the page and try again."))
            return None
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    def _with_headers(self, send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        return sending
