"""Title lines, form cells and body text -> the reporting unit's name (and suffix) and its region."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Optional

from normalizers.text import clean_text
from extractors.interpret.vocab.load import Words, word, wordlist

HAN = r"[\u4e00-\u9fa5]"
# How the name of a government unit ends.
ORG_END = (r"(?:人民检察院|人民法院|人民政府|委员会|常委会|办公室|办公厅|服务中心|中心|政府|局|院|厅|委|办|馆|站|所|队"
           r"|部|处|社|校|学|园|场|会|协|联合会|协会|政协|党校|研究室|集团|公司|署|台)")
ORG_WHOLE = re.compile(rf"^(?P<org>{HAN}[\u4e00-\u9fa5()]{{1,30}}?{ORG_END})(?P<suffix>\((?:汇总|本级|部门汇总|合并)\))?$")
WORDS = Words("classify", "org")  # this module's patterns in vocab/classify.toml
CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
FORM_LABEL = word("classify", "org_form_label")
FORM_RANK = wordlist("classify", "org_form_rank")
# A place name right before the unit, at a sentence boundary (so `按照省政务…` is no match).
STOP = "的到在和与对为是了等及或从向把被将其中全本我该各"
BODY_ORG = re.compile(rf"(?:^|(?<=[^\u4e00-\u9fa5])|(?<=年)|(?<=年度))"
                      rf"(?P<org>[^{STOP}\W\d_]{{2,3}}(?:省|市|区|县)[^{STOP}\W\d_]{{2,16}}?{ORG_END})(?![法事])")
PROVINCE = r"(?:{h}{{1,6}}?(?:省|自治区))?".format(h=HAN)
REGION = re.compile(rf"^{PROVINCE}(?P<city>{HAN}{{1,4}}?市|{HAN}{{1,6}}?(?:自治州|盟))?(?P<county>{HAN}{{1,4}}?(?:区|县|市|旗))?")


def arabic_years(text: str) -> str:
    """Years written in Chinese numerals as digits (`二〇二四年` -> `2024年`); everything else unchanged."""
    return WORDS.cn_year.sub(lambda m: m.group().translate(CN_DIGITS), text)


def org_key(text: str) -> str:
    """Cleaned text with every whitespace removed and Chinese-numeral years as digits (org names have no spaces)."""
    return arabic_years(re.sub(r"\s+", "", clean_text(text)))


def split_suffix(org: str) -> tuple[str, Optional[str]]:
    """`江苏省人民检察院(本级)` -> (`江苏省人民检察院`, `本级`)."""
    m = re.match(r"^(?P<org>.+?)\((?P<suffix>汇总|本级|部门汇总|合并)\)$", org)
    return (m.group("org"), m.group("suffix")) if m else (org, None)


def valid_org(text: str) -> Optional[str]:
    """The text itself when it looks like a unit's name (ends like one, no digits, sane length), else None."""
    m = ORG_WHOLE.match(text)
    if not m or re.search(r"\d|[,;:。，；：]", text):
        return None
    return text


LABELLED = re.compile(rf"^{HAN}[\u4e00-\u9fa5()]{{4,30}}$")


def labelled_org(text: str) -> Optional[str]:
    """A value printed after a unit label (`预算单位：上海水产老干部活动室`): a name whatever its ending, else None."""
    return valid_org(text) or (text if LABELLED.match(text) else None)


def org_from_title(line: str) -> Optional[str]:
    """`2018年度汨罗市人民政府政务服务中心单位部门决算` -> `汨罗市人民政府政务服务中心`; a bare cover line is its own name."""
    text = WORDS.year_head.sub("", org_key(line))
    whole = valid_org(split_suffix(text)[0]) and text
    if whole:
        return whole
    for m in WORDS.title_tail.finditer(text):
        candidate = text[: m.start()]
        if candidate and valid_org(split_suffix(candidate)[0]):
            return candidate
    return None


def org_from_lines(lines: Iterable[str]) -> Optional[str]:
    """The first title or cover line that names a unit."""
    for line in lines:
        org = org_from_title(line)
        if org:
            return org
    return None


def org_from_forms(pairs: Iterable[tuple[str, str]]) -> Optional[str]:
    """The unit named in form cells (`预算部门名称 | 汨罗市行政审批服务局`), best label first, then most frequent."""
    found: list[tuple[int, str]] = []
    for label, value in pairs:
        label, value = org_key(label), org_key(value)
        if FORM_LABEL.match(label) and labelled_org(split_suffix(value)[0]):
            rank = next((i for i, word in enumerate(FORM_RANK) if word in label), len(FORM_RANK))
            found.append((rank, value))
    if not found:
        return None
    best = min(rank for rank, _ in found)
    return Counter(v for rank, v in found if rank == best).most_common(1)[0][0]


def org_from_form_lines(lines: Iterable[str]) -> list[tuple[str, str]]:
    """(label, value) pairs from prose lines such as `部门(单位)名称 汨罗市人民政府政务服务中心`."""
    pairs = []
    for line in lines:
        m = WORDS.form_line.match(org_key(line))
        if m:
            pairs.append(("单位名称", m.group("org")))
    return pairs


def org_from_body(text: str) -> Optional[str]:
    """The unit with a place name (`君山区行政审批服务局`) mentioned most often in the body, else None."""
    names = [m.group("org") for line in text.splitlines() for m in BODY_ORG.finditer(org_key(line))]
    names = [n for n in names if valid_org(n) and not WORDS.generic_place.match(n)]
    return Counter(names).most_common(1)[0][0] if names else None


MUNICIPALITIES = wordlist("classify", "org_municipalities")
GENERIC_DISTRICTS = frozenset(wordlist("classify", "org_generic_districts"))


@lru_cache(maxsize=4096)
def divisions(text: str) -> tuple[Optional[str], Optional[str], Optional[str], str]:
    """(province, city, county) that text starts with per the cpca gazetteer, and the rest of the text after them."""
    import cpca  # on first use: it loads its table of China's administrative divisions

    row = cpca.transform([text]).iloc[0]
    names = [None if (v is None or v != v) else str(v) for v in (row["省"], row["市"], row["区"])]
    rest = row["地址"] if isinstance(row["地址"], str) else text
    return names[0], names[1], names[2], rest


def known_county(name: str) -> bool:
    """True when the gazetteer knows name, or knows it under its former 县 form (`邵东市` was `邵东县` until 2019)."""
    for form in (name, name[:-1] + "县"):
        if divisions(form)[2] == form:
            return True
    return False


@lru_cache(maxsize=4096)
def region_of_name(org: Optional[str], gazetteer_only: bool = False) -> Optional[str]:
    """The county-level or city name an org name starts with (`上海市普陀区财政局` -> `普陀区`), None for provincial units."""
    if not org:
        return None
    text = WORDS.lead_words.sub("", org)
    province, city, county, rest = divisions(text)
    prefix = text[: len(text) - len(rest)] if text.endswith(rest) else ""
    if county and county not in GENERIC_DISTRICTS and county in prefix:
        return county
    newer = re.match(r"^[^\W\d_省市区县]{2,3}(?:市|区|县)", rest)
    if prefix and newer and known_county(newer.group()):  # a county-level city newer than the gazetteer
        return newer.group()
    if city and city not in GENERIC_DISTRICTS and (city in prefix or prefix == city[:-1]):
        return city  # `福州经济技术开发区…`: the city printed without its 市
    if province in MUNICIPALITIES and (province in prefix or prefix == province[:-1]):
        return province
    if prefix or gazetteer_only:
        return None  # only a province: a provincial unit
    m = REGION.match(text)  # places the gazetteer does not know (`曲江新区`): the printed pattern
    return (m.group("county") or m.group("city")) if m else None


def region_of_title(title: Optional[str]) -> Optional[str]:
    """The county-level or city name a title starts with when it names no unit (`长沙县2023年度部门决算公开情况检查表`)."""
    if not title:
        return None
    return region_of_name(org_key(title), gazetteer_only=True)


def region_from_body(text: str) -> Optional[str]:
    """The region of the placed unit mentioned most often in the body (`君山区行政审批服务局` -> `君山区`)."""
    names = [region_of_name(m.group("org")) for line in text.splitlines() for m in BODY_ORG.finditer(org_key(line))]
    regions = Counter(n for n in names if n and not WORDS.generic_place.match(n))
    return regions.most_common(1)[0][0] if regions else None
