"""The house's layout holds: packages import only the ones before them, the domain never imports
streamlit nor the UI, pages and their pieces (ui/) hold no SQL, ui/ never imports a page, no import
hides inside a function, and the deliverables only read, from the workshop's record; and the type
checker reads every layer (workshop/, ui/, pages/, app.py)."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from ui import nav

ROOT = Path(__file__).resolve().parent.parent
# Each package may import itself and the ones before it, never one after it.
ORDER = ["i18n", "core", "db", "checks", "method", "room", "deliverables", "starters", "cli"]
SQL = re.compile(r"\b(?:SELECT\b[\s\S]*?\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b")
WRITE_SQL = re.compile(r"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE\s+(?:OR\s+\w+\s+)?\w+\s+SET|DELETE\s+FROM)\b", re.IGNORECASE)
WRITE_CALLS = ("insert", "insert_all", "upsert", "upsert_all", "update", "delete", "delete_where")  # sqlite-utils' writes
STORE_WRITES = ("write", "insert", "update", "delete")  # the store's write transaction and row writes
DELIVERABLES = "workshop/deliverables/"
READS_THE_STORE = ("workshop/deliverables/record.py", "workshop/deliverables/exchange/")  # the one read, and the export's own


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


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: prose may say "update" or "delete from" without writing."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def write_problems(path: str, tree: ast.AST) -> list[str]:
    """Deliverables only read: no SQL that writes, no sqlite-utils write call, no store transaction."""
    problems = []
    prose = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose and WRITE_SQL.search(node.value):
            problems.append(f"{path}:{node.lineno} holds SQL that writes: deliverables only read; the write belongs to its use case")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "store" and node.attr in STORE_WRITES:
            problems.append(f"{path}:{node.lineno} calls store.{node.attr}: deliverables only read; the write belongs to its use case")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITE_CALLS:
            problems.append(f"{path}:{node.lineno} calls .{node.func.attr}(): deliverables only read (a dict merges with |= here)")
    return problems


def read_problems(path: str, tree: ast.AST, imports: list[tuple[int, str, bool]]) -> list[str]:
    """Deliverables render from the record (record.py reads it; the export reads its own): no other
    module of theirs takes the database or imports the store."""
    if path.startswith(READS_THE_STORE):
        return []
    problems = [
        f"{path}:{line} imports {module}: a deliverable renders from the record (deliverables/record.py)"
        for line, module, _ in imports
        if module.split(".")[0] in ("sqlite3", "sqlite_utils") or module.startswith("workshop.db")
    ]
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for arg in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
                if arg.arg == "db":
                    problems.append(f"{path}:{node.lineno} {node.name}() takes the database: a deliverable renders from the record")
    return problems


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
    if path.startswith(DELIVERABLES):
        problems += write_problems(path, tree) + read_problems(path, tree, imported(tree, parts[:-1]))
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
    return sorted(
        str(p.relative_to(ROOT)) for pattern in ("workshop/**/*.py", "ui/*.py", "pages/*.py", "app.py", "serve.py") for p in ROOT.glob(pattern)
    )


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
        "i18n → core → db → checks → method → room → deliverables → starters → cli"
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
    scripts = {p.name for p in (ROOT / "pages").glob("*.py")}  # no __init__.py either: pages are run, never imported
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


@pytest.mark.parametrize(
    "write",
    [
        'db.execute("UPDATE branding SET accent = ? WHERE workshop_id = ?", [colour, wid])\n',
        'db.execute(f"insert or ignore into branding (workshop_id) VALUES ({wid})")\n',
        'db.execute("DELETE FROM comment WHERE id = ?", [cid])\n',
        "with store.write(db):\n    pass\n",
        "store.insert(db, 'decision', row)\n",
        "db['branding'].upsert({'workshop_id': wid, 'accent': colour}, pk='workshop_id')\n",
        "db.table('comment').insert({'body': text})\n",
        "db['comment'].update(cid, {'addressed': 1})\n",
        "db['comment'].delete(cid)\n",
    ],
)
def test_a_write_planted_in_a_deliverable_is_refused(write):
    problems = layer_problems("workshop/deliverables/report/parts.py", write)
    assert problems and all("deliverables only read" in p for p in problems), problems


def test_the_same_write_in_its_use_case_is_allowed():
    source = 'with store.write(db):\n    db.execute("UPDATE branding SET accent = ? WHERE workshop_id = ?", [colour, wid])\n'
    assert layer_problems("workshop/method/branding.py", source) == []


def test_a_deliverable_may_read_and_say_update_in_its_prose():
    source = '"""What to update first, and what to delete from the plan."""\nrows = store.rows(db, "SELECT * FROM objective")\n'
    assert layer_problems("workshop/deliverables/exchange/export.py", source) == []


def test_a_renderer_that_takes_the_database_is_refused():
    source = "from workshop.db import store\n\ndef build_pptx(db, workshop_id):\n    return store.rows(db, 'SELECT 1')\n"
    assert layer_problems("workshop/deliverables/deck/slides.py", source) == [
        "workshop/deliverables/deck/slides.py:1 imports workshop.db.store: a deliverable renders from the record (deliverables/record.py)",
        "workshop/deliverables/deck/slides.py:3 build_pptx() takes the database: a deliverable renders from the record",
    ]
    assert layer_problems("workshop/deliverables/record.py", source) == []
