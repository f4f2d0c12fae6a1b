"""`lint-request serve` as a user runs it: start-up line, bad flags, port in use, SIGINT/SIGTERM, no draft logged."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from languagetool_fake import FakeLanguageTool
from serve_fixtures import serve_process

from linter.cli import main

Start = Callable[..., tuple[str, subprocess.Popen[str]]]
SECRET = "Zebrafinkenkonferenz"
"""A word that appears only in the draft, to find out whether the server printed it anywhere."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_start_up_lines_say_where_and_how_to_point_clients(serve_cli: Start) -> None:
    url, process = serve_cli()
    assert url.startswith("http://127.0.0.1:")
    assert requests.get(url + "/v2/healthcheck", timeout=5).text == "OK"
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=15)
    err = process.startup + err  # type: ignore[attr-defined]  # set by serve_fixtures
    assert process.returncode == 0
    assert f"{url}/v2" in err and "LTeX, Obsidian: " + url in err and "grammar: off" in err
    assert err.rstrip().endswith("lint-request serve: stopped")
    assert "Traceback" not in err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_it_cleanly_and_no_draft_is_printed(sig: signal.Signals) -> None:
    with serve_process() as (url, process):
        draft = f"Hallo Anna, Sie haben mein Profil besucht. {SECRET}"
        requests.get(url + "/v2/check", params={"language": "auto", "text": draft}, timeout=10)
        requests.post(url + "/v2/check", data={"language": "xx!", "text": draft}, timeout=10)
        requests.post(url + "/v2/check", data={"language": "de-DE", "data": "{" + SECRET}, timeout=10)
        process.send_signal(sig)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0
    assert SECRET not in out + err + process.startup  # type: ignore[attr-defined]  # set by serve_fixtures
    assert "Traceback" not in err


def test_port_in_use_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _out, err = run(capsys, "serve", "--port", str(port))
    assert code == 2
    assert err == f"lint-request: error: cannot listen on http://127.0.0.1:{port}: address already in use\n"


@pytest.mark.parametrize(("flags", "message"), [
    (["--port", "70000"], "--port 70000 is not a port number"),
    (["--port", "abc"], "'abc' is not a valid int"),
    (["--bogus"], "No such option: --bogus"),
    (["--timeout", "0"], "--timeout 0 must be between"),
    (["--max-text-length", "0"], "--max-text-length 0 must be at least 1"),
    (["--allow-origin", "evil"], "--allow-origin 'evil' is not an origin"),
    (["--host", "no such host!"], "cannot listen on http://no such host!:8081"),
    (["--languagetool-url", "ftp://x"], "is not an http(s) URL"),
    (["--languagetool-url", "http://localhost:8081"], "is this server itself"),
])
def test_bad_flags_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], flags: list[str], message: str) -> None:
    code, _out, err = run(capsys, "serve", *flags)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("lint-request: error: ") and message in err


def test_another_host_only_when_asked_and_with_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    # 192.0.2.1 is a documentation address no machine has: the warning comes, then binding fails (no traffic).
    code, _out, err = run(capsys, "serve", "--host", "192.0.2.1", "--port", "9")
    lines = err.splitlines()
    assert lines[0].startswith("lint-request: warning: listening on 192.0.2.1, not loopback: drafts travel over "
                               "the network")
    assert code == 2 and lines[1].startswith("lint-request: error: cannot listen on http://192.0.2.1:9: ")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code, _out, err = run(capsys, "serve", "--host", "localhost", "--port", str(taken.getsockname()[1]))
    assert code == 2 and "warning" not in err


def test_the_languagetool_settings_reach_the_server(fake: FakeLanguageTool) -> None:
    with serve_process("--languagetool-url", fake.url) as (url, process):
        doc = requests.post(url + "/v2/check", data={"language": "auto", "text": "Hallo, ein Vortarg."},
                            timeout=10).json()
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=15)
        err = process.startup + err  # type: ignore[attr-defined]  # set by serve_fixtures
    assert "GERMAN_SPELLER_RULE" in {m["rule"]["id"] for m in doc["matches"]}
    assert f"grammar: LanguageTool server at {fake.url}/" in err


def test_serve_is_listed_and_the_plain_lint_path_does_not_import_the_server_stack() -> None:
    code = ("import sys, linter.cli; linter.cli.main(['--exit-zero', '-q', 'docs/examples/bad-request-de.txt']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'httptools')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                            cwd=Path(__file__).resolve().parent.parent)
    assert "profile-visit" in result.stdout
    assert result.stdout.strip().endswith("[]")
    help_text = subprocess.run([sys.executable, "-m", "linter", "--help"], capture_output=True, text=True,
                               timeout=60, check=False).stdout
    assert "serve" in help_text
