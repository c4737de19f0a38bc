"""Is a document English? A small, dependency-free guess from scripts and function words.

The extractors are built for English news: run on French or Arabic text they produce garbage
claims, so the readers refuse such documents with a message instead. The guess is deliberately
conservative: a text too short to judge, or one with no recognisable function words at all
(a list of names, a table), passes as English; only a text that is clearly in another script,
or whose function words are clearly another language's, is refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

__all__ = ["LanguageGuess", "guess_language", "not_english_reason"]

SAMPLE_CHARS = 20_000
"""Only the start of a document is looked at: enough to judge, cheap for long texts."""
MIN_WORDS = 12
"""Below this many words nothing is judged (headlines, test snippets, short tweets)."""
MIN_LETTERS = 40
"""Below this many letters the script is not judged either."""

# The most frequent function words of each language; words shared with English are left out
# of the other lists ("a", "in", "on" are English too), so a hit is evidence for that language.
_STOPWORDS: dict[str, frozenset[str]] = {
    "English": frozenset(
        "the of and to is was that for with as by at from it its has have had be been are were this which "
        "said says not but they their who would will an or he she his her also after over than about into "
        "more other when some could them there what up out new we were our against during".split()
    ),
    "French": frozenset(
        "le la les des du un une et est dans pour que qui sur pas par au aux avec ce cette ses sont ont "
        "été il elle leur mais plus comme selon lors entre contre".split()
    ),
    "German": frozenset(
        "der die das und ist nicht ein eine den dem des mit sich auf für von zu im auch es wird wurde "
        "nach bei aus dass sind hat haben einen einer oder werden gegen".split()
    ),
    "Spanish": frozenset(
        "el la los las de del y que en un una es por con para se su sus al lo como más pero fue ha "
        "según sobre entre este esta también contra".split()
    ),
    "Portuguese": frozenset(
        "o os as do da dos das e que em um uma é não para com se por mais como foi ao pelo pela "
        "segundo sobre entre também contra".split()
    ),
    "Italian": frozenset(
        "il lo gli della delle degli di e che è un una per con non del nel alla sono ha anche come "
        "secondo tra contro".split()
    ),
    "Dutch": frozenset(
        "de het een en van is dat niet op te voor met zijn er maar ook als bij door naar werd worden "
        "heeft tegen".split()
    ),
    "Indonesian": frozenset(
        "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena oleh telah bahwa "
        "kata mereka".split()
    ),
    "Turkish": frozenset("ve bir bu da de için ile olarak çok daha gibi ama ancak sonra göre".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Unicode script names as the first word of a letter's character name.
_LATIN = "LATIN"


@dataclass(frozen=True)
class LanguageGuess:
    """What `guess_language` found: `english` is None when the text is too short to judge."""

    english: bool | None
    language: str | None  # "English", "French", a script name ("Cyrillic script"), or None
    reason: str  # a short human explanation


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    if first in ("CJK", "HIRAGANA", "KATAKANA"):
        return "CJK"
    return first or "UNKNOWN"


def guess_language(text: str) -> LanguageGuess:
    """Guess whether `text` is English from its letters' scripts and its function words."""
    sample = text[:SAMPLE_CHARS]
    scripts: Counter[str] = Counter()
    for ch in sample:
        if ch.isalpha():
            scripts[_script(ch)] += 1
    letters = sum(scripts.values())
    if letters < MIN_LETTERS:
        return LanguageGuess(None, None, f"too short to judge ({letters} letters)")
    latin = scripts[_LATIN]
    if latin / letters < 0.5:
        script, n = max(((k, v) for k, v in scripts.items() if k != _LATIN), key=lambda kv: kv[1])
        label = f"{'CJK' if script == 'CJK' else script.title()} script"
        return LanguageGuess(False, label, f"{n / letters:.0%} of its letters are in the {label}")

    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return LanguageGuess(None, None, f"too short to judge ({len(words)} words)")
    lowered = [w.lower() for w in words]
    share = {lang: sum(1 for w in lowered if w in stop) / len(lowered) for lang, stop in _STOPWORDS.items()}
    english = share.pop("English")
    other, other_share = max(share.items(), key=lambda kv: kv[1])
    if english >= 0.12 or other_share < 0.08:
        return LanguageGuess(
            True, "English", f"{english:.0%} English, {other_share:.0%} {other} function words"
        )
    if other_share > english * 1.5:
        return LanguageGuess(
            False,
            other,
            f"{other_share:.0%} of its words are {other} function words, {english:.0%} English ones",
        )
    return LanguageGuess(True, "English", f"{english:.0%} English function words")


def not_english_reason(text: str) -> str | None:
    """None when `text` may be processed; else why it looks not English, for an error line."""
    guess = guess_language(text)
    if guess.english is False:
        return f"not English (looks like {guess.language}: {guess.reason}); only English is supported"
    return None
