"""Self-evaluation forms (部门整体 / 项目支出绩效自评表) -> budgets, indicators and evaluations."""
