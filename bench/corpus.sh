#!/usr/bin/env bash
# Corpus-scale benchmark for attrib (issue 6): throughput, files/s, peak RSS, ratio to grep,
# start-up time and a 1 MB diff, on a ~100 MB replica of ../shared/corpus/wikinews.
#
# Usage: bench/corpus.sh [RUNS]        (RUNS timed runs per command, median reported; default 3)
# Env:   CORPUS=DIR      source corpus (default: ../shared/corpus/wikinews beside the repo)
#        ROUNDS=N        replica rounds of 295 files each (default 24: ~7,000 files, ~100 MB)
#        PER_FILE=N      source articles concatenated into each replica file (default 3)
#        PROSELINT=CMD   proselint to compare with (default: `proselint` on PATH, if any)
#        KEEP=1          keep the temp dir and print its path
#        CARGO_TARGET_DIR is honoured.
# Needs: cargo, python3, /usr/bin/time (GNU time); hyperfine is used if installed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-3}
CORPUS=${CORPUS:-$ROOT/../shared/corpus/wikinews}
ROUNDS=${ROUNDS:-24}
PER_FILE=${PER_FILE:-3}

if [ ! -d "$CORPUS" ]; then
  echo "corpus.sh: no corpus at $CORPUS (../shared is absent here); nothing to measure."
  exit 0
fi
if [ ! -x /usr/bin/time ]; then
  echo "corpus.sh: /usr/bin/time (GNU time) is needed for peak RSS: apt-get install time" >&2
  exit 2
fi

echo "== building the fully optimised binary (profile dist, jemalloc)"
cargo build --profile dist --features jemalloc --quiet --bin attrib
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET_DIR/dist/attrib
[ -x "$BIN" ] || { echo "corpus.sh: no binary at $BIN" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/attrib-corpus.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
  echo "(keeping $TMP)"
else
  trap 'rm -rf "$TMP"' EXIT
fi
REPLICA=$TMP/replica

echo "== building the replica ($ROUNDS rounds x files of $PER_FILE articles) in $TMP"
python3 - "$CORPUS" "$REPLICA" "$ROUNDS" "$PER_FILE" "$TMP" <<'PY'
import os, sys, re
src, dst, rounds, per, tmp = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
names = sorted(n for n in os.listdir(src) if n.endswith(".txt"))
texts = [open(os.path.join(src, n), encoding="utf-8").read().rstrip("\n") for n in names]
n = len(texts)
for r in range(rounds):
    d = os.path.join(dst, f"round-{r:02d}")
    os.makedirs(d)
    step = r + 1
    for i, name in enumerate(names):
        # Each file: article i, then articles i+step, i+2*step... (distinct, rotated per round).
        parts = [texts[(i + k * step) % n] for k in range(per)]
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write("\n\n".join(parts) + "\n")
# Two ~1 MB versions of one long story for `diff`: v2 edits every 5th quote, changes every
# 7th "said" to "claimed", drops every 11th paragraph and swaps neighbouring paragraphs now and then.
paras = []
for t in texts:
    paras.extend(p for p in t.split("\n") if p.strip())
old, size = [], 0
for p in paras:
    if size >= 1_000_000:
        break
    old.append(p); size += len(p.encode()) + 2
new = []
qn = 0
for i, p in enumerate(old):
    if i % 11 == 5:
        continue
    def edit(m):
        global qn
        qn += 1
        q = m.group(0)
        return q.replace(" the ", " a ", 1) if qn % 5 == 0 else q
    p = re.sub(r'"[^"]{10,400}"', edit, p)
    if i % 7 == 2:
        p = p.replace(" said", " claimed", 1)
    new.append(p)
for i in range(0, len(new) - 1, 13):
    new[i], new[i + 1] = new[i + 1], new[i]
open(os.path.join(tmp, "v1.txt"), "w", encoding="utf-8").write("\n\n".join(old) + "\n")
open(os.path.join(tmp, "v2.txt"), "w", encoding="utf-8").write("\n\n".join(new) + "\n")
PY
FILES=$(find "$REPLICA" -type f | wc -l)
BYTES=$(find "$REPLICA" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
MB=$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b/1e6}')
echo "replica: $FILES files, $MB MB"
# Warm the page cache so every command reads from memory.
cat $(find "$REPLICA" -type f) >/dev/null

# run NAME CMD...: RUNS timed runs; sets WALL (median seconds) and RSS (median peak KB).
run() {
  local name=$1; shift
  local walls=() rsss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$TMP/time.txt" "$@" >"$TMP/out.txt" 2>"$TMP/err.txt" || true
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$TMP/time.txt")")
    rsss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")")
  done
  WALL=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  RSS=$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "  $name: runs ${walls[*]} s"
}

report() {
  local name=$1
  awk -v n="$name" -v w="$WALL" -v r="$RSS" -v b="$BYTES" -v f="$FILES" -v g="${GREP_WALL:-0}" 'BEGIN {
    if (w <= 0) w = 0.001
    line = sprintf("%-26s %7.2f s  %8.1f MB/s  %8.0f files/s  peak RSS %6.1f MB", n, w, b/1e6/w, f/w, r/1024)
    if (g > 0) line = line sprintf("  %5.1fx grep", w/g)
    print line
  }'
}

echo "== timed runs (median of $RUNS; wall clock and peak RSS from /usr/bin/time -v)"
run "grep -rc said" grep -rc said "$REPLICA"
GREP_WALL=$WALL; GREP_RSS=$RSS
run "attrib check --format json" "$BIN" check --format json "$REPLICA"
CHECK_WALL=$WALL; CHECK_RSS=$RSS
grep -q '"summary"' "$TMP/out.txt" || { echo "check produced no report:"; head -5 "$TMP/err.txt"; }
run "attrib quotes --format json" "$BIN" quotes --format json "$REPLICA"
QUOTES_WALL=$WALL; QUOTES_RSS=$RSS
echo
echo "== results: $FILES files, $MB MB ($(nproc) cores)"
WALL=$GREP_WALL RSS=$GREP_RSS; GREP_WALL=0 report "grep -rc said"
WALL=$CHECK_WALL RSS=$CHECK_RSS; report "attrib check --format json"
WALL=$QUOTES_WALL RSS=$QUOTES_RSS; report "attrib quotes --format json"


# Peak memory must not grow with the number of files: check a quarter of the replica too.
QUARTER=$(ls -d "$REPLICA"/round-* | head -n $(( (ROUNDS + 3) / 4 )))
run "attrib check, a quarter" "$BIN" check --format json $QUARTER
echo "  peak RSS: $(awk -v r="$RSS" 'BEGIN {printf "%.1f", r/1024}') MB on $(ls -d $QUARTER | wc -l) of $ROUNDS rounds, $(awk -v r="$CHECK_RSS" 'BEGIN {printf "%.1f", r/1024}') MB on all of them"

echo
echo "== start-up: check of one small file (fixtures/examples/diplomacy-miami.txt)"
SMALL=$ROOT/fixtures/examples/diplomacy-miami.txt
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 10 --runs 100 -i --export-json "$TMP/hf.json" \
    "$BIN check $SMALL" "$BIN --version" 2>&1 | grep -E 'Benchmark|Time|Range' || true
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; [print(f'  median {x[\"median\"]*1000:.2f} ms  {x[\"command\"]}') for x in r]" "$TMP/hf.json"
else
  start=$(date +%s%N)
  for _ in $(seq 100); do "$BIN" check "$SMALL" >/dev/null || true; done
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN {printf "  mean of 100 runs: %.2f ms (hyperfine not installed)\n", ns/1e6/100}'
fi

echo
V1=$TMP/v1.txt; V2=$TMP/v2.txt
echo "== diff of two ~1 MB versions ($(stat -c %s "$V1") and $(stat -c %s "$V2") bytes)"
run "attrib diff" "$BIN" diff --format json --fail-on none "$V1" "$V2"
echo "  median ${WALL} s, peak RSS $(awk -v r="$RSS" 'BEGIN {printf "%.1f", r/1024}') MB, $(grep -c '"change"' "$TMP/out.txt" || true) changes"

PROSELINT=${PROSELINT:-$(command -v proselint || true)}
if [ -n "$PROSELINT" ]; then
  echo
  SUB=$TMP/subset
  mkdir -p "$SUB"
  cp $(find "$CORPUS" -name '*.txt' | sort | head -100) "$SUB"/
  SUB_BYTES=$(cat "$SUB"/* | wc -c)
  echo "== proselint ($PROSELINT) on a subset: 100 source articles, $SUB_BYTES bytes"
  RUNS_SAVED=$RUNS; RUNS=1
  run "proselint check" $PROSELINT check "$SUB"
  PL_WALL=$WALL; PL_RSS=$RSS
  RUNS=$RUNS_SAVED
  run "attrib check" "$BIN" check --format json "$SUB"
  awk -v p="$PL_WALL" -v a="$WALL" -v b="$SUB_BYTES" -v pr="$PL_RSS" -v ar="$RSS" 'BEGIN {
    if (a <= 0) a = 0.001
    printf "  proselint %.2f s (%.2f MB/s, %.0f MB RSS); attrib %.3f s (%.2f MB/s, %.1f MB RSS): attrib is %.0fx faster\n", p, b/1e6/p, pr/1024, a, b/1e6/a, ar/1024, p/a
  }'
else
  echo
  echo "(proselint not found: set PROSELINT=/path/to/proselint to compare with it)"
fi
