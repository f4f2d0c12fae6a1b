"""Grammar benchmarks; run ``python benchmarks/grammar.py`` (``--quick`` for a smoke run).

Measures, on this machine:
- what the grammar layer adds to ``lint-request one-draft.txt`` when nothing is configured (``auto``
  resolving to off) and with ``--grammar off``, beside a checkout without it (``--baseline PATH``,
  e.g. the main branch); and that no language_tool_python, requests or thread pool is imported;
- ``GrammarSession.check_many`` against a loopback LanguageTool (tests/languagetool_fake.py):
  distinct drafts at concurrency 1 and 4, and a batch where most drafts repeat (cache by text hash).
Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests")]

from corpus import make_drafts  # noqa: E402 - needs the sys.path line above


def _cli(checkout: Path) -> list[str]:
    """Run the CLI of ``checkout`` with this interpreter (so both sides share Python and packages)."""
    code = f"import sys; sys.path.insert(0, {str(checkout)!r}); from linter.cli import run; run()"
    return [sys.executable, "-c", code]


def median_ms(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                       env=env, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def cold_start(draft: str, runs: int, baseline: Path | None) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one-draft.txt"
        path.write_text(draft, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("LINT_REQUEST_GRAMMAR")
               and k != "LINT_REQUEST_LANGUAGETOOL_URL"}
        env["LTP_PATH"] = str(Path(tmp) / "no-languagetool")  # `auto` finds nothing installed
        env.pop("PYTHONDONTWRITEBYTECODE", None)              # measure with bytecode, as installed copies run
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        # Each checkout gets its own rule cache: they would invalidate each other's.
        ours = {**env, "LINT_REQUEST_CACHE_DIR": str(Path(tmp) / "cache-ours")}
        cases = [("this branch, `lint-request one-draft.txt` (auto → off, one info line)", _cli(ROOT),
                  [str(path)], ours),
                 ("this branch, `lint-request --grammar off one-draft.txt`", _cli(ROOT),
                  ["--grammar", "off", str(path)], ours)]
        if baseline:
            cases.insert(0, (f"without the grammar layer ({baseline}), `lint-request one-draft.txt`",
                             _cli(baseline), [str(path)],
                             {**env, "LINT_REQUEST_CACHE_DIR": str(Path(tmp) / "cache-baseline")}))
        for _, cmd, args, case_env in cases:
            median_ms([*cmd, *args], 2, case_env)  # warm the rule cache, bytecode and the OS page cache
        # Interleave the cases round by round, so that load from other processes hits all alike.
        samples: dict[str, list[float]] = {name: [] for name, *_ in cases}
        for _ in range(runs):
            for name, cmd, args, case_env in cases:
                samples[name].append(median_ms([*cmd, *args], 1, case_env))
        env = ours
        probe = ("import sys; from linter.cli import main; main(sys.argv[1:]); "
                 "print(sorted({m.split('.')[0] for m in sys.modules} & "
                 "{'language_tool_python', 'requests', 'concurrent', 'pydantic'}), file=sys.stderr)")
        imported = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True,
                                  env=env, check=False).stderr.strip().splitlines()[-1]
        own = statistics.median(_grammar_import_ms(path, env) for _ in range(runs))
    rows = [f"| {name}, median of {runs} | {statistics.median(values):.0f} ms |" for name, values in samples.items()]
    rows.append(f"| of that: importing `linter.grammar` modules (`-X importtime`), median of {runs} | {own:.1f} ms |")
    rows.append(f"| heavy modules imported by that run | `{imported}` |")
    return rows


def _grammar_import_ms(path: Path, env: dict[str, str]) -> float:
    """Sum of the self times of every linter.grammar module a plain run imports."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c",
                          "import sys; from linter.cli import main; main(sys.argv[1:])", str(path)],
                         capture_output=True, text=True, env=env, check=False).stderr
    micros = [int(line.split("|")[0].split(":")[1]) for line in err.splitlines()
              if line.startswith("import time:") and line.split("|")[-1].strip().startswith("linter.grammar")]
    return sum(micros) / 1000


def _timed(fake_url: str, drafts: list[str], langs: list[str] | str, concurrency: int) -> tuple[float, int]:
    from linter.grammar import GrammarSettings, open_session

    settings = GrammarSettings(mode="server", url=fake_url + "/", concurrency=concurrency)
    with open_session(settings) as session:
        session.check("Hallo", "de")  # connect (the /v2/languages handshake) before timing
        started = time.perf_counter()
        outcomes = session.check_many(drafts, langs)
        elapsed = time.perf_counter() - started
        assert not any(o.warning for o in outcomes), outcomes[0].warning
        return len(drafts) / elapsed, session.requests_sent - 1


def throughput(n: int, repeats: int) -> list[str]:
    from languagetool_fake import FakeLanguageTool

    drafts = make_drafts(n, seed=11)
    langs = ["en" if d.startswith(("Hi", "Dear", "Hello")) else "de" for d in drafts]
    distinct = max(1, n // repeats)
    batch = [drafts[i % distinct] for i in range(n)]
    rows = []
    with FakeLanguageTool() as fake:
        for latency in (0.0, 0.05):
            fake.latency = latency
            server = "instant answers" if not latency else f"{latency * 1000:.0f} ms per check"
            for concurrency in (1, 4):
                rate, sent = _timed(fake.url, drafts, langs, concurrency)
                rows.append(f"| check_many, loopback server with {server}: {n} distinct drafts, concurrency "
                            f"{concurrency} | {rate:,.0f} drafts/s ({sent} requests) |")
            rate, sent = _timed(fake.url, batch, "de", 4)
            rows.append(f"| check_many, loopback server with {server}: {n} drafts, {distinct} distinct, "
                        f"concurrency 4 | {rate:,.0f} drafts/s ({sent} requests) |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke run")
    parser.add_argument("--baseline", type=Path, help="a checkout without the grammar layer, e.g. of main")
    args = parser.parse_args()
    runs, n = (5, 200) if args.quick else (21, 1000)
    draft = make_drafts(1)[0]
    lines = [
        (f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
         f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"),
        "",
        "| measurement | result |",
        "|---|---|",
        *cold_start(draft, runs, args.baseline),
        *throughput(n, repeats=10),
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
