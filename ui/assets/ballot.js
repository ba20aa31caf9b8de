// The participant's ballot: every open round, the last results and the waiting state, drawn
// from the data the page sends. User text reaches the page only through textContent.
// Sends back one value per action: "submit" {round, choices}, "room" (the room changed),
// "dismiss" (a notice was read), "goto" (open the vote section), "broken" (drawing failed here).

const drafts = new Map(); // round id -> {basis, choices}: what was picked but not yet sent
const announced = new Map(); // host -> the last text read out in its live region
const triggeredFor = new Map(); // signal url -> the file text that last asked for a redraw
const unsent = new Map(); // round id -> title: a round that closed on changes never sent
const lastRounds = new WeakMap(); // host -> the rounds (id -> title) of its last drawing
const lastCleanup = new WeakMap(); // host -> stops the timers of its last drawing (Streamlit calls
// the returned cleanup only on unmount, not before drawing new data)

// What draws each piece of a ballot: the round's method names its piece (core/methods/, `piece`).
// A piece draws each item (`item`) or each perspective (`group`); it may say how far the ballot is
// (`progress`), put something above the items (`before`) and stop a Submit (`blocked`).
const PIECES = {
  scale: { item: ratingItem },
  list: { item: gradientItem },
  fingers: { item: fingersItem },
  dots: { item: dotsItem, progress: dotsProgress },
  ranking: { group: rankingGroup, verb: "ranked" }, // its progress says "ranked", the others "answered"
  grid: { item: gridItem, progress: gridProgress, blocked: gridBlocked },
  split: { item: splitItem, progress: splitProgress, before: splitBudget, blocked: splitBlocked },
};

// --- a round's draft ----------------------------------------------------------------------

function draftFor(round) {
  const basis = JSON.stringify([round.mine, round.saved]);
  let draft = drafts.get(round.id);
  if (!draft || draft.basis !== basis) {
    draft = { basis, choices: { ...round.mine }, sending: false };
    drafts.set(round.id, draft);
  }
  return draft;
}

function answered(round, choices) {
  return round.items.filter((item) => {
    const value = choices[item.id];
    return value !== undefined && value !== null && value !== "" && value !== 0;
  }).length;
}

// --- a round ------------------------------------------------------------------------------

function countdown(round, stops) {
  if (round.seconds_left === null || round.seconds_left === undefined) return null;
  const end = performance.now() + round.seconds_left * 1000;
  const node = el("p", { className: "sw-timer", role: "timer", "aria-live": "off" });
  const tick = () => {
    const left = Math.max(0, Math.round((end - performance.now()) / 1000));
    node.textContent = left > 0 ? t("time_left", { time: clock(left) }) : t("time_up");
    node.classList.toggle("sw-urgent", left <= 60);
    return left;
  };
  tick();
  const timer = setInterval(() => { if (tick() <= 0) clearInterval(timer); }, 1000);
  stops.push(() => clearInterval(timer));
  return node;
}

function progress(round, choices) {
  const piece = PIECES[round.piece];
  if (piece.progress) return piece.progress(round, choices);
  return t(piece.verb || "answered", { n: answered(round, choices), total: round.items.length });
}

function roundSection(round, ctx) {
  const draft = draftFor(round);
  const rid = `r${round.id}`;
  // The answer to this session's Submit sits in the footer, in view where the button was pressed,
  // until the participant changes the ballot again; a ballot found in on arrival is said at the top.
  const status = round.status && round.status.text
    ? el("p", { className: `sw-status sw-status-${round.status.kind}`, role: round.status.kind === "error" ? "alert" : null },
      el("span", { "aria-hidden": "true", text: round.status.kind === "error" ? "⚠ " : "✓ " }),
      el("span", { text: round.status.text }))
    : null;
  const fresh = status && round.status.fresh && !draft.dirty;
  const section = el("section", { className: "sw-round", "aria-labelledby": `${rid}-title` },
    el("h2", { className: "sw-round-title", id: `${rid}-title`, text: round.title }),
    el("p", { className: "sw-how", text: round.how }),
    countdown(round, ctx.stops),
    status && !fresh ? status : null);
  const body = el("div", { className: "sw-items" });
  const piece = PIECES[round.piece];
  if (piece.group) {
    round.groups.forEach((name, index) => {
      const items = round.items.filter((i) => i.perspective === name);
      body.append(piece.group(round, { name, index }, items, draft, ctx));
    });
  } else {
    for (const item of round.items) body.append(piece.item(round, item, draft, ctx));
  }
  if (piece.before) section.append(piece.before(round, draft));
  section.append(body);
  const submit = el("button", {
    type: "button", className: "sw-submit", "data-key": `${rid}-submit`, "aria-describedby": `${rid}-progress`,
    text: t(draft.sending ? "sending" : "submit"), "aria-busy": draft.sending ? "true" : null,
    onclick: () => {
      if (draft.sending) return;
      const reason = piece.blocked ? piece.blocked(round, draft.choices) : "";
      if (reason) {
        draft.blocked = reason;
        ctx.refresh(`${rid}-submit`, reason);
        return;
      }
      const choices = {};
      for (const item of round.items) {
        const value = draft.choices[item.id];
        choices[item.id] = value === undefined || value === "" ? null : value;
      }
      draft.sending = true;
      ctx.refresh(`${rid}-submit`, t("sending_said"));
      ctx.send("submit", { round: round.id, choices });
    },
  });
  const blocked = draft.blocked
    ? el("p", { className: "sw-status sw-status-error" }, el("span", { "aria-hidden": "true", text: "⚠ " }),
      el("span", { text: draft.blocked }))
    : null;
  section.append(el("div", { className: "sw-footer" },
    blocked || (fresh ? status : null),
    el("p", { className: "sw-progress", id: `${rid}-progress`, text: progress(round, draft.choices) }),
    submit));
  return section;
}

// --- results ------------------------------------------------------------------------------

function resultCard(card) {
  const figures = el("dl", { className: "sw-figures" });
  for (const [label, value] of card.figures) {
    figures.append(el("div", {}, el("dt", { text: label }), el("dd", { text: value })));
  }
  const li = el("li", { className: "sw-card sw-result" },
    card.perspective ? el("p", { className: "sw-eyebrow", text: card.perspective }) : null,
    el("h3", { className: "sw-title", text: card.title }),
    card.verdict ? el("p", { className: `sw-verdict sw-verdict-${card.verdict_key}` },
      el("span", { className: "sw-verdict-mark", "aria-hidden": "true", text: card.mark }),
      el("span", { text: card.verdict })) : null,
    card.figures.length ? figures : null);
  if (card.note) li.append(el("p", { className: "sw-hint", text: card.note }));
  if (card.spread && card.spread.length) {
    const spread = el("ul", { className: "sw-spread", "aria-label": t("spread_label") });
    for (const [label, count] of card.spread) spread.append(el("li", { text: `${label}: ${count}` }));
    li.append(spread);
  }
  if (card.names && card.names.length) {
    const names = el("ul", { className: "sw-names", "aria-label": t("names_label") });
    for (const [name, value] of card.names) names.append(el("li", { text: `${name}: ${value}` }));
    li.append(el("p", { className: "sw-hint", text: t("names_hint") }), names);
  }
  return li;
}

function resultsSection(results) {
  const list = el("ul", { className: "sw-results" });
  for (const card of results.cards) list.append(resultCard(card));
  return el("section", { className: "sw-results-block", "aria-labelledby": `res-${results.id}` },
    el("h2", { className: "sw-round-title", id: `res-${results.id}`, text: results.heading }),
    results.caption ? el("p", { className: "sw-how", text: results.caption }) : null,
    results.rule ? el("p", { className: "sw-how sw-rule", text: results.rule }) : null,
    results.withheld ? el("p", { className: "sw-withheld-all", role: "status", text: results.withheld }) : null,
    results.withheld ? null : list);
}

// --- the whole ----------------------------------------------------------------------------

function build(data, ctx) {
  const parts = [];
  (data.notices || []).forEach((notice, index) => {
    parts.push(el("div", { className: `sw-notice sw-notice-${notice.kind}`, role: "alert" },
      el("p", {}, el("span", { "aria-hidden": "true", text: "⚠ " }), el("span", { text: notice.text })),
      el("button", { type: "button", className: "sw-plain", "data-key": `notice-ok-${index}`, text: t("ok"),
        onclick: () => ctx.send("dismiss", notice.key) })));
  });
  for (const [id, title] of unsent) {
    parts.push(el("div", { className: "sw-notice sw-notice-error", role: "alert" },
      el("p", {}, el("span", { "aria-hidden": "true", text: "⚠ " }),
        el("span", { text: t("unsent", { title }) })),
      el("button", { type: "button", className: "sw-plain", "data-key": `unsent-ok-${id}`, text: t("ok"),
        onclick: () => { unsent.delete(id); ctx.refresh("", ""); } })));
  }
  if (data.mode === "watch") {
    if (data.open_count) {
      parts.push(el("div", { className: "sw-notice sw-notice-info", role: "status" },
        el("p", { text: data.open_text }),
        el("button", { type: "button", className: "sw-plain", "data-key": "goto", text: t("goto"),
          onclick: () => ctx.send("goto", true) })));
    }
    return parts;
  }
  for (const round of data.rounds || []) parts.push(roundSection(round, ctx));
  if (!(data.rounds || []).length) {
    parts.push(el("div", { className: "sw-waiting", role: "status" },
      el("p", { className: "sw-waiting-title", text: t("waiting_title") }),
      el("p", { text: t("waiting_text") })));
  }
  for (const results of data.results || []) parts.push(resultsSection(results));
  return parts;
}

function watchRoom(signal, send) {
  if (!signal || !signal.url) return null;
  let stopped = false;
  let timer = null;
  const check = async () => {
    if (stopped) return;
    let text = "";
    try {
      const response = await fetch(signal.url, { cache: "no-store" });
      text = response.ok ? (await response.text()).trim() : "";
    } catch (error) {
      text = null; // offline for a moment: try again later
    }
    if (stopped) return;
    if (text !== null && text !== signal.seen && triggeredFor.get(signal.url) !== text) {
      triggeredFor.set(signal.url, text);
      send("room", text);
    }
    schedule();
  };
  const schedule = () => {
    timer = setTimeout(check, signal.every * 1000 * (0.8 + 0.4 * Math.random()));
  };
  const onVisible = () => { if (document.visibilityState === "visible") { clearTimeout(timer); check(); } };
  document.addEventListener("visibilitychange", onVisible);
  schedule();
  return () => { stopped = true; clearTimeout(timer); document.removeEventListener("visibilitychange", onVisible); };
}

export default function (component) {
  const { data, parentElement: host, setTriggerValue } = component;
  setWords(data.words, data.lang);
  const previous = lastCleanup.get(host);
  if (previous) previous();
  const loading = host.querySelector(".sw-loading");
  let root = host.querySelector(".sw-root");
  let live = host.querySelector(".sw-live");
  if (!root) {
    root = el("div", { className: "sw-root" });
    live = el("p", { className: "sw-live sw-sr", role: "status", "aria-live": "polite" });
    host.append(root, live);
  }
  root.lang = data.lang || "en";
  root.dir = data.dir || "ltr";
  if (data.mode !== "watch") { // a round gone from the page with changes not sent: say so here
    const now = new Set((data.rounds || []).map((r) => r.id));
    for (const [id, title] of lastRounds.get(host) || []) {
      const draft = drafts.get(id);
      if (!now.has(id) && draft && draft.dirty && !draft.sending) unsent.set(id, title); // (a send has its own answer)
      if (!now.has(id)) drafts.delete(id);
    }
    lastRounds.set(host, new Map((data.rounds || []).map((r) => [r.id, r.title])));
  }
  for (const round of data.rounds || []) {
    const draft = drafts.get(round.id);
    if (draft && draft.sending) { // new data: the last submit has been answered, shown by the button
      draft.sending = false;
      draft.dirty = false;
    }
  }
  const stops = [];
  const ctx = {
    root,
    stops,
    send: (name, value) => setTriggerValue(name, value),
    say: (text) => {
      live.textContent = "";
      setTimeout(() => { live.textContent = text; }, 50);
    },
    refresh: (focusKey, message) => {
      draw(focusKey);
      if (message) ctx.say(message);
    },
  };
  const draw = (focusKey) => {
    for (const stop of stops.splice(0)) stop();
    root.replaceChildren(...build(data, ctx));
    if (focusKey) {
      const target = root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
      if (target) target.focus();
    }
  };
  try {
    const active = host.activeElement && host.activeElement.getAttribute("data-key");
    draw(active);
    if (loading) loading.hidden = true;
    const spoken = (data.rounds || []).map((r) => (r.status && r.status.text) || "").join(" ").trim()
      || (data.notices || []).map((n) => n.text).join(" ");
    if (spoken && announced.get(host) !== spoken) ctx.say(spoken);
    announced.set(host, spoken);
  } catch (error) {
    while (root.firstChild) root.removeChild(root.firstChild);
    if (loading) {
      loading.hidden = false;
      loading.classList.add("sw-broken");
      const said = loading.querySelector(".sw-broken-only");
      if (said && WORDS.broken) said.textContent = WORDS.broken;
    }
    console.error("The ballot could not be drawn", error);
    setTriggerValue("broken", String((error && error.message) || error)); // the page switches to the form
  }
  const watcher = watchRoom(data.signal, ctx.send);
  const cleanup = () => {
    for (const stop of stops.splice(0)) stop();
    if (watcher) watcher();
  };
  lastCleanup.set(host, cleanup);
  return cleanup;
}
