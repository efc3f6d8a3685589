"""Label cleaning: NFKC, radicals to ideographs, and removal of the whitespace that wrapping puts inside Chinese text."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK Radicals Supplement (U+2E80–U+2EFF) forms that NFKC leaves alone, mapped to the unified ideograph
# they stand for in extracted text. Kangxi radicals (U+2F00–U+2FD5) and compatibility ideographs are
# covered by NFKC itself.
_RADICALS: dict[str, str] = {
    "⺁": "厂", "⺇": "几", "⺊": "卜", "⺎": "兀", "⺐": "尢", "⺒": "巳", "⺓": "幺", "⺛": "旡",
    "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺢": "氺", "⺤": "爫", "⺥": "爫",
    "⺦": "丬", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "罒", "⺬": "示", "⺭": "礻", "⺮": "竹",
    "⺯": "糸", "⺰": "纟", "⺲": "罒", "⺳": "网", "⺶": "羊", "⺷": "羊", "⺹": "耂", "⺻": "聿",
    "⺼": "月", "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "西",
    "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车",
    "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅", "⻑": "長", "⻒": "镸", "⻓": "长",
    "⻔": "门", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞",
    "⻝": "食", "⻟": "食", "⻠": "饣", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟",
    "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "斉", "⻬": "齐", "⻭": "歯", "⻮": "齿",
    "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀", "⻳": "龟",
}
_RADICAL_TABLE = str.maketrans(_RADICALS)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WS_RUN = re.compile(r"\s+")
_SCORE_SUFFIX = re.compile(r"^(?P<label>.*?)\s*[(（]\s*(?P<score>\d+(?:\.\d+)?)\s*分\s*[)）]\s*$", re.S)


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph, radical, kana, CJK or full-width punctuation (not letters/digits), or Chinese quote."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x2FDF  # radicals
        or 0x3001 <= o <= 0x303F  # CJK symbols and punctuation (U+3000 is whitespace)
        or 0x3040 <= o <= 0x30FF  # kana
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F  # CJK compatibility forms
        or (0xFF01 <= o <= 0xFFEF and not ch.isalnum())  # full-width punctuation, half-width CJK forms
        or 0x20000 <= o <= 0x3FFFF
        or ch in "“”‘’…—·"
    )


def _drop_cjk_whitespace(s: str) -> str:
    """Remove every whitespace run that has a CJK character right before or right after it."""
    out: list[str] = []
    pos = 0
    for m in _WS_RUN.finditer(s):
        before = s[m.start() - 1] if m.start() > 0 else ""
        after = s[m.end()] if m.end() < len(s) else ""
        out.append(s[pos:m.start()])
        if not ((before and is_cjk(before)) or (after and is_cjk(after))):
            out.append(m.group())
        pos = m.end()
    out.append(s[pos:])
    return "".join(out)


@lru_cache(maxsize=65536)  # a pure function of one string, asked again for every pass over a table
def clean_text(s: str) -> str:
    """Return s NFKC-normalised, radicals unified, wrapping whitespace inside Chinese removed and spaces collapsed."""
    s = s.translate(_INVISIBLE).translate(_RADICAL_TABLE)
    s = _drop_cjk_whitespace(s)
    s = unicodedata.normalize("NFKC", s)
    return _WS_RUN.sub(" ", s).strip()


def strip_score_suffix(s: str) -> tuple[str, float | None]:
    """Split a trailing score such as `(30分)` / `（10分）` off a label, returning (label, score or None)."""
    m = _SCORE_SUFFIX.match(s)
    if not m or not m.group("label").strip():
        return s.strip(), None
    return m.group("label").strip(), float(m.group("score"))
