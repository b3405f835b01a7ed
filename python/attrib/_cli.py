"""The ``attrib`` command installed by pip: the same command line as the Rust binary."""

import sys

from ._attrib import run_cli


def main() -> None:
    """Run ``attrib`` with this process's arguments and exit with its status."""
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(run_cli(["attrib", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
