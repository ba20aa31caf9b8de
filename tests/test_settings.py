"""The production settings a room of participants depends on, and that the app serves with them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import urllib.request

import pytest
from helpers import ROOT, wait_for_app

CONFIG = ROOT / ".streamlit" / "config.toml"

# (section, option, value): why each matters is in the README's "Big rooms" section.
PRODUCTION = [
    ("runner", "postScriptGC", False),  # a full gc.collect() after every run costs most of the CPU
    ("server", "fileWatcherType", "none"),  # no watcher threads polling the code on a laptop
    ("runner", "magicEnabled", False),  # no implicit st.write of bare expressions
    ("browser", "gatherUsageStats", False),  # offline room: no call to the internet at load
    ("client", "toolbarMode", "minimal"),  # participants see no developer menu
    ("server", "runOnSave", False),
    ("server", "enableStaticServing", True),  # waiting ballots fetch the room's signal file from static/
    ("theme", "textColor", "#111318"),  # captions (60 % of it) meet WCAG AA contrast on white
]


@pytest.fixture(scope="module")
def config() -> dict:
    with CONFIG.open("rb") as handle:
        return tomllib.load(handle)


@pytest.mark.parametrize("section, option, value", PRODUCTION, ids=[f"{s}.{o}" for s, o, _ in PRODUCTION])
def test_config_holds_the_production_setting(config, section, option, value):
    assert config.get(section, {}).get(option) == value, f"{CONFIG.name} must set [{section}] {option} = {value!r}"


def test_the_settings_are_the_ones_streamlit_reads():
    """Streamlit's own loader, run from the project folder, sees the same values (no typo in a name)."""
    code = (
        "from streamlit import config as c; c.get_config_options(force_reparse=True); "
        "print(c.get_option('runner.postScriptGC'), c.get_option('server.fileWatcherType'), "
        "c.get_option('runner.magicEnabled'), c.get_option('browser.gatherUsageStats'), "
        "c.get_option('client.toolbarMode'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True).stdout.split()
    assert out == ["False", "none", "False", "False", "minimal"]


def test_app_starts_and_serves_a_page_with_the_production_settings(running_app, browser):
    with urllib.request.urlopen(running_app.url + "/_stcore/health", timeout=5) as response:
        assert response.read() == b"ok"
    page = browser.new_page()
    try:
        page.goto(running_app.url)
        wait_for_app(page)
        assert page.get_by_text("Scorecard Workshop").first.is_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
