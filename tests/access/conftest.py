"""The access tests reuse the API fixtures: the app on each test database."""

from tests.api.conftest import app, client, tokens  # noqa: F401
