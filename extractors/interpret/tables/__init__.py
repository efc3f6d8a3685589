"""What every table reader shares: the one table-kind decision (kinds.py)."""
