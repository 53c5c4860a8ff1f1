# crib gaps: the job description in content/qt-interview.txt against the
# content/ notes (the README example), standard input, JSON shape, errors.
source "$(dirname "$0")/lib.bash"
index_content
expect_rc 0 "$CRIB" gaps content/qt-interview.txt
grep -q '^\[x\] 130  Backup and Disaster Recovery' "$TMP/out" && pass "a covered line" || fail "covered: $(head -20 "$TMP/out")"
grep -q '^\[ \] 145  Solid scripting skills' "$TMP/out" && pass "a line not covered" || fail "not covered: $(grep 145 "$TMP/out")"
grep -A1 '^\[~\] 127  Containerization' "$TMP/out" | grep -q '^        missing: Amazon ECS$' &&
  pass "a partial line names its missing skill" || fail "partial: $(grep -A3 '127' "$TMP/out")"
grep -q '^        Docker: content/aws-cloud-engineer-qa.txt:545  What is Docker?$' "$TMP/out" &&
  pass "the best passage per covered skill" || fail "best: $(grep -A8 '127' "$TMP/out")"
grep -q '^22 requirement lines: 3 covered, 15 partly, 4 not; 93 other lines skipped (-v lists them)$' "$TMP/out" &&
  pass "summary counts" || fail "summary: $(grep 'requirement lines' "$TMP/out")"
grep -q '^study next (skill: lines asking for it):$' "$TMP/out" && grep -q '^  Terraform: 123, 147$' "$TMP/out" &&
  pass "study next, with the lines asking" || fail "study next: $(sed -n '/^study next/,$p' "$TMP/out" | head)"
cp "$TMP/out" "$TMP/human"
# The job description itself (indexed with the notes) never covers a requirement.
grep -E '^        .*content/qt-interview.txt:(119|139) ' "$TMP/human" && fail "the job description covered itself" || pass "the job description is passed over"
# The notes above the pasted posting (numbered questions and their answers) are notes.
grep -qE '^\[.\] (17|24|31) ' "$TMP/human" && fail "notes read as requirements" || pass "the notes are not requirements"
# Skipped lines are listed only with -v, each with its reason.
grep -q '^skipped:' "$TMP/human" && fail "skipped lines without -v" || pass "skipped lines hidden"
expect_rc 0 "$CRIB" gaps -v content/qt-interview.txt
grep -q '^  142  Bachelor.* (degree)$' "$TMP/out" && pass "-v: a degree is skipped, with the reason" || fail "-v: $(grep 142 "$TMP/out")"
grep -q '^  4  1.what is ec2 lifecycle ?' "$TMP/out" && pass "-v: lists the notes lines" || fail "-v notes: $(sed -n '/^skipped/,+4p' "$TMP/out")"

expect_rc 0 "$CRIB" gaps --format json content/qt-interview.txt
python3 - "$TMP/out" <<'PY' && pass "JSON shape" || fail "JSON shape: $(head -c 400 "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 2 and set(d) == {"version", "summary", "requirements", "skipped", "study_next"}, d.keys()
assert d["summary"] == {"requirements": 22, "covered": 3, "partial": 15, "missing": 4, "skip": 93}, d["summary"]
r = [r for r in d["requirements"] if r["line"] == 127][0]
assert set(r) == {"line", "text", "verdict", "covered", "missing", "skills"}, r.keys()
assert r["verdict"] == "partial" and not r["covered"] and r["missing"] == ["Amazon ECS"], r
docker = [s for s in r["skills"] if s["name"] == "Docker"][0]
assert set(docker) == {"name", "covered", "about", "mentions", "found", "as", "best"} and docker["covered"], docker
assert docker["found"] == "as written" and docker["as"] is None, docker
assert set(docker["best"]) == {"id", "question", "score"}, docker["best"]
ecs = [s for s in r["skills"] if s["name"] == "Amazon ECS"][0]
assert not ecs["covered"] and ecs["about"] == 0 and ecs["found"] is None, ecs
skip = [s for s in d["skipped"] if s["line"] == 142][0]
assert skip["reason"] == "degree" and set(skip) == {"line", "text", "reason"}, skip
assert {"skill": "Terraform", "lines": [123, 147]} in d["study_next"], d["study_next"][:5]
PY
# Not a posting: "We are hiring!" and "free snacks" name no skill (issue 24).
printf 'We are hiring!\nfree snacks\n' >"$TMP/hiring.txt"
expect_rc 1 "$CRIB" gaps "$TMP/hiring.txt"
grep -q '^crib: no requirements found' "$TMP/err" && [[ ! -s "$TMP/out" ]] && pass "a line naming no skill is no requirement" || fail "hiring: $(cat "$TMP/out" "$TMP/err")"
sed -n '139,$p' content/qt-interview.txt >"$TMP/req.txt"
expect_rc 0 "$CRIB" --format json gaps - <"$TMP/req.txt"
[[ $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["requirements"]))' "$TMP/out") == 8 ]] &&
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
# A file name after "--" is its bytes, not a query read as Windows-1252
# (gaps -- caf\xE9.txt looked for café.txt, which does not exist).
cp "$TMP/req.txt" "$TMP/"$'caf\xe9.txt'
expect_rc 0 "$CRIB" gaps --no-update -- "$TMP/"$'caf\xe9.txt'
! grep -q 'not UTF-8' "$TMP/err" && pass "gaps -- a file name not in UTF-8 is read as it is" || fail "non-UTF-8 file name: $(cat "$TMP/err")"
# A skill covered by something wider than its words in order was shown as
# plainly covered: "type-level programming" by "What are the types of
# secrets?" (issue 24).  How it was found is said, in both outputs.
mkdir -p "$TMP/wide"
printf '## What are the types of secrets?\nOpaque and TLS.\n\n## What is functional programming?\nPure functions.\n\n## How do I set the log level?\nAn environment variable.\n\n## What is a VPC?\nA private network.\n\n## What is Google Cloud?\nA public cloud.\n' >"$TMP/wide/n.md"
"$CRIB_INDEX" -q --db "$TMP/widedb" "$TMP/wide"
printf 'Requirements:\n- Deep knowledge of Haskell type-level programming\n- Design VPCs\n- Google Cloud Platform\n' >"$TMP/post.txt"
expect_rc 0 "$CRIB" --db "$TMP/widedb" --no-update gaps "$TMP/post.txt"
grep -q '^        type-level programming (each word apart): .*What are the types of secrets?$' "$TMP/out" &&
  grep -q '^        VPCs (as "VPC"): ' "$TMP/out" && grep -q '^        Google Cloud Platform (as "Google Cloud"): ' "$TMP/out" &&
  pass "a widened skill says how it was found" || fail "widenings: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --db "$TMP/widedb" --no-update --format json gaps "$TMP/post.txt"
python3 - "$TMP/out" <<'PY' && pass "JSON found and as" || fail "JSON found: $(cat "$TMP/out")"
import json, sys
skills = {s["name"]: s for r in json.load(open(sys.argv[1]))["requirements"] for s in r["skills"]}
assert (skills["type-level programming"]["found"], skills["type-level programming"]["as"]) == ("words apart", None)
assert (skills["VPCs"]["found"], skills["VPCs"]["as"]) == ("singular", "VPC")
assert (skills["Google Cloud Platform"]["found"], skills["Google Cloud Platform"]["as"]) == ("shorter", "Google Cloud")
assert skills["Haskell"]["found"] is None and not skills["Haskell"]["covered"]
PY
# Each widening is said as itself: a version, a synonym, words together in
# one title (a phrase; a name and a field word), initials spelled out; and a
# spelling-out the notes hold only word by word was said "as" the spelling-out
# (the skill that is the spelling-out "as" itself), hiding that each word had
# been found apart.
mkdir -p "$TMP/ways"
printf '## What is a site?\nA place on the web.\n\n## What is reliability?\nWorking when needed.\n\n## What is engineering?\nBuilding things.\n\n## What is Angular?\nA web framework.\n\n## What is Go?\nA language.\n\n## How does scheduling place a pod?\nBy resources.\n\n## What is GCP?\nA cloud; its networking is VPCs, networking rules and more networking.\n\n## What is continuous integration?\nMerging often, with tests.\n' >"$TMP/ways/n.md"
"$CRIB_INDEX" -q --db "$TMP/waysdb" "$TMP/ways"
printf 'Requirements:\n- Angular2 apps\n- Golang services\n- Pod scheduling\n- GCP networking\n- Continuous Integration (CI) pipelines\n- Site Reliability Engineering (SRE) culture\n' >"$TMP/ways.txt"
expect_rc 0 "$CRIB" --db "$TMP/waysdb" --no-update gaps "$TMP/ways.txt"
grep -q '^        Angular2 (as "Angular"): ' "$TMP/out" && grep -q '^        Golang (as "go"): ' "$TMP/out" &&
  grep -q '^        Pod scheduling (its words in one title): ' "$TMP/out" &&
  grep -q '^        GCP networking (its words in one title): ' "$TMP/out" &&
  grep -q '^        CI (as "Continuous Integration"): ' "$TMP/out" &&
  pass "each widening is said as itself" || fail "ways: $(cat "$TMP/out")"
grep -q '^        SRE (each word apart): ' "$TMP/out" && grep -q '^        Site Reliability Engineering (each word apart): ' "$TMP/out" &&
  pass "initials spelled out in words found apart are said to be found apart" || fail "SRE: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --db "$TMP/waysdb" --no-update --format json gaps "$TMP/ways.txt"
python3 - "$TMP/out" <<'PY' && pass "JSON found and as of each widening" || fail "JSON ways: $(cat "$TMP/out")"
import json, sys
got = {s["name"]: (s["found"], s["as"]) for r in json.load(open(sys.argv[1]))["requirements"] for s in r["skills"] if s["covered"]}
want = {"Angular2": ("version", "Angular"), "Golang": ("synonym", "go"), "Pod scheduling": ("words together", None),
        "GCP networking": ("words together", None), "CI": ("spelled out", "Continuous Integration"), "SRE": ("words apart", None),
        "Site Reliability Engineering": ("words apart", None)}
assert got == want, got
PY
finish
