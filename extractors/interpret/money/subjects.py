"""功能分类 lines printed by name only, in table order -> their national codes (款 and 项 resolved under the line above)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from extractors.interpret.records import Row
from extractors.interpret.vocab.load import document


@lru_cache(maxsize=None)
def children() -> dict[str, dict[str, str]]:
    """Parent code (类 or 款) -> {name: code} of its 款 / 项, from subjects.toml."""
    out: dict[str, dict[str, str]] = {}
    for code, name in document("subjects")["codes"].items():
        out.setdefault(code[:-2], {})[name] = code
    return out


def subject_code(name: str, klass: Optional[str], kuan: Optional[str]) -> Optional[str]:
    """The code of a name printed under the current 类 and 款: a 项 of the 款 first (`其他一般公共服务支出` twice: the 款
    20199, then its 项 2019999), then a 款 of the 类; None when neither lists it."""
    if kuan and name in children().get(kuan, {}):
        return children()[kuan][name]
    if klass and name in children().get(klass, {}):
        return children()[klass][name]
    return None


def with_subject_codes(rows: list[Row]) -> None:
    """Fill, in place and in printed order, the codes of name-only functional rows from the 类/款 rows above them."""
    klass: Optional[str] = None
    kuan: Optional[str] = None
    for row in rows:
        code = row.get("functional_code")
        if code is None:
            code = subject_code((row.get("item_label") or "").replace(" ", ""), klass, kuan)
            row["functional_code"] = code
        if code and len(code) == 3:
            klass, kuan = code, None
        elif code and len(code) == 5:
            kuan = code
