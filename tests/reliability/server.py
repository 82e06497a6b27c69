"""The real server in a child process, on a free loopback port, that a test can kill with SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time

import httpx

PORTS = range(8100, 8200)
STARTUP_SECONDS = 60


def _ports() -> range:
    """The loopback ports this test process may use: each pytest worker has its own half, so two
    workers never start servers on the same port."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if worker not in ("gw0", "gw1"):
        return PORTS
    half = len(PORTS) // 2
    return PORTS[:half] if worker == "gw0" else PORTS[half:]


def _free_port() -> int:
    """A port of our loopback range that nothing listens on right now."""
    ports = _ports()
    for port in random.sample(ports, len(ports)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8100-8199")


def child_env(database_url: str) -> dict[str, str]:
    """The environment of a `rightsgate` child process working on `database_url`."""
    return os.environ | {"RIGHTSGATE_DATABASE_URL": database_url, "RIGHTSGATE_SECURE_COOKIES": "false"}


def rightsgate(*args: str) -> list[str]:
    """The command line that runs `rightsgate ARGS` with this interpreter."""
    return [sys.executable, "-c", "from rightsgate.cli import main; main()", *args]


class Server:
    """`rightsgate serve` against a database; `start` waits until it answers, `kill` sends SIGKILL.
    Used as a context manager, it kills a server still running at the end."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        with tempfile.TemporaryFile() as errors:
            while time.monotonic() < deadline:
                port = _free_port()
                command = rightsgate("serve", "--port", str(port))
                env = child_env(self.database_url)
                self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
                self.url = f"http://127.0.0.1:{port}"
                if self._answers(deadline):
                    return
            errors.seek(0)
            raise RuntimeError(f"the server did not start: {errors.read().decode()[-2000:]}")

    def _answers(self, deadline: float) -> bool:
        """Wait for the health route; False if the child died (the port was taken meanwhile)."""
        assert self.process is not None
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if httpx.get(f"{self.url}/api/health", timeout=1).status_code == 200:
                    return True
            except httpx.TransportError:
                time.sleep(0.05)
        return False

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process is not None and self.process.returncode is None:
            self.kill()

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
