# crib quiz: whole sessions driven through standard input, days passing
# (CRIB_NOW), cards surviving rebuilds and edits, --stats, --export anki, the
# subcommand rules, and a SIGKILL in the middle of a session.
source "$(dirname "$0")/lib.bash"
NOTES=$TMP/notes
mkdir -p "$NOTES"
cat >"$NOTES/k8s.md" <<'MD'
# Kubernetes

## What is a StatefulSet?

Pods with **stable** names and storage.

## What is a DaemonSet?

One pod per node.

## What is a Deployment?

Replica sets rolled out step by step.
MD
"$CRIB_INDEX" -q "$NOTES"
export CRIB_NOW=1800000000 # a fixed clock: 2027-01-15 08:00 UTC
DAY=86400
REV=$XDG_DATA_HOME/crib/reviews.sqlite
stat_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1" <"$TMP/out"; }
answers() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from reviews").fetchone()[0])' "$REV"; }

# A first session: three new cards, each Good twice (10 min step, then 1 day).
printf '\n3\n\n3\n\n3\n\n3\n\n3\n\n3\n' >"$TMP/in"
expect_rc 0 "$CRIB" quiz <"$TMP/in"
[[ $(grep -c '^next in 10m' "$TMP/out") == 3 && $(grep -c '^next in 1d' "$TMP/out") == 3 ]] &&
  pass "new cards: 10 min step, then 1 day" || fail "learning steps: $(cat "$TMP/out")"
grep -q 'answered 6: again 0, hard 0, good 6, easy 0' "$TMP/out" && pass "session summary" || fail "summary: $(tail -2 "$TMP/out")"
grep -q 'What is a StatefulSet?' "$TMP/out" && grep -q 'stable' "$TMP/out" && pass "question and rendered answer shown" || fail "question/answer"
[[ -f $REV ]] && pass "reviews in \${XDG_DATA_HOME}/crib/reviews.sqlite" || fail "no store at $REV"
# The card's file is shown as search shows it: relative below the current
# folder (it was the absolute path the index stores for an absolute root).
rc=0; (cd "$TMP" && printf 'q\n' | "$CRIB" quiz --reviews "$TMP/rel.sqlite" --new 1 statefulset >"$TMP/rel" 2>&1) || rc=$?
[[ $rc == 0 ]] || fail "quiz quit with q: rc $rc $(tail -3 "$TMP/rel")"
grep -q '^\[new, 1 left\] notes/k8s.md:3' "$TMP/rel" && pass "quiz shows paths relative, as search does" ||
  fail "quiz path: $(grep new "$TMP/rel")"
expect_rc 1 "$CRIB" quiz </dev/null
grep -q 'nothing to review' "$TMP/err" && pass "nothing due: says so, exit 1" || fail "nothing due: $(cat "$TMP/err")"

# The next day: three due.  Again on the first (a lapse), Hard, Easy; then
# the lapsed card comes back in the same session: Good.
printf '\n1\n\n2\n\n4\n\n3\n' >"$TMP/in"
CRIB_NOW=$((CRIB_NOW + DAY)) expect_rc 0 "$CRIB" quiz <"$TMP/in"
grep -q 'answered 4: again 1, hard 1, good 1, easy 1' "$TMP/out" && pass "due cards graded" || fail "day 2: $(cat "$TMP/out")"
grep -q '^\[review, 3 left\]' "$TMP/out" && grep -q '^\[relearning, 0 left, 1 learning\]' "$TMP/out" &&
  pass "the lapsed card relearned in the same session" || fail "relearning: $(grep '^\[' "$TMP/out")"
CRIB_NOW=$((CRIB_NOW + DAY)) expect_rc 0 "$CRIB" --format json quiz --stats
[[ $(stat_field reviewed) == 3 && $(stat_field lapses) == 1 && $(stat_field new) == 0 && $(stat_field reviews) == 10 ]] &&
  pass "--stats json counts" || fail "--stats json: $(cat "$TMP/out")"
[[ $(stat_field streak_days) == 2 ]] && pass "streak of two days" || fail "streak: $(stat_field streak_days)"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert set(d) >= {"reviewed","due","new","lapses","by_topic","streak_days"}; assert "kubernetes" in d["by_topic"]' "$TMP/out" &&
  pass "--stats json has the issue's fields" || fail "--stats fields"
expect_rc 0 "$CRIB" quiz --stats
grep -q '^cards 3 ' "$TMP/out" && pass "--stats for people" || fail "--stats human: $(cat "$TMP/out")"
# Another index, the same review store: the first index's cards were listed as gone.
mkdir -p "$TMP/other"
printf '# JavaScript\n\n## What is a closure?\n\nA function with the variables it closes over.\n' >"$TMP/other/js.md"
"$CRIB_INDEX" -q --db "$TMP/db2" "$TMP/other"
CRIB_NOW=$((CRIB_NOW + DAY)) expect_rc 0 "$CRIB" --format json quiz --db "$TMP/db2" --stats
[[ $(stat_field cards) == 1 && $(stat_field reviewed) == 0 && $(stat_field gone) == "[]" ]] &&
  pass "quiz --db other --stats: not the first index's cards as gone" || fail "other index: $(cat "$TMP/out")"
! grep -q 'gone are kept' "$TMP/err" && pass "no gone cards said for the other index" || fail "other index stderr: $(cat "$TMP/err")"
printf '\n4\n' | CRIB_NOW=$((CRIB_NOW + DAY)) "$CRIB" quiz --db "$TMP/db2" >/dev/null
(cd "$TMP" && CRIB_NOW=$((CRIB_NOW + DAY)) "$CRIB" --format json quiz --db ./db --stats >"$TMP/out") # the same index by another path
[[ $(stat_field reviewed) == 3 && $(stat_field gone) == "[]" ]] && pass "each index keeps its own cards" || fail "first index after the other: $(cat "$TMP/out")"
if need script; then
  script -qec "$CRIB quiz --stats" /dev/null >"$TMP/tty" </dev/null
  grep -q $'\xe2\x96' "$TMP/tty" && pass "--stats chart on a terminal" || fail "no chart on a TTY: $(cat "$TMP/tty")"
fi

# Global options before or after the name; "crib -- quiz" searches for the word.
expect_rc 0 "$CRIB" --reviews "$REV" --db "$CRIB_DB" quiz --stats
expect_rc 0 "$CRIB" quiz --reviews="$REV" --color=never --stats
expect_rc 1 "$CRIB" -- quiz
grep -q 'no matches for "quiz"' "$TMP/err" && pass "crib -- quiz searches" || fail "-- quiz: $(cat "$TMP/err")"
# A search flag before the name was ignored or made the name a query word; now it is said.
expect_rc 2 "$CRIB" -n 3 quiz
grep -q "^crib: --limit before 'quiz' is a search option; crib quiz's own options go after its name" "$TMP/err" && pass "search flag with quiz refused" || fail "-n 3 quiz: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" --format grep quiz --stats
grep -q '^crib: quiz prints human, plain or json, not grep' "$TMP/err" && pass "quiz --format grep refused" || fail "quiz grep: $(cat "$TMP/err")"
# Global options on both sides of the name, as one command line (issue 23 item 5).
expect_rc 0 "$CRIB" --no-update --format json quiz --stats --reviews "$REV"
jq -e .cards "$TMP/out" >/dev/null && pass "global --format before quiz" || fail "format before quiz: $(head -c 200 "$TMP/out")"
expect_rc 0 "$CRIB" --reviews "$REV" quiz --stats -- kubernetes
grep -q '^cards [1-9]' "$TMP/out" && pass "quiz words after --" || fail "quiz -- words: $(head -1 "$TMP/out")"
# A query no card has every word of drilled the passages with some of them.
expect_out 0 "$CRIB" --reviews "$REV" quiz --stats -- kubernetes zzqqxx
grep -q '^cards 0 ' "$TMP/out" && pass "quiz: a partial match selects no cards" || fail "quiz partial: $(head -1 "$TMP/out")"
# Options after the query words were query words: "quiz kubernetes --export anki k.txt"
# said "nothing to review: 0 card(s)" and wrote nothing.
expect_rc 2 "$CRIB" --reviews "$REV" quiz kubernetes --export anki "$TMP/k.txt"
grep -q "^crib: --export after the query words: crib quiz's options go before them" "$TMP/err" &&
  [[ ! -e $TMP/k.txt ]] && pass "quiz: an option after the words is said, not searched" ||
  fail "quiz option after words: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" --reviews "$REV" quiz kubernetes --stats
expect_rc 1 "$CRIB" --reviews "$REV" quiz zzqqxx </dev/null
grep -q '^crib: nothing to review for "zzqqxx": 0 card' "$TMP/err" && pass "quiz: nothing to review names the query" ||
  fail "nothing to review: $(cat "$TMP/err")"
# An unknown topic printed zeros and exit 0 (--stats), or "nothing to review" and exit 1.
expect_rc 2 "$CRIB" quiz --stats -t nosuchtopic
grep -q '^crib: no topic named nosuchtopic (crib --topics lists them)' "$TMP/err" && [[ ! -s $TMP/out ]] &&
  pass "quiz --stats -t nosuchtopic: unknown topic, exit 2" || fail "unknown topic --stats: $(cat "$TMP/out" "$TMP/err")"
expect_rc 2 "$CRIB" quiz -t nosuchtopic </dev/null
grep -q '^crib: no topic named nosuchtopic' "$TMP/err" && pass "quiz -t nosuchtopic: unknown topic, exit 2" || fail "unknown topic: $(cat "$TMP/err")"
expect_rc 0 "$CRIB" quiz --stats -t k8s # an alias the taxonomy gives is known
cp -r "$CRIB_DB" "$TMP/db-copy" # the same index named twice is searched once
expect_rc 2 "$CRIB" --db "$CRIB_DB" --db "$TMP/db-copy" quiz --stats
grep -q '^crib: quiz and gaps read one index' "$TMP/err" && pass "one index for quiz" || fail "two --db: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" quiz --format json
grep -q '^crib: ' "$TMP/err" && pass "--format json needs --stats" || fail "json without --stats"
expect_rc 2 "$CRIB" quiz --reviews "$TMP"
grep -q '^crib: .*is a folder' "$TMP/err" && pass "--reviews folder refused" || fail "reviews folder: $(cat "$TMP/err")"
printf 'not a database at all, just text that is long enough to look like a header\n' >"$TMP/notdb"
expect_rc 2 "$CRIB" quiz --stats --reviews "$TMP/notdb"
grep -q '^crib: ' "$TMP/err" && pass "a non-SQLite store refused" || fail "notdb: $(cat "$TMP/err")"
mkdir -p "$XDG_CONFIG_HOME/crib"
printf 'reviews = %s\n' "$TMP/from-config.sqlite" >"$XDG_CONFIG_HOME/crib/config"
expect_rc 1 "$CRIB" quiz --new 0 </dev/null
[[ -f $TMP/from-config.sqlite ]] && pass "reviews = in the config" || fail "config reviews"
rm "$XDG_CONFIG_HOME/crib/config"

# Cards survive a rebuild, moved lines and an edited answer; a deleted
# passage's card is kept and reported.
cat >"$NOTES/k8s.md" <<'MD'
# Kubernetes



## What is a Deployment?

Replica sets rolled out step by step, and rolled back.

## What is a StatefulSet?

Ordered pods with stable network ids and volumes.
MD
"$CRIB_INDEX" -q --rebuild "$NOTES"
CRIB_NOW=$((CRIB_NOW + DAY)) expect_rc 0 "$CRIB" --format json quiz --stats
[[ $(stat_field reviewed) == 2 && $(stat_field new) == 0 ]] && pass "cards survive rebuild, line move, answer edit" || fail "after edit: $(cat "$TMP/out")"
python3 -c 'import json,sys; g=json.load(open(sys.argv[1]))["gone"]; assert [x["question"] for x in g] == ["What is a DaemonSet?"], g' "$TMP/out" &&
  pass "the deleted passage's card is reported gone" || fail "gone: $(cat "$TMP/out")"
CRIB_NOW=$((CRIB_NOW + DAY)) expect_rc 0 "$CRIB" quiz --stats
grep -q "card(s) whose passage is gone are kept" "$TMP/err" && pass "gone cards said on stderr" || fail "gone stderr: $(cat "$TMP/err")"

# o opens the note at the passage's line, then the grade is still asked.
cat >"$TMP/ed" <<SH
#!/bin/sh
echo "\$@" >"$TMP/ed-args"
SH
chmod +x "$TMP/ed"
printf '\no\n3\n' >"$TMP/in"
CRIB_NOW=$((CRIB_NOW + 30 * DAY)) EDITOR=$TMP/ed expect_rc 0 "$CRIB" quiz -t kubernetes Deployment <"$TMP/in"
[[ $(cat "$TMP/ed-args" 2>/dev/null) == "+5 $NOTES/k8s.md" ]] && pass "o opens \$EDITOR at the line" || fail "editor args: $(cat "$TMP/ed-args" 2>/dev/null)"
grep -q 'answered 1: again 0, hard 0, good 1' "$TMP/out" && pass "query and -t select the cards" || fail "selection: $(cat "$TMP/out")"
# bad keys are asked again; q quits without grading
printf '\nx\nq\n' >"$TMP/in"
CRIB_NOW=$((CRIB_NOW + 60 * DAY)) expect_rc 0 "$CRIB" quiz <"$TMP/in"
grep -q 'crib: press 1, 2, 3 or 4' "$TMP/out" && grep -q 'answered 0' "$TMP/out" && pass "bad key, then q" || fail "bad key: $(cat "$TMP/out")"

# --export anki: Anki's headers, one row per card, read back by crib-index.
expect_rc 2 "$CRIB" quiz --export anki "$TMP/no/such/dir/deck.txt"
mkdir -p "$TMP/anki"
expect_rc 0 "$CRIB" quiz --export anki "$TMP/anki/deck.txt"
mapfile -t head3 < <(sed -n 1,3p "$TMP/anki/deck.txt")
[[ ${head3[*]} == "#separator:tab #html:true #tags column:3" ]] && pass "anki headers" || fail "anki headers: ${head3[*]}"
grep -q '<strong>stable</strong>\|<p>Ordered pods' "$TMP/anki/deck.txt" && pass "answers as HTML" || fail "anki html: $(cat "$TMP/anki/deck.txt")"
"$CRIB_INDEX" --dump "$TMP/anki/deck.txt" >"$TMP/dump"
[[ $(wc -l <"$TMP/dump") == 2 ]] && grep -q 'What is a StatefulSet?' "$TMP/dump" && pass "the export reads back as Anki cards" || fail "anki round trip: $(cat "$TMP/dump")"
expect_rc 2 "$CRIB" quiz --export csv "$TMP/x.txt"
# The query words after --export's FILE, where crib's own message says they go
# ("crib quiz --export ... docker"), were refused by the parser: "--export:
# At Most 2 required but received 3".  They select the cards exported.
expect_rc 0 "$CRIB" quiz --export anki "$TMP/anki/sts.txt" statefulset
[[ $(grep -vc '^#' "$TMP/anki/sts.txt") == 1 ]] && grep -q 'What is a StatefulSet?' "$TMP/anki/sts.txt" &&
  pass "quiz --export anki FILE WORDS exports the words' cards" || fail "export with words: $(cat "$TMP/err")"
expect_rc 0 "$CRIB" quiz --export anki - what is a deployment
[[ $(grep -vc '^#' "$TMP/out") == 1 ]] && grep -q 'What is a Deployment?' "$TMP/out" &&
  pass "quiz --export anki - WORDS..." || fail "export - with words: $(cat "$TMP/out" "$TMP/err")"

# On a terminal: single keys (no Enter after the grade); Ctrl-C quits.
if need script; then
  rc=0; printf '\r3q' | timeout 20 script -qec "$CRIB quiz --reviews $TMP/tty.sqlite" /dev/null >"$TMP/tty" || rc=$?
  [[ $rc == 0 ]] && grep -aq 'answered 1: again 0, hard 0, good 1' "$TMP/tty" && pass "single keys on a terminal" || fail "tty keys: rc $rc $(tail -3 "$TMP/tty")"
  : >"$TMP/tty"
  # Ctrl-C once the answer is shown (a ^C before crib starts would just kill it).
  { for _ in $(seq 400); do grep -aq '1 again' "$TMP/tty" && break; sleep 0.05; done
    printf '\003'; } |
    { sleep 0.2; printf '\r'; cat; } |
    { rc=0; timeout 30 script -qefc "$CRIB quiz --reviews $TMP/tty.sqlite" /dev/null >"$TMP/tty" || rc=$?; echo "$rc" >"$TMP/tty-rc"; }
  [[ $(cat "$TMP/tty-rc") == 0 ]] && grep -aq 'answered 0' "$TMP/tty" && pass "Ctrl-C quits the session" ||
    fail "tty Ctrl-C: rc $(cat "$TMP/tty-rc") $(tail -3 "$TMP/tty")"
fi

# SIGKILL in the middle of a session: every answer given before is kept.
rm -f "$REV"
mkfifo "$TMP/fifo"
"$CRIB" quiz <"$TMP/fifo" >"$TMP/kill-out" 2>&1 &
pid=$!
exec 7>"$TMP/fifo"
printf '\n3\n\n3\n\n' >&7 # two answers, then the third card's answer is shown
for _ in $(seq 400); do [[ -f $REV && $(answers) == 2 ]] && break; sleep 0.05; done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
exec 7>&-
[[ $(answers) == 2 ]] && pass "SIGKILL mid-session keeps the answers given" || fail "after SIGKILL: $(answers) answers"
expect_rc 0 "$CRIB" --format json quiz --stats
[[ $(stat_field reviewed) == 2 ]] && pass "the store opens after SIGKILL" || fail "after kill: $(cat "$TMP/out")"
# A corrected selection is said, as search says it (quiz and --open chose
# the cards and the file of "statefulset" for "statefullset" silently).
expect_rc 0 "$CRIB" quiz --stats statefullset
grep -q 'searched for "statefulset" (corrected from "statefullset")' "$TMP/err" &&
  pass "quiz: a corrected selection is said" || fail "quiz correction not said: $(cat "$TMP/err")"
expect_rc 0 env EDITOR=echo "$CRIB" --open statefullset
grep -q 'searched for "statefulset" (corrected from "statefullset")' "$TMP/err" &&
  pass "--open: a corrected search is said" || fail "--open correction not said: $(cat "$TMP/err")"
# A short-title card showed its heading twice: "d.md:3  Docker" above "Docker › Example".
mkdir -p "$TMP/short"
printf '# Docker\n\n## Example\n\nRun `docker run -it ubuntu bash` for a shell.\n\n## What is a container?\n\nAn isolated process.\n' >"$TMP/short/d.md"
"$CRIB_INDEX" -q --db "$TMP/shortdb" "$TMP/short"
printf '\n3\n\n3\n' | "$CRIB" --db "$TMP/shortdb" --reviews "$TMP/short.sqlite" quiz >"$TMP/out" 2>&1 || true
grep -q "d.md:3\$" "$TMP/out" && grep -qx "Docker › Example" "$TMP/out" && grep -q "d.md:7  Docker\$" "$TMP/out" &&
  pass "a front with its headings does not repeat them above it" || fail "short-title card: $(cat "$TMP/out")"
finish
