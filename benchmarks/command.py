"""How the benchmarks start the command line, the way an installed user does."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def lint_request_command() -> list[str]:
    """The ``lint-request`` script beside this interpreter, as a virtual environment runs it.

    A version manager's shim found first on ``PATH`` (pyenv's is a bash script) would add its
    own start-up to every timing; without an installed script, ``python -m linter``.
    """
    beside = Path(sys.executable).parent / "lint-request"
    exe = str(beside) if beside.exists() else shutil.which("lint-request")
    return [exe] if exe else [sys.executable, "-m", "linter"]
