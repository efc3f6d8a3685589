"""A printed unit name -> org_key, one identity for its variants (中共/中国共产党 prefixes, （汇总）/（本级）, missing
province/city prefixes)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from govreports.analyst.vocab import vocab

GENERIC = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def cleaned(name: str) -> str:
    """NFKC with whitespace removed (full-width brackets kept as printed suffixes are listed both ways)."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def without_suffix(name: str) -> str:
    """The name less a trailing （汇总）/（本级） mark."""
    for suffix in sorted((cleaned(s) for s in vocab()["org_key"]["suffixes"]), key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def without_party_prefix(name: str) -> str:
    """中国共产党江苏省委员会办公厅 -> 江苏省委办公厅; 中共江苏省委办公厅 -> 江苏省委办公厅."""
    words = vocab()["org_key"]
    long, committee, short = words["party_long"], words["party_committee"], words["party_short"]
    if name.startswith(long):
        rest = name[len(long):]
        m = re.match(rf"^(.+?){committee}(.*)$", rest)
        return f"{m.group(1)}委{m.group(2)}" if m else rest
    return name[len(short):] if name.startswith(short) else name


@lru_cache(maxsize=1)
def _transform():  # type: ignore[no-untyped-def]
    import cpca  # on first use: it loads its table of China's administrative divisions

    return cpca.transform


@lru_cache(maxsize=8192)
def with_full_divisions(name: str) -> str:
    """The name with every administrative division above its first one spelled out (普陀区财政局 -> 上海市普陀区财政局),
    per the cpca gazetteer; unchanged when the gazetteer does not see divisions at its start."""
    row = _transform()([name]).iloc[0]
    rest = row["地址"] if isinstance(row["地址"], str) else None
    parts = [str(v) for v in (row["省"], row["市"], row["区"]) if isinstance(v, str) and v not in GENERIC]
    if not rest or not parts or not name.endswith(rest) or len(rest) == len(name):
        return name
    prefix = name[: len(name) - len(rest)]
    if not any(p in prefix or p.rstrip("省市区县") in prefix for p in parts):
        return name
    chain: list[str] = []
    for p in parts:
        if p not in chain:
            chain.append(p)
    return "".join(chain) + rest


def org_key(name: Optional[str]) -> Optional[str]:
    """The unit's identity: suffix and party prefix dropped, divisions spelled out in full."""
    if not name:
        return None
    base = without_party_prefix(without_suffix(cleaned(name)))
    return with_full_divisions(base) if base else None
