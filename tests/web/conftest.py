"""The web tests reuse the API fixtures: the app on each test database and the per-role tokens."""

from tests.api.conftest import app, client, tokens  # noqa: F401
