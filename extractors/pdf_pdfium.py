"""PDF bytes -> per-page char and drawing dicts read through pdfium, in pdfplumber's top-down coordinates."""
from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterator, Optional

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extractors.pdf_page import Drawn, PageObjects
from extractors.pdf_text import Char

LOCK = threading.Lock()  # pdfium is not thread-safe: one document is read at a time
Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
MAX_FORM_DEPTH = 15
HYPHEN = 0x02  # pdfium reports a hyphen it takes for a line-break hyphen as this control code


class PasswordError(Exception):
    """The PDF is encrypted with a password pdfium does not have."""


class UnreadableError(Exception):
    """pdfium could not open the bytes as a PDF."""


@dataclass(frozen=True)
class Frame:
    """Where user space goes on a page: rotation (0/90/180/270), raw mediabox and pdfplumber's size and offsets."""

    rotation: int
    box: tuple[float, float, float, float]
    width: float
    height: float
    dx: float
    dy: float

    def point(self, x: float, y: float) -> Point:
        """A user-space point -> (x, top) as pdfplumber reports it (pdfminer's rotated page CTM, then flipped)."""
        x0, y0, x1, y1 = self.box
        r = self.rotation
        if r == 90:
            lx, ly = y - y0, x1 - x
        elif r == 180:
            lx, ly = x1 - x, y1 - y
        elif r == 270:
            lx, ly = y1 - y, x - x0
        else:
            lx, ly = x - x0, y - y0
        return lx + self.dx, self.height - ly + self.dy

    def vector(self, x: float, y: float) -> Point:
        """A user-space direction -> the same direction in pdfminer's (y-up) rotated page space."""
        r = self.rotation
        if r == 90:
            return y, -x
        if r == 180:
            return -x, -y
        if r == 270:
            return -y, x
        return x, y


def page_frame(page: Any) -> Frame:
    """The page's rotation and boxes, mirroring pdfplumber's Page: its bbox is the mediabox, rotated, flipped."""
    rotation = page.get_rotation() % 360
    x0, y0, x1, y1 = page.get_mediabox()
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
    height = ny1 - ny0
    return Frame(rotation, (x0, y0, x1, y1), nx1 - nx0, height, nx0, height - ny1)


def is_upright(m: tuple[float, float, float, float], frame: Frame) -> bool:
    """pdfminer's test on the char matrix after the page rotation: a*d > 0 and b*c <= 0."""
    a, b = frame.vector(m[0], m[1])
    c, d = frame.vector(m[2], m[3])
    return a * d > 0 and b * c <= 0


class Run:
    """What the chars of one text object share: which user axis the em square spans (1: y, 2: x, 0: neither,
    skewed text keeps pdfium's loose box), that span, and uprightness."""

    __slots__ = ("axis", "lo", "hi", "upright")

    def __init__(self, axis: int, lo: float, hi: float, upright: bool) -> None:
        self.axis, self.lo, self.hi, self.upright = axis, lo, hi, upright


def affine(frame: Frame) -> tuple[float, float, float, float, float, float]:
    """(p, q, r, s, t, u) with x = p*ux + q*uy + r and top = s*ux + t*uy + u for a user-space point (ux, uy)."""
    ox, oy = frame.point(0.0, 0.0)
    x1, t1 = frame.point(1.0, 0.0)
    x2, t2 = frame.point(0.0, 1.0)
    return x1 - ox, x2 - ox, ox, t1 - oy, t2 - oy, oy


def rebind(fn: Any, restype: Any, *argtypes: Any) -> Any:
    """A private copy of a pypdfium2 raw function taking and returning plain addresses/ints (cheaper per call in a
    per-glyph loop than the typed-pointer originals, which stay untouched)."""
    out = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    out.argtypes, out.restype = list(argtypes), restype
    return out


VOID, INT = ctypes.c_void_p, ctypes.c_int
GET_UNICODE = rebind(raw.FPDFText_GetUnicode, ctypes.c_uint, VOID, INT)
IS_GENERATED = rebind(raw.FPDFText_IsGenerated, INT, VOID, INT)
TEXT_OBJECT = rebind(raw.FPDFText_GetTextObject, VOID, VOID, INT)
LOOSE_BOX = rebind(raw.FPDFText_GetLooseCharBox, INT, VOID, INT, VOID)
MAP_ERROR = rebind(raw.FPDFText_HasUnicodeMapError, INT, VOID, INT)
CHAR_MATRIX = rebind(raw.FPDFText_GetMatrix, INT, VOID, INT, VOID)
CHAR_ORIGIN = rebind(raw.FPDFText_GetCharOrigin, INT, VOID, INT, VOID, VOID)
FONT_SIZE = rebind(raw.FPDFText_GetFontSize, ctypes.c_double, VOID, INT)
TEXT_FONT = rebind(raw.FPDFTextObj_GetFont, VOID, VOID)
FONT_DESCENT = rebind(raw.FPDFFont_GetDescent, INT, VOID, ctypes.c_float, VOID)
GENERATED_CANDIDATES = (0x20, 0x0D, 0x0A)  # pdfium only ever generates spaces and line breaks


def text_chars(textpage: Any, frame: Frame) -> tuple[list[Char], int]:
    """The text page's real glyphs (pdfium's generated spaces and line breaks left out) as pdfplumber-like chars,
    and how many of them pdfium could not map to Unicode. pdfium itself drops some space glyphs (it generates its
    own spaces in their place), so a space narrower than the line gap tolerance can go missing: whitespace, not text.

    Boxes follow pdfminer's: the advance from pdfium's loose box, and across it the font's em square from the
    baseline (shared by a text object's glyphs) + descent, so line bands and sizes come out as pdfminer's did."""
    handle = ctypes.cast(textpage, ctypes.c_void_p).value or 0
    n = raw.FPDFText_CountChars(textpage)
    rect = raw.FS_RECTF()
    box = ctypes.byref(rect)
    runs: dict[Optional[int], Run] = {}
    reader = RunReader(handle, frame)
    p, q, r0, s, t, u = affine(frame)
    chars: list[Char] = []
    unmapped = 0
    for i in range(n):
        code = GET_UNICODE(handle, i)
        if code in GENERATED_CANDIDATES and IS_GENERATED(handle, i) == 1:
            continue
        key = TEXT_OBJECT(handle, i)
        run = runs.get(key)
        if run is None:
            run = runs[key] = reader.run(i, key)
        LOOSE_BOX(handle, i, box)
        l, r, b, tp = rect.left, rect.right, rect.bottom, rect.top
        if run.axis == 1:  # horizontal text: the em square spans y
            b, tp = run.lo, run.hi
        elif run.axis == 2:  # text turned a quarter: the em square spans x
            l, r = run.lo, run.hi
        xa, xb = p * l + q * tp + r0, p * r + q * b + r0
        ta, tb = s * l + t * tp + u, s * r + t * b + u
        if xa > xb:
            xa, xb = xb, xa
        if ta > tb:
            ta, tb = tb, ta
        if code != 0x20 and MAP_ERROR(handle, i) == 1:
            unmapped += 1
        chars.append({"text": "-" if code == HYPHEN else chr(code) if code < 0x110000 else "\ufffd", "x0": xa,
                      "x1": xb, "top": ta, "bottom": tb, "size": tb - ta, "upright": run.upright})
    return chars, unmapped


class RunReader:
    """Reads a text object's Run off one of its chars, with the ctypes buffers, font descents and uprightness
    verdicts kept across the page (a page has many small text objects and few fonts and matrices)."""

    def __init__(self, handle: int, frame: Frame) -> None:
        self.handle, self.frame = handle, frame
        self.matrix, self.descent = raw.FS_MATRIX(), ctypes.c_float()
        self.ox, self.oy = ctypes.c_double(), ctypes.c_double()
        self.descents: dict[Optional[int], float] = {}
        self.upright: dict[tuple[float, float, float, float], bool] = {}

    def run(self, i: int, obj: Optional[int]) -> Run:
        """The Run of char i, whose text object is obj: its em square spans from baseline + descent up one
        font size (the baseline is shared by a text object's glyphs)."""
        fs = self.matrix
        CHAR_MATRIX(self.handle, i, ctypes.byref(fs))
        m = (fs.a, fs.b, fs.c, fs.d)
        size = FONT_SIZE(self.handle, i)
        descent = self.font_descent(obj) * size
        upright = self.upright.get(m)
        if upright is None:
            upright = self.upright[m] = is_upright(m, self.frame)
        axis, lo, hi = 0, 0.0, 0.0
        if -1e-6 < m[1] < 1e-6 and -1e-6 < m[2] < 1e-6:
            CHAR_ORIGIN(self.handle, i, ctypes.byref(self.ox), ctypes.byref(self.oy))
            axis, lo, hi = 1, self.oy.value + descent * m[3], self.oy.value + (descent + size) * m[3]
        elif -1e-6 < m[0] < 1e-6 and -1e-6 < m[3] < 1e-6:
            CHAR_ORIGIN(self.handle, i, ctypes.byref(self.ox), ctypes.byref(self.oy))
            axis, lo, hi = 2, self.ox.value + descent * m[2], self.ox.value + (descent + size) * m[2]
        if lo > hi:
            lo, hi = hi, lo
        return Run(axis, lo, hi, upright)

    def font_descent(self, obj: Optional[int]) -> float:
        """The descent (negative, per unit of font size) of the text object's font (0 when pdfium cannot say)."""
        font = TEXT_FONT(obj) if obj else None
        value = self.descents.get(font)
        if value is None:
            ok = bool(font) and FONT_DESCENT(font, 1000.0, ctypes.byref(self.descent))
            value = self.descents[font] = -abs(self.descent.value) / 1000.0 if ok else 0.0
        return value


def mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (row-vector convention, as PDF matrices compose)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


PAGE_COUNT_OBJECTS = rebind(raw.FPDFPage_CountObjects, INT, VOID)
PAGE_GET_OBJECT = rebind(raw.FPDFPage_GetObject, VOID, VOID, INT)
FORM_COUNT_OBJECTS = rebind(raw.FPDFFormObj_CountObjects, INT, VOID)
FORM_GET_OBJECT = rebind(raw.FPDFFormObj_GetObject, VOID, VOID, ctypes.c_ulong)
OBJECT_TYPE = rebind(raw.FPDFPageObj_GetType, INT, VOID)
OBJECT_MATRIX = rebind(raw.FPDFPageObj_GetMatrix, INT, VOID, VOID)
PATH, FORM = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def path_objects(page: Any) -> Iterator[tuple[int, Matrix]]:
    """Every path object on the page (as an address), form XObjects opened, with its matrix to user space."""
    fs = raw.FS_MATRIX()
    out = ctypes.byref(fs)

    def walk(count: int, get: Callable[[int], Optional[int]], outer: Matrix, depth: int) -> Iterator[tuple[int, Matrix]]:
        for k in range(count):
            obj = get(k)
            if not obj:
                continue
            kind = OBJECT_TYPE(obj)
            if kind != PATH and (kind != FORM or depth >= MAX_FORM_DEPTH):
                continue
            m = mult((fs.a, fs.b, fs.c, fs.d, fs.e, fs.f), outer) if OBJECT_MATRIX(obj, out) else outer
            if kind == PATH:
                yield obj, m
            else:
                yield from walk(FORM_COUNT_OBJECTS(obj), partial(FORM_GET_OBJECT, obj), m, depth + 1)

    handle = ctypes.cast(page, ctypes.c_void_p).value
    yield from walk(PAGE_COUNT_OBJECTS(handle), partial(PAGE_GET_OBJECT, handle), IDENTITY, 0)


COUNT_SEGMENTS = rebind(raw.FPDFPath_CountSegments, INT, VOID)
GET_SEGMENT = rebind(raw.FPDFPath_GetPathSegment, VOID, VOID, INT)
SEGMENT_TYPE = rebind(raw.FPDFPathSegment_GetType, INT, VOID)
SEGMENT_POINT = rebind(raw.FPDFPathSegment_GetPoint, INT, VOID, VOID, VOID)
SEGMENT_CLOSE = rebind(raw.FPDFPathSegment_GetClose, INT, VOID)
MOVETO, BEZIERTO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO


def path_subpaths(handle: int, m: Matrix) -> list[tuple[str, list[Point]]]:
    """A path's subpaths as pdfminer's shapes ('m', 'l', 'c', 'h') and their end points through matrix m."""
    out: list[tuple[str, list[Point]]] = []
    shape: list[str] = []
    pts: list[Point] = []
    fx, fy = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(fx), ctypes.byref(fy)
    a, b, c, d, e, f = m
    pending_curve = 0
    for k in range(COUNT_SEGMENTS(handle)):
        seg = GET_SEGMENT(handle, k)
        kind = SEGMENT_TYPE(seg)
        if kind == BEZIERTO:
            pending_curve += 1
            if pending_curve < 3:
                continue  # control points: pdfminer keeps only a curve's end point
            pending_curve = 0
        SEGMENT_POINT(seg, px, py)
        x, y = fx.value, fy.value
        point = (a * x + c * y + e, b * x + d * y + f)
        if kind == MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, pending_curve = ["m"], [point], 0
        else:
            shape.append("c" if kind == BEZIERTO else "l")
            pts.append(point)
        if SEGMENT_CLOSE(seg):
            shape.append("h")
            pts.append(pts[0])
    if shape:
        out.append(("".join(shape), pts))
    return out


STROKE_COLOR = rebind(raw.FPDFPageObj_GetStrokeColor, INT, VOID, VOID, VOID, VOID, VOID)
FILL_COLOR = rebind(raw.FPDFPageObj_GetFillColor, INT, VOID, VOID, VOID, VOID, VOID)


class Colors:
    """Reads path colours as RGB in 0..1 (pdfium converts gray and CMYK) through one set of ctypes buffers."""

    def __init__(self) -> None:
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.refs = [ctypes.byref(v) for v in self.rgba]

    def read(self, get: Callable[..., int], obj: int) -> tuple[float, ...]:
        """The stroke or fill colour get reads off obj (empty when pdfium has none)."""
        if not get(obj, *self.refs):
            return ()
        return (self.rgba[0].value / 255, self.rgba[1].value / 255, self.rgba[2].value / 255)


def subpath_to_drawn(shape: str, pts: list[Point], style: dict[str, Any], height: float) -> Optional[Drawn]:
    """One subpath (points already on the page, top-down) -> a line, rect or curve dict the way pdfminer classifies
    it (None for a lone move); rotating and flipping the page keeps pdfminer's exact-equality rect test intact."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    if len(pts) < 2 or shape[0] != "m":
        return None
    kind = "curve"
    if shape == "mlh" or shape == "ml":
        kind = "line"
        pts = pts[:2]
    elif shape == "mlllh" or shape == "mllll":
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            kind = "rect"
    xs = [p[0] for p in pts]
    tops = [p[1] for p in pts]
    left, right, top, bottom = min(xs), max(xs), min(tops), max(tops)
    return {"object_type": kind, "x0": left, "x1": right, "top": top, "doctop": top, "bottom": bottom,
            "width": right - left, "height": bottom - top, "y0": height - bottom, "y1": height - top,
            "pts": pts, **style}


GET_DRAW_MODE = rebind(raw.FPDFPath_GetDrawMode, INT, VOID, VOID, VOID)


def drawings(page: Any, frame: Frame) -> list[Drawn]:
    """The page's stroked or filled paths as pdfplumber-like line/rect/curve dicts."""
    out: list[Drawn] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pf, ps = ctypes.byref(fill), ctypes.byref(stroke)
    p, q, r, s, t, u = affine(frame)
    colors = Colors()
    for obj, (a, b, c, d, e, f) in path_objects(page):
        if not GET_DRAW_MODE(obj, pf, ps) or not (fill.value or stroke.value):
            continue
        style = {"stroke": bool(stroke.value), "fill": bool(fill.value), "stroking_color": colors.read(STROKE_COLOR, obj),
                 "non_stroking_color": colors.read(FILL_COLOR, obj)}
        on_page = (p * a + q * b, s * a + t * b, p * c + q * d, s * c + t * d, p * e + q * f + r, s * e + t * f + u)
        for shape, pts in path_subpaths(obj, on_page):
            drawn = subpath_to_drawn(shape, pts, style, frame.height)
            if drawn is not None:
                out.append(drawn)
    return out


def open_document(data: bytes) -> Any:
    """The bytes as a pdfium document (PasswordError / UnreadableError when it cannot be opened)."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code == raw.FPDF_ERR_PASSWORD:
            raise PasswordError(str(e)) from e
        raise UnreadableError(str(e)) from e


def read_page_objects(pdf: Any, index: int) -> PageObjects:
    """Page index of an open document -> its size, chars and drawings (page and text page closed after)."""
    page = pdf[index]
    try:
        frame = page_frame(page)
        textpage = page.get_textpage()
        try:
            chars, unmapped = text_chars(textpage.raw, frame)
        finally:
            textpage.close()
        return PageObjects(frame.width, frame.height, chars, drawings(page.raw, frame), unmapped)
    finally:
        page.close()
