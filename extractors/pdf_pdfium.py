"""PDF bytes -> per-page char and drawing dicts read through pdfium, in pdfplumber's top-down coordinates."""
from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extractors.pdf_page import Drawn, PageObjects
from extractors.pdf_text import Char

LOCK = threading.RLock()  # pdfium is not thread-safe: one document is read at a time
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


@dataclass(frozen=True)
class Run:
    """What the chars of one text object share: matrix (a, b, c, d), which user axis the em square spans
    (1: y, 2: x, 0: neither, skewed text keeps pdfium's loose box), that span, and uprightness."""

    m: tuple[float, float, float, float]
    axis: int
    lo: float
    hi: float
    upright: bool


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
GENERATED_CANDIDATES = (0x20, 0x0D, 0x0A)  # pdfium only ever generates spaces and line breaks


def text_chars(textpage: Any, frame: Frame) -> tuple[list[Char], int]:
    """The text page's real glyphs (pdfium's generated spaces and line breaks left out) as pdfplumber-like chars,
    and how many of them pdfium could not map to Unicode. pdfium itself drops some space glyphs (it generates its
    own spaces in their place), so a space narrower than the line gap tolerance can go missing: whitespace, not text.

    Boxes follow pdfminer's: the advance from pdfium's loose box, and across it the font's em square from the
    baseline (shared by a text object's glyphs) + descent, so line bands and sizes come out as pdfminer's did."""
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    n = raw.FPDFText_CountChars(textpage)
    rect = raw.FS_RECTF()
    box = ctypes.byref(rect)
    runs: dict[Optional[int], Run] = {}
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
            run = runs[key] = text_run(textpage, i, frame)
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


def text_run(textpage: Any, i: int, frame: Frame) -> Run:
    """What char i's text object gives all its glyphs: matrix, uprightness, and the user-space span of the em
    square across the writing direction (from its baseline, which one text object's glyphs share)."""
    fs = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, i, fs)
    m = (fs.a, fs.b, fs.c, fs.d)
    size = raw.FPDFText_GetFontSize(textpage, i)
    descent = 0.0
    obj = raw.FPDFText_GetTextObject(textpage, i)
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    out = ctypes.c_float()
    if font and raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), out):
        descent = -abs(out.value) / 1000.0 * size
    ox, oy = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
    axis, lo, hi = 0, 0.0, 0.0
    if abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6:
        axis, lo, hi = 1, oy.value + descent * m[3], oy.value + (descent + size) * m[3]
    elif abs(m[0]) < 1e-6 and abs(m[3]) < 1e-6:
        axis, lo, hi = 2, ox.value + descent * m[2], ox.value + (descent + size) * m[2]
    lo, hi = min(lo, hi), max(lo, hi)
    return Run(m, axis, lo, hi, is_upright(m, frame))


def mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (row-vector convention, as PDF matrices compose)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def object_matrix(obj: Any, fs: Any) -> Matrix:
    """A page object's matrix (identity when pdfium cannot say)."""
    if not raw.FPDFPageObj_GetMatrix(obj, fs):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def path_objects(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every path object on the page, form XObjects opened, with its matrix to user space."""
    fs = raw.FS_MATRIX()

    def walk(count: Callable[[], int], get: Callable[[int], Any], outer: Matrix, depth: int) -> Iterator[tuple[Any, Matrix]]:
        for k in range(count()):
            obj = get(k)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                yield obj, mult(object_matrix(obj, fs), outer)
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                inner = mult(object_matrix(obj, fs), outer)
                yield from walk(lambda o=obj: raw.FPDFFormObj_CountObjects(o),
                                lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j), inner, depth + 1)

    yield from walk(lambda: raw.FPDFPage_CountObjects(page), lambda j: raw.FPDFPage_GetObject(page, j),
                    (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)


COUNT_SEGMENTS = rebind(raw.FPDFPath_CountSegments, INT, VOID)
GET_SEGMENT = rebind(raw.FPDFPath_GetPathSegment, VOID, VOID, INT)
SEGMENT_TYPE = rebind(raw.FPDFPathSegment_GetType, INT, VOID)
SEGMENT_POINT = rebind(raw.FPDFPathSegment_GetPoint, INT, VOID, VOID, VOID)
SEGMENT_CLOSE = rebind(raw.FPDFPathSegment_GetClose, INT, VOID)
MOVETO, BEZIERTO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO


def path_subpaths(obj: Any, m: Matrix) -> list[tuple[str, list[Point]]]:
    """A path's subpaths as pdfminer's shapes ('m', 'l', 'c', 'h') and their end points through matrix m."""
    handle = ctypes.cast(obj, ctypes.c_void_p).value
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


def color_of(get: Callable[..., Any], obj: Any) -> tuple[float, ...]:
    """A path's stroke or fill colour as RGB in 0..1 (pdfium converts gray and CMYK)."""
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not get(obj, r, g, b, a):
        return ()
    return (r.value / 255, g.value / 255, b.value / 255)


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
    for obj, (a, b, c, d, e, f) in path_objects(page):
        if not GET_DRAW_MODE(ctypes.cast(obj, ctypes.c_void_p).value, pf, ps) or not (fill.value or stroke.value):
            continue
        style = {"stroke": bool(stroke.value), "fill": bool(fill.value),
                 "stroking_color": color_of(raw.FPDFPageObj_GetStrokeColor, obj),
                 "non_stroking_color": color_of(raw.FPDFPageObj_GetFillColor, obj)}
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
