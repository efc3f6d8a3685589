"""绩效目标表 (targets without results) -> indicators and project money rows."""
