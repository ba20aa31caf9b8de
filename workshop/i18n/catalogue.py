"""The catalogues and the translation object a session uses.

The `.po` files are the one source: they are compiled in memory (Babel's `read_po` and `write_mo`)
the first time a language is asked for in a process and kept, so there is no `.mo` to commit or
forget to rebuild, and a translator's edit shows after a restart. Untranslated and fuzzy entries fall
back to the English message id.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
TEMPLATE = LOCALE_DIR / "messages.pot"
DEFAULT = "en"
PSEUDO = "en_XA"  # accented, lengthened, bracketed English: shows text that skipped the catalogue
# The languages a participant may choose, each named in itself.
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "ar": "العربية"}
_FORMATS_OF = {PSEUDO: "en"}  # the locale whose numbers and dates a pseudo-locale borrows


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is written (the domain's errors), to be
    translated where it is shown."""
    return message


def known(code: str | None) -> bool:
    return code in LANGUAGES or code == PSEUDO


def negotiate(preferred: str | None) -> str:
    """The supported language closest to a browser's locale ("de-AT" → "de"), else English."""
    if not preferred:
        return DEFAULT
    tag = preferred.replace("-", "_")
    if known(tag):
        return tag
    base = tag.split("_")[0].lower()
    return base if base in LANGUAGES else DEFAULT


@functools.lru_cache(maxsize=32)
def load(code: str, folder: Path = LOCALE_DIR) -> gettext.NullTranslations:
    """The compiled catalogue of one language (English, or a language without a file: the ids)."""
    path = folder / code / "LC_MESSAGES" / "messages.po"
    if code == DEFAULT or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalogue = read_po(po)  # Plural-Forms comes from the file's header, so any rule works
    mo = io.BytesIO()
    write_mo(mo, catalogue)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


@dataclass(frozen=True)
class Translator:
    """One language's words, plurals, numbers and dates: what a page, the ballot and (later) the
    deliverables ask for their text. Plain Python, safe to share between sessions."""

    code: str
    catalogue: gettext.NullTranslations
    locale: Locale

    def gettext(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """A word the method uses in its own sense (context "scorecard": Target, Measure …)."""
        return self.catalogue.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.catalogue.npgettext(context, singular, plural, n)

    @property
    def lang(self) -> str:
        """The BCP 47 tag for `<html lang>`: "ar", "en-XA"."""
        return self.code.replace("_", "-")

    @property
    def direction(self) -> str:
        """ "rtl" or "ltr", for `<html dir>`."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def decimal(self, number: float | Decimal, digits: int | None = None) -> str:
        """A number as the locale writes it ("1.234,5" in German)."""
        pattern = None if digits is None else "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(number, format=pattern, locale=self.locale)

    def percent(self, share: float) -> str:
        """A share (0.42) as the locale writes a percentage ("42 %" in French)."""
        return format_percent(share, locale=self.locale)

    def date(self, day: dt.date, width: str = "long") -> str:
        """A date as the locale writes it ("7. Dezember 2026")."""
        return format_date(day, format=width, locale=self.locale)

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """A counted message's forms by CLDR plural category (one, two, few, many, other …), for a
        browser that counts by itself (`Intl.PluralRules` picks the category)."""
        forms: dict[str, str] = {}
        for n in range(0, 200):
            forms.setdefault(self.locale.plural_form(n), self.ngettext(singular, plural, n))
        return forms


@functools.lru_cache(maxsize=32)
def translator(code: str = DEFAULT, folder: Path = LOCALE_DIR) -> Translator:
    """The translation object of a language, built once per process and language."""
    code = code if known(code) or folder != LOCALE_DIR else DEFAULT
    return Translator(code, load(code, folder), Locale.parse(_FORMATS_OF.get(code, code)))


ENGLISH = translator(DEFAULT)  # the default of the domain's text functions (`tr: Translator = ENGLISH`)
