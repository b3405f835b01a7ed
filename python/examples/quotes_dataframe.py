"""One row per quote over a folder of articles, with pandas: who is quoted, how often, and how
many quotes come from unnamed sources.

    python python/examples/quotes_dataframe.py fixtures/wikinews
"""

import pathlib
import sys

import pandas as pd

import attrib

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures/wikinews")
paths = sorted(folder.glob("*.txt"))
texts = [p.read_text(encoding="utf-8") for p in paths]

rows = []
for path, result in zip(paths, attrib.batch(texts, what="analyze")):
    for q in result["quotes"]:
        if q["kind"] == "term":  # scare quotes, titles, words as words: nobody's speech
            continue
        speaker = q.get("speaker") or {}
        rows.append(
            {
                "article": path.stem[:40],
                "line": q["line"],
                "kind": q["kind"],
                "speaker": speaker.get("refers_to") or speaker.get("text"),
                "class": speaker.get("class", "unattributed"),
                "quote": q["text"][:50],
            }
        )
quotes = pd.DataFrame(rows)

print(f"{len(paths)} articles, {len(quotes)} quotes\n")
print(quotes["class"].value_counts().to_string() + "\n")
direct = quotes[quotes["kind"] == "direct"]
print("Most quoted (direct quotes):")
print(direct["speaker"].value_counts().head(5).to_string() + "\n")
unnamed = quotes["class"].isin(["anonymous", "vague"]).groupby(quotes["article"]).mean()
print("Share of quotes from unnamed sources, highest first:")
print(unnamed.sort_values(ascending=False).head(3).round(2).to_string())
