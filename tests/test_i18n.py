"""The string layer (workshop/i18n): a translation object per language, never one for the whole
process; plural rules from the catalogue's header (Arabic's six forms, a Polish stub's three); the
locale's numbers and dates; catalogues complete, current with the code, and their placeholders
intact; domain errors translated where they are shown."""

from __future__ import annotations

import builtins
import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ui import ballot_text
from workshop.core.errors import Invalid, WorkshopError
from workshop.i18n import LANGUAGES, LOCALE_DIR, PSEUDO, TEMPLATE, negotiate, pseudo, translator
from workshop.room import joining

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def catalogue(code: str):
    with (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)


def test_each_language_has_its_own_object_and_nothing_is_installed_for_the_process():
    german, arabic = translator("de"), translator("ar")
    assert german.gettext("Join the workshop") == "Am Workshop teilnehmen"
    assert arabic.gettext("Join the workshop") == "الانضمام إلى ورشة العمل"
    assert translator("en").gettext("Join the workshop") == "Join the workshop"
    assert german.gettext("Join the workshop") == "Am Workshop teilnehmen"  # asking for Arabic changed nothing
    assert not hasattr(builtins, "_")  # never gettext.install()
    assert translator("de") is german  # built once per language: a rerun reads no file


def test_an_unknown_language_falls_back_to_english_and_browsers_are_matched_by_language():
    assert translator("xx").code == "en"
    assert negotiate("de-AT") == "de" and negotiate("ar-EG") == "ar" and negotiate("fr_CA") == "fr"
    assert negotiate("pt-BR") == "en" and negotiate(None) == "en" and negotiate("") == "en"
    assert negotiate("en-XA") == PSEUDO


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 نقطة"), (1, "نقطة واحدة"), (2, "نقطتان"), (3, "3 نقاط"), (11, "11 نقطة"), (100, "100 نقطة")],
)
def test_arabic_counts_take_each_of_its_six_forms(n, expected):
    assert translator("ar").ngettext("{n} dot", "{n} dots", n).format(n=n) == expected


def test_arabic_six_forms_reach_the_browser_by_plural_category():
    forms = translator("ar").plural_forms("{n} dot", "{n} dots")
    assert forms == {"zero": "{n} نقطة", "one": "نقطة واحدة", "two": "نقطتان", "few": "{n} نقاط", "many": "{n} نقطة", "other": "{n} نقطة"}
    assert ballot_text.words(translator("ar"))["dots_n"] == forms
    assert translator("de").plural_forms("{n} dot", "{n} dots") == {"one": "{n} Punkt", "other": "{n} Punkte"}


POLISH = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"
"Language: pl\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "{n} dot"
msgid_plural "{n} dots"
msgstr[0] "{n} kropka"
msgstr[1] "{n} kropki"
msgstr[2] "{n} kropek"
"""


def test_a_language_with_polish_plural_rules_needs_no_code_change(tmp_path):
    folder = tmp_path / "locale"
    (folder / "pl" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "pl" / "LC_MESSAGES" / "messages.po").write_text(POLISH, encoding="utf-8")
    polish = translator("pl", folder)
    said = {n: polish.ngettext("{n} dot", "{n} dots", n).format(n=n) for n in (1, 2, 4, 5, 12, 22, 25, 101)}
    assert said == {1: "1 kropka", 2: "2 kropki", 4: "4 kropki", 5: "5 kropek", 12: "12 kropek", 22: "22 kropki", 25: "25 kropek", 101: "101 kropek"}
    assert polish.plural_forms("{n} dot", "{n} dots") == {"one": "{n} kropka", "few": "{n} kropki", "many": "{n} kropek"}


def test_words_the_method_uses_in_its_own_sense_have_a_context():
    assert translator("de").pgettext("scorecard", "Objective") == "Ziel"
    assert translator("fr").pgettext("scorecard", "Perspective") == "Perspective"
    assert translator("de").gettext("Objective") == "Objective"  # the bare word is another message


def test_numbers_percentages_and_dates_are_written_as_the_locale_writes_them():
    german, french = translator("de"), translator("fr")
    assert german.decimal(1234.5) == "1.234,5" and german.decimal(1234.5, 2) == "1.234,50"
    assert german.date(dt.date(2026, 12, 7)) == "7. Dezember 2026"
    assert french.percent(0.42).replace("\u202f", " ").replace("\xa0", " ") == "42 %"
    assert translator("es").date(dt.date(2026, 12, 7)) == "7 de diciembre de 2026"
    assert translator("ar").direction == "rtl" and german.direction == "ltr" and translator(PSEUDO).lang == "en-XA"


def test_a_domain_error_is_shown_in_the_viewers_language_with_its_parts(live_room):
    db, wid, _, code, _ = live_room
    with pytest.raises(WorkshopError) as refused:
        joining.join(db, "NOPE99", "Bob")
    assert str(refused.value) == "No workshop has that code; check it on the facilitator's screen."
    assert refused.value.translated(translator("de").gettext).startswith("Kein Workshop hat diesen Code")
    with pytest.raises(WorkshopError) as taken:
        joining.join(db, code, "Ann")
    assert "“Ann”" in str(taken.value) and "„Ann“" in taken.value.translated(translator("de").gettext)
    empty = Invalid("{label} is empty: please type one.", label="Your name")
    assert empty.translated(translator("fr").gettext) == "Votre nom est vide : veuillez le saisir."
    assert Invalid("A message no catalogue has.").translated(translator("de").gettext) == "A message no catalogue has."


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_of_the_template_is_translated_and_keeps_its_placeholders(code):
    template = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(TEMPLATE.open("rb")) if m.id}
    problems = []
    found = set()
    for message in catalogue(code):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        found.add((message.context, ids[0]))
        allowed = {name for text in ids for name in PLACEHOLDER.findall(text)}
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
        for text in strings:
            if not set(PLACEHOLDER.findall(text)) <= allowed:
                problems.append(f"unknown placeholder in {text!r}")
    assert problems == [] and found == template


def test_the_arabic_catalogue_declares_six_plural_forms_and_says_who_checked_it():
    arabic = catalogue("ar")
    assert arabic.num_plurals == 6
    assert "not yet checked by a native speaker" in arabic.last_translator
    for code in TRANSLATED:
        assert "not yet checked by a native speaker" in (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")


def test_the_template_holds_exactly_the_messages_the_code_marks():
    """`make messages` was run after the last change to a marked string."""
    method_map = [("**.py", "python")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3), "N_": None, "n_": (1, 2)}
    marked = set()
    for folder in ("pages", "ui", "workshop"):
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map, keywords=keywords, comment_tags=("TRANSLATORS:",)
        ):
            marked.add((context, message if isinstance(message, str) else message[0]))
    template = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(TEMPLATE.open("rb")) if m.id}
    assert marked == template, f"run `make messages`: new {marked - template}, gone {template - marked}"


def test_the_pseudo_locale_is_generated_from_the_current_template():
    shipped = {(m.context, str(m.id)): m.string for m in catalogue(PSEUDO) if m.id}
    fresh = {(m.context, str(m.id)): m.string for m in pseudo.catalogue() if m.id}
    assert shipped == fresh, "run `python -m workshop.i18n pseudo`"


def test_pseudo_text_keeps_placeholders_icons_and_links_and_has_no_plain_word_left():
    text = pseudo.pseudo("Hello, {name}: see https://example.org :material/check: now")
    assert text.startswith("⟦") and text.endswith("⟧") and "{name}" in text and "https://example.org" in text and ":material/check:" in text
    outside = re.sub(r"\{\w+\}|https?://\S+|:material/\w+:", "", text)
    assert not re.search(r"[A-Za-z]{2,}", outside)
