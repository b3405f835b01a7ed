"""attrib: finds the quotes in a news article, who said each one and what kind of source that
is, and checks the sourcing against newsroom standards.

The functions return plain dicts and lists in the shapes of the command line's JSON output
(``attrib quotes --format json``, ``attrib check --format json``, ``attrib diff --format json``),
documented in docs/python.md. The work runs in Rust, without the GIL.

>>> import attrib
>>> story = '"We will rebuild," said Mayor Ana Ruiz. Critics say the plan is too slow.'
>>> [q["speaker"]["text"] for q in attrib.analyze(story)["quotes"]]
['Mayor Ana Ruiz']
>>> [f["rule"] for f in attrib.check(story)]
['vague-source']
"""

from __future__ import annotations

import json
import os
from itertools import islice
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from ._attrib import AttribError, Rules, __version__
from . import _attrib

__all__ = [
    "AttribError",
    "Rules",
    "analyze",
    "batch",
    "check",
    "diff",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]

_default_rules: Optional[Rules] = None


def _rules(config: Optional[PathLike], rules: Optional[Sequence[PathLike]]) -> Rules:
    """The bundled rules (loaded once) when nothing is named, else the named ones."""
    global _default_rules
    if config is None and not rules:
        if _default_rules is None:
            _default_rules = Rules()
        return _default_rules
    return Rules(
        config=None if config is None else os.fspath(config),
        rules=None if not rules else [os.fspath(r) for r in rules],
    )


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    return value


def analyze(text: str, format: str = "text") -> Dict[str, Any]:
    """The quotes and attributions of one article.

    ``format`` is ``"text"``, ``"markdown"`` or ``"html"``. Returns the object
    ``attrib quotes --format json`` gives for one file: ``{"path", "quotes": [...],
    "attributions": [...]}``, each quote with its ``speaker`` (text, class, ``refers_to``),
    ``cue``, ``kind`` and byte offsets into ``text``'s UTF-8.
    """
    return json.loads(_attrib.analyze_json(_text(text, "text"), format))


def check(
    text: str,
    config: Optional[PathLike] = None,
    rules: Optional[Sequence[PathLike]] = None,
    format: str = "text",
) -> List[Dict[str, Any]]:
    """The findings for one article, as ``attrib check --format json`` lists them per file.

    With no ``config`` and no ``rules``, the bundled default packs apply (no ``.attrib.yaml``
    is searched for). ``config`` names an ``.attrib.yaml``; ``rules`` names rule files, added
    to the packs. A bad config or rule file raises :class:`AttribError` with its file, line and
    column. To check many texts with the same rules, load them once with :class:`Rules` and
    pass it to :func:`batch`.
    """
    r = _rules(config, rules)
    return json.loads(r.check_json(_text(text, "text"), format))


def diff(old: str, new: str, format: str = "text") -> Dict[str, Any]:
    """What changed in quotes and attribution from ``old`` to ``new``.

    Returns the object ``attrib diff --format json`` gives for two files: ``{"old", "new",
    "changes": [...]}``, each change with its kind (``quote_added``, ``quote_removed``,
    ``quote_edited`` with word edits, ``speaker_changed``, ``source_downgraded``, ...).
    """
    return json.loads(_attrib.diff_json(_text(old, "old"), _text(new, "new"), format))


def batch(
    texts: Iterable[str],
    what: str = "check",
    format: str = "text",
    rules: Optional[Rules] = None,
    chunk_size: int = 1024,
) -> Iterator[Any]:
    """Analyse or check many articles on every core; yields one result per text, in order.

    ``what`` is ``"check"`` (each result a list of findings, as :func:`check`) or
    ``"analyze"`` (each an object, as :func:`analyze`). ``texts`` may be any iterable (a
    generator over a folder, a pandas column); it is read ``chunk_size`` texts at a time, so
    memory stays bounded. ``rules`` is a :class:`Rules` (default: the bundled packs).
    """
    if what not in ("check", "analyze"):
        raise ValueError(f'what must be "check" or "analyze", not {what!r}')
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    r = rules if rules is not None else _rules(None, None)
    it = iter(texts)
    while True:
        chunk = [_text(t, "each text") for t in islice(it, chunk_size)]
        if not chunk:
            return
        if what == "check":
            out = r.check_many_json(chunk, format)
        else:
            out = _attrib.analyze_many_json(chunk, format)
        for s in out:
            yield json.loads(s)
