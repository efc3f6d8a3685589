"""Portal metadata (索引号, 发布机构, 公开日期 ...) from label/value tables, spans, list items, <meta> tags."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from extractors.html_tables import row_cells, table_rows, tag_name

Element = Any  # an lxml.html element
MAX_META_ROWS = 10
MAX_INLINE_CHARS = 300

# label -> (metadata key or None for labels that only delimit values, rank: lower wins)
LABELS: dict[str, tuple[Optional[str], int]] = {
    "索引号": ("index_no", 0), "信息索引号": ("index_no", 0), "统一编号": ("index_no", 5),
    "发布机构": ("publisher", 0), "发布单位": ("publisher", 1), "发文机关": ("publisher", 2),
    "发文机构": ("publisher", 2), "所属机构": ("publisher", 3), "信息来源": ("publisher", 8), "来源": ("publisher", 9),
    "公开日期": ("published_date", 0), "发布日期": ("published_date", 1), "发布时间": ("published_date", 2),
    "生成日期": ("generated_date", 0), "成文日期": ("generated_date", 1),
    "标题": ("title", 1), "名称": ("title", 2), "文件名称": ("title", 1),
    "公开范围": (None, 0), "公开方式": (None, 0), "公开形式": (None, 0), "主题分类": (None, 0), "文号": (None, 0),
    "发文字号": (None, 0), "主题词": (None, 0), "有效性": (None, 0), "信息分类": (None, 0), "组配分类": (None, 0),
    "体裁分类": (None, 0), "公开时限": (None, 0), "浏览次数": (None, 0), "访问量": (None, 0), "点击数": (None, 0),
    "作者": (None, 0), "责任编辑": (None, 0), "字号": (None, 0), "分类": (None, 0), "废止日期": (None, 0),
}
_META_TAGS = {"articletitle": ("title", 0), "pubdate": ("published_date", 3), "firstpublishedtime": ("published_date", 3)}
_LABEL_ALT = "|".join(r"\s*".join(map(re.escape, label)) for label in sorted(LABELS, key=len, reverse=True))
_INLINE = re.compile(rf"(?<![\u4e00-\u9fff])({_LABEL_ALT})\s*[:：]")
_WS = re.compile(r"[\s\u3000\xa0]+")
_VALUE_END = re.compile(r"\s{2,}|[【\[|｜]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_TITLE_SEP = re.compile(r"\s*(?:_|\||｜|—+|-{2,}|(?<!\d)-|-(?!\d))\s*")  # not the '-' in '2018-2019'
_NOT_INLINE = {"table", "tr", "html", "body", "head", "script", "style", "title", "noscript"}
_JUNK = re.compile(r"[\s|｜/·:：\[\]【】()（）,，;；]+")


@dataclass
class PortalMeta:
    """Metadata found so far (value and rank per key) and the elements that held nothing else."""

    found: dict[str, tuple[int, str]] = field(default_factory=dict)
    consumed: set[Element] = field(default_factory=set)

    def offer(self, label: str, value: str) -> None:
        """Keep value for label's key unless a better-ranked label already gave one."""
        key, rank = LABELS.get(squash(label), (None, 0))
        self.offer_key(key, rank, value)

    def offer_key(self, key: Optional[str], rank: int, value: str) -> None:
        """Keep value for key when it is non-empty, valid for the key and out-ranks the current one."""
        value = clean_value(key, value)
        if key and value and (key not in self.found or rank < self.found[key][0]):
            self.found[key] = (rank, value)

    def values(self) -> dict[str, str]:
        """The chosen value per key."""
        return {k: v for k, (_, v) in self.found.items()}


def squash(text: str) -> str:
    """Text without any whitespace and without a trailing colon (for label comparison)."""
    return _WS.sub("", text).rstrip(":：")


def clean_value(key: Optional[str], value: str) -> str:
    """A value trimmed to its first field; dates become ISO YYYY-MM-DD (invalid dates become '')."""
    value = _VALUE_END.split(value.strip(), maxsplit=1)[0].strip()
    if key and key.endswith("_date"):
        m = _DATE.search(value)
        if not m or not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
            return ""
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return value


def spaced_text(el: Element) -> str:
    """All text under el with text nodes separated by spaces (so adjacent spans do not run together)."""
    return " ".join(t.strip() for t in el.itertext() if t and t.strip())


def is_label(text: str) -> bool:
    """True when text is just a known label (optionally with a colon)."""
    return squash(text) in LABELS


def inline_pairs(text: str) -> list[tuple[str, str]]:
    """(label, value) pairs written as 'label：value label：value' in one run of text."""
    marks = list(_INLINE.finditer(text))
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [(m.group(1), text[m.end():end]) for m, end in zip(marks, ends)]


def is_meta_table(table: Element) -> bool:
    """A small table without nested tables whose cells carry at least two known labels."""
    rows = table_rows(table)
    if not rows or len(rows) > MAX_META_ROWS or _has_nested_table(table):
        return False
    texts = [spaced_text(td) for tr in rows for td in row_cells(tr)]
    return sum(1 for t in texts if is_label(t) or inline_pairs(t)) >= 2


def _has_nested_table(table: Element) -> bool:
    """True when a <table> lies inside this one."""
    return any(True for _ in table.iterdescendants("table"))


def read_meta_table(table: Element, meta: PortalMeta) -> None:
    """Offer each 'label | value' cell pair and each 'label：value' cell of a metadata table."""
    for tr in table_rows(table):
        texts = [spaced_text(td) for td in row_cells(tr)]
        for i, text in enumerate(texts):
            if is_label(text) and i + 1 < len(texts) and not is_label(texts[i + 1]):
                meta.offer(text, texts[i + 1])
            for label, value in inline_pairs(text):
                meta.offer(label, value)
    meta.consumed.add(table)


def read_inline(elements: Iterable[Element], meta: PortalMeta) -> None:
    """Offer label：value runs and label/value sibling pairs (span/span, dt/dd) from short elements."""
    for el in elements:
        text = spaced_text(el)
        if not text or len(text) > MAX_INLINE_CHARS or tag_name(el) in _NOT_INLINE:
            continue
        pairs = [(label, value) for label, value in inline_pairs(text) if not _is_title_label(label)]
        for label, value in pairs:
            meta.offer(label, value)
        if pairs and _only_metadata(text, pairs):
            meta.consumed.add(el)
        sibling = el.getnext()
        if _sibling_pair(el, text, sibling):
            meta.offer(text, spaced_text(sibling))
            meta.consumed.update((el, sibling))


def _is_title_label(label: str) -> bool:
    """True for 标题/名称 labels, trusted only inside metadata tables."""
    return LABELS.get(squash(label), (None, 0))[0] == "title"


def _sibling_pair(el: Element, text: str, sibling: Optional[Element]) -> bool:
    """True when el is a bare label outside a table cell and its next sibling holds the value."""
    if sibling is None or tag_name(el) in ("td", "th") or not is_label(text) or _is_title_label(text):
        return False
    value = spaced_text(sibling)
    return bool(value) and not is_label(value) and len(value) <= MAX_INLINE_CHARS


def _only_metadata(text: str, pairs: list[tuple[str, str]]) -> bool:
    """True when nothing but labels, separators and the first field of each value remains in text."""
    residue = _INLINE.sub(" ", text)
    for _, value in pairs:
        first = _VALUE_END.split(value.strip(), maxsplit=1)[0].strip()
        residue = residue.replace(first, " ", 1) if first else residue
    return not _JUNK.sub("", residue)


def read_meta_tags(root: Element, meta: PortalMeta) -> None:
    """Offer CMS <meta name="ArticleTitle|PubDate"> values."""
    for el in root.iter("meta"):
        key = _META_TAGS.get((el.get("name") or "").strip().lower())
        if key:
            meta.offer_key(key[0], key[1], el.get("content") or "")


def title_from_head(root: Element) -> str:
    """The longest part of <title> split on the usual site-name separators."""
    el = root.find(".//title")
    text = _WS.sub(" ", el.text_content()).strip() if el is not None else ""
    parts = [p.strip() for p in _TITLE_SEP.split(text) if p.strip()]
    return max(parts, key=len) if parts else ""


def portal_metadata(root: Element) -> PortalMeta:
    """Metadata from the whole page: tables first, then inline pairs, <meta> tags and <title>."""
    meta = PortalMeta()
    for table in root.iter("table"):
        if is_meta_table(table):
            read_meta_table(table, meta)
    inside = {d for t in meta.consumed for d in t.iter()}
    read_inline((el for el in root.iter() if isinstance(el.tag, str) and el not in inside), meta)
    read_meta_tags(root, meta)
    meta.offer_key("title", 5, title_from_head(root))
    return meta
