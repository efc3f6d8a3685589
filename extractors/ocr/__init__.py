"""Offline OCR of scanned PDF pages: rendering, rulings, RapidOCR glyphs -> the shared document model."""
