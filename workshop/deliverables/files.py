"""Each deliverable as a file: its bytes made from the workshop's record, its MIME type and its
download name. The command line and the report page ask here."""

from __future__ import annotations

from workshop.core.model import Scorecard
from workshop.deliverables.deck import slides
from workshop.deliverables.record import ReviewRecord, WorkshopRecord
from workshop.deliverables.report import document
from workshop.deliverables.review import document as review_document
from workshop.deliverables.review import slides as review_slides
from workshop.deliverables.workbook import sheets

FORMATS = {
    "pdf": "application/pdf",
    "html": "text/html",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


def build(record: WorkshopRecord, fmt: str = "pdf", *, paper: str = "A4", findings: bool = False) -> bytes:
    """One deliverable as bytes: pdf (the strategy document), html (the same, unpaginated; the
    logo inline), pptx (the deck), xlsx (the initial scorecard workbook) or csv (its scorecard)."""
    if fmt == "pdf":
        return document.build_pdf(record, paper=paper, findings=findings)
    if fmt == "pptx":
        return slides.build_pptx(record)
    if fmt == "html":
        return document.standalone(document.build_html(record, paper=paper, findings=findings), record.branding).encode()
    if fmt == "xlsx":
        return sheets.build_xlsx(record)
    if fmt == "csv":
        return sheets.build_csv(record)
    raise ValueError(f"format must be one of {tuple(FORMATS)}")


REVIEW_FORMATS = ("pdf", "pptx")


def build_review(rec: ReviewRecord, fmt: str = "pdf", *, paper: str = "A4") -> bytes:
    """The review pack of one period as bytes: pdf (the pack) or pptx (the same story as a deck)."""
    if fmt == "pdf":
        return review_document.build_pdf(rec, paper=paper)
    if fmt == "pptx":
        return review_slides.build_pptx(rec)
    raise ValueError(f"format must be one of {REVIEW_FORMATS}")


def review_filename(rec: ReviewRecord, fmt: str = "pdf") -> str:
    """A download name such as review-Atlas-Digital-Managed-Cloud-Services-2026-07.pdf."""
    return filename(rec.card, fmt).replace("strategy-", "review-", 1).replace(f".{fmt}", f"-{rec.period.key}.{fmt}")


def filename(card_or_workshop, fmt: str = "pdf") -> str:
    """A download name such as strategy-Atlas-Digital-Managed-Cloud-Services.pdf, or
    scorecard-….xlsx / .csv for the workbook and its CSV."""
    w = card_or_workshop.workshop if isinstance(card_or_workshop, Scorecard) else card_or_workshop
    safe = "".join(ch if ch.isalnum() else "-" for ch in f"{w['organisation']}-{w['unit']}")
    stem = "-".join(filter(None, safe.split("-")))[:60] or "workshop"
    kind = "scorecard" if fmt in ("xlsx", "csv") else "strategy"
    return f"{kind}-{stem}.{fmt}"
