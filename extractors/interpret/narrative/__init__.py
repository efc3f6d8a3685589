"""Headings and paragraphs -> sections, org profile and the tokenizer they share."""
