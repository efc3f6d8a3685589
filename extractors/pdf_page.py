"""pdfplumber page -> plain char and drawing dicts read straight off its pdfminer layout (lighter than page.objects)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTItem, LTLine, LTRect

from extractors.pdf_text import Char

Drawn = dict[str, Any]  # a line/rect/curve in pdfplumber's coordinates: x0, top, x1, bottom, width, height, colours


@dataclass
class PageObjects:
    """What a reader found on one page: its size (points, rotation applied), glyphs and drawn lines/rects/curves."""

    width: float
    height: float
    chars: list[Char]
    drawn: list[Drawn]
    unmapped: int = 0  # glyphs the reader knows it could not map to Unicode


def walk(items: list[LTItem]) -> Iterator[LTItem]:
    """The layout's leaf objects in drawing order (figures opened)."""
    for obj in items:
        if isinstance(obj, LTContainer):
            yield from walk(list(obj))
        else:
            yield obj


def page_to_objects(page: Any) -> PageObjects:
    """The page's glyphs (text, box, size, upright) and drawn lines/rects/curves, top-down like pdfplumber's."""
    height = float(page.height)
    mx, mt = float(page.mediabox[0]), float(page.mediabox[1])
    chars: list[Char] = []
    drawn: list[Drawn] = []
    for obj in walk(page.layout._objs):
        if isinstance(obj, LTChar):
            chars.append({"text": obj.get_text(), "x0": obj.x0 + mx, "x1": obj.x1 + mx, "top": height - obj.y1 + mt,
                          "bottom": height - obj.y0 + mt, "size": obj.size, "upright": obj.upright})
        elif isinstance(obj, LTCurve):
            kind = "rect" if isinstance(obj, LTRect) else "line" if isinstance(obj, LTLine) else "curve"
            top = height - obj.y1 + mt
            drawn.append({"object_type": kind, "x0": obj.x0 + mx, "x1": obj.x1 + mx, "top": top, "doctop": top,
                          "bottom": height - obj.y0 + mt, "width": obj.width, "height": obj.height,
                          "y0": obj.y0, "y1": obj.y1, "stroke": obj.stroke, "fill": obj.fill,
                          "stroking_color": obj.stroking_color, "non_stroking_color": obj.non_stroking_color,
                          "pts": [(x + mx, height - y + mt) for x, y in obj.pts]})
    return PageObjects(float(page.width), height, chars, drawn)
