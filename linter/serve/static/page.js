// The drafting page of `lint-request serve`: lints the draft as you type through
// POST /api/lint, underlines the findings in a mirror behind the textarea, and keeps
// draft and fields in this browser's localStorage. Offsets from the server are
// JavaScript string offsets (UTF-16 code units), so they index `value` directly.
"use strict";

(() => {
  const DEBOUNCE_MS = 40;
  const STORE = "lint-request.page.v1";
  const FIELDS = ["lang", "platform", "r-name", "r-company", "r-met", "r-offer"];
  const PARTS = ["greeting", "connection", "reason", "offer", "ask", "courtesy", "signoff"];
  const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

  const TEXT = {
    en: {
      "title": "lint-request: draft a contact request",
      "privacy": "Your draft stays on this computer: it goes only to the lint-request server you started, and this browser keeps it (with the fields below) in its local storage so that it survives a reload. “Clear” removes it.",
      "write": "Your draft", "language": "Language of the draft", "lang-auto": "Detect", "lang-de": "German",
      "lang-en": "English", "platform": "Platform",
      "recipient": "Recipient (optional; used by the checks and by Suggest)",
      "r-name": "Name", "r-name-hint": "e.g. Ms Anna Berger", "r-company": "Company", "r-company-hint": "e.g. Stadtwerke Bonn",
      "r-met": "How you met", "r-met-hint": "e.g. at the Barcamp Cologne in March", "r-offer": "What you offer",
      "r-offer-hint": "e.g. our test results", "draft": "Draft",
      "suggest": "Suggest an outline", "copy": "Copy draft", "clear": "Clear draft and fields",
      "outline": "Suggested outline", "outline-hint": "Fill every highlighted [gap] with what only you know.",
      "use-outline": "Put the outline into the editor", "close": "Close", "results": "Check", "score": "Score",
      "anatomy": "Parts of a good request", "findings": "Findings",
      "keys": "Tab moves between controls; Enter on a finding selects its words in the draft; Ctrl+Z undoes “Put the outline into the editor”.",
      "error": "error", "warning": "warning", "info": "info", "instead": "Instead:", "why-summary": "Why it hurts",
      "whole": "the draft as a whole", "none": "No findings.", "count": (n) => `(${n})`,
      "characters": "characters", "words": "words", "over": (n, unit) => ` — ${n} ${unit} too many`,
      "copied": "Draft copied to the clipboard.", "copy-failed": "Copying failed: select the text and press Ctrl+C.",
      "cleared": "Draft and fields cleared.", "confirm-clear": "Delete the draft and the recipient fields from this page and from this browser's storage?",
      "offline": "The lint-request server does not answer; your draft is kept in this browser.",
      "refused": "The server refused the draft:",
      "grammar-on": "Grammar and spelling: checked by LanguageTool (rule ids LT:…).",
      "grammar-off": "Grammar and spelling: not checked this time —",
      "inserted": "Outline in the editor; the first gap is selected.",
      "score-change": (a, b) => `Score ${a} → ${b} once every gap is filled.`,
      "removed": (text, rules) => `Removed: “${text}” (${rules})`,
      "part": { greeting: "Greeting with name", connection: "How you know each other", reason: "Why you write now",
        offer: "What you offer", ask: "A concrete ask", courtesy: "Please / thanks", signoff: "Sign-off" },
      "present": "present", "absent": "missing",
      "platforms": { generic: "Generic", linkedin: "LinkedIn", "linkedin-free": "LinkedIn free", xing: "XING", email: "E-mail" },
    },
    de: {
      "title": "lint-request: Kontaktanfrage entwerfen",
      "privacy": "Ihr Entwurf bleibt auf diesem Rechner: Er geht nur an den lint-request-Server, den Sie gestartet haben, und dieser Browser speichert ihn (mit den Feldern unten) im lokalen Speicher, damit er ein Neuladen übersteht. „Leeren“ löscht ihn.",
      "write": "Ihr Entwurf", "language": "Sprache des Entwurfs", "lang-auto": "Erkennen", "lang-de": "Deutsch",
      "lang-en": "Englisch", "platform": "Plattform",
      "recipient": "Empfänger (optional; für die Prüfungen und den Vorschlag)",
      "r-name": "Name", "r-name-hint": "z. B. Frau Anna Berger", "r-company": "Firma", "r-company-hint": "z. B. Stadtwerke Bonn",
      "r-met": "Woher Sie sich kennen", "r-met-hint": "z. B. Barcamp Köln im März", "r-offer": "Was Sie anbieten",
      "r-offer-hint": "z. B. unsere Testergebnisse", "draft": "Entwurf",
      "suggest": "Gliederung vorschlagen", "copy": "Entwurf kopieren", "clear": "Entwurf und Felder leeren",
      "outline": "Vorgeschlagene Gliederung", "outline-hint": "Füllen Sie jede markierte [Lücke] mit dem, was nur Sie wissen.",
      "use-outline": "Gliederung in den Editor übernehmen", "close": "Schließen", "results": "Prüfung", "score": "Punkte",
      "anatomy": "Teile einer guten Anfrage", "findings": "Befunde",
      "keys": "Tab wechselt zwischen den Bedienelementen; Enter auf einem Befund markiert seine Wörter im Entwurf; Strg+Z macht „Gliederung übernehmen“ rückgängig.",
      "error": "Fehler", "warning": "Warnung", "info": "Hinweis", "instead": "Stattdessen:", "why-summary": "Warum das schadet",
      "whole": "der Entwurf als Ganzes", "none": "Keine Befunde.", "count": (n) => `(${n})`,
      "characters": "Zeichen", "words": "Wörter", "over": (n, unit) => ` — ${n} ${unit} zu viel`,
      "copied": "Entwurf in die Zwischenablage kopiert.", "copy-failed": "Kopieren fehlgeschlagen: Text markieren und Strg+C drücken.",
      "cleared": "Entwurf und Felder geleert.", "confirm-clear": "Entwurf und Empfängerfelder von dieser Seite und aus dem Speicher dieses Browsers löschen?",
      "offline": "Der lint-request-Server antwortet nicht; Ihr Entwurf bleibt in diesem Browser gespeichert.",
      "refused": "Der Server hat den Entwurf abgelehnt:",
      "grammar-on": "Grammatik und Rechtschreibung: von LanguageTool geprüft (Regel-IDs LT:…).",
      "grammar-off": "Grammatik und Rechtschreibung: diesmal nicht geprüft —",
      "inserted": "Gliederung im Editor; die erste Lücke ist markiert.",
      "score-change": (a, b) => `Punkte ${a} → ${b}, sobald jede Lücke gefüllt ist.`,
      "removed": (text, rules) => `Entfernt: „${text}“ (${rules})`,
      "part": { greeting: "Anrede mit Namen", connection: "Woher Sie sich kennen", reason: "Warum Sie jetzt schreiben",
        offer: "Was Sie anbieten", ask: "Eine konkrete Frage", courtesy: "Bitte / Danke", signoff: "Gruß und Name" },
      "present": "vorhanden", "absent": "fehlt",
      "platforms": { generic: "Allgemein", linkedin: "LinkedIn", "linkedin-free": "LinkedIn kostenlos", xing: "XING", email: "E-Mail" },
    },
  };
  const UI = (navigator.language || "en").toLowerCase().startsWith("de") ? "de" : "en";
  const t = (key) => TEXT[UI][key];

  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const backdrop = $("backdrop");
  const state = {
    findings: [],      // the findings shown, offsets adjusted to edits made since they came
    shownText: "",     // the text the marks refer to
    timer: 0,
    requested: 0,
    applied: 0,
    lastInput: performance.now(),
    outline: null,
    restored: new Set(),  // the fields the stored state set
    grammar: false,       // the server has a LanguageTool: a second request merges its findings
  };
  // Figures for the browser test and the benchmark: when the last findings were painted.
  // (performance.now() counts from the start of the page's navigation.)
  const stats = { renders: 0, lastLatency: null, lastText: null, firstRenderAt: null, suggests: 0 };
  window.lintRequestPage = stats;

  function translate() {
    document.documentElement.lang = UI;
    document.title = t("title");
    for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  }

  // ---- storage -------------------------------------------------------------------------

  function save() {
    const data = { text: draft.value };
    for (const id of FIELDS) data[id] = $(id).value;
    try { localStorage.setItem(STORE, JSON.stringify(data)); } catch (e) { /* storage off: the page still works */ }
  }

  function restore() {
    let data = null;
    try { data = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { data = null; }
    if (!data || typeof data !== "object") return;
    if (typeof data.text === "string") draft.value = data.text;
    for (const id of FIELDS) {
      if (typeof data[id] !== "string") continue;
      const el = $(id);
      if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === data[id])) continue;
      el.value = data[id];
      state.restored.add(id);
    }
  }

  // ---- talking to the server --------------------------------------------------------------

  function payload() {
    return {
      text: draft.value,
      lang: $("lang").value,
      platform: $("platform").value,
      recipient: { name: $("r-name").value, company: $("r-company").value, met: $("r-met").value, offer: $("r-offer").value },
    };
  }

  async function post(path, body) {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok || !data) throw new Error((data && data.error) || `HTTP ${response.status}`);
    return data;
  }

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(lint, DEBOUNCE_MS);
  }

  async function lint() {
    const seq = ++state.requested;
    const inputAt = state.lastInput;
    const body = payload();
    let data;
    try {
      data = await post("/api/lint", body);
    } catch (e) {
      failed(e);
      return;
    }
    // An answer for an older text than the one on screen waits for its successor.
    if (seq < state.applied || body.text !== draft.value) return;
    state.applied = seq;
    if (state.failing) { state.failing = false; status(""); }
    const answered = performance.now();
    if (state.grammar) keepGrammar(data);
    render(data, body.text);
    stats.answerAt = answered;
    stats.renderMs = performance.now() - answered;
    if (state.grammar) grammarLint(body);
    // After the next frame is painted (a task queued from its animation frame runs after the paint).
    requestAnimationFrame(() => setTimeout(() => {
      stats.renders += 1;
      if (stats.firstRenderAt === null) stats.firstRenderAt = performance.now();
      stats.lastLatency = performance.now() - inputAt;
      stats.lastText = body.text;
    }, 0));
  }

  // Until LanguageTool answers for the new text, its findings on words that were not edited stay.
  function keepGrammar(data) {
    const taken = new Set(data.findings.map((f) => `${f.start}:${f.end}`));
    const kept = state.findings.filter((f) => f.source === "languagetool" && f.end > f.start && f.start >= 0
      && !taken.has(`${f.start}:${f.end}`));
    if (!kept.length) return;
    data.findings = data.findings.concat(kept.map(({ index, ...f }) => f))
      .sort((a, b) => a.start - b.start || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  }

  // The rules answer at once; LanguageTool's findings follow for the same text, if it is still the same.
  async function grammarLint(body) {
    const seq = ++state.requested;
    let data;
    try {
      data = await post("/api/lint", { ...body, grammar: true });
    } catch (e) {
      return;  // the rules' findings stay on screen
    }
    if (seq < state.applied || body.text !== draft.value) return;
    state.applied = seq;
    render(data, body.text);
    const note = $("grammar-note");
    note.textContent = data.grammar.checked ? t("grammar-on") : `${t("grammar-off")} ${data.grammar.warning}`;
    note.hidden = false;
  }

  // ---- rendering ---------------------------------------------------------------------------

  function render(data, text) {
    draft.lang = data.lang;  // the browser's own spell check follows the draft's language
    state.findings = data.findings.map((f, index) => ({ ...f, index }));
    state.shownText = text;
    paintMarks();
    paintList(data.findings);
    paintAnatomy(data.anatomy);
    paintScore(data.score);
    paintCounter(data.counter);
  }

  // Marks nest: a finding inside another finding's words becomes a child mark, and one that
  // crosses another's border is cut there, so every mark's text is a piece of its finding's words.
  function markTree(findings, length) {
    const root = { start: 0, end: length, children: [] };
    const pieces = findings
      .filter((f) => f.end > f.start && f.start >= 0 && f.end <= length)
      .map((f) => ({ start: f.start, end: f.end, finding: f, children: [] }))
      .sort((a, b) => a.start - b.start || b.end - a.end
        || SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity]);
    for (const piece of pieces) insert(root, piece);
    return root;
  }

  function insert(node, piece) {
    for (const child of node.children) {
      if (child.end <= piece.start || piece.end <= child.start) continue;
      if (child.start <= piece.start && piece.end <= child.end) { insert(child, piece); return; }
      if (piece.start <= child.start && child.end <= piece.end) continue;
      const cut = piece.start < child.start ? child.start : child.end;
      insert(node, { ...piece, end: cut, children: [] });
      insert(node, { ...piece, start: cut, children: [] });
      return;
    }
    const inside = node.children.filter((c) => piece.start <= c.start && c.end <= piece.end);
    piece.children = inside;
    node.children = node.children.filter((c) => !inside.includes(c)).concat(piece).sort((a, b) => a.start - b.start);
  }

  function emit(node, parent, text) {
    let cursor = node.start;
    for (const child of node.children) {
      if (child.start > cursor) parent.append(text.slice(cursor, child.start));
      const mark = document.createElement("mark");
      mark.className = child.finding.severity;
      mark.dataset.finding = String(child.finding.index);
      mark.dataset.rule = child.finding.rule;
      emit(child, mark, text);
      parent.append(mark);
      cursor = child.end;
    }
    if (node.end > cursor) parent.append(text.slice(cursor, node.end));
  }

  function paintMarks() {
    const text = draft.value;
    const fragment = document.createDocumentFragment();
    emit(markTree(state.findings, text.length), fragment, text);
    backdrop.replaceChildren(fragment);
  }

  // While a new answer is on its way, marks follow the edit: those after it move, those it touches go.
  function shiftMarks(before, after) {
    let head = 0;
    const shortest = Math.min(before.length, after.length);
    while (head < shortest && before.charCodeAt(head) === after.charCodeAt(head)) head++;
    let tail = 0;
    while (tail < shortest - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
    const delta = after.length - before.length;
    const editEnd = before.length - tail;
    for (const f of state.findings) {
      if (f.end <= f.start || f.end <= head) continue;  // whole-draft findings and marks before the edit stay
      if (f.start >= editEnd) { f.start += delta; f.end += delta; continue; }
      f.start = f.end = -1;  // the edit touched its words: gone until the answer comes
    }
    state.shownText = after;
    paintMarks();
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function paintList(findings) {
    const list = $("findings");
    list.replaceChildren();
    $("lint-status").textContent = t("count")(findings.length);
    if (!findings.length) {
      list.append(el("li", "empty", t("none")));
      return;
    }
    // The worst first, then in reading order; `index` stays the finding's place in the answer.
    const order = findings.map((f, index) => index)
      .sort((a, b) => SEVERITY_RANK[findings[b].severity] - SEVERITY_RANK[findings[a].severity] || a - b);
    for (const index of order) {
      const f = findings[index];
      const item = el("li", f.severity);
      item.dataset.rule = f.rule;
      const button = el("button", "select");
      button.type = "button";
      button.dataset.finding = String(index);
      button.append(el("span", `badge ${f.severity}`, t(f.severity)), el("span", "message", f.message));
      const words = f.end > f.start ? state.shownText.slice(f.start, f.end) : "";
      if (!words || !f.message.includes(words)) {
        button.append(" ", el("span", "quote", words ? quoted(words) : `(${t("whole")})`));
      }
      button.append(" ", el("span", "rule", f.rule));
      button.addEventListener("click", () => selectFinding(index));
      item.append(button);
      if (f.suggestion) {
        const p = el("p", "suggestion");
        p.append(el("span", "label", t("instead") + " "), f.suggestion);
        item.append(p);
      }
      if (f.why) {
        const details = el("details", "why");
        details.append(el("summary", "", t("why-summary")), el("p", "", f.why));
        item.append(details);
      }
      list.append(item);
    }
  }

  function quoted(words) {
    const short = words.length > 60 ? `${words.slice(0, 57)}…` : words;
    return UI === "de" ? `„${short}“` : `“${short}”`;
  }

  function selectFinding(index) {
    const f = state.findings[index];
    for (const mark of backdrop.querySelectorAll("mark.active")) mark.classList.remove("active");
    draft.focus();
    if (!f || f.start < 0) return;
    if (f.end > f.start) {
      draft.setSelectionRange(f.start, f.end);
      const marks = backdrop.querySelectorAll(`mark[data-finding="${index}"]`);
      for (const mark of marks) mark.classList.add("active");
      if (marks.length) marks[0].scrollIntoView({ block: "nearest" });
    } else {
      draft.setSelectionRange(f.start, f.start);
    }
  }

  function paintAnatomy(anatomy) {
    const list = $("anatomy");
    list.replaceChildren();
    for (const { part, present } of anatomy) {
      const item = el("li", present ? "present" : "absent");
      item.dataset.part = part;
      item.append(el("span", "mark", present ? "✓" : "✗"), t("part")[part] || part,
        el("span", "visually-hidden", `: ${t(present ? "present" : "absent")}`));
      list.append(item);
    }
  }

  function paintScore(score) {
    $("score").textContent = String(score);
    const bar = $("score-bar");
    bar.firstElementChild.style.width = `${score}%`;
    bar.className = `score-bar ${score < 50 ? "low" : score < 80 ? "mid" : ""}`;
  }

  function paintCounter(counter) {
    const out = $("counter");
    const unit = t(counter.unit);
    out.textContent = counter.limit == null ? `${counter.value} ${unit}`
      : `${counter.value} / ${counter.limit} ${unit}` + (counter.over ? t("over")(counter.value - counter.limit, unit) : "");
    out.classList.toggle("over", Boolean(counter.over));
    out.dataset.limit = counter.limit == null ? "" : String(counter.limit);
    out.dataset.value = String(counter.value);
  }

  // A server that is gone, or one that refused the request (its one-line reason is shown).
  function failed(error) {
    state.failing = true;
    status(error instanceof TypeError ? t("offline") : `${t("refused")} ${error.message}`, true);
  }

  function fit() {
    draft.style.height = "auto";
    draft.style.height = `${draft.scrollHeight}px`;
  }

  function status(message, keep) {
    const out = $("status");
    out.textContent = message;
    clearTimeout(status.timer);
    if (!keep) status.timer = setTimeout(() => { out.textContent = ""; }, 5000);
  }

  // ---- platforms -----------------------------------------------------------------------------

  async function labelPlatforms() {
    let limits = [];
    try {
      const response = await fetch(`/api/platforms?lang=${UI}`);
      if (response.ok) {
        const data = await response.json();
        limits = data.platforms;
        if (data.grammar && !state.grammar) {
          state.grammar = true;
          schedule();
        }
        // The server's --platform is the choice until the user makes one.
        if (!state.restored.has("platform") && data.default !== $("platform").value) {
          $("platform").value = data.default;
          changed();
        }
      }
    } catch (e) { /* labels without limits */ }
    for (const option of $("platform").options) {
      const limit = limits.find((p) => p.id === option.value);
      const name = t("platforms")[option.value] || option.value;
      option.textContent = limit && limit.limit ? `${name} (${limit.limit} ${t(limit.unit)})` : name;
    }
  }

  // ---- actions ---------------------------------------------------------------------------------

  async function copyDraft() {
    try {
      await navigator.clipboard.writeText(draft.value);
      status(t("copied"));
    } catch (e) {
      draft.focus();
      draft.select();
      status(document.execCommand("copy") ? t("copied") : t("copy-failed"));
    }
  }

  function clearAll() {
    if (!window.confirm(t("confirm-clear"))) return;
    draft.value = "";
    for (const id of ["r-name", "r-company", "r-met", "r-offer"]) $(id).value = "";
    $("lang").value = "auto";
    $("platform").value = "generic";
    try { localStorage.removeItem(STORE); } catch (e) { /* nothing stored */ }
    $("outline-panel").hidden = true;
    fit();
    shiftMarks(state.shownText, "");
    schedule();  // not save(): nothing is stored until the next edit
    status(t("cleared"));
    draft.focus();
  }

  async function suggestOutline() {
    let data;
    try {
      data = await post("/api/suggest", payload());
    } catch (e) {
      failed(e);
      return;
    }
    state.outline = data;
    const box = $("outline");
    box.replaceChildren();
    let cursor = 0;
    for (const gap of data.gaps) {
      box.append(data.outline.slice(cursor, gap.start), el("mark", "gap", data.outline.slice(gap.start, gap.end)));
      cursor = gap.end;
    }
    box.append(data.outline.slice(cursor));
    $("outline-score").textContent = t("score-change")(data.score_before, data.score_after);
    const removed = $("outline-removed");
    removed.replaceChildren(...data.removed.map((r) => el("li", "", t("removed")(r.text, r.rules.join(", ")))));
    $("outline-panel").hidden = false;
    stats.suggests += 1;
    box.focus();
  }

  function useOutline() {
    if (!state.outline) return;
    const outline = state.outline.outline;
    draft.focus();
    draft.select();
    // insertText keeps the browser's undo history, so Ctrl+Z brings the old draft back.
    if (!document.execCommand("insertText", false, outline)) {
      draft.value = outline;
      draft.dispatchEvent(new Event("input"));
    }
    const gap = state.outline.gaps[0];
    if (gap) draft.setSelectionRange(gap.start, gap.end);
    status(t("inserted"));
  }

  // ---- wiring -------------------------------------------------------------------------------------

  function changed() {
    state.lastInput = performance.now();
    save();
    schedule();
  }

  draft.addEventListener("input", (event) => {
    state.lastInput = event.timeStamp || performance.now();
    shiftMarks(state.shownText, draft.value);
    fit();
    save();
    schedule();
  });
  for (const id of FIELDS) $(id).addEventListener(id.startsWith("r-") ? "input" : "change", changed);
  $("copy").addEventListener("click", copyDraft);
  $("clear").addEventListener("click", clearAll);
  $("suggest").addEventListener("click", suggestOutline);
  $("use-outline").addEventListener("click", useOutline);
  $("close-outline").addEventListener("click", () => { $("outline-panel").hidden = true; $("suggest").focus(); });
  window.addEventListener("resize", fit);

  translate();
  restore();
  state.shownText = draft.value;
  fit();
  labelPlatforms();
  lint();
})();
