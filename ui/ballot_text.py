"""The ballot component's own words, in the participant's language: handed to its JavaScript as data
(`data.words`), so the catalogue holds them and the script holds none. Counted words go as their
plural forms by CLDR category; the browser picks one with `Intl.PluralRules` for a count it makes
itself (dots or points left while the participant taps). `{name}` marks what the script fills in.

Built once per language and process: a rerun of the ballot costs a dictionary look-up."""

from __future__ import annotations

import functools

from workshop.i18n import Translator


@functools.lru_cache(maxsize=16)
def words(tr: Translator) -> dict[str, str | dict[str, str]]:
    _, n_ = tr.gettext, tr.plural_forms
    return {
        # the round
        "time_left": _("Time left: {time}"),
        "time_up": _("Time is up: the round is closing."),
        # TRANSLATORS: a long countdown, e.g. "1 h 05 min"
        "clock_hours": _("{h} h {m} min"),
        "answered": _("{n} of {total} answered"),
        "submit": _("Submit my votes"),
        "sending": _("Sending…"),
        "sending_said": _("Sending your votes…"),
        "ok": _("OK, understood"),
        "unsent": _("“{title}” closed before you sent your last changes, so they were not counted."),
        "goto": _("Go to the vote"),
        "broken": _("The ballot could not be shown in this browser. Switch on “Use the simple form” below to vote with plain form fields."),
        "waiting_title": _("No vote is open right now."),
        "waiting_text": _("This page updates by itself when the facilitator opens one."),
        # results
        "spread_label": _("How the room answered"),
        "names_label": _("Who voted what"),
        "names_hint": _("Who voted what (a named round):"),
        # a scale (rating)
        "skip_item": _("Skip this item"),
        # dots
        "dots_n": n_("{n} dot", "{n} dots"),
        "items_n": n_("{n} item", "{n} items"),
        # TRANSLATORS: a dot round's progress: {left} is e.g. "3 dots", {items} e.g. "6 items"
        "dots_progress": _("{left} left of {total} · on {answered} of {items}"),
        "no_dots_left": _("No dots left. Take one back from another item first."),
        # TRANSLATORS: {dots} is e.g. "2 dots"
        "dots_at_most": _("At most {dots} on one item."),
        "no_dot_back": _("There is no dot on this item to take back."),
        # TRANSLATORS: read out after a tap: {dots} e.g. "2 dots" on {title}; {left} e.g. "5 dots" left
        "dots_said": _("{dots} on {title}. {left} left."),
        "dot_minus": _("Take a dot back from {title}"),
        "dot_plus": _("Put a dot on {title}"),
        # ranking
        "items": _("Items"),
        "ranked": _("{n} of {total} ranked"),
        "order_in": _("Your order in {group}"),
        "this_group": _("this group"),
        "already_first": _("{title} is already first."),
        "already_last": _("{title} is already last."),
        "moved_to": _("{title} moved to place {place}."),
        "taken_out": _("{title} taken out of your order."),
        "move_up": _("Move {title} up (now place {place})"),
        "move_down": _("Move {title} down (now place {place})"),
        "remove": _("Take {title} out of your order"),
        "tap_next": _("Tap the next one:"),
        "tap_in_order": _("Tap the items in order, most important first:"),
        "make_number": _("{title}: make it number {place}"),
        "is_number": _("{title} is number {place}."),
        # the priority grid
        "placed": _("{n} of {total} placed"),
        "skipped_n": _("{n} skipped"),
        # TRANSLATORS: {axis} is the name of one of the grid's two scales (e.g. "Impact"), as the facilitator typed it
        "needs_axis": _("“{title}” needs its {axis} too"),
        "grid_said": _("{title}: {y_axis} {y}, {x_axis} {x}."),
        "skipped_toggle": _("Skipped: tap to place it after all"),
        "skip_judge": _("Skip: I cannot judge this one"),
        "not_skipped": _("{title}: not skipped any more."),
        "skipped_said": _("{title} skipped."),
        "grid_blocked": _("“{title}”: give it {axis} too, or skip it."),
        # the 100-point split
        "points_n": n_("{n} point", "{n} points"),
        "all_spread": _("All {total} points spread"),
        # TRANSLATORS: {points} is e.g. "15 points"
        "left_to_spread": _("{points} left to spread"),
        "budget_left": _("{left} of {total} points left"),
        "only_left": n_("Only {n} point was left.", "Only {n} points were left."),
        # TRANSLATORS: read out after a change: {points} e.g. "20 points" on {title}; {left} e.g. "15 points" left
        "split_said": _("{points} on {title}.{capped} {left} left."),
        "no_points_left": _("No points left. Take some from another initiative first."),
        "no_points_back": _("{title} has no points to take back."),
        "points_for": _("Points for {title}"),
        # TRANSLATORS: the unit beside a number field of the 100-point split
        "points_unit": _("points"),
        "take_points": n_("Take {n} point from {title}", "Take {n} points from {title}"),
        "give_points": n_("Give {title} {n} more point", "Give {title} {n} more points"),
        "still_left": n_("{n} point is still left", "{n} points are still left"),
        "spread_first": _("Spread all {total} points before sending: {left}."),
        "too_many": _("That is {used} points; you have {total}. Take {over} back first."),
    }


def open_votes(tr: Translator, n: int) -> str:
    """What a participant who is commenting sees when votes open."""
    return tr.ngettext("A vote is open.", "{n} votes are open.", n).format(n=n)
