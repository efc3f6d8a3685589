"""Page image (grayscale numpy) -> OCR'd text lines with per-glyph boxes and scores (RapidOCR, models in its wheel)."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any, Optional

OCR_ENV = "GOVREPORTS_OCR"  # "off" disables OCR (scanned pages then get a no_text_layer issue)
THREADS_ENV = "GOVREPORTS_OCR_THREADS"  # onnxruntime threads per model; 1 is fastest on a shared, busy machine

Px = tuple[float, float, float, float]  # x0, top, x1, bottom in image pixels


@dataclass(frozen=True)
class Glyph:
    """One recognised character: its text, pixel box and score."""

    text: str
    box: Px
    score: float


@dataclass(frozen=True)
class OcrLine:
    """One detected text line: its text, pixel box, score and glyphs (left to right)."""

    text: str
    box: Px
    score: float
    glyphs: tuple[Glyph, ...]


class OcrUnavailable(RuntimeError):
    """OCR cannot run here (disabled, or its package / native libraries missing)."""


_engine: Any = None
_lock = threading.Lock()


def engine() -> Any:
    """The process-wide RapidOCR engine (loaded once; OcrUnavailable with the reason when it cannot be)."""
    global _engine
    if os.environ.get(OCR_ENV, "").lower() in ("off", "0", "no", "false"):
        raise OcrUnavailable(f"OCR is switched off ({OCR_ENV}={os.environ[OCR_ENV]})")
    with _lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except (ImportError, OSError) as e:  # OSError: a native library (libGL, onnxruntime) failed to load
                raise OcrUnavailable(f"rapidocr-onnxruntime cannot be loaded ({type(e).__name__}: {e}); "
                                     f"run scripts/setup.sh") from e
            threads = int(os.environ.get(THREADS_ENV, "1"))
            _engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, use_cls=False)
        return _engine


def recognise(gray: Any) -> list[OcrLine]:
    """OCR'd lines of a grayscale page image, top to bottom (empty for a blank page)."""
    import cv2

    ocr = engine()
    with _lock:  # one inference at a time: parallel runs only contend for the same cores
        result, _ = ocr(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), use_cls=False, return_word_box=True)
    return [line for line in (to_line(r) for r in result or []) if line is not None]


def to_line(item: list[Any]) -> Optional[OcrLine]:
    """RapidOCR's [quad, text, score, glyph quads, glyph texts, glyph scores] -> OcrLine (None when empty)."""
    quad, text, score = item[0], str(item[1]), float(item[2])
    if not text.strip():
        return None
    glyphs: tuple[Glyph, ...] = ()
    if len(item) >= 6 and item[3] and len(item[3]) == len(item[4]) == len(item[5]):
        glyphs = tuple(Glyph(str(t), quad_box(q), float(s)) for q, t, s in zip(item[3], item[4], item[5]))
    box = quad_box(quad)
    if "".join(g.text for g in glyphs) != text:  # no usable glyph boxes: spread the text evenly over the line
        glyphs = even_glyphs(text, box, score)
    return OcrLine(text, box, score, glyphs)


def quad_box(quad: Any) -> Px:
    """Axis-aligned box of a 4-point quad."""
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


def even_glyphs(text: str, box: Px, score: float) -> tuple[Glyph, ...]:
    """Glyphs for text laid evenly across box, each with the line's score."""
    step = (box[2] - box[0]) / max(len(text), 1)
    return tuple(Glyph(ch, (box[0] + k * step, box[1], box[0] + (k + 1) * step, box[3]), score)
                 for k, ch in enumerate(text))
