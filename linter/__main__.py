"""``python -m linter`` runs the command line."""

from .cli import run

run()
