"""Many clients at once: every submission is answered and every audit event joins one chain.

Sixty submissions run concurrently in the app's own event loop, more than its worker threads and its
connections. When responses were serialised on the shared thread pool between a route's work and its
commit, threads waiting for the chain's lock held every slot and the submissions stalled until the
connection pool timed out."""

from __future__ import annotations

import asyncio

import httpx

from rightsgate.audit.service import verify_chain
from rightsgate.db import session_scope
from tests.builders import request_data

CLIENTS = 60


async def _submit_all(app, token: str) -> list[int]:
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver", timeout=60) as client:
        sent = [
            client.post("/api/cases", json=request_data(f"XA-LOAD-{n}"), headers=headers)
            for n in range(CLIENTS)
        ]
        return [response.status_code for response in await asyncio.gather(*sent)]


def test_concurrent_submissions_all_succeed_on_one_chain(app, tokens) -> None:
    statuses = asyncio.run(asyncio.wait_for(_submit_all(app, tokens["intake"]), timeout=120))
    assert statuses == [201] * CLIENTS
    with session_scope(app.state.engine) as session:
        chain = verify_chain(session)
    assert chain.ok and chain.count >= 2 * CLIENTS  # each case: created and assessed, at least
