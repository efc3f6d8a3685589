"""Money tables (收支总表 family, 功能分类, 基本支出, 三公 …) -> budgets and three_public rows."""
