"""Layout checks on a rendered report: headings left alone at a page's foot, boxes past the margin."""

from __future__ import annotations

from weasyprint import HTML

from workshop.deliverables.report import document

HEADINGS = {"h1", "h2", "h3", "h4"}


def render(html: str):
    return HTML(string=html, base_url=document.ASSETS.as_uri() + "/", url_fetcher=document.asset_fetcher()).render()


def _walk(box, depth=0):
    yield box
    for child in getattr(box, "children", []) or []:
        yield from _walk(child, depth + 1)


def _inside(box, ancestor) -> bool:
    return any(b is box for b in _walk(ancestor))


def lonely_headings(document) -> list[tuple[int, str]]:
    """(page number, heading text) for each heading with nothing of the body after it on its page."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        boxes = list(_walk(page._page_box))
        body = [b for b in boxes if getattr(b, "element_tag", None) and type(b).__name__ != "PageBox" and "Margin" not in type(b).__name__]
        for h in [b for b in body if b.element_tag in HEADINGS and type(b).__name__ == "BlockBox"]:
            bottom = h.position_y + h.margin_height()
            after = [
                b
                for b in body
                if b.position_y >= bottom - 0.5 and not _inside(b, h) and b.element_tag not in HEADINGS and getattr(b, "height", 0) and b.height > 1
            ]
            if not after:
                found.append((number, _text(h)[:60]))
    return found


def _text(box) -> str:
    return "".join(getattr(b, "text", "") for b in _walk(box))


def overflowing(document, tolerance: float = 1.0) -> list[tuple[int, str, float]]:
    """(page, tag, right edge) for each box that reaches past the page's right margin."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        root = page._page_box
        limit = root.margin_width() - root.margin_right + tolerance
        for b in _walk(root):
            if "Margin" in type(b).__name__ or type(b).__name__ == "PageBox":
                continue
            if getattr(b, "width", None) is None or not hasattr(b, "position_x"):
                continue
            right = b.position_x + b.margin_width() if hasattr(b, "margin_width") else b.position_x + b.width
            if right > limit:
                found.append((number, getattr(b, "element_tag", type(b).__name__), round(right, 1)))
    return found


def pages_with_header_cell(document, text: str) -> list[int]:
    """Pages on which a table header cell reads `text` (a split table repeats its header)."""
    return [
        number
        for number, page in enumerate(document.pages, start=1)
        if any(getattr(b, "element_tag", None) == "th" and _text(b).strip() == text for b in _walk(page._page_box))
    ]
