"""The docs stay true (the idea of sqlite-utils' tests/test_docs.py): every package is on the
architecture page, every command of `python -m workshop` is in the README's command-line section,
every voting method is in docs/voting-methods.md, and every link and file path the README and
docs/*.md give leads to a file that exists. A failure names what is missing."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from workshop import cli
from workshop.core import methods


def voting_methods() -> list[str]:
    """Every voting method's name, as a round stores it."""
    return list(methods.names())


ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
# A path to a file of the project, in backticks: `ui/ballot.py`, `tests/test_privacy*.py`.
FILE_PATH = re.compile(r"`((?:pages|ui|workshop|tests|bench|templates|docs|static)/[\w./*-]*\.(?:py|md|js|css|html|toml|json|txt))`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)[^)]*\)|^\[[^\]]+\]:\s*(\S+)", re.MULTILINE)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def without_code(text: str) -> str:
    """The text outside fenced code blocks and inline code, where a link is a link."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL))


def section(text: str, heading: str) -> str:
    """The body of the `## heading` section, up to the next heading of the same level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no '## {heading}' section"
    return match.group(1)


def packages() -> list[str]:
    """Every package of workshop/ and ui/ (a folder with __init__.py, sub-packages too), and pages/."""
    found = [init.parent for top in ("workshop", "ui") for init in (ROOT / top).rglob("__init__.py")]
    return sorted(f"{folder.relative_to(ROOT).as_posix()}/" for folder in [*found, ROOT / "pages"])


def cli_commands() -> list[str]:
    """The sub-commands `workshop/cli.py`'s parser offers."""
    commands = next(action for action in cli.parser()._actions if isinstance(action, argparse._SubParsersAction))
    return sorted(commands.choices)


def links() -> list[tuple[str, str]]:
    """(page, target) for every relative link of README.md and docs/*.md, anchors left out."""
    found = []
    for page in PAGES:
        for match in LINK.finditer(without_code(read(page))):
            target = (match.group(1) or match.group(2)).split("#")[0]
            if target and not re.match(r"[a-z][a-z0-9+.-]*:", target):
                found.append((page.relative_to(ROOT).as_posix(), target))
    return found


def file_paths() -> list[tuple[str, str]]:
    """(page, path) for every project file README.md and docs/*.md name in backticks."""
    return sorted({(page.relative_to(ROOT).as_posix(), path) for page in PAGES for path in FILE_PATH.findall(read(page))})


@pytest.mark.parametrize("package", packages())
def test_every_package_is_on_the_architecture_page(package):
    described = f"`{package}`" in read(DOCS / "architecture.md")
    assert described, f"docs/architecture.md does not describe `{package}`"


@pytest.mark.parametrize("command", cli_commands())
def test_every_command_is_in_the_readme(command):
    commands = section(read(ROOT / "README.md"), "Command line")
    assert re.search(rf"python -m workshop {command}\b", commands), f"the README's 'Command line' section does not show `{command}`"


@pytest.mark.parametrize("method", voting_methods())
def test_every_voting_method_is_in_the_voting_methods_page(method):
    named = f"`{method}`" in read(DOCS / "voting-methods.md")
    assert named, f"docs/voting-methods.md does not name the method `{method}`"


@pytest.mark.parametrize(("page", "target"), links())
def test_a_link_leads_to_a_file_that_exists(page, target):
    assert ((ROOT / page).parent / target).exists(), f"{page} links to {target}, which does not exist"


@pytest.mark.parametrize(("page", "path"), file_paths())
def test_a_file_the_docs_name_exists(page, path):
    assert list(ROOT.glob(path)), f"{page} names {path}, which does not exist"


def test_the_checks_here_see_what_they_should():
    """The collectors find what they look for, so an empty list never passes for a true doc."""
    assert {"workshop/", "workshop/core/", "ui/", "pages/"} <= set(packages())
    assert {"demo", "report", "export", "import"} <= set(cli_commands())
    assert {"dots", "gradients"} <= set(voting_methods())
    assert ("README.md", "docs/architecture.md") in links()
    assert without_code("see `[x](nowhere.md)` and\n```\n[y](nowhere.md)\n```\n[z](here.md)").count("](") == 1
