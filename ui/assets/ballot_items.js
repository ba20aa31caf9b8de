// The ballot's pieces: building elements (user text only through textContent) and the item
// cards of each method. Loaded before ballot.js, as one module (ui/ballot_component.py).

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") {
      node.textContent = value;
      if (!props.dir) node.dir = "auto"; // each text reads in its own direction (an English title on an Arabic page)
    }
    else if (name === "className") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// The ballot's words come from the page, in the participant's language (ui/ballot_text.py):
// `t` fills a message's {names}, `tn` picks a counted message's form for n by the language's rules.
let WORDS = {};
let PLURALS = new Intl.PluralRules("en");

function setWords(words, lang) {
  WORDS = words || {};
  try { PLURALS = new Intl.PluralRules(lang || "en"); } catch (error) { PLURALS = new Intl.PluralRules("en"); }
}

function fill(text, vars) {
  return String(text).replace(/\{(\w+)\}/g, (whole, name) => (vars && name in vars ? String(vars[name]) : whole));
}

function t(key, vars) {
  return fill(WORDS[key] === undefined ? key : WORDS[key], vars);
}

function tn(key, n, vars) {
  const forms = WORDS[key] || {};
  return fill(forms[PLURALS.select(n)] || forms.other || key, { n, ...vars });
}

function clock(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m >= 60 ? t("clock_hours", { h: Math.floor(m / 60), m: String(m % 60).padStart(2, "0") }) : `${m}:${String(s).padStart(2, "0")}`;
}

// --- the pieces of a card -----------------------------------------------------------------

function itemHeading(item, tag, id) {
  return el(tag, { className: "sw-item-head", id },
    item.perspective ? el("span", { className: "sw-eyebrow", text: item.perspective }) : null,
    item.perspective ? el("span", { className: "sw-sr", text: ": " }) : null,
    el("span", { className: "sw-title", text: item.title }));
}

function description(item, id) {
  return item.description ? el("p", { className: "sw-desc", id, text: item.description }) : null;
}

function radioGroup(round, item, draft, options, layout, ctx) {
  const name = `r${round.id}-i${item.id}`;
  const descId = item.description ? `${name}-desc` : null;
  const fieldset = el("fieldset", { className: `sw-card sw-${layout}`, "aria-describedby": descId });
  fieldset.append(itemHeading(item, "legend", null));
  if (item.description) fieldset.append(description(item, descId));
  let list = el("div", { className: "sw-options" });
  fieldset.append(list);
  for (const option of options) {
    const input = el("input", {
      type: "radio", name, value: option.value, "data-key": `${name}-${option.value}`,
    });
    input.checked = String(draft.choices[item.id] ?? "") === String(option.value);
    input.addEventListener("change", () => {
      draft.choices[item.id] = option.value;
      draft.dirty = true;
      ctx.refresh(`${name}-${option.value}`);
    });
    if (option.apart) { // e.g. "Skip" below a 1-5 scale and its end words
      if (round.anchors) {
        fieldset.append(el("p", { className: "sw-anchors", "aria-hidden": "true" },
          el("span", { text: round.anchors[0] }), el("span", { text: round.anchors[1] })));
      }
      list = el("div", { className: "sw-options sw-apart" });
      fieldset.append(list);
    }
    list.append(el("label", { className: option.side ? `sw-opt sw-opt-${option.side}` : "sw-opt" },
      input,
      el("span", { className: "sw-opt-text" },
        el("span", { className: "sw-opt-main", text: option.label }),
        option.hint ? el("span", { className: "sw-opt-hint", text: option.hint }) : null,
        option.group ? el("span", { className: `sw-tag sw-tag-${option.side || "none"}`, text: option.group }) : null)));
  }
  return fieldset;
}

function ratingItem(round, item, draft, ctx) {
  const scale = round.scale_labels.map((label, index) => ({
    value: String(index + 1), label: String(index + 1), hint: label,
  }));
  const card = radioGroup(round, item, draft, [...scale, { value: "skip", label: t("skip_item"), hint: "", apart: true }],
    "scale", ctx);
  return card;
}

function gradientItem(round, item, draft, ctx) {
  return radioGroup(round, item, draft, round.options, "list", ctx);
}

// Fist to five: six big answers, 0 (a fist: a block) to 5, each with its number and its words, in two
// rows of three; the side an answer counts on (concern, neutral, support) tints its edge.
function fingersItem(round, item, draft, ctx) {
  return radioGroup(round, item, draft, round.options, "fingers", ctx);
}

function dotsProgress(round, choices) {
  const used = round.items.reduce((sum, i) => sum + Number(choices[i.id] || 0), 0);
  const left = round.dots_total - used;
  return t("dots_progress", { left: tn("dots_n", left), total: round.dots_total, answered: answered(round, choices), items: tn("items_n", round.items.length) });
}

function dotsItem(round, item, draft, ctx) {
  const key = `r${round.id}-i${item.id}`;
  const mine = Number(draft.choices[item.id] || 0);
  const used = round.items.reduce((sum, i) => sum + Number(draft.choices[i.id] || 0), 0);
  const left = round.dots_total - used;
  const headId = `${key}-head`;
  const descId = item.description ? `${key}-desc` : null;
  const step = (delta) => () => {
    const now = Number(draft.choices[item.id] || 0);
    const total = round.items.reduce((sum, i) => sum + Number(draft.choices[i.id] || 0), 0);
    if (delta > 0 && total >= round.dots_total) return ctx.say(t("no_dots_left"));
    if (delta > 0 && now >= round.dots_per_item) return ctx.say(t("dots_at_most", { dots: tn("dots_n", round.dots_per_item) }));
    if (delta < 0 && now <= 0) return ctx.say(t("no_dot_back"));
    draft.choices[item.id] = now + delta;
    draft.dirty = true;
    const after = round.dots_total - total - delta;
    ctx.refresh(`${key}-${delta > 0 ? "plus" : "minus"}`,
      t("dots_said", { dots: tn("dots_n", now + delta), title: item.title, left: tn("dots_n", after) }));
  };
  const full = left <= 0 || mine >= round.dots_per_item;
  return el("div", { className: "sw-card", role: "group", "aria-labelledby": headId, "aria-describedby": descId },
    itemHeading(item, "h3", headId),
    description(item, descId),
    el("div", { className: "sw-stepper" },
      el("button", {
        type: "button", className: "sw-step", "data-key": `${key}-minus`, "aria-disabled": mine <= 0 ? "true" : null,
        "aria-label": t("dot_minus", { title: item.title }), onclick: step(-1), text: "−",
      }),
      el("span", { className: "sw-count", text: tn("dots_n", mine) },
        el("span", { className: "sw-pips", "aria-hidden": "true", text: "●".repeat(mine) + "○".repeat(Math.max(0, round.dots_per_item - mine)) })),
      el("button", {
        type: "button", className: "sw-step", "data-key": `${key}-plus`, "aria-disabled": full ? "true" : null,
        "aria-label": t("dot_plus", { title: item.title }), onclick: step(1), text: "+",
      })));
}

function rankingGroup(round, group, items, draft, ctx) {
  const ranked = items.filter((i) => draft.choices[i.id]).sort((a, b) => draft.choices[a.id] - draft.choices[b.id]);
  const unranked = items.filter((i) => !draft.choices[i.id]);
  const renumber = (order) => {
    draft.dirty = true;
    for (const item of items) draft.choices[item.id] = null;
    order.forEach((item, index) => { draft.choices[item.id] = index + 1; });
  };
  const gid = `r${round.id}-g${group.index}`;
  const section = el("div", { className: "sw-card sw-rank", role: "group", "aria-labelledby": `${gid}-head` },
    el("h3", { className: "sw-item-head", id: `${gid}-head` },
      el("span", { className: "sw-title", text: group.name || t("items") }),
      el("span", { className: "sw-rank-count", text: ` · ${t("ranked", { n: ranked.length, total: items.length })}` })));
  if (ranked.length) {
    const list = el("ol", { className: "sw-ranked", "aria-label": t("order_in", { group: group.name || t("this_group") }) });
    ranked.forEach((item, index) => {
      const key = `r${round.id}-i${item.id}`;
      const move = (delta) => () => {
        const order = [...ranked];
        const to = index + delta;
        if (to < 0 || to >= order.length) return ctx.say(t(delta < 0 ? "already_first" : "already_last", { title: item.title }));
        [order[index], order[to]] = [order[to], order[index]];
        renumber(order);
        ctx.refresh(`${key}-${delta < 0 ? "up" : "down"}`, t("moved_to", { title: item.title, place: to + 1 }));
      };
      const remove = () => {
        renumber(ranked.filter((i) => i !== item));
        ctx.refresh(`${gid}-first`, t("taken_out", { title: item.title }));
      };
      list.append(el("li", { className: "sw-ranked-item" },
        el("span", { className: "sw-place", "aria-hidden": "true", text: String(index + 1) }),
        el("span", { className: "sw-ranked-text" },
          el("span", { className: "sw-title", text: item.title }),
          item.description ? el("span", { className: "sw-desc", text: item.description }) : null),
        el("span", { className: "sw-moves" },
          el("button", { type: "button", className: "sw-move", "data-key": `${key}-up`, "aria-disabled": index === 0 ? "true" : null,
            "aria-label": t("move_up", { title: item.title, place: index + 1 }), text: "↑", onclick: move(-1) }),
          el("button", { type: "button", className: "sw-move", "data-key": `${key}-down`,
            "aria-disabled": index === ranked.length - 1 ? "true" : null,
            "aria-label": t("move_down", { title: item.title, place: index + 1 }), text: "↓", onclick: move(1) }),
          el("button", { type: "button", className: "sw-move", "data-key": `${key}-remove`,
            "aria-label": t("remove", { title: item.title }), text: "✕", onclick: remove }))));
    });
    section.append(list);
  }
  if (unranked.length) {
    section.append(el("p", { className: "sw-hint", text: t(ranked.length ? "tap_next" : "tap_in_order") }));
    const pool = el("ul", { className: "sw-pool" });
    unranked.forEach((item, index) => {
      const key = `r${round.id}-i${item.id}`;
      pool.append(el("li", {},
        el("button", {
          type: "button", className: "sw-pick", "data-key": index === 0 ? `${gid}-first` : `${key}-pick`,
          "aria-label": t("make_number", { title: item.title, place: ranked.length + 1 }),
          onclick: () => {
            renumber([...ranked, item]);
            ctx.refresh(unranked.length > 1 ? `${gid}-first` : `${key}-up`, t("is_number", { title: item.title, place: ranked.length + 1 }));
          },
        },
        el("span", { className: "sw-pick-place", "aria-hidden": "true", text: "+" }),
        el("span", { className: "sw-ranked-text" },
          el("span", { className: "sw-title", text: item.title }),
          item.description ? el("span", { className: "sw-desc", text: item.description }) : null))));
    });
    section.append(pool);
  }
  return section;
}
