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
    """What the chars of one text object share: matrix (a, b, c, d), font size, font descent and uprightness."""

    m: tuple[float, float, float, float]
    size: float
    descent: float
    upright: bool


def affine(frame: Frame) -> tuple[float, float, float, float, float, float]:
    """(p, q, r, s, t, u) with x = p*ux + q*uy + r and top = s*ux + t*uy + u for a user-space point (ux, uy)."""
    ox, oy = frame.point(0.0, 0.0)
    x1, t1 = frame.point(1.0, 0.0)
    x2, t2 = frame.point(0.0, 1.0)
    return x1 - ox, x2 - ox, ox, t1 - oy, t2 - oy, oy


def text_chars(textpage: Any, frame: Frame) -> tuple[list[Char], int]:
    """The text page's real glyphs (pdfium's generated spaces and line breaks left out) as pdfplumber-like chars,
    and how many of them pdfium could not map to Unicode.

    Boxes follow pdfminer's: the advance from pdfium's loose box, and across it the font's em square from
    baseline + descent, so line bands and sizes come out as they did with pdfminer."""
    n = raw.FPDFText_CountChars(textpage)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    runs: dict[Optional[int], Run] = {}
    p, q, r0, s, t, u = affine(frame)
    is_generated, unicode, loose_box = raw.FPDFText_IsGenerated, raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox
    origin, map_error = raw.FPDFText_GetCharOrigin, raw.FPDFText_HasUnicodeMapError
    chars: list[Char] = []
    unmapped = 0
    for i in range(n):
        if is_generated(textpage, i) == 1:
            continue
        obj = raw.FPDFText_GetTextObject(textpage, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        run = runs.get(key)
        if run is None:
            run = runs[key] = text_run(textpage, i, obj, frame)
        code = unicode(textpage, i)
        loose_box(textpage, i, rect)
        l, b, r, tp = rect.left, rect.bottom, rect.right, rect.top
        a_, b_, c_, d_ = run.m
        if -1e-6 < b_ < 1e-6 and -1e-6 < c_ < 1e-6:  # horizontal text: the em square spans y
            origin(textpage, i, ox, oy)
            b = oy.value + run.descent * d_
            tp = b + run.size * d_
        elif -1e-6 < a_ < 1e-6 and -1e-6 < d_ < 1e-6:  # text turned a quarter: the em square spans x
            origin(textpage, i, ox, oy)
            l = ox.value + run.descent * c_
            r = l + run.size * c_
        xa, xb = p * l + q * tp + r0, p * r + q * b + r0
        ta, tb = s * l + t * tp + u, s * r + t * b + u
        if xa > xb:
            xa, xb = xb, xa
        if ta > tb:
            ta, tb = tb, ta
        if map_error(textpage, i) == 1:
            unmapped += 1
        chars.append({"text": "-" if code == HYPHEN else chr(code) if 0 <= code < 0x110000 else "\ufffd", "x0": xa, "x1": xb, "top": ta,
                      "bottom": tb, "size": tb - ta, "upright": run.upright})
    return chars, unmapped


def text_run(textpage: Any, i: int, obj: Any, frame: Frame) -> Run:
    """The shared matrix, font size (scaled to user space later), descent and uprightness of char i's text object."""
    fs = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, i, fs)
    m = (fs.a, fs.b, fs.c, fs.d)
    size = raw.FPDFText_GetFontSize(textpage, i)
    descent = 0.0
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    out = ctypes.c_float()
    if font and raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), out):
        descent = -abs(out.value) / 1000.0
    return Run(m, size, descent * size, is_upright(m, frame))


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


def path_subpaths(obj: Any, m: Matrix) -> list[tuple[str, list[Point]]]:
    """A path's subpaths as pdfminer's shapes ('m', 'l', 'c', 'h') and their end points in user space."""
    out: list[tuple[str, list[Point]]] = []
    shape: list[str] = []
    pts: list[Point] = []
    fx, fy = ctypes.c_float(), ctypes.c_float()
    pending_curve = 0
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, fx, fy)
        x, y = fx.value, fy.value
        p = (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, pending_curve = ["m"], [p], 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            pending_curve += 1
            if pending_curve < 3:
                continue  # control points: pdfminer keeps only a curve's end point
            pending_curve = 0
            shape.append("c")
            pts.append(p)
        else:
            shape.append("l")
            pts.append(p)
        if shape and raw.FPDFPathSegment_GetClose(seg):
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


def subpath_to_drawn(shape: str, pts: list[Point], style: dict[str, Any], frame: Frame) -> Optional[Drawn]:
    """One subpath -> a line, rect or curve dict the way pdfminer classifies it (None for a lone move)."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    if len(pts) < 2:
        return None
    kind = "curve"
    if shape in ("mlh", "ml"):
        kind = "line"
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            kind = "rect"
    placed = [frame.point(x, y) for x, y in pts]
    if kind == "line":
        placed = placed[:2]
    xs = [p[0] for p in placed]
    tops = [p[1] for p in placed]
    x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "doctop": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top, "y0": frame.height - bottom, "y1": frame.height - top,
            "pts": placed, **style}


def drawings(page: Any, frame: Frame) -> list[Drawn]:
    """The page's stroked or filled paths as pdfplumber-like line/rect/curve dicts."""
    out: list[Drawn] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, m in path_objects(page):
        if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or not (fill.value or stroke.value):
            continue
        style = {"stroke": bool(stroke.value), "fill": bool(fill.value),
                 "stroking_color": color_of(raw.FPDFPageObj_GetStrokeColor, obj),
                 "non_stroking_color": color_of(raw.FPDFPageObj_GetFillColor, obj)}
        for shape, pts in path_subpaths(obj, m):
            d = subpath_to_drawn(shape, pts, style, frame)
            if d is not None:
                out.append(d)
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
