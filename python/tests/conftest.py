"""Shared paths for the tests: the repository's bundled example and fixtures."""

import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def example() -> pathlib.Path:
    """The bundled example article (fixtures/examples/diplomacy-miami.txt)."""
    return REPO / "fixtures" / "examples" / "diplomacy-miami.txt"
