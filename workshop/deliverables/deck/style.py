"""The deck's house style: slide size, colours, fonts, and the few drawing helpers every slide uses.

Text goes into shapes as plain runs (python-pptx escapes it as XML text), so user text can never
become markup, a field or a link in the deck.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
FONT = "Arial"  # metric-compatible with Liberation Sans, so LibreOffice lays it out the same
INK = RGBColor(0x1D, 0x27, 0x33)
MUTED = RGBColor(0x6B, 0x77, 0x85)
RULE = RGBColor(0xD5, 0xDD, 0xE6)
PALE = RGBColor(0xEE, 0xF3, 0xF8)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
DEFAULT_ACCENT = "#1f4e79"
XML_UNSAFE = set(range(32)) - {9, 10, 13}


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6].upper())


def tint(colour: str, amount: float = 0.82) -> RGBColor:
    """The colour mixed with white: a fill that keeps dark text readable."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return RGBColor(*(round(c + (255 - c) * amount) for c in (r, g, b)))


def clean(text: object, limit: int = 600) -> str:
    """Text a slide can hold: control characters out (XML refuses them), long text shortened."""
    value = "".join(ch for ch in str(text or "") if ord(ch) not in XML_UNSAFE)
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def write(
    frame,
    paragraphs,
    *,
    size: float = 14,
    colour: RGBColor | None = INK,
    bold: bool = False,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    spacing: float = 4,
    margins: bool = True,
) -> None:
    """Fill a text frame: each item a paragraph, either text or (text, {size, bold, colour}).
    The font comes from the deck's theme (set_theme_font); a colour of None keeps the theme's."""
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    if margins:
        frame.margin_left = frame.margin_right = Inches(0.06)
        frame.margin_top = frame.margin_bottom = Inches(0.03)
    for n, item in enumerate(paragraphs):
        text, style = item if isinstance(item, tuple) else (item, {})
        p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        if align != PP_ALIGN.LEFT:
            p.alignment = align
        if style.get("spacing", spacing):
            p.space_after = Pt(style.get("spacing", spacing))
        run = p.add_run()
        run.text = clean(text, style.get("limit", 600))
        font = run.font
        font.size = Pt(style.get("size", size))
        if style.get("bold", bold):
            font.bold = True
        if style.get("colour", colour) is not None:
            font.color.rgb = style.get("colour", colour)


def set_theme_font(deck) -> None:
    """Every text in the deck in FONT, set once in the theme rather than on each run."""
    master = deck.slide_masters[0]
    theme = next(rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme"))
    xml = theme.blob.replace(b'typeface="Calibri"', f'typeface="{FONT}"'.encode())
    theme._blob = xml


def text_box(slide, left, top, width, height, paragraphs, **style):
    box = slide.shapes.add_textbox(Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height)))
    write(box.text_frame, paragraphs, **style)
    return box


def rectangle(slide, left, top, width, height, fill: RGBColor, *, line: RGBColor | None = None, shape=MSO_SHAPE.RECTANGLE, line_width: float = 1.0):
    rect = slide.shapes.add_shape(shape, Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height)))
    rect.fill.solid()
    rect.fill.fore_color.rgb = fill
    if line is None:
        rect.line.fill.background()
    else:
        rect.line.color.rgb = line
        rect.line.width = Pt(line_width)
    rect.shadow.inherit = False
    return rect


def arrow_end(connector) -> None:
    """A triangle at the connector's end (the effect), drawn by PowerPoint and LibreOffice alike."""
    line = connector.line._get_or_add_ln()
    tail = line.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"})
    line.append(tail)


def heading(slide, title: str, accent: str, *, kicker: str = "") -> None:
    """The slide's title with the accent rule under it, and an optional small line above."""
    rectangle(slide, 0, 0, SLIDE_W, Inches(0.12), rgb(accent))
    if kicker:
        text_box(slide, MARGIN, Inches(0.25), SLIDE_W - 2 * MARGIN, Inches(0.3), [kicker], size=11, colour=MUTED)
    text_box(slide, MARGIN, Inches(0.48), SLIDE_W - 2 * MARGIN, Inches(0.6), [title], size=26, bold=True, colour=rgb(accent))
    rectangle(slide, MARGIN, Inches(1.08), SLIDE_W - 2 * MARGIN, Pt(1.5), rgb(accent))


def footer(slide, text: str, number: int) -> None:
    text_box(slide, MARGIN, SLIDE_H - Inches(0.36), Inches(9), Inches(0.3), [text], size=9, colour=MUTED)
    text_box(
        slide,
        SLIDE_W - MARGIN - Inches(1.5),
        SLIDE_H - Inches(0.36),
        Inches(1.5),
        Inches(0.3),
        [str(number)],
        size=9,
        colour=MUTED,
        align=PP_ALIGN.RIGHT,
    )


def table(slide, left, top, width, rows: list[list[str]], widths: list[float], accent: str, *, size: float = 11, row_h=Inches(0.36)):
    """A native table: header row in the accent colour, body rows banded; widths are fractions."""
    shape = slide.shapes.add_table(len(rows), len(widths), Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(row_h * len(rows))))
    grid = shape.table
    for c, fraction in enumerate(widths):
        grid.columns[c].width = Emu(int(width * fraction))
    for r, values in enumerate(rows):
        grid.rows[r].height = Emu(int(row_h))
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(accent) if r == 0 else (PALE if r % 2 == 0 else WHITE)
            write(cell.text_frame, [value], size=size, bold=r == 0, colour=WHITE if r == 0 else None, spacing=0, margins=False)
    return shape
