"""WordprocessingML text helpers: paragraph text, heading levels, and container children (lxml in, plain values out)."""
from __future__ import annotations

import re
from typing import Any, Iterator, Optional

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Wrappers whose children belong to the enclosing container (content controls, custom XML, tracked insertions).
TRANSPARENT = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "smartTag"}
# Subtrees whose text is not part of the paragraph: deletions, field codes, drawings/text boxes, properties.
_SKIP_TEXT = {
    W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "drawing", W + "pict", W + "object",
    W + "rPr", W + "pPr", W + "footnoteReference", W + "endnoteReference", W + "commentReference",
    MC + "AlternateContent", W + "sdtPr", W + "sdtEndPr",
}
_HEADING_NAME = re.compile(r"^\s*(?:heading|标题)\s*(\d)\s*$", re.IGNORECASE)
Element = Any  # an lxml element; kept opaque so callers never depend on lxml types


def children(container: Element, tags: set[str]) -> Iterator[Element]:
    """Direct children of container with one of tags, looking through transparent wrappers."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag in TRANSPARENT:
            yield from children(child, tags)


def paragraph_text(p: Element) -> str:
    """Visible text of a w:p: runs, tabs and line breaks ('\\n'), without deleted text, field codes or text boxes."""
    return "".join(_run_text(p))


def _run_text(el: Element) -> Iterator[str]:
    """Text pieces of el's subtree in document order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_TEXT:
            continue
        if tag == W + "t":
            yield child.text or ""
        elif tag == W + "tab":
            yield "\t"
        elif tag in (W + "br", W + "cr"):
            yield "" if child.get(W + "type") in ("page", "column") else "\n"
        elif tag == W + "noBreakHyphen":
            yield "-"
        else:
            yield from _run_text(child)


def style_levels(styles: Optional[Element]) -> dict[str, int]:
    """Map paragraph styleId -> heading level (1..9) from names like 'heading 2'/'标题 2' or outline levels."""
    if styles is None:
        return {}
    raw: dict[str, tuple[str, Optional[int], Optional[str]]] = {}
    for st in styles.iter(W + "style"):
        if st.get(W + "type") not in (None, "paragraph"):
            continue
        sid = st.get(W + "styleId") or ""
        raw[sid] = (_val(st.find(W + "name")) or "", _outline(st.find(W + "pPr")), _val(st.find(W + "basedOn")))
    return {sid: lvl for sid in raw if (lvl := _resolve(sid, raw, 0))}


def _resolve(sid: str, raw: dict[str, tuple[str, Optional[int], Optional[str]]], depth: int) -> int:
    """Level of style sid: its own name or outline level, else its basedOn parent's (0 when none)."""
    if sid not in raw or depth > 20:
        return 0
    name, outline, based_on = raw[sid]
    m = _HEADING_NAME.match(name) or _HEADING_NAME.match(sid)
    if m and 1 <= int(m.group(1)) <= 9:
        return int(m.group(1))
    if outline is not None:
        return outline
    return _resolve(based_on, raw, depth + 1) if based_on else 0


def paragraph_level(p: Element, levels: dict[str, int]) -> int:
    """Heading level of a w:p: direct outline level first, then its style; 0 for body text."""
    ppr = p.find(W + "pPr")
    direct = _outline(ppr)
    if direct is not None:
        return direct
    style = ppr.find(W + "pStyle") if ppr is not None else None
    return levels.get(_val(style) or "", 0)


def _outline(ppr: Optional[Element]) -> Optional[int]:
    """Outline level of a pPr as a 1-based heading level (0 for 'body text'), None when absent."""
    el = ppr.find(W + "outlineLvl") if ppr is not None else None
    val = _val(el)
    if val is None or not val.isdigit():
        return None
    return int(val) + 1 if int(val) < 9 else 0


def _val(el: Optional[Element]) -> Optional[str]:
    """The w:val attribute of el, or None."""
    return el.get(W + "val") if el is not None else None


def int_val(el: Optional[Element], default: int) -> int:
    """The w:val attribute of el as a non-negative int, default when absent or malformed."""
    val = _val(el)
    try:
        return max(int(val), 0) if val is not None else default
    except ValueError:
        return default
