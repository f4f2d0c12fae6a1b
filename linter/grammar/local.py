"""The local LanguageTool that language-tool-python manages: where it lives, Java, ``grammar setup``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import network_reason

MIN_JAVA = 17


class SetupError(Exception):
    """``grammar setup`` cannot finish; ``str()`` is one line saying why and what to do."""


def download_dir() -> Path:
    """Where language-tool-python keeps LanguageTool (``LTP_PATH`` or ``~/.cache/language_tool_python``)."""
    # The same rule as language_tool_python.utils.get_language_tool_download_path, repeated here so
    # that `--grammar auto` can look for an installation without importing the library (~0.3 s)
    # and without creating the folder on every run.
    return Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")


def _version_key(name: str) -> tuple[int, tuple[int, ...]] | None:
    if re.fullmatch(r"\d{8}", name):  # a snapshot; language-tool-python ranks those above releases
        return (1, (int(name),))
    if re.fullmatch(r"\d+\.\d+", name):
        return (0, tuple(int(p) for p in name.split(".")))
    return None


def installed_version() -> str | None:
    """The newest LanguageTool version installed for language-tool-python, or None."""
    try:
        folders = [p for p in download_dir().glob("LanguageTool-*") if p.is_dir()]
    except OSError:
        return None
    versions = [
        p.name.removeprefix("LanguageTool-") for p in folders
        if _version_key(p.name.removeprefix("LanguageTool-"))
        and any((p / jar).is_file() for jar in ("languagetool-server.jar", "languagetool.jar"))
    ]
    return max(versions, key=lambda v: _version_key(v) or (0, ())) if versions else None


def java_path() -> str | None:
    return shutil.which("java")


def java_version() -> int | None:
    """The major version of the ``java`` on PATH, or None when there is none or it cannot run."""
    java = java_path()
    if not java:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=20, check=False).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not found:
        return None
    major, minor = int(found.group(1)), int(found.group(2) or 0)
    return minor if major == 1 else major  # Java 8 and older call themselves 1.8


def _require_java() -> int:
    version = java_version()
    if version is None:
        raise SetupError(f"Java not found: the local LanguageTool needs Java {MIN_JAVA} or newer on PATH "
                         "(e.g. `apt install openjdk-17-jre-headless`); or run LanguageTool in a container "
                         "and use --grammar server (docs/grammar.md)")
    if version < MIN_JAVA:
        raise SetupError(f"Java {version} found, but LanguageTool needs Java {MIN_JAVA} or newer")
    return version


def setup() -> str:
    """Download LanguageTool for language-tool-python (with a progress bar on stderr).

    Returns a one-line success message; raises SetupError when Java is missing or too old or
    the download does not work.
    """
    _require_java()
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

    tool = LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION)
    folder = download_dir()
    if installed_version() == tool.version_name:
        return f"LanguageTool {tool.version_name} is already installed in {folder}"
    url = tool.download_url
    print(f"Downloading LanguageTool {tool.version_name} (about 250 MB) from {url} to {folder} …",
          file=sys.stderr)
    try:
        tool.download()
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - network, zip, path and Java checks end alike
        raise SetupError(f"cannot download LanguageTool from {url}: {network_reason(exc)}; check the network "
                         "or proxy (HTTPS_PROXY), or run a LanguageTool server yourself and use "
                         "--grammar server (docs/grammar.md)") from None
    return (f"LanguageTool {tool.version_name} installed in {folder}; "
            "`--grammar local` (or the default `auto`) now uses it")
