"""Check an archive of articles with PySpark: the module runs inside `mapInPandas`, one batch of
rows at a time, and Spark adds up the findings by rule.

    python python/examples/spark_findings.py fixtures/wikinews       # local[2]

On a cluster, install the wheel on every executor (or ship it with `--py-files`), since the
module is native code. Each task already runs on one core: attrib.batch still uses every core
it sees, so give each executor core one task (the default) or set RAYON_NUM_THREADS=1.
"""

import os
import sys

from pyspark.sql import SparkSession

# Python workers run this interpreter, the one attrib is installed in.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
folder = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "fixtures/wikinews")
spark = (
    SparkSession.builder.master("local[2]")
    .appName("attrib")
    .config("spark.ui.enabled", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")

# One row per article: its path and its whole text.
articles = spark.read.text(f"{folder}/*.txt", wholetext=True).selectExpr(
    "input_file_name() AS path", "value AS text"
)


def findings(batches):
    """Each pandas batch of articles -> one row per finding."""
    import pandas as pd

    import attrib

    for df in batches:
        rows = []
        for path, found in zip(df["path"], attrib.batch(df["text"].tolist())):
            for f in found:
                rows.append((os.path.basename(path), f["rule"], f["severity"], f["line"]))
        yield pd.DataFrame(rows, columns=["article", "rule", "severity", "line"])


schema = "article string, rule string, severity string, line long"
result = articles.mapInPandas(findings, schema)
print(f"{articles.count()} articles, {result.count()} findings")
result.groupBy("rule", "severity").count().orderBy("count", ascending=False).show(truncate=False)
spark.stop()
