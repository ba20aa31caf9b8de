"""The rules the checks enforce, grouped by the phase where they matter (see `checks.py`)."""

from __future__ import annotations

import re

from workshop.checks.registry import KN_1993, KN_1996, KN_2004, PRACTICE, Item, check
from workshop.checks.wording import acronyms, bundled_outcomes, explains, starts_with_verb, stops_mid_phrase
from workshop.core.model import Measure, Objective, Phase, Scorecard
from workshop.core.words import agree, plural

A = Phase.ARCHITECTURE
I = Phase.INTERVIEWS
C = Phase.CONSENSUS


# --- what the rules read --------------------------------------------------------------------


def _live(card: Scorecard) -> list[Objective]:
    return card.live_objectives()


def _live_links(card: Scorecard):
    ids = {o.id for o in _live(card)}
    return [link for link in card.links if link.cause_id in ids and link.effect_id in ids]


def _top_ids(card: Scorecard) -> set[int]:
    if not card.perspectives:
        return set()
    top = min(card.perspectives, key=lambda p: p.position)
    return {o.id for o in _live(card) if o.perspective_id == top.id}


def _measures(card: Scorecard) -> list[Measure]:
    ids = {o.id for o in _live(card)}
    return [m for m in card.measures if m.objective_id in ids]


def _objective(o: Objective) -> Item:
    return Item("objective", o.id, o.title)


def _measure(card: Scorecard, m: Measure) -> Item:
    return Item("measure", m.id, f"{m.name} ({card.objective(m.objective_id).title})")


def _found(message: str, items: list[Item]):
    return (message, items) if items else None


def _plural(n: int, word: str) -> str:
    return plural(n, word)


# --- phase 1: the measurement architecture -----------------------------------------------------


@check(
    "head-office-links",
    "warning",
    A,
    "The unit's ties to head office are recorded",
    rule="A business-unit scorecard records the corporate themes it must honour (environment, "
    "safety, employee policy, quality, price competitiveness …). A scorecard for a whole, "
    "top-level organisation has no head office above it: the rule does not apply to it.",
    source=KN_1993 + ", step 1: the measurement architecture",
    fix="On the Measurement architecture page, add the head-office themes the unit must honour, "
    "or say that the scorecard is for a whole organisation.",
)
def head_office_links(card: Scorecard):
    if not card.is_business_unit or card.head_office_themes:
        return None
    return (
        "The unit has no head-office links: nothing says which corporate themes it must honour.",
        [Item("workshop", card.workshop.get("id"), card.workshop.get("unit", ""))],
    )


# --- phase 2: drafts, perspectives and themes --------------------------------------------------


@check(
    "perspective-empty",
    "error",
    I,
    "Every perspective has an objective",
    rule="A balanced scorecard has objectives in each of its four perspectives; an empty "
    "perspective leaves the balance and the causal chain incomplete.",
    source=KN_1996 + ", chapter 1 (the four perspectives)",
    fix="Draft at least one objective in each empty perspective, or rename the perspective to what the unit really needs.",
)
def perspective_empty(card: Scorecard):
    empty = [Item("perspective", p.id, p.name) for p in card.perspectives if not card.objectives_in(p.id)]
    return _found(f"{_plural(len(empty), 'perspective')} without any objective.", empty)


@check(
    "objectives-total",
    "advice",
    C,
    "12 to 18 objectives in all",
    rule="A strategy map usually holds about 12–18 objectives: fewer often leaves the strategy "
    "vague, more loses focus. A rule of thumb: a deliberately small map can be right.",
    source=PRACTICE + " (12–18 objectives on a strategy map)",
    fix="Merge or drop objectives that are operational rather than strategic, or add the missing ones, until the map has 12–18.",
)
def objectives_total(card: Scorecard):
    n = len(_live(card))
    if 12 <= n <= 18:
        return None
    return (f"The scorecard has {_plural(n, 'objective')}; 12–18 is the usual range.", [])


@check(
    "objectives-per-perspective",
    "advice",
    C,
    "3 to 5 objectives per perspective",
    rule="Each perspective usually carries 3–5 objectives (a rule of thumb, not a requirement).",
    source=PRACTICE + " (3–5 objectives per perspective)",
    fix="Balance the perspectives: add objectives where there are one or two, merge or drop where there are more than five.",
)
def objectives_per_perspective(card: Scorecard):
    off = []
    for p in card.perspectives:
        n = len(card.objectives_in(p.id))
        if 0 < n < 3 or n > 5:
            off.append(Item("perspective", p.id, f"{p.name}: {_plural(n, 'objective')}"))
    return _found("Some perspectives have too few or too many objectives.", off)


@check(
    "themes-count",
    "advice",
    I,
    "3 to 5 strategic themes",
    rule="The strategy is organised in 3–5 strategic themes, each a coherent strand of the strategy. "
    "Two are enough on a map drawn as the two strategies of the financial perspective (revenue "
    "growth and productivity) when a top objective marked as serving every theme joins them.",
    source=KN_2004 + " (strategic themes; the financial perspective's two strategies); " + PRACTICE,
    fix="Name 3–5 themes on the Strategy map page (Perspectives & themes) and say which theme (or themes) each objective serves.",
)
def themes_count(card: Scorecard):
    n = len(card.themes)
    if 3 <= n <= 5 or (n == 2 and _two_strategies_joined(card)):
        return None
    return (f"The workshop has {_plural(n, 'theme')}; 3–5 are advised.", [])


def _two_strategies_joined(card: Scorecard) -> bool:
    """A top objective serves every theme: the map's strands meet in it."""
    return any(o.all_themes for o in _live(card) if o.id in _top_ids(card))


@check(
    "theme-empty",
    "warning",
    C,
    "Every theme is served by an objective",
    rule="A strategic theme that no objective serves is a priority that nothing in the scorecard "
    "pursues. An objective may serve several themes (a cross-cutting focus area is served by "
    "objectives whose main theme is another); one marked as serving every theme is shared by all "
    "of them and does not, alone, give a theme a strand of its own.",
    source=KN_2004 + " (themes as vertical slices of the map)",
    fix="Say which objectives serve the theme (as their main theme or as another they serve), or delete the theme if the team no longer holds it.",
)
def theme_empty(card: Scorecard):
    used = {t for o in _live(card) for t in o.theme_ids}
    empty = [Item("theme", t.id, t.name) for t in card.themes if t.id not in used]
    return _found(f"{_plural(len(empty), 'theme')} that no objective serves.", empty)


@check(
    "objective-no-theme",
    "advice",
    C,
    "Every objective serves a theme",
    rule="Each objective serves at least one strategic theme (one main theme, and others it also "
    "serves), so the map reads as a few strands of strategy. The objectives every strand shares, "
    "such as the top financial objective or the learning base in Kaplan and Norton's maps, are "
    "marked as serving every theme.",
    source=KN_2004 + " (strategic themes)",
    fix="Choose the main theme of each objective listed, and any other themes it serves, or mark "
    "it as serving every theme if all the strands share it.",
)
def objective_no_theme(card: Scorecard):
    if not card.themes:
        return None  # themes-count already says to create them
    bare = [_objective(o) for o in _live(card) if not o.theme_ids and not o.all_themes]
    return _found(f"{_plural(len(bare), 'objective')} in no theme.", bare)


@check(
    "objective-verb",
    "advice",
    I,
    "Objectives start with a verb",
    rule="An objective is action-oriented: it starts with a verb (improve, grow, reduce, develop …) "
    "and says what will change; a verb's -ing form (“Building trust through …”, completing “we do "
    "this by …”) is an action too. The verb is looked up in an English lexicon; a word that can "
    "be a noun or a verb (“Service excellence”) gets the benefit of the doubt.",
    source=PRACTICE + " (objectives are action-oriented, specific and controllable)",
    fix="Rewrite each title listed as an action, e.g. “Customer loyalty” → “Increase customer loyalty”.",
)
def objective_verb(card: Scorecard):
    bare = [_objective(o) for o in _live(card) if not starts_with_verb(o.title)]
    return _found(f"{_plural(len(bare), 'objective')} whose {agree(len(bare), 'title does', 'titles do')} not start with a verb.", bare)


@check(
    "objective-bundles-outcomes",
    "advice",
    I,
    "One outcome per objective",
    rule="An objective names one outcome. One that bundles two (“more customers on fewer planes”, "
    "“lowest price and on-time arrival”) cannot be shown by one or two measures, cannot be "
    "owned by one person, and hides a cause-and-effect link between its halves.",
    source=PRACTICE + " (objectives are specific and measurable; the rule of 2 measures per "
    "objective); " + KN_2004 + " (each objective a node in the chain of cause and effect)",
    fix="Split the objective into the outcomes it bundles and link them if one drives the other "
    "(e.g. “Fill each plane” → “Grow revenue”), or keep the one that matters.",
)
def objective_bundles_outcomes(card: Scorecard):
    bundled = []
    for o in _live(card):
        parts = bundled_outcomes(o.title)
        if parts:
            bundled.append(Item("objective", o.id, f"{o.title} (“{parts[0]}” and “{parts[1]}”)"))
    verb = "bundles" if len(bundled) == 1 else "bundle"
    return _found(f"{_plural(len(bundled), 'objective')} that {verb} two outcomes.", bundled)


@check(
    "objective-cut-off",
    "warning",
    I,
    "Objective titles are whole phrases",
    rule="An objective's title is printed on the map and in the sponsor's report as the room agreed "
    "it. A title that stops mid-phrase (on “of”, “and”, “the”, a possessive, or an adjective with "
    "nothing after it, as in “Reward responsible”) was cut off when it was typed or copied, and "
    "nobody can tell what the room meant.",
    source=PRACTICE + " (objectives are specific: a verb and what it changes)",
    fix="Finish each title listed with what it was about (“Reward responsible behaviour”), or acknowledge it if the wording is deliberate.",
)
def objective_cut_off(card: Scorecard):
    cut = []
    for o in _live(card):
        ending = stops_mid_phrase(o.title)
        if ending:
            cut.append(Item("objective", o.id, f"{o.title} (ends “{ending}”)"))
    return _found(f"{_plural(len(cut), 'objective')} whose {agree(len(cut), 'title stops', 'titles stop')} mid-phrase.", cut)


_CAPITALS = re.compile(r"[A-Z][A-Z&]*[A-Z]")


def _workshop_texts(card: Scorecard) -> list[str]:
    """Everything the scorecard says in words, where an abbreviation may be spelled out."""
    fields = ("organisation", "unit", "unit_description", "vision", "mission", "strategy_summary", "financial_goals")
    texts = [str(card.workshop.get(f) or "") for f in fields]
    texts += [f"{t.name}. {t.description}" for t in card.themes]
    texts += [f"{o.title}. {o.description}" for o in card.objectives]
    texts += [f"{m.name}. {m.definition}" for m in card.measures]
    texts += [f"{i.name}. {i.description}" for i in card.initiatives]
    return [t for t in texts if t.strip()]


@check(
    "objective-acronym",
    "advice",
    I,
    "Abbreviations in titles are spelled out",
    rule="The map and the scorecard are how the strategy reaches people outside the room. An "
    "abbreviation of three or more capitals in an objective's title (“Win three new OEM "
    "accounts”) is explained somewhere in the workshop: spelled out in a description, the "
    "vision or the unit's description, or the organisation's own name.",
    source=KN_1996 + ", chapter 9 (communicating the scorecard to everyone in the unit)",
    fix="Spell each abbreviation out once, in the objective's description or the unit's "
    "description (e.g. “original equipment manufacturers (OEMs)”), or in the title itself.",
)
def objective_acronym(card: Scorecard):
    texts = _workshop_texts(card)
    names = " ".join(str(card.workshop.get(f) or "") for f in ("organisation", "unit"))
    unexplained = []
    for o in _live(card):
        missing = [a for a in acronyms(o.title) if a not in _CAPITALS.findall(names) and not any(explains(t, a) for t in texts)]
        if missing:
            unexplained.append(Item("objective", o.id, f"{o.title} ({', '.join(missing)})"))
    return _found(f"{_plural(len(unexplained), 'objective')} with an abbreviation nothing spells out.", unexplained)


@check(
    "objective-no-owner",
    "warning",
    C,
    "Every objective has an owner",
    rule="Every objective has one named owner who answers for it.",
    source=PRACTICE + " (one owner for every objective, measure and initiative); " + KN_1996,
    fix="Name one owner (a person, not a committee) for each objective listed.",
)
def objective_no_owner(card: Scorecard):
    bare = [_objective(o) for o in _live(card) if not o.owner.strip()]
    return _found(f"{_plural(len(bare), 'objective')} without an owner.", bare)


# --- phase 3: the strategy map ----------------------------------------------------------------


@check(
    "map-no-links",
    "error",
    C,
    "The strategy map has causal links",
    rule="Cause and effect is the first principle: the objectives are linked by hypotheses that "
    "run from learning and growth up to the top perspective.",
    source=KN_1996 + ", chapter 7 (linking measures to strategy: cause and effect); " + KN_2004,
    fix="On the Strategy map page, add the links between objectives, each with its hypothesis.",
)
def map_no_links(card: Scorecard):
    live = _live(card)
    if len(live) < 2 or _live_links(card):
        return None
    steps = missing_steps(card, live)
    said = f" Nothing says how {steps}." if steps else ""
    return (f"The objectives are not linked: there is no strategy map yet, only the perspectives.{said}", [_objective(o) for o in live])


def missing_steps(card: Scorecard, objectives: list[Objective]) -> str:
    """The steps up the map that no link among `objectives` takes, in words: "Learning & growth leads
    to Internal processes, Internal processes to Customer, or Customer to Financial". A step is taken
    when a link runs from a perspective to any perspective above it. Empty when every step is taken."""
    ids = {o.id for o in objectives}
    where = {o.id: o.perspective_id for o in objectives}
    position = {p.id: p.position for p in card.perspectives}
    started = {
        where[link.cause_id]
        for link in card.links
        if link.cause_id in ids and link.effect_id in ids and position[where[link.effect_id]] < position[where[link.cause_id]]
    }
    bands = [p for p in sorted(card.perspectives, key=lambda p: -p.position) if card.objectives_in(p.id)]
    steps = [(lower.name, upper.name) for lower, upper in zip(bands, bands[1:], strict=False) if lower.id not in started]
    if not steps:
        return ""
    words = [f"{steps[0][0]} leads to {steps[0][1]}"] + [f"{lower} to {upper}" for lower, upper in steps[1:]]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" or {words[-1]}"


def _reaches_top(card: Scorecard) -> set[int]:
    """Objectives that are at the top or lead to it through causal links."""
    reached = set(_top_ids(card))
    links = _live_links(card)
    changed = True
    while changed:
        changed = False
        for link in links:
            if link.effect_id in reached and link.cause_id not in reached:
                reached.add(link.cause_id)
                changed = True
    return reached


@check(
    "objective-no-path-to-top",
    "warning",
    C,
    "Every objective leads to the top perspective",
    rule="Every objective sits on a chain of cause and effect that ends in the top perspective "
    "(financial for a company, customer or mission for a public body or non-profit).",
    source=KN_1996 + ", chapter 7 (cause and effect; linkage to financials)",
    fix="Add the link that says which higher objective each one listed drives, or drop it if it drives nothing in the strategy.",
)
def objective_no_path_to_top(card: Scorecard):
    if not _live_links(card):
        return None  # map-no-links already reports it
    reached = _reaches_top(card)
    stray = [_objective(o) for o in _live(card) if o.id not in reached]
    return _found(f"{_plural(len(stray), 'objective')} on no causal path to the top perspective.", stray)


@check(
    "top-no-drivers",
    "warning",
    C,
    "Top objectives have drivers",
    rule="An outcome at the top of the map is reached through the objectives below it; one with no driver is a wish, not a strategy.",
    source=KN_1996 + ", chapter 7 (performance drivers)",
    fix="Link at least one customer, process or learning objective to each top objective listed.",
)
def top_no_drivers(card: Scorecard):
    if not _live_links(card):
        return None
    driven = {link.effect_id for link in _live_links(card)}
    bare = [_objective(o) for o in _live(card) if o.id in _top_ids(card) and o.id not in driven]
    return _found(f"{_plural(len(bare), 'top objective')} with nothing driving {agree(len(bare), 'it', 'them')}.", bare)


@check(
    "learning-drives-nothing",
    "warning",
    C,
    "Learning and growth drives something",
    rule="Learning-and-growth objectives (people, systems, culture) are the foundation: each must enable at least one objective above it.",
    source=KN_1996 + ", chapter 6 (the learning and growth perspective)",
    fix="Link each objective listed to the process or customer objective it enables, or drop it.",
)
def learning_drives_nothing(card: Scorecard):
    if not _live_links(card):
        return None
    causes = {link.cause_id for link in _live_links(card)}
    learning = {p.id for p in card.perspectives if p.key == "learning"}
    bare = [_objective(o) for o in _live(card) if o.perspective_id in learning and o.id not in causes]
    return _found(f"{_plural(len(bare), 'learning-and-growth objective')} that {agree(len(bare), 'drives', 'drive')} nothing.", bare)


@check(
    "link-no-hypothesis",
    "advice",
    C,
    "Every link states its hypothesis",
    rule="Each arrow on the map is a hypothesis (“if we do this, that follows”) that the measures "
    "will later test; writing it down is what makes it testable.",
    source=KN_1996 + ", chapter 7 (the scorecard as a set of hypotheses)",
    fix="Write the hypothesis of each link listed in one sentence.",
)
def link_no_hypothesis(card: Scorecard):
    titles = {o.id: o.title for o in card.objectives}
    bare = [Item("link", link.id, f"{titles[link.cause_id]} → {titles[link.effect_id]}") for link in _live_links(card) if not link.hypothesis.strip()]
    return _found(f"{_plural(len(bare), 'link')} without a hypothesis.", bare)


@check(
    "link-points-down",
    "advice",
    C,
    "Links run upwards",
    rule="Cause and effect runs up the map: learning and growth → internal processes → customer → "
    "the top perspective. A link pointing down is usually reversed.",
    source=KN_2004 + " (the architecture of a strategy map)",
    fix="Check the direction of each link listed; reverse it if the cause is really the effect.",
)
def link_points_down(card: Scorecard):
    position = {p.id: p.position for p in card.perspectives}
    where = {o.id: position[o.perspective_id] for o in card.objectives}
    titles = {o.id: o.title for o in card.objectives}
    down = [
        Item("link", link.id, f"{titles[link.cause_id]} → {titles[link.effect_id]}")
        for link in _live_links(card)
        if where[link.cause_id] < where[link.effect_id]
    ]
    return _found(f"{_plural(len(down), 'link')} pointing down the map.", down)
