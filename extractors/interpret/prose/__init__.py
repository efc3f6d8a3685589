"""Running text -> money levels, prose metrics, grades and 三公 counts."""
