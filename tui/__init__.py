"""The drafting TUI of lint-request (``lint-request tui [PATH]``); needs Textual."""

from .app import LintRequestApp, create_app

__all__ = ["LintRequestApp", "create_app"]
