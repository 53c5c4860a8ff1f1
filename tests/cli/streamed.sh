# Pipes get their hits as they are made (issue 26 item 4): jsonl, grep,
# vimgrep and -l print each hit of a full match as it is made, so memory holds
# one at a time and the first line is out before the last is made.  Before,
# every hit (with its whole passage) was kept until the end: 230 MB for a
# jsonl of a common word over 600k generated passages.
source "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/notes"
python3 - "$TMP/notes" <<'PY'
import sys
# 3,000 passages with the word "widget", each with a long answer.
for f in range(30):
    with open(f"{sys.argv[1]}/n{f:02}.md", "w") as out:
        for q in range(100):
            out.write(f"## What is widget {f}-{q}?\n\n" + ("A widget answer with padding text. " * 60) + "\n\n")
PY
"$CRIB_INDEX" -q "$TMP/notes"

# Every format lists the same 3,000 hits in the same order as a page of -n all.
expect_out 0 "$CRIB" --no-update --format jsonl widget
[[ $(wc -l <"$TMP/out") == 3000 ]] && pass "jsonl: 3000 hits" || fail "jsonl: $(wc -l <"$TMP/out") lines"
jq -r '.id' "$TMP/out" >"$TMP/streamed_ids"
expect_out 0 "$CRIB" --no-update --format json -n all widget
jq -r '.hits[].id' "$TMP/out" >"$TMP/page_ids"
cmp -s "$TMP/streamed_ids" "$TMP/page_ids" && pass "jsonl streamed in the order of the whole page" ||
  fail "jsonl order differs from json -n all"
expect_out 0 "$CRIB" --no-update --format grep widget
[[ $(wc -l <"$TMP/out") == 3000 ]] && pass "grep: 3000 lines" || fail "grep: $(wc -l <"$TMP/out")"
expect_out 0 "$CRIB" --no-update -l widget
[[ $(wc -l <"$TMP/out") == 30 ]] && pass "-l: 30 files" || fail "-l: $(wc -l <"$TMP/out")"

# Memory: a streamed jsonl holds one hit at a time, a json page holds them all.
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
if [[ $(ldd "$CRIB" 2>/dev/null) == *libasan* ]]; then # (no grep -q: SIGPIPE under pipefail)
  pass "jsonl peak RSS: not measured under AddressSanitizer (its shadow memory is most of it)"
elif need /usr/bin/time; then
  s=$(rss "$CRIB" --no-update --format jsonl widget)
  p=$(rss "$CRIB" --no-update --format json -n all widget)
  ((s * 2 < p)) && pass "jsonl peak RSS ${s} KB, half the whole page's ${p} KB at most" ||
    fail "jsonl was not streamed: ${s} KB vs ${p} KB for the whole page"
fi

# A closed pipe ends the stream quietly.
set +o pipefail
out=$("$CRIB" --no-update --format jsonl widget 2>"$TMP/err" | head -1)
set -o pipefail
[[ -n $out && ! -s $TMP/err ]] && pass "jsonl | head -1 ends quietly" || fail "head -1: $(cat "$TMP/err")"

# A partial result is not streamed: its notice comes before its hits.
first=$({ "$CRIB" --no-update --format grep widget zzqqxx 2>&1 || true; } | head -1)
[[ $first == 'crib: No passage has all 2 words of "widget zzqqxx"'* ]] &&
  pass "a partial grep says so before its hits" || fail "partial grep began with: $first"

# A crib-index committing while the hits stream: the read goes on from the
# latest commit (it stopped with exit 2 after some hits were printed).
(for i in $(seq 1 25); do
  printf '## Note %s about gadgets?\n\nText.\n' "$i" >"$TMP/notes/busy$i.md"
  "$CRIB_INDEX" -q "$TMP/notes" 2>/dev/null || true
  sleep 0.2
done) &
writer=$!
ok=0
for i in 1 2 3 4 5 6; do
  "$CRIB" --no-update --format jsonl widget >"$TMP/busy_out" 2>"$TMP/busy_err" && rc=0 || rc=$?
  [[ $rc == 0 && $(wc -l <"$TMP/busy_out") == 3000 && $(jq -r .id "$TMP/busy_out" | sort | uniq -d | wc -l) == 0 ]] &&
    ok=$((ok + 1)) || echo "run $i: rc $rc, $(wc -l <"$TMP/busy_out") lines: $(head -c 200 "$TMP/busy_err")" >&2
done
wait $writer
((ok == 6)) && pass "jsonl while crib-index commits: 6 of 6 whole, no hit twice" || fail "jsonl while crib-index commits: $ok of 6"
rm -f "$TMP"/notes/busy*.md
"$CRIB_INDEX" -q "$TMP/notes"

# Stale index: the hits held while the freshness check runs are dropped, the
# notes re-indexed, and the stream is the new index's, each hit once.
sleep 1.1
printf '## What is a widget pool?\n\nA new note.\n' >"$TMP/notes/zz.md"
rm "$TMP/notes/n00.md"
expect_out 0 "$CRIB" --format jsonl widget
[[ $(wc -l <"$TMP/out") == 2901 ]] && pass "stale index: the updated notes' 2901 hits" ||
  fail "stale index: $(wc -l <"$TMP/out") lines"
[[ $(jq -r .id "$TMP/out" | sort | uniq -d | wc -l) == 0 ]] && pass "stale index: no hit twice" || fail "duplicates after the update"
grep -q 'n00.md' "$TMP/out" && fail "a removed file's hits were printed" || pass "stale index: no hit of the removed file"
grep -q 'zz.md' "$TMP/out" && pass "stale index: the new file's hit" || fail "the new file is missing"
# On that index, updated in place, related questions for a JSON page of every
# hit excluded thousands of copies in one AND_NOT, and Xapian 1.4.22 said
# "Unexpected end of posting list" (reported as a damaged index, exit 2).
expect_out 0 "$CRIB" --no-update --format json -n all widget
[[ $(jq '.hits | length' "$TMP/out") == 2901 && $(jq '.related | length' "$TMP/out") -ge 0 ]] &&
  pass "json -n all on an index updated in place: 2901 hits" || fail "json -n all: $(head -c 200 "$TMP/err")"
finish
