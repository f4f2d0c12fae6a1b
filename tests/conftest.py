"""Shared fixtures: an isolated cache directory, and no LanguageTool from the developer's machine."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_REQUEST_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # `--grammar auto` would use a server named in the environment or an installed local
    # LanguageTool; tests that want grammar start their own loopback server.
    for name in ("LINT_REQUEST_GRAMMAR", "LINT_REQUEST_LANGUAGETOOL_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path_factory.getbasetemp() / "no-languagetool"))
