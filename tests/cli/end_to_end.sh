# Foundation: index content/, statefulset -> qt-interview.txt:7, JSON has every field.
source "$(dirname "$0")/lib.bash"
expect_rc 2 "$CRIB" statefulset        # no index yet
grep -q "crib-index" "$TMP/err" && pass "no-index message says how to make one" || fail "no-index message"
index_content
expect_rc 0 "$CRIB" --format json statefulset
python3 - "$TMP/out" <<'PY' && pass "json contract" || fail "json contract"
import json, sys
d = json.load(open(sys.argv[1]))
for k in ["version", "query", "corrected_query", "total", "hits", "facets", "related"]:
    assert k in d, k
assert d["version"] == 1 and d["query"] == "statefulset"
h = d["hits"][0]
for k in ["rank", "id", "file", "line", "end_line", "kind", "question", "topics", "score", "snippet", "parent"]:
    assert k in h, k
assert h["file"] == "content/qt-interview.txt" and h["line"] == 7, h
assert h["kind"] in ("question", "section")
assert isinstance(d["facets"]["topic"], dict)
for r in d["related"]:
    assert set(["id", "file", "line", "question"]) <= set(r)
PY
expect_rc 0 "$CRIB" --format jsonl -n 3 docker
[[ $(wc -l <"$TMP/out") == 3 ]] && pass "jsonl: one hit per line" || fail "jsonl lines"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$TMP/out" && pass "jsonl parses" || fail "jsonl parse"
expect_rc 1 "$CRIB" zzzqqqxxx
expect_rc 2 "$CRIB"
expect_rc 2 "$CRIB" --format nope docker
expect_rc 0 "$CRIB" what is a statefulset       # words need no quoting
expect_rc 0 "$CRIB" -- -docker statefulset     # -- ends options; -word excludes
expect_rc 0 "$CRIB" --version
expect_rc 0 "$CRIB_INDEX" --version
expect_rc 0 "$CRIB" --help
grep -q "Examples" "$TMP/out" && pass "help has examples" || fail "help examples"
finish
