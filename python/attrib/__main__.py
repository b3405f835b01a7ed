"""``python -m attrib ...``: the ``attrib`` command."""

from ._cli import main

main()
