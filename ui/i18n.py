"""This session's language: what a participant chose on the join screen (kept in the URL's `lang`,
so a reload keeps it), else the browser's (`st.context.locale`), else English. The facilitator's
choice is kept the same way, in their own session. Pages write `_ = i18n.tr().gettext`; the
translation objects are built once per language and process (workshop/i18n), so a rerun costs a
dictionary look-up.

Streamlit's page is `<html lang="en">` whatever it shows, so `mark_page` sets `lang` and `dir` on
it with a few lines of script (until Streamlit lets an app set them)."""

from __future__ import annotations

import json

import streamlit as st

from workshop.core.errors import WorkshopError
from workshop.i18n import DEFAULT, LANGUAGES, Translator, known, negotiate, translator

KEY = "lang"  # in the session and in the URL


def language() -> str:
    """The code of this session's language."""
    asked = st.query_params.get(KEY)
    if known(asked):
        st.session_state[KEY] = asked
        return str(asked)
    code = st.session_state.get(KEY)
    if not known(code):
        code = st.session_state[KEY] = negotiate(_browser_locale())
    return str(code)


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except (AttributeError, RuntimeError):  # outside a browser session
        return None


def set_language(code: str) -> None:
    """This session speaks `code` from now on (also after a reload: the URL keeps it)."""
    code = code if known(code) else DEFAULT
    st.session_state[KEY] = code
    st.query_params[KEY] = code


def tr() -> Translator:
    """This session's translation object."""
    return translator(language())


def error_text(error: WorkshopError) -> str:
    """A domain error's message in this session's language (its English when not in the catalogue)."""
    return error.translated(tr().gettext)


_MARK = """<script data-product="page-language">(() => {{ const root = document.documentElement;
root.lang = {lang}; root.dir = {dir}; }})();</script>"""


def mark_page(language: Translator | None = None) -> None:
    """Set `<html lang dir>` for this page: the session's language (or the one given)."""
    language = language or tr()
    st.html(_MARK.format(lang=json.dumps(language.lang), dir=json.dumps(language.direction)), unsafe_allow_javascript=True)


def language_chooser(key: str) -> None:
    """The languages, each named in itself; choosing one reruns the page in it."""
    current = language()
    options = list(LANGUAGES) + ([current] if current not in LANGUAGES else [])
    picked = st.selectbox(
        ":material/language: " + tr().gettext("Language"),
        options,
        index=options.index(current),
        format_func=lambda code: LANGUAGES.get(code, code),
        key=key,
    )
    if picked != current:
        set_language(picked)
        st.rerun()
