"""The drafting app: editor, live findings, anatomy, counter; files that are never lost.

Build it with ``create_app(path)``; ``lint-request tui [PATH]`` does the same and runs it.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header, Select, Static, TextArea

from linter import ANATOMY_PARTS, Linter, Recipient, Report, Severity
from linter._position import LineIndex
from linter._recipient import known_words

from . import files, recovery
from .anatomy import AnatomyList
from .checker import PLATFORM_NAMES, Checker, Counts
from .confirm import ConfirmScreen
from .detail import FindingDetail
from .editor import DraftEditor
from .files import DraftFile, EncodingProblem, InputError, SaveError
from .findings import FindingsList
from .help import HelpScreen
from .messages import FindingChosen, FindingHighlighted, GrammarChecked, Linted, PartChosen
from .path_prompt import PathScreen
from .recipient import RecipientScreen, describe
from .score import LengthCounter, ScoreLine

if TYPE_CHECKING:
    from linter.grammar.settings import GrammarSettings

    from .grammar import LiveGrammar

LANG_CHOICES = (("Language: auto", "auto"), ("Language: Deutsch", "de"), ("Language: English", "en"))
LINT_DELAY = 0.15
"""Seconds of typing pause before a re-lint; linting runs in a thread, so typing never waits."""
AUTOSAVE_INTERVAL = 3.0
"""Seconds between recovery copies of an unsaved buffer."""


def _shown(path: Path | None) -> str:
    """A path as the title shows it: relative below the working directory, else with ~ for home."""
    if path is None:
        return "untitled"
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~" + os.sep)):
        if path.is_relative_to(base):
            return prefix + str(path.relative_to(base))
    return str(path)


def _count_line(report: Report) -> str:
    """``2 errors, 1 warning, 3 info``"""
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    counts = [(report.count(s), s.label) for s in reversed(Severity)]
    return ", ".join(f"{n} {label if n == 1 else plural[label]}" for n, label in counts if n)


class LintRequestApp(App[None]):
    """Write or paste a request and watch it get better."""

    CSS_PATH = "app.tcss"
    TITLE = "lint-request"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the draft (keeps its encoding and line endings)"),
        Binding("ctrl+t", "insert_sentence", "Insert sentence",
                tooltip="Insert a sentence for the missing part of the selected finding (or the first missing "
                        "part) at the cursor; its first [gap] is selected, so typing fills it"),
        Binding("ctrl+f", "apply_fix", "Fix", tooltip="Apply the safe fix of the selected finding"),
        Binding("ctrl+r", "recipient", "Recipient",
                tooltip="Recipient details: name, company, how you met, what you offer"),
        Binding("f3", "cycle_platform", "Platform",
                tooltip="Next platform: generic, XING, LinkedIn, LinkedIn free, e-mail"),
        Binding("f4", "cycle_lang", "Language", tooltip="Next language: auto, Deutsch, English"),
        Binding("f1", "help", "Help", tooltip="This help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (asks first when there are unsaved changes)"),
        Binding("f2", "save_as", "Save as", show=False, tooltip="Save the draft under a new name"),
        Binding("ctrl+o", "open", "Open", show=False, tooltip="Open another draft"),
        Binding("f5", "copy_draft", "Copy", show=False, tooltip="Copy the whole draft to the clipboard"),
    ]
    # Actions that make no sense while a dialog is open (the app's bindings stay active there).
    MAIN_ACTIONS = frozenset({"save", "save_as", "open", "insert_sentence", "apply_fix", "recipient",
                              "cycle_platform", "cycle_lang", "copy_draft", "help"})

    def __init__(self, file: DraftFile, text: str, *, checker: Checker, lang: str = "auto",
                 platform: str = "generic", recipient: Recipient | None = None,
                 lint_delay: float = LINT_DELAY, autosave_interval: float = AUTOSAVE_INTERVAL) -> None:
        super().__init__()
        self.file, self.saved_text = file, text
        self.checker = checker
        self.lang_choice, self.platform = lang, platform
        self.recipient = recipient or Recipient()
        self.lint_delay, self.autosave_interval = lint_delay, autosave_interval
        self.report: Report | None = None
        """What the app shows: the rule-based report with LanguageTool's findings folded in."""
        self.report_text = ""
        self._rule_report: Report | None = None
        self.grammar: LiveGrammar | None = None
        """LanguageTool in the background; None when grammar is off."""
        if checker.grammar is not None:  # threads and the session machinery only when grammar is on
            from .grammar import LiveGrammar

            self.grammar = LiveGrammar(checker.grammar, self.post_message)
        self._generation = 0
        self._lint_timer: Timer | None = None
        self._autosaved: str | None = None  # the text this session last wrote to the recovery file
        self._discarded = False
        self._variants: Counter[str] = Counter()  # per part: how many sentences were inserted
        self._editor = DraftEditor(text, id="editor")

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            self._editor.border_title = "Draft"
            yield self._editor
            with Vertical(id="sidebar"):
                yield ScoreLine(id="score")
                yield LengthCounter(id="counter")
                anatomy = AnatomyList(id="anatomy")
                anatomy.border_title = "Anatomy"
                yield anatomy
                yield Select([(self.checker.platform_label(p), p) for p in PLATFORM_NAMES], value=self.platform,
                             allow_blank=False, compact=True, id="platform")
                yield Select(LANG_CHOICES, value=self.lang_choice, allow_blank=False, compact=True, id="lang")
                yield Static(id="recipient-summary")
        with Horizontal(id="bottom"):
            findings = FindingsList(id="findings")
            findings.border_title = "Findings"
            yield findings
            detail = FindingDetail(id="detail")
            detail.border_title = "Details"
            yield detail
        yield Footer()

    @property
    def editor(self) -> DraftEditor:
        return self._editor  # kept, so the text is still there while the app shuts down

    @property
    def text(self) -> str:
        return self.editor.text

    @property
    def modified(self) -> bool:
        return self.text != self.saved_text

    def on_mount(self) -> None:
        self._update_title()
        self._show_recipient()
        self._show_counter()
        self._lint_now()
        self.set_interval(self.autosave_interval, self._autosave)
        self._offer_recovery()

    def on_unmount(self) -> None:
        # A last copy in case the app is going down for any reason other than a chosen quit.
        if not self._discarded and self.modified and self._autosaved != self.text:
            recovery.write(self.file.path, self.text)
        if self.grammar is not None:
            self.grammar.close()
        self.checker.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.MAIN_ACTIONS and len(self.screen_stack) > 1)

    def _update_title(self) -> None:
        state = " (modified)" if self.modified else "" if self.file.exists or not self.file.path else " (new file)"
        self.sub_title = f"{_shown(self.file.path)}{state}"

    def _show_recipient(self) -> None:
        summary = describe(self.recipient)
        self.query_one("#recipient-summary", Static).update(
            f"Recipient: {summary}  (Ctrl+R)" if summary else "Recipient: not set  (Ctrl+R)")

    def _show_counter(self) -> None:
        lang = self.report.lang if self.report else ("de" if self.lang_choice == "auto" else self.lang_choice)
        self.query_one(LengthCounter).show(Counts.of(self.text), self.checker.limit(self.platform, lang))

    # ----------------------------------------------------------------- linting

    @on(TextArea.Changed, "#editor")
    def _text_changed(self) -> None:
        self._update_title()
        self._show_counter()
        self._generation += 1
        if self._lint_timer is not None:
            self._lint_timer.stop()
        if self.lint_delay > 0:
            self._lint_timer = self.set_timer(self.lint_delay, self._lint_now)
        else:
            self._lint_now()

    def _lint_now(self) -> None:
        """Start a lint of the current buffer (in a thread); a newer edit makes its result stale."""
        if self._lint_timer is not None:
            self._lint_timer.stop()
            self._lint_timer = None
        self._generation += 1
        self._lint(self.text, self._generation, self.lang_choice, self.platform, self.recipient)

    @work(thread=True, exclusive=True, group="lint", exit_on_error=False)
    def _lint(self, text: str, generation: int, lang: str, platform: str, recipient: Recipient) -> None:
        try:
            report = self.checker.lint(text, lang=lang, platform=platform, recipient=recipient)
        except Exception as exc:  # noqa: BLE001 - a broken check must not take the user's text down with it
            self.call_from_thread(self.notify, f"{type(exc).__name__}: {exc}", title="Checking failed",
                                  severity="error")
            return
        self.post_message(Linted(report, text, generation))

    def on_linted(self, message: Linted) -> None:
        if message.generation == self._generation:
            self._show_report(message.report, message.text)
            self._check_grammar()

    def _lint_sync(self) -> None:
        """Lint right now in this thread (before acting on a finding, which needs fresh offsets)."""
        if self.report is None or self.report_text != self.text:
            self._generation += 1
            text = self.text
            self._show_report(self.checker.lint(text, lang=self.lang_choice, platform=self.platform,
                                                recipient=self.recipient), text)

    def _show_report(self, report: Report, text: str) -> None:
        """Show the rule-based ``report`` for ``text``, with the LanguageTool findings that hold in it."""
        self._rule_report = report
        if self.grammar is not None:
            names = known_words(self.recipient.first_name, self.recipient.last_name, self.recipient.company)
            report = self.checker.with_grammar(report, self.grammar.findings_for(text, names))
        self.report, self.report_text = report, text
        self.editor.set_marks(text, report.findings)
        findings = self.query_one(FindingsList)
        findings.show(text, report.findings)
        findings.border_title = f"Findings ({_count_line(report)})" if report.findings else "Findings"
        self.query_one(AnatomyList).show(report.anatomy)
        self.query_one(ScoreLine).show(report.score, report.lang)
        self._show_counter()

    # ----------------------------------------------------------------- grammar (LanguageTool)

    def _check_grammar(self) -> None:
        """Ask LanguageTool about the text just linted, in the background; typing never waits for it."""
        if self.grammar is None or self._rule_report is None or self.report_text != self.text:
            return
        first = self.grammar.checked is None and self.grammar.pending is None
        if self.grammar.request(self.report_text, self._rule_report.lang):
            if first and self.grammar.session.notice:
                self.notify(self.grammar.session.notice, title="Grammar", severity="warning", timeout=10)
            self._show_grammar_status()

    def on_grammar_checked(self, message: GrammarChecked) -> None:
        if self.grammar is None:
            return
        was_failing = self.grammar.warning is not None
        if not self.grammar.accept(message.text, message.outcome, self.text):
            return  # the text changed since: a newer check is on its way
        self._show_grammar_status()
        warning = self.grammar.warning
        if warning and not was_failing:  # once per failure, not on every pause in typing
            self.notify(f"{warning}. The rule-based checks go on.", title="Grammar check unavailable",
                        severity="warning", timeout=10)
        if self._rule_report is not None and self.report_text == message.text:
            self._show_report(self._rule_report, self.report_text)

    def _show_grammar_status(self) -> None:
        if self.grammar is not None:
            self.editor.border_subtitle = Text(self.grammar.status)  # Text: a reason may contain [brackets]

    @on(FindingHighlighted)
    def _explain(self, message: FindingHighlighted) -> None:
        finding, detail = message.finding, self.query_one(FindingDetail)
        if finding is None or self.report is None:
            detail.show(None)
            return
        info = self.checker.rule_info(finding.rule, self.report.lang)
        actions = [("Enter", "in the list: go to the text")] if finding.span.end > finding.span.start else []
        if finding.replacements:
            actions.append(("Ctrl+F", f"replace with “{finding.replacements[0]}”"))
        if info.part:
            sentence = self.checker.sentence(info.part, self.report, self.report_text, self.recipient,
                                             self._variants[info.part])
            actions.append(("Ctrl+T", f"inserts at the cursor: {sentence}"))
        line = LineIndex(self.report_text).line_col(finding.span.start)[0]
        detail.show(finding, line=line, why=info.why, actions=tuple(actions))

    @on(FindingChosen)
    def _go_to_finding(self, message: FindingChosen) -> None:
        span = message.finding.span
        self.editor.select_span(span.start, span.end)
        self.editor.focus()

    @on(TextArea.SelectionChanged, "#editor")
    def _follow_cursor(self) -> None:
        """Highlight the finding under the cursor, so Ctrl+F acts on what the user is looking at."""
        if self.report is not None and self.report_text == self.text:
            self.query_one(FindingsList).highlight_at(self.editor.offset_of(self.editor.cursor_location))

    @on(Select.Changed, "#platform")
    def _platform_changed(self, event: Select.Changed) -> None:
        if event.value != self.platform and isinstance(event.value, str):
            self.platform = event.value
            self._show_counter()
            self._lint_now()

    @on(Select.Changed, "#lang")
    def _lang_changed(self, event: Select.Changed) -> None:
        if event.value != self.lang_choice and isinstance(event.value, str):
            self.lang_choice = event.value
            self._lint_now()

    def _cycle(self, select_id: str, values: list[str], current: str) -> None:
        self.query_one(select_id, Select).value = values[(values.index(current) + 1) % len(values)]

    def action_cycle_platform(self) -> None:
        self._cycle("#platform", list(PLATFORM_NAMES), self.platform)

    def action_cycle_lang(self) -> None:
        self._cycle("#lang", [value for _, value in LANG_CHOICES], self.lang_choice)

    # ----------------------------------------------------------------- writing help

    def _missing_part(self) -> str | None:
        """The part Ctrl+T writes: the chosen finding's, the anatomy list's, or the first missing one."""
        self._lint_sync()
        assert self.report is not None
        anatomy = self.query_one(AnatomyList)
        if anatomy.has_focus and anatomy.highlighted is not None:
            return ANATOMY_PARTS[anatomy.highlighted]
        finding = self.query_one(FindingsList).selected_finding
        if finding is not None:
            part = self.checker.rule_info(finding.rule, self.report.lang).part
            if part:
                return part
        return next((p for p in ANATOMY_PARTS if not self.report.anatomy.get(p)), None)

    def action_insert_sentence(self) -> None:
        part = self._missing_part()
        if part is None:
            self.notify("The request has all seven parts.", title="Nothing to insert")
            return
        self._insert_sentence(part)

    @on(PartChosen)
    def _part_chosen(self, message: PartChosen) -> None:
        self._insert_sentence(message.part)

    def _insert_sentence(self, part: str) -> None:
        """Insert a sentence for ``part`` at the cursor and select its first [gap] to type over."""
        self._lint_sync()
        assert self.report is not None
        sentence = self.checker.sentence(part, self.report, self.text, self.recipient, self._variants[part])
        self._variants[part] += 1  # pressing again (after Ctrl+Z) offers another phrasing
        editor, text = self.editor, self.text
        at = editor.offset_of(editor.cursor_location)
        before, after = text[:at], text[at:]
        prefix = suffix = ""
        if part == "greeting":
            suffix = "" if after.startswith("\n") else "\n\n"
        elif part == "signoff":
            prefix = "" if not before or before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
        else:
            prefix = " " if before and not before[-1].isspace() else ""
            suffix = " " if after and not after[0].isspace() else ""
        editor.insert(prefix + sentence + suffix, editor.location_of(at))
        gap = self.checker.first_gap(sentence)
        if gap:
            start = at + len(prefix)
            editor.select_span(start + gap[0], start + gap[1])
        editor.focus()

    def action_apply_fix(self) -> None:
        self._lint_sync()
        finding = self.query_one(FindingsList).selected_finding
        if finding is None:
            self.notify("No finding is selected.", title="Nothing to fix")
            return
        fixed = self.checker.fixed(self.text, finding)
        if fixed is None:
            self.notify(f"{finding.rule} has no automatic fix; the details say what to write instead.",
                        title="No automatic fix")
            return
        _, end = self.editor.replace_all(fixed)
        self.editor.move_cursor(self.editor.location_of(end))
        self._lint_now()

    def action_recipient(self) -> None:
        def done(recipient: Recipient | None) -> None:
            if recipient is not None and recipient != self.recipient:
                self.recipient = recipient
                self._show_recipient()
                self._lint_now()

        self.push_screen(RecipientScreen(self.recipient), done)

    def action_help(self) -> None:
        self.push_screen(HelpScreen([b for b in self.BINDINGS if isinstance(b, Binding)]))

    def action_copy_draft(self) -> None:
        self.copy_to_clipboard(self.text)
        self.notify(f"Copied the draft ({len(self.text)} characters) to the clipboard.")

    # ----------------------------------------------------------------- files

    def action_save(self) -> None:
        if self.file.path is None:
            self.action_save_as()
        else:
            self._write(self.file)

    def _write(self, file: DraftFile) -> None:
        """Save the buffer to ``file``; on failure say why and keep everything as it is."""
        text = self.text
        try:
            saved = files.save(text, file)
        except EncodingProblem as exc:
            def utf8(yes: bool | None) -> None:
                if yes:
                    self._write(replace(file, encoding="utf-8"))

            self.push_screen(ConfirmScreen(f"{exc}. Save {file.name} as UTF-8 instead?", yes="Save as UTF-8",
                                           no="Cancel", title="Encoding"), utf8)
            return
        except SaveError as exc:
            self.notify(f"{exc}. Your text is still here; try Save as (F2).", title="Not saved",
                        severity="error", timeout=15)
            return
        for stale in {self.file.path, saved.path}:
            recovery.remove(stale)
        self.file, self.saved_text, self._autosaved = saved, text, None
        self._update_title()
        self.notify(f"Saved {_shown(saved.path)} ({saved.encoding}).", timeout=3)

    def action_save_as(self) -> None:
        initial = str(self.file.path) if self.file.path else os.path.join(os.getcwd(), "draft.txt")

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.is_dir():
                self.notify(f"{path} is a folder; add a file name.", title="Not saved", severity="error")
                return
            if path.exists() and path != self.file.path:
                self.push_screen(
                    ConfirmScreen(f"{path} exists. Replace it?", yes="Replace", no="Cancel", title="Save as"),
                    lambda yes: self._write(self.file.with_path(path)) if yes else None)
                return
            self._write(self.file.with_path(path))

        self.push_screen(PathScreen("Save as", initial), chosen)

    def action_open(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is None:
                return
            try:
                file, text = files.load(path)
            except InputError as exc:
                self.notify(f"cannot open {path}: {exc}", title="Not opened", severity="error", timeout=10)
                return
            if self.modified:
                recovery.remove(self.file.path)  # the user chose to discard these changes
            self.file, self.saved_text, self._autosaved = file, text, None
            self.editor.load_text(text)
            self._update_title()
            self._lint_now()
            self._offer_recovery()

        def ask_path(discard: bool | None = True) -> None:
            if discard:
                self.push_screen(PathScreen("Open", str(self.file.path.parent) + os.sep if self.file.path
                                            else os.getcwd() + os.sep), chosen)

        if self.modified:
            self.push_screen(ConfirmScreen(f"{self.file.name} has unsaved changes. Discard them and open "
                                           "another file?", yes="Discard", no="Keep editing", title="Open"),
                             ask_path)
        else:
            ask_path()

    # ----------------------------------------------------------------- never lose text

    def _autosave(self) -> None:
        text = self.text
        if text == self.saved_text:
            if self._autosaved is not None:  # edits undone: our copy is obsolete
                recovery.remove(self.file.path)
                self._autosaved = None
        elif text != self._autosaved and recovery.write(self.file.path, text):
            self._autosaved = text

    def _offer_recovery(self) -> None:
        found = recovery.read(self.file.path)
        if found is None:
            return
        if found.text == self.text:
            recovery.remove(self.file.path)
            return

        def answer(recover: bool | None) -> None:
            if recover:
                # As one edit, so Ctrl+Z brings back the file's version.
                self.editor.replace(found.text, (0, 0), self.editor.document.end)
                self._lint_now()
            else:
                recovery.remove(self.file.path)

        self.push_screen(ConfirmScreen(
            f"Unsaved text of {self.file.name} from {found.when} was found (lint-request did not close "
            "normally). Recover it?", yes="Recover", no="Discard it", safe=True, title="Recovery"), answer)

    async def action_quit(self) -> None:
        if not self.modified:
            if self._autosaved is not None:
                recovery.remove(self.file.path)
            self.exit()
            return
        if len(self.screen_stack) > 1:
            self.bell()  # finish the open dialog first
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self._discarded = True
                recovery.remove(self.file.path)
                self.exit()

        self.push_screen(ConfirmScreen(f"{self.file.name} has unsaved changes. Discard them and quit?",
                                       yes="Discard and quit", no="Keep editing", title="Quit"), answer)


def create_app(path: str | Path | None = None, *, lang: str = "auto", platform: str = "generic",
               linter: Linter | None = None, recipient: Recipient | None = None,
               grammar: GrammarSettings | None = None,
               lint_delay: float = LINT_DELAY, autosave_interval: float = AUTOSAVE_INTERVAL) -> LintRequestApp:
    """Build the app for ``path`` (None: a new, unnamed draft; a missing file: a new file there).

    ``grammar``: LanguageTool settings (``linter.grammar.resolve_settings``); None or mode off: no grammar.
    Raises InputError when ``path`` cannot be read as a draft (a folder, a binary file, no permission).
    """
    file, text = files.load(Path(path)) if path is not None else (DraftFile(), "")
    return LintRequestApp(file, text, checker=Checker(linter, grammar), lang=lang, platform=platform,
                          recipient=recipient, lint_delay=lint_delay, autosave_interval=autosave_interval)
