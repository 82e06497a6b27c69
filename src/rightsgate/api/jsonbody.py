"""Refuse an API request body that is not safe, strict JSON before any route reads it.

The routes' own JSON parsing recurses and quietly accepts NaN, Infinity and a key given twice; this
middleware answers such bodies first, each with a problem document saying what is wrong:

- 415 when a body comes with a content type other than `application/json` (or `…+json`);
- 400 when it is not UTF-8, not JSON, nested deeper than 200 levels, holds NaN or Infinity, or gives
  a key twice in one object.

It buffers the body, so it must run inside the body size limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rightsgate.api.problems import problem
from rightsgate.intake import read_json

API_PREFIX = "/api/"


def _media_type(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name.lower() == b"content-type":
            return str(value.decode("latin-1").split(";")[0].strip().lower())
    return ""


def body_defect(media_type: str, body: bytes) -> tuple[int, str] | None:
    """The status and the reason to refuse a body with, or None when the routes may read it."""
    if not body:
        return None
    if media_type != "application/json" and not media_type.endswith("+json"):
        got = repr(media_type) if media_type else "none"
        return 415, f"expected a JSON body with Content-Type: application/json, got {got}"
    try:
        read_json(body)
    except ValueError as error:
        return 400, str(error)
    return None


async def _whole_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


class JsonBody:
    """Check every API request body (see the module docstring), then hand the route the same bytes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        body = await _whole_body(receive)
        defect = body_defect(_media_type(scope), body)
        if defect is not None:
            await problem(*defect)(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
