#!/usr/bin/env bash
# bench/run.sh - crib's benchmark in one command (see bench/README.md).
#
#   bench/run.sh              10k, 100k and 600k passages, 300 queries; result
#                             section added on top of bench/RESULTS.md
#   bench/run.sh --quick      10k passages, 60 queries, under a minute; prints only
#   bench/run.sh --real 1,20  real notes (../shared/corpora + content/) copied 1 and
#                             20 times with word substitutions, instead of generated ones
#
# Options: --sizes 10000,50000  --queries N  --per-file P  --record / --no-record
# Generated corpora, databases and raw timings go to bench/out/ (gitignored).
set -euo pipefail
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$ROOT/build-bench
OUT=$HERE/out
RESULTS=$HERE/RESULTS.md

quick=0
sizes=""
queries=""
record=""
real=""
per_file=100
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --sizes) sizes=$2; shift ;;
    --queries) queries=$2; shift ;;
    --real) real=$2; shift ;;
    --per-file) per_file=$2; shift ;;
    --record) record=1 ;;
    --no-record) record=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ $quick = 1 ]; then
  sizes=${sizes:-10000}; queries=${queries:-60}; record=${record:-0}; warmup=5; repeats=3
else
  sizes=${sizes:-10000,100000,600000}; queries=${queries:-300}; record=${record:-1}; warmup=20; repeats=5
fi
CORPORA=$ROOT/../shared/corpora
if [ -n "$real" ]; then
  sizes=$real
  if [ ! -d "$CORPORA" ]; then
    echo "run.sh: --real needs the public corpora in $CORPORA; skipped" >&2
    exit 0
  fi
fi
IFS=, read -r -a SIZES <<< "$sizes"

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# `kv key line`: the value of key=value in a line of key=value pairs.
kv() { tr ' ' '\n' <<< "$2" | sed -n "s/^$1=//p"; }
now() { echo "$EPOCHREALTIME"; }
label_of() {
  local n=$1
  if [ -n "$real" ]; then echo "real-${n}x"
  elif [ $((n % 1000000)) = 0 ]; then echo "$((n / 1000000))M"
  elif [ $((n % 1000)) = 0 ]; then echo "$((n / 1000))k"
  else echo "$n"; fi
}

# ---------------------------------------------------------------------------
# Tools.

need_pkg() { # need_pkg COMMAND PACKAGE
  command -v "$1" > /dev/null 2>&1 && return 0
  log "installing $2 (for $1)"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y "$2" > /dev/null || { echo "run.sh: need $1 (apt-get install $2)" >&2; exit 1; }
}
[ -x /usr/bin/time ] || need_pkg /usr/bin/time time
need_pkg quest xapian-tools
need_pkg xapian-delve xapian-tools
need_pkg rg ripgrep

# What is being measured: the commit and any uncommitted changes to tracked
# files, taken when building (the tree may change while the run goes on).
tree_state() {
  local head diff
  head=$(git -C "$ROOT" --no-optional-locks rev-parse --short HEAD 2> /dev/null || echo "?")
  diff=$(git -C "$ROOT" --no-optional-locks diff HEAD -- . ':!bench' 2> /dev/null | cksum | cut -d' ' -f1)
  echo "$head $diff"
}
state_start=$(tree_state)
commit=${state_start% *}
dirty=$(git -C "$ROOT" --no-optional-locks diff HEAD --quiet -- . ':!bench' 2> /dev/null && echo "" || echo " (+ uncommitted changes)")

log "building into $BUILD"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCRIB_TESTS=OFF -DCMAKE_BUILD_TYPE=Release > /dev/null
fi
cmake --build "$BUILD" -j"$(nproc)" --target crib crib-index gen_corpus real_corpus bare_index bench_exec > /dev/null
CRIB=$BUILD/query/crib
INDEX=$BUILD/indexer/crib-index
GEN=$BUILD/bench/gen_corpus
REAL=$BUILD/bench/real_corpus
BARE=$BUILD/bench/bare_index
EXEC=$BUILD/bench/bench_exec
TOPICS=$ROOT/content/crib-topics.conf
SYNONYMS=$ROOT/content/crib-synonyms.conf

# ---------------------------------------------------------------------------
# Measurements, one corpus size at a time.  R[label:key] holds every figure.
declare -A R
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

peak_rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }

bench_size() {
  local n=$1 label dir corpus db qf line t0 t1
  label=$(label_of "$n")
  dir=$OUT/$label
  corpus=$dir/corpus
  db=$dir/db
  qf=$dir/queries.txt
  mkdir -p "$dir"
  rm -rf "$db" "$dir/bare"

  log "$label: generating corpus"
  if [ -n "$real" ]; then
    "$REAL" --copies "$n" --queries "$queries" --out "$dir" "$CORPORA"/*/ "$ROOT/content" >&2
  else
    "$GEN" --passages "$n" --queries "$queries" --per-file "$per_file" --out "$dir" >&2
    R[$label:passages]=$n
  fi
  R[$label:files]=$(sed -n 's/^files=//p' "$dir/info.txt")
  R[$label:bytes]=$(sed -n 's/^bytes=//p' "$dir/info.txt")
  R[$label:distinct]=$(sed -n 's/^distinct_words=//p' "$dir/info.txt")
  R[$label:queries]=$(wc -l < "$qf")
  local mb
  mb=$(calc "${R[$label:bytes]} / 1e6" 1)
  R[$label:mb]=$mb

  log "$label: full index (crib-index)"
  sync
  t0=$(now)
  /usr/bin/time -v -o "$dir/index.time" "$INDEX" --db "$db" -q --topics "$TOPICS" --synonyms "$SYNONYMS" "$corpus"
  t1=$(now)
  R[$label:doccount]=$(xapian-delve "$db" | sed -n 's/^number of documents = //p')
  [ -z "$real" ] || R[$label:passages]=${R[$label:doccount]}
  R[$label:index_s]=$(calc "$t1 - $t0" 2)
  R[$label:index_pps]=$(calc "${R[$label:passages]} / (${R[$label:index_s]})" 0)
  R[$label:index_mbps]=$(calc "$mb / (${R[$label:index_s]})" 2)
  R[$label:index_rss]=$(peak_rss_mb "$dir/index.time")
  R[$label:db_mb]=$(calc "$(du -sb "$db" | cut -f1) / 1e6" 1)
  R[$label:db_ratio]=$(calc "${R[$label:db_mb]} / $mb" 1)
  R[$label:db_detail]=$(for f in "$db"/*.glass; do printf '%s %.1f, ' "$(basename "$f" .glass)" "$(calc "$(stat -c %s "$f") / 1e6" 1)"; done | sed 's/, $//')

  log "$label: bare Xapian loop"
  sync
  /usr/bin/time -v -o "$dir/bare.time" "$BARE" "$dir/bare" "$corpus" > "$dir/bare.out"
  line=$(cat "$dir/bare.out")
  R[$label:bare_paras]=$(kv paragraphs "$line")
  R[$label:bare_s]=$(kv seconds "$line")
  R[$label:bare_pps]=$(kv paragraphs_per_s "$line")
  R[$label:bare_mbps]=$(kv MB_per_s "$line")
  R[$label:bare_rss]=$(peak_rss_mb "$dir/bare.time")
  R[$label:bare_db_mb]=$(calc "$(du -sb "$dir/bare" | cut -f1) / 1e6" 1)
  R[$label:index_bare]=$(calc "${R[$label:index_s]} / ${R[$label:bare_s]}" 2)
  rm -rf "$dir/bare"

  log "$label: no-op re-index"
  line=$("$EXEC" --warmup 1 --repeat "$repeats" -- "$INDEX" --db "$db" -q --topics "$TOPICS" --synonyms "$SYNONYMS" "$corpus")
  R[$label:noop_ms]=$(kv median_ms "$line")

  # Warm the page cache the way a second search would find it.
  cat "$db"/* > /dev/null

  log "$label: queries (${R[$label:queries]}) - crib plain"
  line=$("$EXEC" --queries "$qf" --warmup "$warmup" --raw "$dir/q_crib.tsv" -- "$CRIB" --db "$db" --no-update {words})
  R[$label:crib_med]=$(kv median_ms "$line"); R[$label:crib_p95]=$(kv p95_ms "$line")
  R[$label:crib_rss]=$(calc "$(kv rss_max_kb "$line") / 1024" 1)
  R[$label:crib_rss_med]=$(calc "$(kv rss_median_kb "$line") / 1024" 1)
  R[$label:crib_err]=$(kv errors "$line")

  log "$label: queries - crib --format jsonl"
  line=$("$EXEC" --queries "$qf" --warmup "$warmup" --raw "$dir/q_jsonl.tsv" -- "$CRIB" --db "$db" --no-update --format jsonl {words})
  R[$label:jsonl_med]=$(kv median_ms "$line"); R[$label:jsonl_p95]=$(kv p95_ms "$line")
  R[$label:jsonl_rss]=$(calc "$(kv rss_max_kb "$line") / 1024" 1)

  log "$label: queries - crib with its freshness check (no --no-update)"
  line=$("$EXEC" --queries "$qf" --warmup "$warmup" --raw "$dir/q_fresh.tsv" -- "$CRIB" --db "$db" {words})
  R[$label:fresh_med]=$(kv median_ms "$line"); R[$label:fresh_p95]=$(kv p95_ms "$line")

  log "$label: queries - quest"
  line=$("$EXEC" --queries "$qf" --warmup "$warmup" --raw "$dir/q_quest.tsv" -- quest -d "$db" {query})
  R[$label:quest_med]=$(kv median_ms "$line"); R[$label:quest_p95]=$(kv p95_ms "$line")
  R[$label:quest_rss]=$(calc "$(kv rss_max_kb "$line") / 1024" 1)

  log "$label: queries - rg -i -c"
  line=$("$EXEC" --queries "$qf" --warmup "$warmup" --raw "$dir/q_rg.tsv" -- rg -i -c -e {alt} "$corpus")
  R[$label:rg_med]=$(kv median_ms "$line"); R[$label:rg_p95]=$(kv p95_ms "$line")

  R[$label:crib_quest]=$(calc "${R[$label:crib_med]} / ${R[$label:quest_med]}" 2)
  R[$label:rg_crib]=$(calc "${R[$label:rg_med]} / ${R[$label:crib_med]}" 1)

  log "$label: in-process split (crib --stats)"
  rm -f "$dir/stats.txt"
  "$EXEC" --queries "$qf" --warmup 0 --stderr "$dir/stats.txt" -- "$CRIB" --db "$db" --no-update --stats {words} > /dev/null
  local field
  for field in open parse match facets snippets related total; do
    R[$label:st_$field]=$(grep '^crib: open' "$dir/stats.txt" |
      awk -v f="$field" '{ for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }' | sort -g |
      awk '{ v[NR] = $1 } END { if (!NR) { print "n/a"; exit } printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' || true)
  done

  log "$label: one-file change re-index"
  local f ms=()
  if [ -n "$real" ]; then # a "## Q." headings file of the learning-zone notes
    f=$(awk -F'\t' '$1 ~ /learning-zone.*\/docker\.md$/ { print $1; exit }' "$dir/manifest.tsv")
  else
    f=$(awk -F'\t' '$2 == "headings" { print $1; exit }' "$dir/manifest.tsv")
  fi
  R[$label:changed_file]=$f
  for i in $(seq 1 "$repeats"); do
    printf '\n## Q. What is benchmark change %s?\n\nAppended answer %s for the one-file re-index test.\n' "$i" "$i" >> "$dir/$f"
    line=$("$EXEC" --repeat 1 -- "$INDEX" --db "$db" -q --topics "$TOPICS" --synonyms "$SYNONYMS" "$corpus")
    ms+=("$(kv median_ms "$line")")
  done
  R[$label:change_ms]=$(printf '%s\n' "${ms[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  R[$label:change_all]=$(printf '%s ' "${ms[@]}" | sed 's/ $//')
  R[$label:doccount_after]=$(xapian-delve "$db" | sed -n 's/^number of documents = //p')
}

for n in "${SIZES[@]}"; do
  bench_size "$n"
  l=$(label_of "$n")
  for k in "${!R[@]}"; do
    if [[ $k == "$l:"* ]]; then printf '%s=%s\n' "${k#*:}" "${R[$k]}"; fi
  done | sort > "$OUT/$l/figures.txt"
done

# ---------------------------------------------------------------------------
# Report.
LABELS=()
for n in "${SIZES[@]}"; do LABELS+=("$(label_of "$n")"); done
LARGEST=${LABELS[-1]}

row() { # row TITLE FORMAT-KEYS...: one table row, one cell per size
  local title=$1; shift
  local out="| $title |" l cell k
  for l in "${LABELS[@]}"; do
    cell=""
    for k in "$@"; do
      case "$k" in
        :*) cell+="${R[$l${k}]:-n/a}" ;;
        *) cell+="$k" ;;
      esac
    done
    out+=" $cell |"
  done
  echo "$out"
}
sep() { local s="|---|" l; for l in "${LABELS[@]}"; do s+="---:|"; done; echo "$s"; }
hdr() { local s="| $1 |" l; for l in "${LABELS[@]}"; do s+=" $l |"; done; echo "$s"; }

verdict() { awk "BEGIN { print ($1) ? \"pass\" : \"**miss**\" }"; }

targets() {
  echo "| Target | Size | Measured | Result |"
  echo "|---|---|---|---|"
  local l
  for l in "${LABELS[@]}"; do
    echo "| Query median within 2x of quest | $l | ${R[$l:crib_med]} ms vs ${R[$l:quest_med]} ms (${R[$l:crib_quest]}x) | $(verdict "${R[$l:crib_med]} <= 2 * ${R[$l:quest_med]}") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| Query median <= 15 ms (600k) | $l | ${R[$l:crib_med]} ms | $(verdict "${R[$l:crib_med]} <= 15") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| >= 20x faster than rg | $l | ${R[$l:rg_crib]}x | $(verdict "${R[$l:rg_crib]} >= 20") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| Index passages/s >= bare loop | $l | ${R[$l:index_pps]} vs ${R[$l:bare_pps]} /s | $(verdict "${R[$l:index_pps]} >= ${R[$l:bare_pps]}") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| Index wall <= bare loop wall | $l | ${R[$l:index_s]} s vs ${R[$l:bare_s]} s (${R[$l:index_bare]}x) | $(verdict "${R[$l:index_bare]} <= 1") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| Freshness check < 2x --no-update | $l | ${R[$l:fresh_med]} ms vs ${R[$l:crib_med]} ms | $(verdict "${R[$l:fresh_med]} < 2 * ${R[$l:crib_med]}") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| Peak RSS indexing < 300 MB | $l | ${R[$l:index_rss]} MB | $(verdict "${R[$l:index_rss]} < 300") |"
  done
  for l in "${LABELS[@]}"; do
    local q=${R[$l:crib_rss]}
    awk "BEGIN { exit !(${R[$l:jsonl_rss]} > $q) }" && q=${R[$l:jsonl_rss]}
    echo "| Peak RSS query < 50 MB | $l | $q MB | $(verdict "$q < 50") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| DB <= 4x corpus | $l | ${R[$l:db_ratio]}x | $(verdict "${R[$l:db_ratio]} <= 4") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| No-op re-index < 100 ms (600k) | $l | ${R[$l:noop_ms]} ms | $(verdict "${R[$l:noop_ms]} < 100") |"
  done
  for l in "${LABELS[@]}"; do
    echo "| One-file change < 150 ms | $l | ${R[$l:change_ms]} ms | $(verdict "${R[$l:change_ms]} < 150") |"
  done
}

# (no `| head`: a writer killed by SIGPIPE fails the pipeline under pipefail)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
xver=$(xapian-config --version 2> /dev/null | awk '{ print $NF }' || true)
[ -n "$xver" ] || xver=$(dpkg-query -W -f '${Version}' libxapian30 2> /dev/null || echo "?")
rgver=$(rg --version | awk 'NR == 1 { print $2 }')
changed=""
[ "$(tree_state)" = "$state_start" ] ||
  changed=" The source tree changed during the run (now $(tree_state | cut -d' ' -f1)); the binaries are from the start."
mode=$([ $quick = 1 ] && echo "quick" || echo "full")
[ -z "$real" ] || mode="$mode real-notes"
[ -n "$real" ] || [ "$per_file" = 100 ] || mode="$mode, $per_file passages per file"

section=$(cat <<EOF
## $started - $mode run (${LABELS[*]})

Machine: $(nproc) CPUs ($cpu), $mem RAM, Linux $(uname -r); Xapian $xver, ripgrep $rgver;
crib $commit$dirty, Release build in build-bench/; load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg).$changed
Queries: ${R[${LABELS[0]}:queries]} per size (1-5 words, common and rare), $warmup warm-up runs, page cache warm.

### Corpus

$(hdr "")
$(sep)
$(row "Passages" :passages)
$(row "Files" :files)
$(row "Size (MB)" :mb)
$(row "Distinct words" :distinct)
$(row "Documents in index" :doccount)

### Figures

$(hdr "Figure")
$(sep)
$(row "Full index: wall (s)" :index_s)
$(row "Full index: passages/s" :index_pps)
$(row "Full index: MB/s" :index_mbps)
$(row "Full index: peak RSS (MB)" :index_rss)
$(row "Full index wall / bare loop wall" :index_bare x)
$(row "Bare Xapian loop: paragraphs indexed" :bare_paras)
$(row "Bare Xapian loop: wall (s)" :bare_s)
$(row "Bare Xapian loop: paragraphs/s" :bare_pps)
$(row "Bare Xapian loop: MB/s" :bare_mbps)
$(row "Bare Xapian loop: peak RSS (MB)" :bare_rss)
$(row "Bare Xapian loop: DB size (MB)" :bare_db_mb)
$(row "DB size (MB)" :db_mb)
$(row "DB size / corpus size" :db_ratio x)
$(row "DB tables (MB)" :db_detail)
$(row "No-op re-index (ms, median of $repeats)" :noop_ms)
$(row "One-file change re-index (ms, median of $repeats)" :change_ms)
$(row "One-file change re-index, each run (ms)" :change_all)
$(row "Query crib (plain): median / p95 (ms)" :crib_med " / " :crib_p95)
$(row "Query crib --format jsonl: median / p95 (ms)" :jsonl_med " / " :jsonl_p95)
$(row "Query crib without --no-update: median / p95 (ms)" :fresh_med " / " :fresh_p95)
$(row "Query quest: median / p95 (ms)" :quest_med " / " :quest_p95)
$(row "rg -i -c: median / p95 (ms)" :rg_med " / " :rg_p95)
$(row "crib / quest (medians)" :crib_quest x)
$(row "rg / crib (medians)" :rg_crib x)
$(row "Query peak RSS crib plain / jsonl / quest (MB)" :crib_rss " / " :jsonl_rss " / " :quest_rss)
$(row "crib --stats median: open (ms)" :st_open)
$(row "crib --stats median: parse (ms)" :st_parse)
$(row "crib --stats median: match (ms)" :st_match)
$(row "crib --stats median: facets (ms)" :st_facets)
$(row "crib --stats median: snippets (ms)" :st_snippets)
$(row "crib --stats median: related (ms)" :st_related)
$(row "crib --stats median: total (ms)" :st_total)

### Targets

$(targets)
EOF
)

echo
echo "$section"
printf '%s\n' "$section" > "$OUT/last-section.md"
for l in "${LABELS[@]}"; do
  [ -n "$real" ] || [ "${R[$l:doccount]}" = "${R[$l:passages]}" ] ||
    echo "run.sh: warning: $l: index has ${R[$l:doccount]} documents for ${R[$l:passages]} generated passages" >&2
  [ "${R[$l:crib_err]}" = 0 ] || echo "run.sh: warning: $l: ${R[$l:crib_err]} crib runs failed (see $OUT/$l/q_crib.tsv)" >&2
done

if [ "$record" = 1 ]; then
  tmp=$(mktemp)
  if [ -f "$RESULTS" ]; then
    awk '/^## / { exit } { print }' "$RESULTS" > "$tmp"
  else
    printf '# crib benchmark results\n\nNewest first; each section is one run of `bench/run.sh` (see README.md).\n\n' > "$tmp"
  fi
  printf '%s\n\n' "$section" >> "$tmp"
  [ -f "$RESULTS" ] && awk 'f || /^## / { f = 1; print }' "$RESULTS" >> "$tmp"
  cat "$tmp" > "$RESULTS"
  rm -f "$tmp"
  log "results added to $RESULTS"
fi
