"""Type stubs for attrib."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, Union

from ._attrib import AttribError as AttribError, Rules as Rules

__version__: str

PathLike = Union[str, os.PathLike[str]]
Format = Literal["text", "markdown", "html", "txt", "md", "htm"]

def analyze(text: str, format: Format = "text") -> Dict[str, Any]: ...
def check(
    text: str,
    config: Optional[PathLike] = None,
    rules: Optional[Sequence[PathLike]] = None,
    format: Format = "text",
) -> List[Dict[str, Any]]: ...
def diff(old: str, new: str, format: Format = "text") -> Dict[str, Any]: ...
def batch(
    texts: Iterable[str],
    what: Literal["check", "analyze"] = "check",
    format: Format = "text",
    rules: Optional[Rules] = None,
    chunk_size: int = 1024,
) -> Iterator[Any]: ...
