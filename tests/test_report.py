"""The sponsor's strategy document: its content read back from the PDF, its layout, and its safety."""

from __future__ import annotations

import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import hostile
import pdf_layout
import pytest
from pypdf import PdfReader

from workshop import cli
from workshop.db import store
from workshop.deliverables import files, record
from workshop.deliverables.report import document, sections, timeline
from workshop.method import workshops

STAND_IN_MAP = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">'
    '<rect x="10" y="10" width="80" height="30" fill="#4e79a7"/>'
    '<text x="15" y="30" font-size="8">STAND-IN MAP NODE</text></svg>'
)


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_pdf(demo_report_pdf):
    return demo_report_pdf


@pytest.fixture(scope="module")
def demo_pages(demo_pdf) -> tuple[str, ...]:
    """The demo report's pages as text, read once (pypdf takes about a second)."""
    return tuple(pdf_text(demo_pdf))


class RecordingServer:
    """A local HTTP server that records every request it receives."""

    def __init__(self):
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    server = RecordingServer()
    yield server
    server.close()


# --- content ----------------------------------------------------------------------------


def test_the_pdf_shows_four_perspectives_every_agreed_objective_its_measures_and_targets(demo, demo_pages):
    _, _, card = demo
    text = flat(" ".join(demo_pages))
    for name in ("Financial", "Customer", "Internal processes", "Learning & growth"):
        assert name in text
    for o in card.agreed_objectives():
        assert flat(o.title) in text
    for m in card.measures:
        assert flat(m.name) in text
    assert "25%" in text and "29 days" in text and "250 count" in text  # targets with units
    assert "Expand into cybersecurity consulting" in text  # the dropped one is in the record


def test_the_pdf_carries_cover_summary_plan_consensus_and_appendix(demo_pages):
    pages = demo_pages
    assert "Managed Cloud Services" in pages[0] and "Sam Rivera" in pages[0]
    text = flat(" ".join(pages))
    for heading in (
        "Executive summary",
        "The strategy map",
        "The scorecard by perspective",
        "Implementation plan",
        "Initiatives on a timeline",
        "Strategic budget by theme and by perspective",
        "Data sources and systems",
        "Cascade to lower units",
        "Review rhythm",
        "How the team reached consensus",
        "Appendix A · The unit and the interviews",
        "Risks and open points",
        "Next steps: the first 90 days",
        "Sign-off",
    ):
        assert heading in text, heading
    assert "605,000" in text and "Service automation programme" in text
    assert "Monthly KPI review by the leadership team" in text
    assert "Helen Park, Managing Director" in text


def test_every_page_after_the_cover_has_its_number_and_the_running_header(demo_pages):
    pages = demo_pages
    total = len(pages)
    assert total >= 8
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert "Managed Cloud Services" in text


def test_contents_gives_the_page_each_section_starts_on(demo_pages):
    pages = demo_pages
    contents = flat(pages[1])
    for title in ("Executive summary", "The scorecard by perspective", "Implementation plan", "How the team reached consensus"):
        listed = int(re.search(re.escape(title) + r"[ .]*?(\d+)", contents).group(1))
        assert re.search(r"\d · " + re.escape(title), flat(pages[listed - 1])), title


@pytest.mark.parametrize("paper, size", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_the_report_prints_on_a4_and_letter(demo, demo_pdf, paper, size):
    db, wid, _ = demo
    pdf = demo_pdf if paper == "A4" else document.build_pdf(record.read(db, wid), paper=paper)  # demo_pdf is the A4 render
    reader = PdfReader(io.BytesIO(pdf))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    landscape = [n for n, s in enumerate(sizes) if s == size[::-1]]
    assert len(landscape) == 1 and "The strategy map" in reader.pages[landscape[0]].extract_text()
    assert all(s == size for n, s in enumerate(sizes) if n not in landscape)


def test_an_unknown_paper_size_is_refused(demo):
    _, _, card = demo
    with pytest.raises(ValueError):
        document.report_context(card, paper="A3")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_demo_leaves_no_heading_alone_at_a_page_foot_and_nothing_past_the_margin(demo, paper):
    _, _, card = demo
    laid_out = pdf_layout.render(document.render_html(document.report_context(card, paper=paper, map_svg=STAND_IN_MAP)))
    assert pdf_layout.lonely_headings(laid_out) == []
    assert pdf_layout.overflowing(laid_out) == []


def test_the_layout_check_notices_a_heading_left_at_a_page_foot():
    html = '<html><body><div style="height: 200mm">filler</div><h3 style="break-after: page">Lonely</h3><h3>Fine</h3><p>text</p></body></html>'
    assert [text for _, text in pdf_layout.lonely_headings(pdf_layout.render(html))] == ["Lonely"]


def test_a_new_workshop_without_any_content_still_makes_a_report(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Acme", "Empty unit")
    text = flat(" ".join(pdf_text(document.build_pdf(record.read(fresh_db, wid)))))
    assert "No agreed objective in this perspective yet." in text
    assert "No initiative recorded yet." in text


# --- slots filled by other parts of the product ------------------------------------------


def test_the_strategy_map_slot_shows_our_svg_and_is_empty_without_it(demo):
    _, _, card = demo
    with_map = document.render_html(document.report_context(card, map_svg=STAND_IN_MAP))
    assert "STAND-IN MAP NODE" in flat(" ".join(pdf_text(document.render_pdf(with_map))))
    without = document.render_html(document.report_context(card))
    assert '<figure class="map">' not in without and "<svg" not in without.split('id="map"')[1].split("</section>")[0]


ROUNDS = [
    {
        "workshop": 1,
        "round": 1,
        "title": "Draft objectives",
        "method": "gradients of agreement",
        "anonymity": "named",
        "eligible": 10,
        "voted": 9,
        "closed_at": "2026-10-01T10:00:00Z",
        "items": [
            {
                "key": "objective:1",
                "subject": "Grow revenue",
                "tally": "endorse 6 · block 1",
                "positive_pct": 60.0,
                "blocks": 1,
                "verdict": "discuss",
                "voters": ["Ana Named"],
            }
        ],
    },
    {
        "workshop": 1,
        "round": 2,
        "title": "Contested items",
        "method": "gradients of agreement",
        "anonymity": "anonymous",
        "eligible": 10,
        "voted": 10,
        "items": [
            {
                "key": "objective:1",
                "subject": "Grow revenue",
                "tally": "endorse 9",
                "positive_pct": 90.0,
                "verdict": "consensus",
                "decision": "agreed",
                "voters": ["Bob Secret"],
            }
        ],
    },
]


def test_the_consensus_record_shows_turnout_verdicts_decisions_and_how_items_moved(demo):
    _, _, card = demo
    html = document.render_html(document.report_context(card, consensus_rounds=ROUNDS))
    text = flat(" ".join(pdf_text(document.render_pdf(html)))).lower()
    assert "9 of 10 in the room voted (90%)" in text and "10 of 10 in the room voted (100%)" in text
    assert "how contested items moved between rounds" in text
    assert "w1 r1: 60% blocked: discuss → w1 r2: 90% consensus" in text
    assert "1 block" in text and "block(s)" not in text and "endorse 6 · block 1" in text


def test_voters_are_named_only_in_rounds_that_were_named(demo):
    _, _, card = demo
    html = document.render_html(document.report_context(card, consensus_rounds=ROUNDS))
    assert "Ana Named" in html
    assert "Bob Secret" not in html
    safe = sections.honour_anonymity([{**ROUNDS[0], "anonymity": "facilitator"}])
    assert safe[0]["items"][0]["voters"] == []


def test_open_findings_are_listed_most_severe_first(demo):
    _, _, card = demo
    findings = [
        {"id": "C7", "severity": "info", "rule": "Mix lead and lag", "items": ["All"], "fix": "Add a lead measure"},
        {"id": "C1", "severity": "error", "rule": "Every objective has a measure", "items": "Grow revenue", "fix": "Add one"},
    ]
    context = document.report_context(card, findings=findings)
    assert [f["id"] for f in context["findings"]] == ["C1", "C7"]
    assert ("findings", "Appendix B · Method check findings") in context["appendices"]
    text = flat(" ".join(pdf_text(document.render_pdf(document.render_html(context)))))
    assert "Appendix B · Method check findings" in text and "Every objective has a measure" in text
    assert "findings" not in document.report_context(card)["number"]


# --- the plan's figures -----------------------------------------------------------------


def test_budget_by_theme_and_by_perspective_adds_up_to_the_total(demo):
    _, _, card = demo
    themes, perspectives, unallocated = sections.budget_split(card)
    total = sum(i.budget or 0 for i in card.initiatives)
    assert sum(t["budget"] for t in themes) + unallocated == pytest.approx(total)
    assert sum(p["budget"] for p in perspectives) + unallocated == pytest.approx(total)


def test_the_timeline_draws_one_bar_per_scheduled_initiative_and_escapes_names():
    import datetime as dt

    svg = timeline.gantt_svg(
        [
            timeline.Bar("<script>x</script>", dt.date(2027, 1, 1), dt.date(2027, 3, 1)),
            timeline.Bar("B & C", dt.date(2027, 2, 1), dt.date(2028, 9, 1)),
        ]
    )
    assert svg.count('rx="2"') == 2
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "B &amp; C" in svg


# --- hostile content --------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_render():
    """The hostile workshop rendered once, with a spy on every URL WeasyPrint asks for and a
    local server recording every request that reaches it."""
    db = store.connect(":memory:")
    server = RecordingServer()
    wid = hostile.build(db, server.url)
    asked: list[str] = []
    real = document.asset_fetcher

    def spying_fetcher():
        fetcher = real()
        original = fetcher.fetch

        def fetch(url, headers=None):
            asked.append(url)
            return original(url, headers)

        fetcher.fetch = fetch
        return fetcher

    document.asset_fetcher = spying_fetcher
    try:
        html = document.build_html(record.read(db, wid))
        laid_out = pdf_layout.render(html)
        pdf = laid_out.write_pdf()
    finally:
        document.asset_fetcher = real
    yield {"html": html, "document": laid_out, "pdf": pdf, "asked": asked, "hits": list(server.hits)}
    server.close()
    db.close()


def test_markup_in_user_text_stays_text(hostile_render):
    html = hostile_render["html"]
    assert "<script>" not in html and "<img" not in html and "<style>@import" not in html
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in html
    cover = PdfReader(io.BytesIO(hostile_render["pdf"])).pages[0].extract_text()
    assert "<script>alert('owned')</script><b>bold?</b>" in flat(cover)


def test_nothing_in_user_text_is_ever_fetched(hostile_render):
    assert hostile_render["hits"] == []
    assert [u.rsplit("/", 1)[-1] for u in hostile_render["asked"]] == ["report.css"]


def test_the_fetcher_refuses_remote_and_local_urls_even_in_raw_markup(recorder, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    raw = (
        f'<html><head><link rel="stylesheet" href="{recorder.url}/a.css"></head><body>'
        f'<img src="{recorder.url}/b.png"><img src="{secret.as_uri()}">'
        f'<div style="background: url({recorder.url}/c.png)">x</div>'
        f'<p style="background: url(file:///etc/hostname)">y</p>'
        f'<img src="{document.ASSETS.as_uri()}/../../workshop/report.py"></body></html>'
    )
    document.render_pdf(raw)
    assert recorder.hits == []
    fetcher = document.asset_fetcher()
    for url in (
        f"{recorder.url}/x",
        "https://example.com/x",
        "file:///etc/hostname",
        secret.as_uri(),
        "data:text/css,body{}",
        f"{document.ASSETS.as_uri()}/../report.html",
        f"file://evil{document.ASSETS}/report.css",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert recorder.hits == []
    served = fetcher.fetch(f"{document.ASSETS.as_uri()}/report.css")
    assert b"@page" in served.read()
    served.close()


def test_huge_texts_and_unbroken_words_neither_overflow_nor_strand_a_heading(hostile_render):
    document = hostile_render["document"]
    assert len(document.pages) > 20
    assert pdf_layout.overflowing(document) == []
    assert pdf_layout.lonely_headings(document) == []


def test_a_table_split_across_pages_repeats_its_header_row_on_each(hostile_render):
    pages = pdf_layout.pages_with_header_cell(hostile_render["document"], "Rationale")
    assert len(pages) >= 3
    assert pages == list(range(pages[0], pages[-1] + 1))  # every page the decisions table spans


# --- the command line -------------------------------------------------------------------


def test_the_command_line_writes_each_format_and_pdf_stays_the_default(tmp_path):
    db_file = tmp_path / "w.db"
    assert cli.main(["demo", "--db", str(db_file)]) == 0
    assert cli.main(["report", "--db", str(db_file), "--workshop", "1", "-o", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    for fmt, start in (("xlsx", b"PK"), ("csv", "\ufeffPerspective".encode()), ("html", b"<!doctype html>")):
        out = tmp_path / f"r.{fmt}"
        assert cli.main(["report", "--db", str(db_file), "--workshop", "1", "--format", fmt, "--paper", "Letter", "-o", str(out)]) == 0
        assert out.read_bytes().startswith(start), fmt
    assert b"@page" in (tmp_path / "r.html").read_bytes() and b'href="report.css"' not in (tmp_path / "r.html").read_bytes()


def test_download_names_follow_the_organisation_and_unit(demo):
    _, _, card = demo
    assert files.filename(card, "pdf") == "strategy-Atlas-Digital-Managed-Cloud-Services.pdf"
    assert files.filename(card, "xlsx") == "scorecard-Atlas-Digital-Managed-Cloud-Services.xlsx"
    assert files.filename(card.workshop, "csv").endswith(".csv")
