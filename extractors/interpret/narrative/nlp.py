"""jieba, loaded once per process: a private tokenizer with the domain dictionary, POS tags and TF-IDF keywords.

jieba's full dictionary (349k words) takes seconds to load; words rarer than MIN_FREQ add nothing to
these reports, so a trimmed copy of the dictionary and IDF table is derived once into the temp dir.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

import jieba
import jieba.analyse
import jieba.posseg
from extractors.interpret.vocab.load import word

DICT_DIR = Path(__file__).parent.parent / "vocab" / "dict"
DOMAIN_WORDS = DICT_DIR / "domain_words.txt"
STOPWORDS = DICT_DIR / "stopwords.txt"
MIN_FREQ = 20
KEYWORD_POS = ("n", "nz", "nt", "ns", "vn", "v", "l", "eng")
_NOT_KEYWORD = word("narrative", "nlp_not_keyword")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Token:
    """One jieba token with its part-of-speech flag."""

    word: str
    flag: str


@dataclass(frozen=True)
class Nlp:
    """The loaded tokenizer, POS tagger and keyword extractor."""

    tokenizer: jieba.Tokenizer
    tagger: jieba.posseg.POSTokenizer
    tfidf: jieba.analyse.TFIDF


_NLP: Optional[Nlp] = None


@dataclass(frozen=True)
class WithoutHmm:
    """A POS tagger that skips jieba's HMM new-word pass (keywords need dictionary words only, and it is 3x faster)."""

    tagger: jieba.posseg.POSTokenizer

    def cut(self, sentence: str, **_: Any) -> Iterator[Any]:
        """POS-tagged dictionary words of sentence."""
        return iter(self.tagger.cut(sentence, HMM=False))


def jieba_file(*parts: str) -> Path:
    """A data file shipped with jieba."""
    return Path(jieba.__file__).parent.joinpath(*parts)


def frequent_lines(lines: list[str], keep: set[str] | None) -> tuple[list[str], set[str]]:
    """Dictionary lines whose frequency is >= MIN_FREQ (or, given keep, whose word is in keep), and their words."""
    out, kept = [], set()
    for line in lines:
        parts = line.split(" ")
        if len(parts) < 2:
            continue
        wanted = parts[0] in keep if keep is not None else _freq(parts[1]) >= MIN_FREQ
        if wanted:
            out.append(line)
            kept.add(parts[0])
    return out, kept


def _freq(text: str) -> float:
    """A dictionary frequency field as a number (0 when unreadable)."""
    try:
        return float(text)
    except ValueError:
        return 0.0


def write_atomic(path: Path, lines: list[str]) -> None:
    """Write lines to path via a temp file and rename, so concurrent processes never read half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def trimmed_files() -> tuple[Path, Path]:
    """(dictionary, idf table) trimmed to frequent words, derived from jieba's own files on first use."""
    stem = f"govreports-jieba-{jieba.__version__}-f{MIN_FREQ}"
    tmp = Path(tempfile.gettempdir())
    dict_path, idf_path = tmp / f"{stem}-dict.txt", tmp / f"{stem}-idf.txt"
    if not (dict_path.exists() and idf_path.exists()):
        dict_lines, kept = frequent_lines(jieba_file("dict.txt").read_text("utf-8").splitlines(), None)
        idf_lines, _ = frequent_lines(jieba_file("analyse", "idf.txt").read_text("utf-8").splitlines(), kept)
        write_atomic(dict_path, dict_lines)
        write_atomic(idf_path, idf_lines)
    return dict_path, idf_path


def load() -> Nlp:
    """Build the tokenizer (trimmed dictionary + domain words), POS tagger and TF-IDF extractor."""
    jieba.setLogLevel(logging.WARNING)
    try:
        dict_path, idf_path = trimmed_files()
    except OSError:  # no writable temp dir: jieba's full files (slower to load, same results)
        dict_path, idf_path = jieba_file("dict.txt"), jieba_file("analyse", "idf.txt")
    tokenizer = jieba.Tokenizer(str(dict_path))
    tokenizer.initialize()
    tokenizer.load_userdict(str(DOMAIN_WORDS))
    tagger = jieba.posseg.POSTokenizer(tokenizer)
    tagger.makesure_userdict_loaded()  # merge the domain words' POS tags now, under the lock, not on a first cut
    tfidf = jieba.analyse.TFIDF(str(idf_path))
    tfidf.tokenizer = tokenizer
    tfidf.postokenizer = WithoutHmm(tagger)
    tfidf.set_stop_words(str(STOPWORDS))
    return Nlp(tokenizer, tagger, tfidf)


def nlp() -> Nlp:
    """The process-wide jieba setup, loaded on first use (thread-safe)."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                _NLP = load()
    return _NLP


@lru_cache(maxsize=8192)
def pos_tags(text: str) -> tuple[Token, ...]:
    """The text cut into POS-tagged tokens (domain terms kept whole); repeated clauses are tagged once."""
    return tuple(Token(p.word, p.flag) for p in nlp().tagger.cut(text, HMM=True))


def keywords(text: str, top_k: int = 8) -> list[str]:
    """The top TF-IDF keywords of text (nouns and verbs, stop words and bare numbers removed)."""
    if not text.strip():
        return []
    tags = nlp().tfidf.extract_tags(text, topK=top_k * 2, allowPOS=KEYWORD_POS)
    return [t for t in tags if not _NOT_KEYWORD.match(t)][:top_k]
