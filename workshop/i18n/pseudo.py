"""The pseudo-locale (`en_XA`): every message of the template, accented, lengthened by about a third
and bracketed (`⟦Ĵöîñ ţĥé ŵöŕķšĥöþ ··⟧`). A page in it shows at a glance, and a test proves, which
text skipped the catalogue (it stays plain English) and where a longer language would not fit.
Placeholders (`{name}`), markdown marks and URLs are left as they are."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from workshop.i18n.catalogue import LOCALE_DIR, PSEUDO, TEMPLATE

OPEN, CLOSE = "⟦", "⟧"
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
_MAP = str.maketrans(_PLAIN, _ACCENTED)
_KEEP = re.compile(r"(\{[^{}]*\}|%\([a-z_]+\)[sd]|https?://\S+|:material/[a-z_]+:)")  # placeholders, links, icons


def pseudo(message: str) -> str:
    """One message in the pseudo-locale (an empty message stays empty)."""
    if not message:
        return message
    parts = _KEEP.split(message)
    text = "".join(part if _KEEP.fullmatch(part) else part.translate(_MAP) for part in parts)
    padding = "·" * max(1, len(message) // 3)
    return f"{OPEN}{text} {padding}{CLOSE}"


def catalogue(template: Path = TEMPLATE) -> Catalog:
    """The pseudo catalogue of the template's messages, plural forms included."""
    with template.open("rb") as pot:
        source = read_po(pot)
    out = Catalog(locale="en", project="Scorecard Workshop", header_comment="# The pseudo-locale, generated from the template: do not edit.")
    out.locale = None  # en_XA is no Babel locale: English's plural rule (the default)
    out.fuzzy = False
    for message in source:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        forms = tuple(pseudo(str(part)) for part in ids)
        string: str | tuple[str, ...] = forms if isinstance(message.id, (tuple, list)) else forms[0]
        out.add(message.id, string, context=message.context, auto_comments=message.auto_comments)
    return out


def write(folder: Path = LOCALE_DIR, template: Path = TEMPLATE) -> Path:
    """Write `locale/en_XA/LC_MESSAGES/messages.po` from the template; returns its path."""
    target = folder / PSEUDO / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as po:
        write_po(po, catalogue(template), width=0, omit_header=False, sort_output=False)
    return target
