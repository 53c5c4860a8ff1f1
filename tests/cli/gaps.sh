# crib gaps: the job description in content/qt-interview.txt against the
# content/ notes (the README example), standard input, JSON shape, errors.
source "$(dirname "$0")/lib.bash"
index_content
expect_rc 0 "$CRIB" gaps content/qt-interview.txt
grep -q '^\[x\] 127  Containerization and Orchestration' "$TMP/out" && pass "a covered requirement" || fail "covered: $(head -20 "$TMP/out")"
grep -q '^\[ \] 142  Bachelor' "$TMP/out" && pass "an uncovered requirement" || fail "uncovered: $(grep 142 "$TMP/out")"
grep -q '^to study:' "$TMP/out" && grep -q '^topics covering them: ' "$TMP/out" && pass "checklist, topic counts, to study" || fail "layout: $(tail "$TMP/out")"
cp "$TMP/out" "$TMP/human"
# The job description itself (indexed with the notes) never covers a requirement.
grep -E '^    content/qt-interview.txt:(119|139) ' "$TMP/human" && fail "the job description covered itself" || pass "the job description is passed over"
# Only the Job Description and Requirements parts are read, not the Q&A above them.
[[ $(grep -cE '^\[[x ]\] ' "$TMP/human") == 22 ]] && pass "22 requirements" || fail "requirements: $(grep -cE '^\[[x ]\] ' "$TMP/human")"

expect_rc 0 "$CRIB" gaps --format json content/qt-interview.txt
python3 - "$TMP/out" <<'PY' && pass "JSON shape" || fail "JSON shape: $(head -c 400 "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1 and set(d) == {"version", "threshold", "requirements"}, d.keys()
r = d["requirements"][0]
assert set(r) == {"line", "text", "covered", "coverage", "terms", "missing", "best"}, r.keys()
assert set(r["best"][0]) == {"id", "question", "score"}, r["best"][0].keys()
PY
sed -n '139,$p' content/qt-interview.txt >"$TMP/req.txt"
expect_rc 0 "$CRIB" --format json gaps - <"$TMP/req.txt"
[[ $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["requirements"]))' "$TMP/out") == 11 ]] &&
  pass "gaps - reads standard input" || fail "stdin: $(head -c 300 "$TMP/out")"
printf 'Our team\n\nThis is a remote position.\n' >"$TMP/none.txt"
expect_rc 1 "$CRIB" gaps "$TMP/none.txt"
grep -q '^crib: no requirements found' "$TMP/err" && pass "no requirements: exit 1" || fail "none: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" gaps "$TMP/missing.txt"
grep -q '^crib: cannot read' "$TMP/err" && pass "missing file: exit 2" || fail "missing: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" gaps
grep -q '^crib: gaps needs a job description' "$TMP/err" && pass "gaps without a file: exit 2" || fail "no file: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" gaps content/qt-interview.txt "$TMP/none.txt"
grep -q '^crib: gaps reads one job description, not' "$TMP/err" && pass "gaps with two files: exit 2" || fail "two files: $(cat "$TMP/err")"
# The command line has two parsers: "crib --db X --no-update gaps job.txt" searched
# for the words "gaps job.txt".  Global options go before or after the name.
expect_rc 0 "$CRIB" --db "$CRIB_DB" --no-update --format json gaps content/qt-interview.txt
jq -e '.requirements | length > 5' "$TMP/out" >/dev/null && pass "global options before gaps" || fail "globals before gaps: $(head -c 200 "$TMP/out" "$TMP/err")"
expect_rc 0 "$CRIB" gaps --no-update content/qt-interview.txt --format json
jq -e '.requirements | length > 5' "$TMP/out" >/dev/null && pass "global options after the file" || fail "globals after gaps: $(head -c 200 "$TMP/out" "$TMP/err")"
expect_rc 2 "$CRIB" gaps --db "$TMP/nodb" content/qt-interview.txt
grep -q '^crib: no index at' "$TMP/err" && pass "no index: exit 2" || fail "no index: $(cat "$TMP/err")"
finish
