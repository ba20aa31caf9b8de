// The ballot's cards for the two prioritising methods, loaded after ballot_items.js (same module):
// a priority grid (each item on two 1-5 scales, as two rows of five large radio buttons: one tap per
// scale, no dragging, works with a keyboard and a screen reader) and a 100-point split (steppers of
// 5 points and a number field that never let the total pass 100). User text only via textContent.

function placement(value) {
  return value && typeof value === "object" ? value : {};
}

function gridState(round, choices) {
  let placed = 0, skipped = 0, half = null;
  for (const item of round.items) {
    const value = choices[item.id];
    if (value === "skip") skipped += 1;
    const p = placement(value);
    const given = ["x", "y"].filter((a) => p[a] !== undefined && p[a] !== null && p[a] !== "");
    if (given.length === 2) placed += 1;
    else if (given.length === 1 && !half) half = { item, missing: given[0] === "x" ? "y" : "x" };
  }
  return { placed, skipped, half };
}

function gridProgress(round, choices) {
  const s = gridState(round, choices);
  let text = t("placed", { n: s.placed, total: round.items.length });
  if (s.skipped) text += ` · ${t("skipped_n", { n: s.skipped })}`;
  if (s.half) text += ` · ${t("needs_axis", { title: s.half.item.title, axis: round.axes[s.half.missing].name.toLowerCase() })}`;
  return text;
}

function gridItem(round, item, draft, ctx) {
  const key = `r${round.id}-i${item.id}`;
  const headId = `${key}-head`;
  const descId = item.description ? `${key}-desc` : null;
  const value = draft.choices[item.id];
  const skipped = value === "skip";
  const card = el("div", { className: `sw-card sw-grid-item${skipped ? " sw-skipped" : ""}`, role: "group", "aria-labelledby": headId, "aria-describedby": descId },
    itemHeading(item, "h3", headId), description(item, descId));
  for (const axis of ["y", "x"]) {
    const a = round.axes[axis];
    const name = `${key}-${axis}`;
    const set = el("fieldset", { className: "sw-axis sw-scale" },
      el("legend", { className: "sw-axis-name" },
        el("span", { className: "sw-axis-label", text: a.name }),
        el("span", { className: "sw-axis-q", text: a.question })));
    const options = el("div", { className: "sw-options" });
    for (let v = 1; v <= 5; v += 1) {
      const input = el("input", { type: "radio", name, value: String(v), "data-key": `${name}-${v}` });
      input.checked = !skipped && Number(placement(value)[axis]) === v;
      input.addEventListener("change", () => {
        draft.choices[item.id] = { ...placement(draft.choices[item.id]), [axis]: v };
        draft.dirty = true;
        draft.blocked = null;
        const other = placement(draft.choices[item.id])[axis === "x" ? "y" : "x"];
        ctx.refresh(`${name}-${v}`, other ? t("grid_said", {
          title: item.title, y_axis: round.axes.y.name, y: axis === "y" ? v : other, x_axis: round.axes.x.name, x: axis === "x" ? v : other,
        }) : "");
      });
      const hint = v === 1 ? a.low : v === 5 ? a.high : "";
      options.append(el("label", { className: "sw-opt" }, input,
        el("span", { className: "sw-opt-text" },
          el("span", { className: "sw-opt-main", text: String(v) }),
          hint ? el("span", { className: "sw-opt-hint", text: hint }) : null)));
    }
    set.append(options, el("p", { className: "sw-anchors", "aria-hidden": "true" },
      el("span", { text: `1 = ${a.low}` }), el("span", { text: `5 = ${a.high}` })));
    card.append(set);
  }
  card.append(el("button", {
    type: "button", className: "sw-plain sw-skip", "data-key": `${key}-skip`, "aria-pressed": skipped ? "true" : "false",
    text: t(skipped ? "skipped_toggle" : "skip_judge"),
    onclick: () => {
      draft.choices[item.id] = skipped ? null : "skip";
      draft.dirty = true;
      draft.blocked = null;
      ctx.refresh(`${key}-skip`, t(skipped ? "not_skipped" : "skipped_said", { title: item.title }));
    },
  }));
  return card;
}

function splitUsed(round, choices) {
  return round.items.reduce((sum, i) => sum + Number(choices[i.id] || 0), 0);
}

function splitProgress(round, choices) {
  const used = splitUsed(round, choices);
  const left = round.total - used;
  if (left < 0) return t("too_many", { used, total: round.total, over: -left }); // while a number is typed
  return left === 0 ? t("all_spread", { total: round.total }) : t("left_to_spread", { points: tn("points_n", left) });
}

function splitBudget(round, draft) {
  const left = round.total - splitUsed(round, draft.choices);
  return el("p", { className: `sw-budget${left === 0 ? " sw-budget-done" : ""}`, "aria-hidden": "true", "data-key": `r${round.id}-budget`,
    text: budgetText(round, left) });
}

function disabled(button, off) {
  if (off) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}

function budgetText(round, left) {
  return left === 0 ? `${t("all_spread", { total: round.total })} ✓` : t("budget_left", { left, total: round.total });
}

// A typed number changes the split where it stands: the field being typed in is never redrawn (a
// redraw put the focus back into the field just left, and the next number landed there), so the
// focus stays where the finger put it. The budget, the progress, the other fields' limits, the
// share bars and the steppers follow in place.
function splitSync(round, draft, ctx) {
  const left = round.total - splitUsed(round, draft.choices);
  const find = (key) => ctx.root.querySelector(`[data-key="${CSS.escape(key)}"]`);
  const budget = find(`r${round.id}-budget`);
  if (budget) {
    budget.textContent = budgetText(round, Math.max(0, left));
    budget.classList.toggle("sw-budget-done", left === 0);
  }
  const progressLine = ctx.root.querySelector(`#${CSS.escape(`r${round.id}-progress`)}`);
  if (progressLine) progressLine.textContent = splitProgress(round, draft.choices);
  for (const item of round.items) {
    const key = `r${round.id}-i${item.id}`;
    const mine = Number(draft.choices[item.id] || 0);
    const field = find(`${key}-points`);
    if (field) field.max = String(mine + Math.max(0, left));
    const bar = find(`${key}-share`);
    if (bar) bar.setAttribute("style", `width: ${Math.min(100, mine)}%`);
    const minus = find(`${key}-minus`);
    if (minus) disabled(minus, mine <= 0);
    const plus = find(`${key}-plus`);
    if (plus) disabled(plus, left <= 0);
  }
  // the footer's old answer (a refusal, or "your votes are in") no longer describes this ballot
  const footer = progressLine && progressLine.closest(".sw-footer");
  if (footer) for (const old of footer.querySelectorAll(".sw-status")) old.remove();
}

function splitItem(round, item, draft, ctx) {
  const key = `r${round.id}-i${item.id}`;
  const headId = `${key}-head`;
  const descId = item.description ? `${key}-desc` : null;
  const mine = Number(draft.choices[item.id] || 0);
  const left = round.total - splitUsed(round, draft.choices);
  const setTo = (wanted, focusKey) => {
    const now = Number(draft.choices[item.id] || 0);
    const room = round.total - splitUsed(round, draft.choices) + now;
    const n = Math.max(0, Math.min(room, Math.round(Number(wanted) || 0)));
    draft.choices[item.id] = n;
    draft.dirty = true;
    draft.blocked = null;
    const after = round.total - splitUsed(round, draft.choices);
    const capped = Number(wanted) > room ? ` ${tn("only_left", room)}` : "";
    ctx.refresh(focusKey, t("split_said", { points: tn("points_n", n), title: item.title, capped, left: tn("points_n", after) }));
  };
  const step = (delta) => () => {
    if (delta > 0 && round.total - splitUsed(round, draft.choices) <= 0) {
      return ctx.say(t("no_points_left"));
    }
    if (delta < 0 && Number(draft.choices[item.id] || 0) <= 0) return ctx.say(t("no_points_back", { title: item.title }));
    return setTo(Number(draft.choices[item.id] || 0) + delta, `${key}-${delta > 0 ? "plus" : "minus"}`);
  };
  const field = el("input", {
    type: "number", className: "sw-points", inputmode: "numeric", min: "0", max: String(mine + left), step: "1",
    value: String(mine), "data-key": `${key}-points`, "aria-label": t("points_for", { title: item.title }),
  });
  const typed = () => { // while typing: the draft follows, nothing is redrawn
    draft.choices[item.id] = Math.max(0, Math.round(Number(field.value) || 0));
    draft.dirty = true;
    draft.blocked = null;
    splitSync(round, draft, ctx);
  };
  field.addEventListener("input", typed);
  field.addEventListener("change", () => { // leaving the field (or Enter): cap it, say it, still no redraw
    const wanted = field.value;
    draft.choices[item.id] = 0;
    const room = round.total - splitUsed(round, draft.choices);
    const n = Math.max(0, Math.min(room, Math.round(Number(wanted) || 0)));
    draft.choices[item.id] = n;
    if (field.value !== String(n)) field.value = String(n);
    typed();
    const capped = Number(wanted) > room ? ` ${tn("only_left", room)}` : "";
    ctx.say(t("split_said", { points: tn("points_n", n), title: item.title, capped, left: tn("points_n", room - n) }));
  });
  const share = el("div", { className: "sw-share", "aria-hidden": "true" }, el("div", { "data-key": `${key}-share` }));
  share.firstChild.setAttribute("style", `width: ${Math.min(100, mine)}%`);
  return el("div", { className: "sw-card", role: "group", "aria-labelledby": headId, "aria-describedby": descId },
    itemHeading(item, "h3", headId),
    description(item, descId),
    el("div", { className: "sw-stepper" },
      el("button", { type: "button", className: "sw-step", "data-key": `${key}-minus`, "aria-disabled": mine <= 0 ? "true" : null,
        "aria-label": tn("take_points", round.step, { title: item.title }), text: "−", onclick: step(-round.step) }),
      el("label", { className: "sw-count" }, field, el("span", { className: "sw-points-unit", text: t("points_unit") })),
      el("button", { type: "button", className: "sw-step", "data-key": `${key}-plus`, "aria-disabled": left <= 0 ? "true" : null,
        "aria-label": tn("give_points", round.step, { title: item.title }), text: "+", onclick: step(round.step) })),
    share);
}

// What stops a Submit in the browser (the server refuses it anyway, with the same words).
function splitBlocked(round, choices) {
  const used = splitUsed(round, choices);
  if (used < round.total) return t("spread_first", { total: round.total, left: tn("still_left", round.total - used) });
  if (used > round.total) return t("too_many", { used, total: round.total, over: used - round.total });
  return "";
}

function gridBlocked(round, choices) {
  const half = gridState(round, choices).half;
  return half ? t("grid_blocked", { title: half.item.title, axis: round.axes[half.missing].name.toLowerCase() }) : "";
}
