"""Shared fixtures: an isolated cache directory, no LanguageTool from the developer's machine, a fake one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from languagetool_fake import FakeLanguageTool


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_REQUEST_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # `--grammar auto` would use a server named in the environment or an installed local
    # LanguageTool; tests that want grammar start their own loopback server.
    for name in ("LINT_REQUEST_GRAMMAR", "LINT_REQUEST_LANGUAGETOOL_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path_factory.getbasetemp() / "no-languagetool"))


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    """A loopback LanguageTool (tests/languagetool_fake.py), stopped after the test."""
    with FakeLanguageTool() as server:
        yield server


from serve_fixtures import serve_cli, serve_url  # noqa: E402,F401 - fixtures for the server's tests
