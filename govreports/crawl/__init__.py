"""Crawling government portals: sources as data, polite fetching, raw files stored by hash with a manifest."""
