"""Instructions per draft under valgrind's callgrind: a speed figure that a busy machine does not blur.

Run ``python benchmarks/instructions.py`` (needs valgrind). It lints the same
drafts twice, 0 and N extra times after the same warm-up, and divides the
difference in executed instructions by N. Wall-clock figures come from
``benchmarks/run.py``; this one is for comparing two versions of the engine.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_WORKLOAD = """
import sys
sys.path.insert(0, {here!r})
from corpus import make_drafts
from linter import Linter
drafts = make_drafts(300)
linter = Linter()
for draft in drafts:
    linter.lint(draft)
for i in range({n}):
    linter.lint(drafts[i % 300])
"""


def instructions(n: int) -> int:
    code = _WORKLOAD.format(here=str(HERE), n=n)
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code]
    proc = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if found is None:
        raise SystemExit(f"callgrind reported no instruction count:\n{proc.stderr}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=600, help="extra lint calls to measure (default 600)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    instructions(0)  # fills the rule cache, so both measured runs start alike
    per_draft = (instructions(args.n) - instructions(0)) / args.n
    print(f"{per_draft / 1e6:.3f} million instructions per draft")


if __name__ == "__main__":
    main()
