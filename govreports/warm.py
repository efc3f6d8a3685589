"""Imported once by the per-file forkserver: every extractor imported and jieba loaded, shared by each fork."""
from __future__ import annotations

from extractors.base import BACKENDS, get_extractor
from extractors.interpret.narrative import nlp as narrative_nlp
from govreports import batch, pipeline, store  # noqa: F401  (the code each file's process runs)

for _fmt in BACKENDS:
    get_extractor(_fmt)
narrative_nlp.nlp()
