"""Benchmark the API under load: `rightsgate serve` on loopback, against PostgreSQL and then SQLite.

The load model, stated so that the figures can be read honestly:

- Saturation (closed loop, no think time): 50 clients, each sending its next request as soon as the
  last is answered. This measures throughput: the trivial route `/api/health` and submissions alone
  (15 s each; their ratio is the assess ratio), then submissions and case listings mixed 1:3 for the
  full time. Latency in a closed loop is only 50 / throughput, so it is printed but is not the
  latency figure.
- Latency at an offered load: 50 clients (reviewers and API clients), each waiting a random think time
  (exponential, mean 50 / RATE seconds) after every answer before sending the same 1:3 mix, for the
  full time. RATE is 20 requests/s, one request per client every 2.5 s. This gives p50/p95/p99.
- Offered-load steps: the same think-time model at rising rates, 10 s each, to find where each
  database stops meeting p95 < 50 ms with no errors: on SQLite, the point to move to PostgreSQL.

PostgreSQL is served by one worker process per core, SQLite by one (its writers take turns on one
file). The clients run in this process on the same machine, so they share its cores with the server.
Run with `make bench`, or `python -m benchmarks.api_bench [SECONDS] [postgresql|sqlite]`; figures go
into the README by hand.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from rightsgate.db import make_engine, session_scope
from rightsgate.demo.requests import fictional_request
from rightsgate.demo.seed import add_demo_users
from rightsgate.migrations import upgrade
from rightsgate.settings import Settings

PG_SERVER = os.environ.get("RIGHTSGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
DB_PREFIX = os.environ.get("RIGHTSGATE_BENCH_DB_PREFIX", "rg")
PORT = int(os.environ.get("RIGHTSGATE_BENCH_PORT", "8765"))
CLIENTS, RATE, STEPS = 50, 20.0, (10.0, 20.0, 40.0, 80.0)
P95_TARGET_MS = 50.0
Call = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


@dataclass(frozen=True)
class Result:
    latencies: list[float]
    errors: Counter[str]
    seconds: float

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies) or [0.0]
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def meets_target(self) -> bool:
        return not self.errors and self.percentile(0.95) < P95_TARGET_MS

    def line(self, label: str) -> str:
        return (
            f"{label:34} {len(self.latencies):6d} req {self.rate:7.1f}/s  p50 {self.percentile(0.5):7.1f}  "
            f"p95 {self.percentile(0.95):7.1f}  p99 {self.percentile(0.99):7.1f} ms  "
            f"errors {sum(self.errors.values())} {dict(self.errors) or ''}"
        )


async def _run(call: Call, seconds: float, think: float = 0.0) -> Result:
    """CLIENTS concurrent loops of `call` until the time is up, each pausing a random think time
    (exponential, mean `think` seconds; none when 0) after every answer."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    counter, rng = itertools.count(), random.Random(8)
    deadline = time.perf_counter() + seconds
    # Idle connections are dropped before the server's 5 s keep-alive ends, as HTTP clients should:
    # reusing one the server is closing at that moment fails with a dropped connection.
    limits = httpx.Limits(max_connections=CLIENTS, keepalive_expiry=4.0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{PORT}", limits=limits, timeout=30) as client:

        async def loop() -> None:
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))  # clients do not start in step
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    response = await call(client, next(counter))
                    if response.status_code >= 400:
                        errors[str(response.status_code)] += 1
                except httpx.HTTPError as error:
                    errors[type(error).__name__] += 1
                latencies.append((time.perf_counter() - started) * 1000)
                if think:
                    await asyncio.sleep(rng.expovariate(1 / think))

        await asyncio.gather(*(loop() for _ in range(CLIENTS)))
    return Result(latencies, errors, seconds)


class Calls:
    """The requests the clients send: submissions of generated requests, and case listings."""

    def __init__(self, token: str) -> None:
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        rng, self.run = random.Random(5), uuid.uuid4().hex[:6]
        self.bodies = [fictional_request(rng, i, date(2026, 11, 1)) for i in range(500)]
        self.sent = itertools.count()

    async def submit(self, client: httpx.AsyncClient, n: int) -> httpx.Response:
        number = next(self.sent)
        body = self.bodies[number % len(self.bodies)] | {"reference": f"BENCH-{self.run}-{number}"}
        return await client.post("/api/cases", content=json.dumps(body), headers=self.headers)

    async def mixed(self, client: httpx.AsyncClient, n: int) -> httpx.Response:
        """One submission in four; the rest list a page of cases as the inbox does."""
        if n % 4 == 0:
            return await self.submit(client, n)
        params = {"per_page": 25, "page": 1 + n % 5}
        return await client.get("/api/cases", params=params, headers=self.headers)

    @staticmethod
    async def trivial(client: httpx.AsyncClient, _n: int) -> httpx.Response:
        return await client.get("/api/health")


def _token(url: str) -> str:
    from rightsgate.auth.service import issue_token

    engine = make_engine(Settings(database_url=url))
    upgrade(engine)
    with session_scope(engine) as session:
        add_demo_users(session)
        token = issue_token(session, username="ines", actor="bench")
    engine.dispose()
    return token


@contextmanager
def _postgresql() -> Iterator[str]:
    name = f"{DB_PREFIX}_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def _sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.db'}"


@contextmanager
def _server(url: str, workers: int) -> Iterator[None]:
    """`rightsgate serve` on loopback, as a deployment would run it, until the block ends."""
    command = ["serve", "--port", str(PORT), "--workers", str(workers)]
    env = os.environ | {"RIGHTSGATE_DATABASE_URL": url}
    executable = Path(sys.executable).parent / "rightsgate"
    server = subprocess.Popen([executable, *command], env=env)
    try:
        for _ in range(240):  # loading the law takes a few seconds per worker
            try:
                httpx.get(f"http://127.0.0.1:{PORT}/api/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def _measure(name: str, url: str, workers: int, seconds: float) -> None:
    calls = Calls(_token(url))
    with _server(url, workers):
        print(f"\n{name}: {workers} worker process(es), {CLIENTS} clients on loopback")
        short = min(15.0, seconds)
        trivial = asyncio.run(_run(Calls.trivial, short))
        print(trivial.line("saturation: /api/health"))
        assess = asyncio.run(_run(calls.submit, short))
        print(assess.line("saturation: POST /api/cases"))
        print(asyncio.run(_run(calls.mixed, seconds)).line("saturation: submit + list 1:3"))
        print(f"ratio assess / trivial (saturation): {assess.rate / trivial.rate:.2f} (target >= 0.5)")
        offered = asyncio.run(_run(calls.mixed, seconds, think=CLIENTS / RATE))
        print(offered.line(f"offered {RATE:.0f}/s: submit + list 1:3"))
        for rate in STEPS:
            step = asyncio.run(_run(calls.mixed, min(10.0, seconds), think=CLIENTS / rate))
            verdict = "meets" if step.meets_target else "misses"
            print(step.line(f"offered {rate:.0f}/s step") + f"  {verdict} the target")


def main(seconds: float = 60.0, backends: tuple[str, ...] = ("postgresql", "sqlite")) -> None:
    if "postgresql" in backends:
        with _postgresql() as url:
            _measure("PostgreSQL", url, os.cpu_count() or 1, seconds)
    if "sqlite" in backends:
        with _sqlite() as url:
            _measure("SQLite", url, 1, seconds)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0, tuple(sys.argv[2:]) or ("postgresql", "sqlite"))
