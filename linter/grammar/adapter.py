"""The one place that talks to language-tool-python; imported only when a grammar session connects.

language-tool-python's ``LanguageTool(remote_server=URL)`` (or its managed local server, or
``LanguageToolPublicAPI``) does the URL handling, the ``/v2/languages`` handshake, language-tag
checking, the ``/v2/check`` parameters (disabled rules and categories, picky level) and, for
``local``, starting and stopping Java. Two things are replaced, both documented in docs/grammar.md:

- its HTTP hook ``_query_server`` — the library waits up to 300 s, retries silently, and passes an
  HTTP 500 with a JSON body on as a result; ours has the user's timeout, no retry, a status check,
  kept-alive connections and one-line errors;
- its ``Match`` objects — they keep the UTF-16 length, share one class-level offset cache across
  threads and NFKC-normalise messages; we map the raw JSON ourselves (``mapping.py``).
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import (
    GrammarRateLimited,
    GrammarTextRefused,
    GrammarUnavailable,
    GrammarWrongAnswer,
    network_reason,
)
from .settings import GrammarSettings

PUBLIC_API_URL = "https://api.languagetool.org/"
"""The public API's documented root; tests point it at a loopback server."""

_MAX_START_ATTEMPTS = 2


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:160]


class _Transport:
    """Mixed in before language-tool-python's class: our HTTP for every request it makes.

    The library class is imported only when a client is made, so mypy sees this class alone: each use
    of the library's own attributes carries a ``type: ignore`` marked "the library's".
    """

    def __init__(self, *args: Any, timeout: float, **kwargs: Any) -> None:
        # Set before the library's __init__, which already performs the /v2/languages handshake.
        self._timeout = timeout
        self._local_http = threading.local()
        self._all_http: list[Any] = []
        self._http_lock = threading.Lock()
        self._known_languages: set[str] | None = None
        try:
            super().__init__(*args, **kwargs)
        except BaseException:
            self.close()  # a Java server that started but failed the handshake must not linger
            raise

    def _http(self) -> Any:
        """One requests.Session per thread (a Session is not documented as thread-safe)."""
        session = getattr(self._local_http, "session", None)
        if session is None:
            import requests

            session = self._local_http.session = requests.Session()
            with self._http_lock:
                self._all_http.append(session)
        return session

    @property
    def where(self) -> str:
        """``LanguageTool at http://host:port``, for one-line messages."""
        parts = urlsplit(getattr(self, "_url", "") or "")
        return f"LanguageTool at {parts.scheme}://{parts.netloc}" if parts.netloc else "LanguageTool"

    def _query_server(self, url: str, params: dict[str, str] | None = None, num_tries: int = 1,
                      method: str = "get") -> Any:
        import requests

        timeout = (min(self._timeout, 5.0), self._timeout)
        try:
            if method == "post":
                response = self._http().post(url, data=params, timeout=timeout)
            else:
                response = self._http().get(url, params=params, timeout=timeout)
        except requests.Timeout:
            raise GrammarUnavailable(f"{self.where} did not answer within {self._timeout:g} s") from None
        except requests.RequestException as exc:
            raise GrammarUnavailable(f"{self.where} is not reachable ({network_reason(exc)})") from None
        with response:
            status = response.status_code
            if status in (426, 429):
                retry = response.headers.get("Retry-After", "")
                wait = float(retry) if retry.isdigit() else 60.0
                raise GrammarRateLimited(f"{self.where} refused: rate limit reached (HTTP {status}); "
                                         f"try again in {wait:.0f} s", retry_after=wait)
            if status in (400, 413):
                raise GrammarTextRefused(f"{self.where} refused the draft (HTTP {status}: "
                                         f"{_first_line(response.text) or response.reason})")
            if status != 200:
                raise GrammarWrongAnswer(f"{self.where} answered HTTP {status} {response.reason or ''}".rstrip())
            try:
                return response.json()
            except ValueError:
                raise GrammarWrongAnswer(f"{self.where} answered with something that is not JSON") from None

    def _get_languages(self) -> set[str]:
        # The library asks again on every language change; once per session is enough.
        if self._known_languages is None:
            try:
                languages = super()._get_languages()  # type: ignore[misc]  # the library's
            except (AttributeError, KeyError, TypeError):  # JSON, but not LanguageTool's list of languages
                languages = None
            if not isinstance(languages, set) or len(languages) < 2:
                raise GrammarWrongAnswer(f"{self.where} sent no list of languages")
            self._known_languages = languages
        return self._known_languages

    def _start_server_on_free_port(self) -> None:
        # When Java cannot start LanguageTool, the library would try ~900 ports, 15 s each.
        del self._available_ports[_MAX_START_ATTEMPTS - 1:]  # type: ignore[attr-defined]  # the library's
        super()._start_server_on_free_port()  # type: ignore[misc]  # the library's

    def check_raw(self, text: str, variant: str, extra: dict[str, str] | None = None) -> Any:
        """POST /v2/check for ``text`` in ``variant``; the parsed JSON answer.

        ``extra`` adds or overrides request parameters (``lint-request serve`` passes on a
        client's ``mode``, ``level`` and rule selection).
        """
        from language_tool_python import LanguageTag

        try:
            language = str(LanguageTag(variant, self._get_languages()))
        except ValueError:
            raise GrammarTextRefused(f"{self.where} does not support {variant}") from None
        params = self._create_params(text)  # type: ignore[attr-defined]  # the library's
        params["language"] = language  # per request, so one session serves de and en drafts
        params.update(extra or {})
        return self._query_server(urljoin(self._url, "check"), params, method="post")  # type: ignore[attr-defined]  # the library's

    @property
    def languages(self) -> set[str]:
        return self._get_languages()

    def close(self) -> None:
        try:
            if hasattr(self, "_new_spellings"):  # set early in the library's __init__
                super().close()  # type: ignore[misc]  # the library's
        finally:
            with self._http_lock:
                for session in self._all_http:
                    session.close()
                self._all_http.clear()


def connect(settings: GrammarSettings, mode: str) -> Any:
    """A ready language-tool-python client for ``mode`` (server, local or public).

    Raises GrammarUnavailable with a one-line reason when it cannot be used.
    """
    try:
        from language_tool_python import LanguageTool, LanguageToolPublicAPI
    except ImportError:
        raise GrammarUnavailable("language-tool-python is not installed (pip install language-tool-python)") from None

    kwargs: dict[str, Any] = {"language": "auto", "timeout": settings.timeout}
    base: type = LanguageTool
    what = "LanguageTool"
    if mode == "server":
        kwargs["remote_server"] = settings.url
    elif mode == "public":
        base = LanguageToolPublicAPI
        kwargs["remote_server"] = PUBLIC_API_URL
        what = "the public LanguageTool API"
    elif mode == "local":
        from .local import installed_version, java_path

        version = installed_version()
        if version is None:
            raise GrammarUnavailable("the local LanguageTool is not installed; run `lint-request grammar setup`")
        if java_path() is None:
            raise GrammarUnavailable("the local LanguageTool needs Java 17 or newer, and no `java` is on PATH")
        kwargs["language_tool_download_version"] = version
        what = f"the local LanguageTool {version}"
    else:
        raise ValueError(f"cannot connect in grammar mode {mode!r}")
    client_class = type("LintRequestLanguageTool", (_Transport, base), {})
    try:
        client = client_class(**kwargs)
    except GrammarUnavailable:
        raise
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - Java, ports, paths: all mean "not available"
        raise GrammarUnavailable(f"{what} did not start: {_first_line(str(exc)) or type(exc).__name__}") from None
    client.disabled_rules = set(settings.disabled_rules)
    client.disabled_categories = set(settings.disabled_categories)
    client.picky = settings.picky
    return client
