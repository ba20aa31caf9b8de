"""The command line: `python -m workshop <command>`. A thin shell over the services.

Every failure a user can cause prints one line to stderr and exits non-zero; files are written
only once their whole content is ready (to a temporary name, then renamed).
"""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from workshop import checks
from workshop.core import methods
from workshop.core.errors import WorkshopError
from workshop.core.words import plural
from workshop.db import actual_reads, store
from workshop.db import backup as backups
from workshop.db import scorecard as scorecard_reads
from workshop.deliverables import files, record
from workshop.deliverables.exchange import export
from workshop.deliverables.map import svg
from workshop.deliverables.report import document
from workshop.method import actuals, actuals_file, bulk, bulk_kinds, cascade
from workshop.room import ledger
from workshop.starters import catalogue, demo, from_json


def _write_atomically(path: str, data: bytes) -> None:
    """Write to a hidden temporary file beside `path`, then rename it; a failure names `path`,
    the file the user asked for, never the temporary one."""
    target = Path(path)
    tmp = None
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "it is a folder; give a file name")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as error:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise WorkshopError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def _open(args, *, create: bool = False):
    return store.connect(args.db, create=create)


def cmd_demo(args) -> None:
    db = _open(args, create=True)
    template = getattr(args, "template", None) or catalogue.DEMO
    print(catalogue.create_from_template(db, template) if template != catalogue.DEMO else demo.create_demo(db))


def cmd_templates(args) -> None:
    for name in catalogue.list_templates():
        print(name)


def cmd_methods(args) -> None:
    for method in methods.all_methods():
        print(f"{method.name}\t{method.label}: {method.description}")


def cmd_map(args) -> None:
    db = _open(args)
    export.require_workshop(db, args.workshop)
    card = scorecard_reads.load(db, args.workshop)
    _write_atomically(args.output, svg.render_svg(card).encode())


def cmd_check(args) -> int:
    if args.list:
        for severity, meaning in checks.SEVERITY_MEANING.items():
            print(f"# {severity}: {meaning}")
        print(f"# acknowledgement: {checks.ACKNOWLEDGEMENT_RULE}")
        for c in checks.all_checks():
            print(f"{c.id}\t{c.severity}\t{c.rule}")
        return 0
    if args.db is None or args.workshop is None:
        raise WorkshopError("give --db and --workshop to check a workshop, or --list to list the checks")
    db = _open(args)
    export.require_workshop(db, args.workshop)
    everything = checks.review(scorecard_reads.load(db, args.workshop))
    findings = [f for f in everything if not f.acknowledged]
    for finding in findings + checks.acknowledged(everything):
        print(checks.describe(finding))
    counts = checks.summary(findings)
    print(
        f"{plural(len(findings), 'finding')}: {plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}, {plural(counts['advice'], 'piece')} of advice; "
        f"{len(everything) - len(findings)} acknowledged",
        file=sys.stderr,
    )
    return 1 if checks.has_errors(findings) else 0


def cmd_cascade(args) -> None:
    db = _open(args)
    export.require_workshop(db, args.workshop)
    child_id = cascade.start_cascade(db, args.workshop, args.unit, owner=args.owner or "")
    child = scorecard_reads.load(db, child_id)
    above = (child.parent or {}).get("unit", "")
    print(
        f"Started the scorecard of {child.workshop['unit']}, a lower unit of {above}: "
        f"{plural(len(child.expected), 'objective')} of {above} to serve, "
        f"{plural(len(child.head_office_themes), 'head-office theme')} carried over."
    )
    print(child_id)


def cmd_verify(args) -> int:
    """Recompute every round's ballot chain; exit 1 naming the first event that does not match."""
    db = _open(args)
    export.require_workshop(db, args.workshop)
    checked = ledger.verify(db, args.workshop)
    for r in checked:
        state = "does NOT verify" if r.problem else "verified"
        seal = f", fingerprint {ledger.short(r.fingerprint)}" if r.fingerprint else ", still open"
        print(f"Round {r.round_number} “{r.title}”: {r.events} ballot events{seal}: {state}")
    broken = next((r.problem for r in checked if r.problem), None) or ledger.rounds_problem(db, args.workshop)
    if broken:
        print(f"error: {broken}", file=sys.stderr)
        return 1
    print(f"All {len(checked)} rounds verify: every ballot matches its chain.", file=sys.stderr)
    return 0


def cmd_export(args) -> None:
    db = _open(args)
    export.require_workshop(db, args.workshop)
    _write_atomically(args.output, export.workshop_file(db, args.workshop))


def cmd_import(args) -> None:
    try:
        text = Path(args.file).read_bytes()
    except OSError as error:
        raise WorkshopError(f"cannot read {args.file}: {error.strerror}") from None
    document = from_json.parse(text)
    db = _open(args, create=True)
    print(from_json.import_workshop(db, document))


def cmd_load(args) -> int:
    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        raise WorkshopError(f"cannot read {args.file}: {error.strerror}") from None
    db = _open(args)
    export.require_workshop(db, args.workshop)
    batches = bulk.check_file(db, args.workshop, data, args.file, args.kind)
    for batch in batches:
        for note in batch.notes:
            print(f"note: {batch.source}: {note}", file=sys.stderr)
    problems = [p for b in batches for p in b.problems()]
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"nothing was saved: {plural(len(problems), 'problem')} in the file", file=sys.stderr)
        return 1
    found = ", ".join(plural(len(b.rows), b.kind.noun) for b in batches)
    if args.dry_run:
        print(f"checked, nothing saved: {found}")
        return 0
    bulk.save(db, args.workshop, batches)
    print(f"loaded {found}")
    return 0


def cmd_actuals(args) -> int:
    """Figures per period from a file: all of them, or nothing and every problem by row and column."""
    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        raise WorkshopError(f"cannot read {args.file}: {error.strerror}") from None
    db = _open(args)
    export.require_workshop(db, args.workshop)
    try:
        rows = actuals_file.read_file(data, args.file)
        if args.dry_run:
            clean, problems = actuals.check_rows(db, args.workshop, rows)
            if problems:
                raise actuals.Refused(problems)
            print(f"checked, nothing saved: {plural(len(clean), 'figure')}")
            return 0
        with store.write(db):  # the measures' figures and the initiatives' spend, all or nothing together
            saved = actuals.save_rows(db, args.workshop, rows)
            spending = actuals_file.read_spend(data, args.file)
            spent = actuals.save_spend(db, args.workshop, spending) if spending else 0
    except actuals.Refused as refused:
        for problem in refused.problems:
            print(problem, file=sys.stderr)
        print(f"nothing was saved: {plural(len(refused.problems), 'problem')} in the file", file=sys.stderr)
        return 1
    print(saved.message() + (f" Saved {plural(spent, 'initiative period')} of budget and spend." if spent else ""))
    return 0


def cmd_status(args) -> None:
    """One line per measure: objective, measure, period, plan, actual, status, in aligned columns."""
    db = _open(args)
    export.require_workshop(db, args.workshop)
    card = scorecard_reads.load(db, args.workshop)
    lines = actual_reads.latest(db, card, period=args.period)
    table = [("Objective", "Measure", "Period", "Plan", "Actual", "Status", "Trend")]
    table += [(x.objective, x.measure.name, x.period_text, x.plan_text(), x.actual_text(), x.status, x.trend_text()) for x in lines]
    widths = [min(max(len(r[i]) for r in table), 48) for i in range(len(table[0]))]
    for r in table:
        print("  ".join(_cut(cell, w).ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    counts = actual_reads.counts(lines)
    print(", ".join(f"{n} {status}" for status, n in counts.items()), file=sys.stderr)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_report(args) -> None:
    db = _open(args)
    export.require_workshop(db, args.workshop)
    _write_atomically(args.output, files.build(record.read(db, args.workshop), args.format, paper=args.paper, findings=args.findings))


def cmd_review(args) -> None:
    db = _open(args)
    export.require_workshop(db, args.workshop)
    pack = record.read_review(db, args.workshop, args.period)
    _write_atomically(args.output, files.build_review(pack, args.format, paper=args.paper))
    print(f"wrote the review pack of {pack.period.label()} to {args.output}")


def cmd_backup(args) -> None:
    """A consistent copy of the database, also while the app runs and the room votes."""
    taken = backups.backup(args.db, args.output)
    print(f"backed up {args.db} to {taken}", file=sys.stderr)


def cmd_restore(args) -> None:
    """Put a backup or a snapshot in the database's place, after checking it."""
    backups.restore(args.file, args.db, force=args.force)
    print(f"restored {args.db} from {args.file}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m workshop", description="Scorecard Workshop from the command line.")
    commands = main.add_subparsers(dest="command", required=True)

    def command(name: str, handler, help: str, *, workshop: bool = False, output: bool = False):
        sub = commands.add_parser(name, help=help)
        sub.add_argument("--db", required=True, help="the SQLite database file")
        if workshop:
            sub.add_argument("--workshop", type=int, required=True, help="the workshop's id")
        if output:
            sub.add_argument("-o", "--output", required=True, help="the file to write")
        sub.set_defaults(handler=handler)
        return sub

    command("demo", cmd_demo, "create the demo workshop; prints its id").add_argument(
        "--template", choices=catalogue.list_templates(), default=catalogue.DEMO, help="start from this template (see `templates`)"
    )
    commands.add_parser("templates", help="list the starting templates, one name per line").set_defaults(handler=cmd_templates)
    commands.add_parser("methods", help="list the voting methods, one a line: name, label and what it does").set_defaults(handler=cmd_methods)
    command("map", cmd_map, "write the strategy map as SVG", workshop=True, output=True)
    checking = commands.add_parser("check", help="list the method checks, or run them on a workshop (exit 1 if any error)")
    checking.add_argument("--list", action="store_true", help="one line per check: id, severity, rule")
    checking.add_argument("--db", help="the SQLite database file")
    checking.add_argument("--workshop", type=int, help="the workshop's id")
    checking.set_defaults(handler=cmd_check)
    cascading = command(
        "cascade",
        cmd_cascade,
        "start the scorecard of a lower unit of a workshop, pre-filled from it; prints the new workshop's id on its last line",
        workshop=True,
    )
    cascading.add_argument("--unit", required=True, help="the lower unit's name")
    cascading.add_argument("--owner", help="who leads the unit's scorecard (for the cascade plan)")
    command("verify", cmd_verify, "recompute every voting round's ballot chain; exit 1 naming the first event that does not match", workshop=True)
    command("export", cmd_export, "write a workshop as a JSON document", workshop=True, output=True)
    command("import", cmd_import, "create a workshop from a JSON document; prints its id").add_argument("file", help="the JSON document")
    loading = command(
        "load",
        cmd_load,
        "add objectives, links, measures and initiatives from an .xlsx or .csv file (all of it, or nothing if any row has a problem)",
        workshop=True,
    )
    loading.add_argument("file", help="an .xlsx workbook (sheets Objectives, Links, Measures, Initiatives) or a .csv file of one kind")
    loading.add_argument("--kind", choices=tuple(bulk_kinds.KINDS), default="objectives", help="what a .csv file (or a workbook's only sheet) holds")
    loading.add_argument("--dry-run", action="store_true", help="check every row, save nothing")
    taking = command(
        "actuals",
        cmd_actuals,
        "save figures per period from a CSV file (measure,period,actual[,planned][,comment]): all of them, or nothing if any row has a problem",
        workshop=True,
    )
    taking.add_argument("file", help="a .csv file with a header row: measure, period, actual, and planned and comment if wanted")
    taking.add_argument("--dry-run", action="store_true", help="check every row, save nothing")
    command(
        "status", cmd_status, "one line per measure: objective, measure, period, plan, actual, status (the latest period reported)", workshop=True
    ).add_argument("--period", help="the period to show instead of the latest (Q4 2027, Dec 2027, 2027)")
    report_command = command(
        "report", cmd_report, "write the strategy document (PDF), the deck (pptx) or the scorecard workbook (xlsx, csv)", workshop=True, output=True
    )
    report_command.add_argument("--paper", choices=document.PAPER_SIZES, default="A4")
    report_command.add_argument(
        "--format",
        choices=tuple(files.FORMATS),
        default="pdf",
        help="pdf: strategy document (default); html: the same as HTML; pptx: the editable deck; xlsx: scorecard workbook; csv: the scorecard sheet",
    )
    report_command.add_argument(
        "--findings",
        action="store_true",
        help="add the method checks' findings as an appendix (pdf, html); off by default: the sponsor's copy leaves them out",
    )
    reviewing = command(
        "review",
        cmd_review,
        "write the review pack of a period (PDF, or a deck with --format pptx): the map by status, the scorecard with trends, "
        "off-target items, hypotheses tested, initiatives, the action log",
        workshop=True,
        output=True,
    )
    reviewing.add_argument("--period", help="the period to review (Q2 2027, Jun 2027, 2027); the latest with actuals by default")
    reviewing.add_argument("--format", choices=files.REVIEW_FORMATS, default="pdf", help="pdf: the review pack (default); pptx: the same as a deck")
    reviewing.add_argument("--paper", choices=document.PAPER_SIZES, default="A4")

    command("backup", cmd_backup, "copy the database to a file, consistent even while the app runs and the room votes", output=True)
    restoring = command(
        "restore",
        cmd_restore,
        "replace the database with a backup or a snapshot, after checking it is a sound Scorecard Workshop database (stop the app first)",
    )
    restoring.add_argument("file", help="the backup or snapshot file")
    restoring.add_argument("--force", action="store_true", help="restore although the database looks open (only when the app has crashed)")
    return main


def _database_problem(error: sqlite3.DatabaseError) -> str:
    """What went wrong with the database file, in plain words (SQLite's own text may quote SQL)."""
    text = str(error).lower()
    for words, meaning in (
        ("not a database", "it is not a SQLite database file"),
        ("malformed", "the file is damaged"),
        ("locked", "another program is writing to it; try again in a moment"),
        ("busy", "another program is writing to it; try again in a moment"),
        ("readonly", "it can only be read here, not written"),
        ("read-only", "it can only be read here, not written"),
        ("unable to open", "it cannot be opened (check the path and the permissions)"),
        ("disk i/o", "the disk could not be read or written"),
        ("full", "the disk is full"),
    ):
        if words in text:
            return meaning
    return "it does not hold what this version expects (was it made by a newer version?)"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status = args.handler(args)
    except WorkshopError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write {getattr(error, 'filename', '') or 'the output'}: {error.strerror}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as error:
        print(f"error: {args.db} is not a usable workshop database: {_database_problem(error)}", file=sys.stderr)
        return 1
    return status or 0
