"""clean_text and strip_score_suffix on the label forms found in the seeds and the real PDFs."""
from __future__ import annotations

import pytest

from normalizers.text import clean_text, is_cjk, strip_score_suffix

CLEAN_CASES = [
    # PDF/DOCX wrapping inside Chinese text
    ("政务服务事项网 上办事率", "政务服务事项网上办事率"),
    ("12345热线工单办 结率", "12345热线工单办结率"),
    ("部门预决算网上 公开率", "部门预决算网上公开率"),
    ("政府网站上传信 息数量", "政府网站上传信息数量"),
    ("审批效率政务大 厅办事差错率", "审批效率政务大厅办事差错率"),
    ("完成政府门户网\n站网上办事大厅\n咨询投拆件的时\n限", "完成政府门户网站网上办事大厅咨询投拆件的时限"),
    ("落实政务服务标准化 便利化建设 ，行政许 可事项承诺时限较法 定时限压缩率",
     "落实政务服务标准化便利化建设,行政许可事项承诺时限较法定时限压缩率"),
    ("全市所有乡镇“\n一门集 中、一窗\n集成 ”改革率", "全市所有乡镇“一门集中、一窗集成”改革率"),
    ("推动企业和群众办事   线上“一网通办” ，  线下“只进一扇门” （一门） ，现场办理",
     "推动企业和群众办事线上“一网通办”,线下“只进一扇门”(一门),现场办理"),
    ("加大合作力 度", "加大合作力度"),
    ("经济平 稳发展", "经济平稳发展"),
    ("有所提 高", "有所提高"),
    ("项目支出　名称", "项目支出名称"),
    ("全年　　　预算数", "全年预算数"),
    ("绩效 指标", "绩效指标"),
    ("年度总体       目标", "年度总体目标"),
    ("在职人员28人、退休人员2 人", "在职人员28人、退休人员2人"),
    ("2019 年05月23日", "2019年05月23日"),
    ("\t政务中心大厅运行经费\n", "政务中心大厅运行经费"),
    ("姓 名", "姓名"),
    ("单 位", "单位"),
    ("上海市普陀区规划和自然资源局 2024 年度部门决算", "上海市普陀区规划和自然资源局2024年度部门决算"),
    ("单价20\n万元（含）以上", "单价20万元(含)以上"),
    # full-width → half-width (NFKC)
    ("１２３４５热线", "12345热线"),
    ("（单位：万元）", "(单位:万元)"),
    ("95％", "95%"),
    ("＞＝95%", ">=95%"),
    ("社会效益指标；可持续影响指标", "社会效益指标;可持续影响指标"),
    ("市（区）长信箱", "市(区)长信箱"),
    # Kangxi radicals (NFKC) and CJK Radicals Supplement (table)
    ("⾏政审批服务局", "行政审批服务局"),
    ("⼈员⽀出", "人员支出"),
    ("⻓沙市", "长沙市"),
    ("部⻔预算", "部门预算"),
    ("⻢路", "马路"),
    ("⻅效", "见效"),
    ("公务⽤⻋", "公务用车"),
    ("⻛险评估", "风险评估"),
    ("⻜机", "飞机"),
    ("⻝堂", "食堂"),
    ("⻚面", "页面"),
    ("⻋辆", "车辆"),
    ("⻩金", "黄金"),
    ("⻓期⻛险", "长期风险"),
    # CJK compatibility ideographs
    ("\uf900", "豈"),
    ("\ufa11", "\ufa11"),  # a unified ideograph inside the compatibility block stays
    # whitespace not touching Chinese is kept (collapsed)
    ("≧ 10%", "≧ 10%"),
    ("a  b\n c", "a b c"),
    ("JZ-02-0004、 JZ-09-0005", "JZ-02-0004、JZ-09-0005"),
    ("  ", ""),
    ("", ""),
    # invisible characters
    ("预算\u200b执行率", "预算执行率"),
    ("\ufeff收入合计", "收入合计"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_CASES)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(("raw", "_expected"), CLEAN_CASES)
def test_clean_text_is_idempotent(raw: str, _expected: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@pytest.mark.parametrize(("ch", "expected"), [
    ("中", True), ("，", True), ("。", True), ("“", True), ("⻔", True), ("（", True),
    ("a", False), ("1", False), ("%", False), ("≧", False), (" ", False), ("\u3000", False),
])
def test_is_cjk(ch: str, expected: bool) -> None:
    assert is_cjk(ch) is expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("产出指标(30分)", ("产出指标", 30.0)),
    ("产出指标\n(30分)", ("产出指标", 30.0)),
    ("满意度指标（10分）", ("满意度指标", 10.0)),
    ("效益指标(30分)", ("效益指标", 30.0)),
    ("成本指标（20分）", ("成本指标", 20.0)),
    ("投入（20分）", ("投入", 20.0)),
    ("投入\n（20分）", ("投入", 20.0)),
    ("项目立项(4分)", ("项目立项", 4.0)),
    ("项目立项\n（12分）", ("项目立项", 12.0)),
    ("项目立项规范性\n（4分）", ("项目立项规范性", 4.0)),
    ("资金到位率（4分）", ("资金到位率", 4.0)),
    ("过程\n（30分）", ("过程", 30.0)),
    ("得分(2.5 分)", ("得分", 2.5)),
    ("绩效目标合理性（ 4 分 ）", ("绩效目标合理性", 4.0)),
    ("产出指标", ("产出指标", None)),
    ("(30分)", ("(30分)", None)),
    ("效益指标(30分)x", ("效益指标(30分)x", None)),
    ("工作实绩指标”（700分）考核内容设置", ("工作实绩指标”（700分）考核内容设置", None)),
    ("质量指标(优)", ("质量指标(优)", None)),
])
def test_strip_score_suffix(raw: str, expected: tuple[str, float | None]) -> None:
    assert strip_score_suffix(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("ＡＢＣ　ｄｅｆ", "ABC def"),  # full-width letters are not Chinese: the space stays
    ("１２　３４", "12 34"),
    ("ＡＢＣ　，ｄｅｆ", "ABC,def"),  # full-width punctuation pulls the space out
    ("Ａ　中", "A中"),
])
def test_clean_text_fullwidth_letters_keep_their_spaces(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected
