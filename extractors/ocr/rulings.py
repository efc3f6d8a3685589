"""Grayscale page image -> ruled tables' cell boxes and the ruling mask (OpenCV morphology), in pixels."""
from __future__ import annotations

from typing import Any

from extractors.ocr.engine import Px

MIN_RULE_INCH = 0.2  # a dark run at least this long is a ruling, not a glyph stroke (CJK strokes are shorter at 10pt)
MIN_CELL_PX = 6  # smaller enclosed regions are gaps where rulings cross
SNAP_INCH = 0.05  # cell edges closer than this are one grid line (the two sides of a ruling)
MIN_FILL = 0.6  # an enclosed region filling less of its box is a frame around other cells, not a cell


def ruling_mask(gray: Any, dpi: float) -> Any:
    """Binary mask (255 = ruling) of the long horizontal and vertical dark runs of the image."""
    import cv2

    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    run = max(int(MIN_RULE_INCH * dpi), 10)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    mask = cv2.bitwise_or(horizontal, vertical)
    return cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))  # close hairline gaps at joints


def erase_rulings(gray: Any, mask: Any) -> Any:
    """The image with rulings painted white (OCR then reads each cell's text without the borders)."""
    clean = gray.copy()
    clean[mask > 0] = 255
    return clean


def mask_to_tables(mask: Any, dpi: float) -> list[list[Px]]:
    """Cell boxes of each ruled table: enclosed regions grouped by the ruling network around them (2+ cells)."""
    import cv2

    h, w = mask.shape[:2]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(255 - mask, connectivity=4)
    _, nets = cv2.connectedComponents(mask, connectivity=8)
    tables: dict[int, list[Px]] = {}
    for k in range(1, n):
        x, y, cw, ch, area = (int(v) for v in stats[k])
        if x == 0 or y == 0 or x + cw >= w or y + ch >= h:
            continue  # the page background around everything
        if cw < MIN_CELL_PX or ch < MIN_CELL_PX or area < MIN_FILL * cw * ch:
            continue
        net = int(nets[y + ch // 2, max(x - 2, 0)])  # the ruling just left of the cell names its table
        tables.setdefault(net, []).append((float(x), float(y), float(x + cw), float(y + ch)))
    return [snap_cells(cells, SNAP_INCH * dpi) for cells in tables.values() if len(cells) > 1]


def snap_cells(cells: list[Px], tolerance: float) -> list[Px]:
    """Cell interiors -> boxes on shared grid lines: edges within tolerance (a ruling's two sides) become one."""
    xs = centres([v for c in cells for v in (c[0], c[2])], tolerance)
    ys = centres([v for c in cells for v in (c[1], c[3])], tolerance)
    return [(xs[c[0]], ys[c[1]], xs[c[2]], ys[c[3]]) for c in cells]


def centres(values: list[float], tolerance: float) -> dict[float, float]:
    """Each value -> the mean of its cluster (sorted values split where the gap exceeds tolerance)."""
    out: dict[float, float] = {}
    group: list[float] = []
    for v in sorted(set(values)) + [float("inf")]:
        if group and v - group[-1] > tolerance:
            mean = sum(group) / len(group)
            out.update({g: mean for g in group})
            group = []
        group.append(v)
    return out
