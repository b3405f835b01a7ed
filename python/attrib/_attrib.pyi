"""Type stubs for the native module (see attrib/__init__.py for the documented API)."""

from typing import List, Optional, Sequence

__version__: str

class AttribError(ValueError):
    """A bad argument, an invalid config or rule file (file:line:column: message), or an
    internal error."""

class Rules:
    """Rules loaded once: bundled packs, an ``.attrib.yaml`` and rule files."""

    def __init__(
        self,
        config: Optional[str] = None,
        rules: Optional[Sequence[str]] = None,
        default_rules: bool = True,
    ) -> None: ...
    def check_json(self, text: str, format: str) -> str: ...
    def check_many_json(self, texts: List[str], format: str) -> List[str]: ...
    def rule_ids(self) -> List[str]: ...

def analyze_json(text: str, format: str = "text", name: str = "-") -> str: ...
def analyze_many_json(texts: List[str], format: str = "text") -> List[str]: ...
def diff_json(old: str, new: str, format: str = "text") -> str: ...
def run_cli(args: List[str]) -> int: ...
