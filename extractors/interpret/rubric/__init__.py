"""Scoring tables (评分表 / 评价指标表) -> rubric indicators and the table's 总分."""
