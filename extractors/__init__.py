"""Format extractors (bytes -> Document) and interpreters (Document -> contracted records)."""
