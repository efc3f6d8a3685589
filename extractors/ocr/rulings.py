"""Grayscale page image -> ruled tables' cell boxes and the ruling mask (OpenCV morphology), in pixels."""
from __future__ import annotations

from typing import Any

from extractors.ocr.engine import Px

MIN_RULE_INCH = 0.2  # a vertical dark run at least this long is a ruling, not a glyph stroke (at body sizes)
MIN_ROW_RULE_INCH = 0.4  # horizontal rulings run across the table: longer, so bold title strokes are not taken
MIN_CELL_INCH = (0.12, 0.08)  # smaller enclosed regions (width, height) are ruling joints or a big glyph's counters
MIN_TABLE_INCH = (1.0, 0.25)  # a ruled table is at least this wide and tall
SNAP_INCH = 0.05  # cell edges closer than this are one grid line (the two sides of a ruling)
MIN_FILL = 0.6  # an enclosed region filling less of its box is a frame around other cells, not a cell


def ruling_mask(gray: Any, dpi: float) -> Any:
    """Binary mask (255 = ruling) of the long horizontal and vertical dark runs of the image."""
    import cv2

    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    run, row_run = max(int(MIN_RULE_INCH * dpi), 10), max(int(MIN_ROW_RULE_INCH * dpi), 20)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (row_run, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    mask = cv2.bitwise_or(horizontal, vertical)
    return cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))  # close hairline gaps at joints


def erase_rulings(gray: Any, mask: Any, tables: list[list[Px]]) -> Any:
    """The image with the tables' rulings painted white (OCR then reads each cell without its borders); strokes
    outside tables are left alone, whatever their length."""
    clean = gray.copy()
    h, w = mask.shape[:2]
    for cells in tables:
        x0, y0 = max(int(min(c[0] for c in cells)) - 4, 0), max(int(min(c[1] for c in cells)) - 4, 0)
        x1, y1 = min(int(max(c[2] for c in cells)) + 5, w), min(int(max(c[3] for c in cells)) + 5, h)
        region = clean[y0:y1, x0:x1]
        region[mask[y0:y1, x0:x1] > 0] = 255
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
        if cw < MIN_CELL_INCH[0] * dpi or ch < MIN_CELL_INCH[1] * dpi or area < MIN_FILL * cw * ch:
            continue
        net = int(nets[y + ch // 2, max(x - 2, 0)])  # the ruling just left of the cell names its table
        tables.setdefault(net, []).append((float(x), float(y), float(x + cw), float(y + ch)))
    return [snap_cells(cells, SNAP_INCH * dpi) for cells in tables.values() if is_table(cells, dpi)]


def is_table(cells: list[Px], dpi: float) -> bool:
    """True for two or more cells spanning at least a table's minimum size."""
    width = max(c[2] for c in cells) - min(c[0] for c in cells)
    height = max(c[3] for c in cells) - min(c[1] for c in cells)
    return len(cells) > 1 and width >= MIN_TABLE_INCH[0] * dpi and height >= MIN_TABLE_INCH[1] * dpi


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
