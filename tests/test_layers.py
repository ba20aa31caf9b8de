"""The house's layout holds: packages import only the ones before them, the domain never imports
streamlit nor the UI, pages and their pieces (ui/) hold no SQL, ui/ never imports a page, and no import
hides inside a function; and the type checker reads every layer (workshop/, ui/, pages/, app.py)."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from ui import nav

ROOT = Path(__file__).resolve().parent.parent
# Each package may import itself and the ones before it, never one after it.
ORDER = ["core", "db", "checks", "method", "room", "deliverables", "starters", "cli"]
SQL = re.compile(r"\b(?:SELECT\b[\s\S]*?\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b")


def rank(module: str) -> int | None:
    """Where a `workshop.…` module stands in the order (the top-level cli and __main__ come last)."""
    parts = module.split(".")
    if parts[0] != "workshop":
        return None
    if len(parts) == 1 or parts[1] in ("cli", "__main__"):
        return ORDER.index("cli")
    return ORDER.index(parts[1]) if parts[1] in ORDER else None


def is_package(module: str) -> bool:
    return (ROOT / module.replace(".", "/") / "__init__.py").exists()


def imported(tree: ast.AST, folder: tuple[str, ...]) -> list[tuple[int, str, bool]]:
    """(line, module, inside a function) for every import of the tree, relative ones resolved
    against the file's `folder` (its package)."""
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((child.lineno, a.name, in_function) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join([*folder[: len(folder) - child.level + 1], base]).strip(".")
                names = [f"{base}.{a.name}" for a in child.names] if is_package(base) else [base]
                found.extend((child.lineno, n.strip("."), in_function) for n in names)
            visit(child, inner)

    visit(tree, False)
    return found


def layer_problems(path: str, source: str) -> list[str]:
    """What is wrong with one file of workshop/, ui/, pages/ or app.py, as sentences naming the line."""
    parts = Path(path).with_suffix("").parts
    tree = ast.parse(source)
    if parts[0] == "workshop":
        return domain_problems(path, parts, tree)
    if parts[0] in ("pages", "ui", "app"):
        return ui_problems(path, parts, tree)
    return []


def domain_problems(path: str, parts: tuple[str, ...], tree: ast.AST) -> list[str]:
    """workshop/: no streamlit, no UI, no later package, no import inside a function."""
    own = rank(".".join(parts)) if len(parts) > 1 else None
    problems = []
    for line, module, in_function in imported(tree, parts[:-1]):
        if module.split(".")[0] == "streamlit":
            problems.append(f"{path}:{line} imports streamlit: the domain runs without a UI")
        if module.split(".")[0] in ("ui", "pages"):
            problems.append(f"{path}:{line} imports {module}: the domain never reaches the UI")
        other = rank(module)
        if other is None:
            continue
        if in_function:
            problems.append(f"{path}:{line} imports {module} inside a function: break the cycle instead")
        elif own is not None and other > own:
            problems.append(f"{path}:{line} imports {module}, which comes after {ORDER[own]} in {' → '.join(ORDER)}")
    return problems


def ui_problems(path: str, parts: tuple[str, ...], tree: ast.AST) -> list[str]:
    """ui/, pages/ and app.py: no database, no page imported, no import inside a function, no SQL."""
    problems = []
    for line, module, in_function in imported(tree, parts[:-1]):
        top = module.split(".")[0]
        if top in ("sqlite3", "sqlite_utils"):
            problems.append(f"{path}:{line} imports {module}: pages call workshop/, never the database")
        if top == "pages":
            problems.append(f"{path}:{line} imports {module}: a page is a script to run, never a module to import")
        if in_function and top in ("ui", "workshop"):
            problems.append(f"{path}:{line} imports {module} inside a function: break the cycle instead")
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            problems.append(f"{path}:{node.lineno} holds SQL: move it into workshop/")
    return problems


def code_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for pattern in ("workshop/**/*.py", "ui/*.py", "pages/*.py", "app.py") for p in ROOT.glob(pattern))


@pytest.mark.parametrize("path", code_files())
def test_the_file_keeps_to_its_layer(path):
    assert layer_problems(path, (ROOT / path).read_text()) == []


def test_mypy_checks_the_domain_the_ui_the_pages_and_the_frame():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert {"workshop", "ui", "pages", "app.py"} <= set(settings["tool"]["mypy"]["files"])


def test_every_package_is_in_the_order():
    packages = {p.name for p in (ROOT / "workshop").iterdir() if (p / "__init__.py").exists()}
    assert packages <= set(ORDER), packages - set(ORDER)


def test_an_import_from_a_later_package_is_refused():
    problems = layer_problems("workshop/core/model.py", "from workshop.db import store\n")
    assert problems == [
        "workshop/core/model.py:1 imports workshop.db.store, which comes after core in "
        "core → db → checks → method → room → deliverables → starters → cli"
    ]


def test_a_room_module_reaching_the_demo_is_refused():
    assert layer_problems("workshop/room/joining.py", "from workshop.starters import demo\n")


def test_an_import_hidden_in_a_function_is_refused():
    source = "def f():\n    from workshop.room import voting\n    return voting\n"
    assert layer_problems("workshop/room/vote_results.py", source) == [
        "workshop/room/vote_results.py:2 imports workshop.room.voting inside a function: break the cycle instead"
    ]


def test_streamlit_in_the_domain_and_sql_in_a_page_are_refused():
    assert layer_problems("workshop/method/plan.py", "import streamlit as st\n")
    assert layer_problems("pages/plan.py", "import sqlite_utils\n")
    assert layer_problems("pages/plan.py", "rows = db.execute('SELECT * FROM objective')\n")


def test_the_ui_never_imports_a_page_and_the_domain_never_imports_the_ui():
    assert layer_problems("ui/ballot.py", "from pages import participate\n")
    assert layer_problems("workshop/room/voting.py", "from ui import ballot\n")
    assert layer_problems("ui/frame.py", "def f():\n    from ui import session\n    return session\n") == [
        "ui/frame.py:2 imports ui.session inside a function: break the cycle instead"
    ]
    assert layer_problems("ui/plan.py", "rows = db.execute('SELECT * FROM objective')\n")


def test_pages_holds_only_page_scripts_each_declared_once_in_nav():
    scripts = {p.name for p in (ROOT / "pages").glob("*.py")} - {"__init__.py"}
    assert not [name for name in scripts if name.startswith("_")]
    assert {Path(spec.script).name for spec in nav.ALL} == scripts


def test_no_page_is_named_by_a_path_string_outside_nav():
    named = [
        f"{p.relative_to(ROOT)}:{n}"
        for pattern in ("ui/*.py", "pages/*.py", "app.py", "tests/*.py")
        for p in ROOT.glob(pattern)
        if p.name not in ("nav.py", "test_layers.py")
        for n, line in enumerate(p.read_text().splitlines(), start=1)
        if re.search(r"[\"']pages/[a-z_]+\.py[\"']", line)
    ]
    assert named == []


def test_a_relative_import_is_resolved_before_it_is_judged():
    assert layer_problems("workshop/core/model.py", "from ..room import voting\n")
    assert layer_problems("workshop/core/model.py", "from . import errors\n") == []
