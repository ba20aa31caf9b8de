"""The product's words in the viewer's language: gettext catalogues (`locale/<lang>/LC_MESSAGES/messages.po`,
extracted and updated with Babel's `pybabel`, see docs/languages.md) and one `Translator` per language.

A session holds its own `Translator` (`translator(code)`, cached per language, so a rerun reads no
file); nothing here installs a language for the whole process, so two people in two languages never
see each other's. The English text in the code is the message id, and the fallback.
"""

from workshop.i18n.catalogue import (
    DEFAULT,
    ENGLISH,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    PSEUDO,
    TEMPLATE,
    Translator,
    known,
    negotiate,
    translator,
)

__all__ = ["DEFAULT", "ENGLISH", "LANGUAGES", "LOCALE_DIR", "N_", "PSEUDO", "TEMPLATE", "Translator", "known", "negotiate", "translator"]
