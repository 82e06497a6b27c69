"""Benchmark the API: a server on loopback with PostgreSQL, 50 concurrent clients submitting and reading
cases for a bounded time; throughput, latency percentiles, errors, and the assess route's throughput
against a trivial route of the same app. Run with `make bench`; figures go into the README by hand.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import date

import httpx
from sqlalchemy import create_engine, text

from rightsgate.db import make_engine, session_scope
from rightsgate.demo.requests import fictional_request
from rightsgate.demo.seed import add_demo_users
from rightsgate.migrations import upgrade
from rightsgate.settings import Settings

PG_SERVER = os.environ.get("RIGHTSGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
CLIENTS, PORT = 50, int(os.environ.get("RIGHTSGATE_BENCH_PORT", "8765"))
Call = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


def make_app():  # type: ignore[no-untyped-def]
    """The app as `rightsgate serve` builds it, for `uvicorn --factory`."""
    from rightsgate.api.app import create_app

    return create_app(Settings())


def _database() -> str:
    name = f"{os.environ.get('RIGHTSGATE_BENCH_DB_PREFIX', 'rg')}_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return f"{PG_SERVER}/{name}"


def _drop(url: str) -> None:
    with create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))


def _token(url: str) -> str:
    from rightsgate.auth.service import issue_token

    engine = make_engine(Settings(database_url=url))
    upgrade(engine)
    with session_scope(engine) as session:
        add_demo_users(session)
        token = issue_token(session, username="ines", actor="bench")
    engine.dispose()
    return token


COUNTER = itertools.count()


async def _run(call: Call, seconds: float) -> tuple[list[float], Counter[str]]:
    """CLIENTS concurrent loops of `call` until the time is up: latencies in ms, and errors by kind."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{PORT}", limits=limits, timeout=30) as client:

        async def loop() -> None:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    response = await call(client, next(COUNTER))
                    if response.status_code >= 400:
                        errors[str(response.status_code)] += 1
                except httpx.HTTPError as error:
                    errors[type(error).__name__] += 1
                latencies.append((time.perf_counter() - started) * 1000)

        await asyncio.gather(*(loop() for _ in range(CLIENTS)))
    return latencies, errors


def _report(label: str, latencies: list[float], errors: Counter[str], seconds: float) -> float:
    ordered = sorted(latencies) or [0.0]
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    rate = len(latencies) / seconds
    print(
        f"{label:28} {len(latencies):7d} requests  {rate:8.1f}/s  p50 {pick(0.5):6.1f} ms  "
        f"p95 {pick(0.95):6.1f} ms  p99 {pick(0.99):6.1f} ms  errors {sum(errors.values())} {dict(errors)}"
    )
    return rate


def _wait_until_up() -> None:
    """Poll the trivial route until the server answers (loading the law takes a few seconds)."""
    for _ in range(120):
        try:
            httpx.get(f"http://127.0.0.1:{PORT}/api/health", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def main(seconds: float = 60.0) -> None:
    url = _database()
    token = _token(url)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    rng, today, run = random.Random(5), date(2026, 11, 1), uuid.uuid4().hex[:6]
    bodies = [fictional_request(rng, i, today) for i in range(500)]

    async def submit(client: httpx.AsyncClient, n: int) -> httpx.Response:
        body = bodies[n % len(bodies)] | {"reference": f"BENCH-{run}-{n}"}
        return await client.post("/api/cases", content=json.dumps(body), headers=headers)

    async def submit_or_read(client: httpx.AsyncClient, n: int) -> httpx.Response:
        if n % 4 == 0:
            return await submit(client, n)
        return await client.get("/api/cases", params={"per_page": 10, "page": 1 + n % 5}, headers=headers)

    async def trivial(client: httpx.AsyncClient, _n: int) -> httpx.Response:
        return await client.get("/api/health")

    env = os.environ | {"RIGHTSGATE_DATABASE_URL": url}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "benchmarks.api_bench:make_app",
            "--port",
            str(PORT),
            "--host",
            "127.0.0.1",
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    try:
        _wait_until_up()
        short = min(15.0, seconds)
        print(f"{CLIENTS} concurrent clients, server on loopback, PostgreSQL")
        trivial_rate = _report("trivial route /api/health", *asyncio.run(_run(trivial, short)), short)
        time.sleep(3)
        assess_rate = _report("submit (assess) only", *asyncio.run(_run(submit, short)), short)
        time.sleep(3)
        mixed = _report("submit + read (1:3)", *asyncio.run(_run(submit_or_read, seconds)), seconds)
        print(f"ratio assess / trivial: {assess_rate / trivial_rate:.2f}; mixed throughput {mixed:.1f}/s")
    finally:
        server.terminate()
        server.wait(timeout=20)
        _drop(url)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0)
