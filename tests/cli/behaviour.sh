# Exit codes, closed pipe, TTY colour, show/open, config file, refresh, bad queries.
source "$(dirname "$0")/lib.bash"
index_content
# --show of a well-formed id that holds no passage says so, not how ids look.
expect_rc 1 "$CRIB" --no-update --show content/qt-interview.txt:99999
grep -q 'no indexed passage of content/qt-interview.txt holds line 99999' "$TMP/err" &&
  pass "--show: a line with no passage is said as such" || fail "--show message: $(cat "$TMP/err")"
# Odd ids had the wrong reason (a new user's findings): --show '' said "no
# query given"; a file never indexed, "no indexed passage of that file";
# "3:" with two indexes the same; a grep line "file:12:text" the id's form.
expect_rc 2 "$CRIB" --no-update --show ''
grep -q '^crib: --show needs an id (an id is file:line' "$TMP/err" && pass "--show '': says an id is needed" ||
  fail "--show '': $(cat "$TMP/err")"
expect_rc 1 "$CRIB" --no-update --show nosuch.md:3
grep -q '(no indexed file nosuch.md)' "$TMP/err" && pass "--show: a file never indexed is said so" ||
  fail "--show nosuch: $(cat "$TMP/err")"
expect_rc 1 "$CRIB" --no-update --show 'content/qt-interview.txt:99999:some grep text'
grep -q 'no indexed passage of content/qt-interview.txt holds line 99999' "$TMP/err" &&
  pass "--show: a grep line's id read as lookup reads it" || fail "--show grep line: $(cat "$TMP/err")"
cp -r "$CRIB_DB" "$TMP/db-copy" # the same index named twice is searched once
expect_rc 1 "$CRIB" --no-update --db "$CRIB_DB" --db "$TMP/db-copy" --show 3:content/qt-interview.txt:4
grep -q '(there is no index 3: 2 were searched)' "$TMP/err" && pass "--show: an index number out of range" ||
  fail "--show 3: $(cat "$TMP/err")"
# A corrected phrase typed with its quotes is not quoted twice (0f49e54
# left "searched for ""statefulset"" (corrected from ""statefullset"")").
expect_rc 0 "$CRIB" --no-update -c '"statefullset"'
grep -qx 'crib: searched for "statefulset" (corrected from "statefullset")' "$TMP/err" &&
  pass "-c: a corrected phrase is quoted once" || fail "-c correction: $(cat "$TMP/err")"
expect_rc 0 "$CRIB" --no-update --format plain '"statefullset"'
grep -qx 'Searched for: "statefulset" (corrected from "statefullset")' "$TMP/out" &&
  pass "people: a corrected phrase is quoted once" || fail "plain correction: $(head -2 "$TMP/out")"
expect_rc 0 "$CRIB" -l docker
expect_rc 1 "$CRIB" -l zzzqqq
expect_rc 0 "$CRIB" -c docker
[[ $(cat "$TMP/out") -gt 0 ]] && pass "-c prints a count" || fail "-c"
expect_rc 1 "$CRIB" -c zzzqqq
[[ $(cat "$TMP/out") == 0 ]] && pass "-c prints 0" || fail "-c zero"
# closed pipe: quiet, status 0
out=$( { "$CRIB" -n 50 --format plain docker 2>"$TMP/pipe-err"; echo "rc=$?" >"$TMP/pipe-rc"; } | head -1 )
[[ -n "$out" && ! -s "$TMP/pipe-err" ]] && pass "closed pipe is quiet" || fail "closed pipe: $(cat "$TMP/pipe-err")"
grep -q "rc=0" "$TMP/pipe-rc" && pass "closed pipe rc 0" || fail "closed pipe rc $(cat "$TMP/pipe-rc")"
# colour on a terminal (script gives a pty), none with NO_COLOR or TERM=dumb
# (script -e: crib's exit status; a failing crib stops this test)
if need script; then
  script -qec "$CRIB --no-update docker" /dev/null >"$TMP/tty" </dev/null
  grep -q $'\033\[' "$TMP/tty" && pass "colour on a TTY" || fail "no colour on a TTY"
  NO_COLOR=1 script -qec "$CRIB --no-update docker" /dev/null >"$TMP/tty" </dev/null
  grep -qi docker "$TMP/tty" && ! grep -q $'\033\[' "$TMP/tty" && pass "NO_COLOR on a TTY" || fail "NO_COLOR on a TTY: $(head -c 300 "$TMP/tty")"
  TERM=dumb script -qec "$CRIB --no-update docker" /dev/null >"$TMP/tty" </dev/null
  grep -qi docker "$TMP/tty" && ! grep -q $'\033\[' "$TMP/tty" && pass "TERM=dumb" || fail "TERM=dumb: $(head -c 300 "$TMP/tty")"
fi
# show / open
expect_rc 0 "$CRIB" --show content/qt-interview.txt:7
grep -q "StatefulSet" "$TMP/out" && pass "--show prints the passage" || fail "--show"
expect_rc 1 "$CRIB" --show content/nope.txt:1
expect_rc 0 env EDITOR="echo" "$CRIB" --open content/qt-interview.txt:7
grep -qx "+7 content/qt-interview.txt" "$TMP/out" && pass "--open ID" || fail "--open: $(cat "$TMP/out")"
expect_rc 0 env VISUAL="echo" EDITOR=false "$CRIB" --open statefulset
grep -qx "+7 content/qt-interview.txt" "$TMP/out" && pass "--open top hit" || fail "--open top: $(cat "$TMP/out")"
# control characters inside notes cannot drive the terminal
mkdir -p "$TMP/evil"
printf '## What is evil?\nred \033[31m text \033]0;title\007 here\n' >"$TMP/evil/e.md"
CRIB_DB=$TMP/evildb "$CRIB_INDEX" -q "$TMP/evil"
expect_out 0 env CRIB_DB=$TMP/evildb "$CRIB" --color always evil
grep -q $'\033\]0' "$TMP/out" && fail "OSC passed through" || pass "escapes neutralised"
# config file: limit and colour; flags win
mkdir -p "$XDG_CONFIG_HOME/crib"
printf 'limit = 2\ncolor = always\n' >"$XDG_CONFIG_HOME/crib/config"
expect_out 0 "$CRIB" --format json docker
[[ $(jq '.hits | length' "$TMP/out") == 2 ]] && pass "config limit (a page)" || fail "config limit"
# grep, vimgrep, jsonl and -l list every hit unless -n is given (the page is for people)
expect_out 0 "$CRIB" --format grep docker
[[ $(wc -l <"$TMP/out") -gt 2 ]] && pass "grep lists every hit" || fail "grep stopped at the page"
expect_out 0 "$CRIB" --format grep -n 3 docker
[[ $(wc -l <"$TMP/out") == 3 ]] && pass "-n limits grep" || fail "-n limits grep"
# options go before the query: from the first word on everything is query text
# (content/ has no passage with every word: exit 1 and a count of 0)
expect_rc 1 "$CRIB" -c what does ls -l do
[[ $(cat "$TMP/out") == 0 ]] && pass "'ls -l' in a query is query text" || fail "-l in a query was read as an option: $(head -2 "$TMP/out")"
# "-it" is a word to find as written, not an exclusion; content/ has no "-it",
# so no passage has every word: said, exit 1.
expect_rc 1 "$CRIB" -c docker run -it
[[ $(cat "$TMP/out") == 0 ]] && grep -q 'no passage has all 3 words; [0-9]* have some of them' "$TMP/err" && pass "-it searched as a word" || fail "-it: $(cat "$TMP/out" "$TMP/err")"
expect_rc 1 "$CRIB" --format json docker run -it
jq -e '.partial and (.hits[0].missing | index("-it"))' "$TMP/out" >/dev/null && pass "-it named as missing" || fail "-it missing: $(jq -c '.hits[0].missing' "$TMP/out")"
expect_rc 2 "$CRIB" -n -1 docker
grep -q "^crib: -n takes" "$TMP/err" && pass "-n -1 says what -n takes" || fail "-n -1: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" -n abc docker
expect_rc 0 "$CRIB" -n all docker
# nothing matched: said on stderr, with the topic list hint
expect_rc 1 "$CRIB" --format plain zzqqxx
grep -q 'no matches for "zzqqxx"' "$TMP/err" && pass "no matches said" || fail "no matches not said"
expect_rc 1 "$CRIB" --format plain -t nosuchtopic docker
grep -q "crib --topics" "$TMP/err" && pass "unknown topic hint" || fail "unknown topic hint missing"
expect_out 0 "$CRIB" --format grep -n 3 docker
[[ $(wc -l <"$TMP/out") == 3 ]] && pass "flag beats config" || fail "flag vs config"
expect_out 0 "$CRIB" --format human docker
grep -q $'\033' "$TMP/out" && pass "config color=always" || fail "config color=always"
rm "$XDG_CONFIG_HOME/crib/config"
# bad queries: never a crash
for q in '"unbalanced' '(docker' 'NOT' 'docker AND' "$(head -c 10000 /dev/zero | tr '\0' a)" $'\x01\x02' 'кубер 容器' ')))'; do
  rc=0; "$CRIB" --no-update -- "$q" >/dev/null 2>"$TMP/err" || rc=$?
  [[ $rc == 0 || $rc == 1 ]] && pass "query ok (rc $rc)" || fail "query '${q:0:20}' rc $rc: $(cat "$TMP/err")"
done
expect_rc 2 "$CRIB" "   "
# refresh: an edited note is re-indexed before searching
mkdir -p "$TMP/notes"
printf '## What is alpha?\nfirst\n' >"$TMP/notes/a.md"
CRIB_DB=$TMP/fresh "$CRIB_INDEX" -q "$TMP/notes"
sleep 0.05
printf '## What is alpha?\nfirst\n## What is zebrafish?\nstripes\n' >"$TMP/notes/a.md"
expect_rc 0 env CRIB_DB=$TMP/fresh "$CRIB" --format plain zebrafish
grep -q "re-indexed" "$TMP/err" && pass "refresh said so" || fail "refresh message"
expect_rc 1 env CRIB_DB=$TMP/fresh "$CRIB" --no-update --format plain nosuchword
# A note turned binary, or grown past --max-size, was dropped by crib's own
# refresh with "re-indexed 0 file(s), removed 1" and no word of why.
printf '## What is bravo?\nsecond\n' >"$TMP/notes/b.md"
expect_rc 0 env CRIB_DB=$TMP/fresh "$CRIB" --format plain bravo
printf 'bin\0ary\0' >"$TMP/notes/b.md"
expect_rc 0 env CRIB_DB=$TMP/fresh "$CRIB" --format plain zebrafish
grep -q "crib: not indexed: .*b.md (binary file)" "$TMP/err" && pass "refresh names a file it skipped" ||
  fail "refresh skip: $(cat "$TMP/err")"
rm "$TMP/notes/b.md"
# crib-index: progress bar on a terminal only, summary line always (unless -q)
mkdir -p "$TMP/many"
for f in $(seq 1 120); do
  for q in $(seq 1 40); do printf '## What is thing%d in file%d?\nsome answer words about thing %d\n\n' "$q" "$f" "$q"; done >"$TMP/many/f$f.md"
done
if need script; then
  # The bar shows after 0.5 s, and 4,800 passages may take less: another
  # writer holds the lock for the first second, so the run (--wait) is slow
  # enough to show it wherever it runs.
  mkdir -p "$TMP/seed" && printf '## What is a seed?\nan index to lock\n' >"$TMP/seed/s.md"
  CRIB_DB=$TMP/many-db "$CRIB_INDEX" -q "$TMP/seed"
  python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "r+"); fcntl.lockf(f, fcntl.LOCK_EX); print("locked", flush=True); time.sleep(1)' \
    "$TMP/many-db/flintlock" >"$TMP/lock" & holder=$!
  for _ in $(seq 100); do grep -q locked "$TMP/lock" && break; sleep 0.05; done
  rc=0; CRIB_DB=$TMP/many-db script -qec "$CRIB_INDEX -j 1 --wait --rebuild $TMP/many" /dev/null >"$TMP/tty" </dev/null || rc=$?
  wait "$holder"
  [[ $rc == 0 ]] || fail "crib-index on a TTY: rc $rc $(tail -c 300 "$TMP/tty")"
  grep -q "120/120 files, 4800 passages" "$TMP/tty" && pass "progress bar on a TTY" || fail "no progress bar on a TTY: $(tail -c 300 "$TMP/tty")"
  grep -q "indexed 120 files, 4800 passages (4800 questions)" "$TMP/tty" && pass "summary line" || fail "summary: $(tail -c 300 "$TMP/tty")"
fi
expect_rc 0 env CRIB_DB=$TMP/many-db2 "$CRIB_INDEX" "$TMP/many"
grep -q "^indexed 120 files" "$TMP/err" && ! grep -q $'\r' "$TMP/err" && pass "no progress bar into a pipe, the summary only" ||
  fail "stderr into a pipe: $(head -c 300 "$TMP/err")"
# One of each was counted as "1 passages (1 questions)".
mkdir -p "$TMP/one" && printf '## What is one?\na single passage\n' >"$TMP/one/one.md"
expect_rc 0 env CRIB_DB=$TMP/one-db "$CRIB_INDEX" "$TMP/one"
grep -q "^indexed 1 file, 1 passage (1 question) in .*; 1 passage in index$" "$TMP/err" &&
  pass "summary of one passage in the singular" || fail "summary of one: $(cat "$TMP/err")"
expect_rc 0 env CRIB_DB=$TMP/many-db3 "$CRIB_INDEX" -q "$TMP/many"
[[ ! -s "$TMP/err" && ! -s "$TMP/out" ]] && pass "-q is quiet" || fail "-q printed: $(cat "$TMP/out" "$TMP/err")"
expect_out 0 env CRIB_DB=$TMP/many-db3 "$CRIB" --no-update -c thing7
[[ $(cat "$TMP/out") == 120 ]] && pass "-q indexed every file" || fail "-q index: $(cat "$TMP/out")"
# regressions found in review
expect_out 0 "$CRIB" --no-update -c '"persistent storage"'
[[ $(cat "$TMP/out") -ge 1 ]] && pass "-c counts phrase queries" || fail "-c phrase"
"$CRIB" --no-update --format json -t kubernetes scaling | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["query"]=="scaling", d["query"]' \
  && pass "-t takes one value; the rest are query words" || fail "-t swallowed query words"
n1=$("$CRIB" --no-update -c docker)
"$CRIB_INDEX" -q --rebuild
expect_out 0 "$CRIB" --no-update -c docker
[[ $(cat "$TMP/out") == "$n1" ]] && pass "--rebuild without paths keeps the remembered roots" || fail "--rebuild emptied the index"
printf 'notes = %s\n' "$TMP/notes" >"$XDG_CONFIG_HOME/crib/config"
expect_rc 0 env CRIB_DB=$TMP/fromcfg "$CRIB_INDEX" -q
expect_out 0 env CRIB_DB=$TMP/fromcfg "$CRIB" --no-update -c zebrafish
[[ $(cat "$TMP/out") == 1 ]] && pass "config notes used by crib-index" || fail "config notes"
rm "$XDG_CONFIG_HOME/crib/config"
# regressions from the review
mkdir -p "$TMP/dups"
printf '## What is a zebrafish?\nstripes\n' >"$TMP/dups/a.md"
printf '## What is a zebrafish?\nfins\n' >"$TMP/dups/b.md"
CRIB_DB=$TMP/dupdb "$CRIB_INDEX" -q "$TMP/dups"
expect_out 0 env CRIB_DB=$TMP/dupdb "$CRIB" --no-update -l zebrafish
[[ $(wc -l <"$TMP/out") == 2 ]] && pass "-l lists files of collapsed duplicates" || fail "-l dropped a duplicate's file"
"$CRIB" --no-update --format plain -n 0 docker >"$TMP/out"
grep -q "0 of [0-9]* matches" "$TMP/out" && pass "-n 0 prints counts" || fail "-n 0 printed: $(cat "$TMP/out")"
(cd /tmp && EDITOR=echo "$CRIB" --open content/qt-interview.txt:7) >"$TMP/out"
# the editor runs in /tmp: the path must work from there (relative when below it)
(cd /tmp && [[ -f $(awk '{print $2}' "$TMP/out") ]]) && pass "--open from another folder gets a usable path" || fail "--open path: $(cat "$TMP/out")"
printf 'color = always\n' >"$XDG_CONFIG_HOME/crib/config"
expect_out 0 "$CRIB" --no-update docker
grep -q $'\033' "$TMP/out" && pass "config color=always into a pipe" || fail "config color=always ignored"
rm "$XDG_CONFIG_HOME/crib/config"
expect_rc 2 "$CRIB" --offset -1 docker
expect_rc 1 "$CRIB" --show content/qt-interview.txt:99999999999
grep -q "no passage" "$TMP/err" && pass "--show with a huge line number" || fail "--show message: $(cat "$TMP/err")"
expect_rc 2 "$CRIB_INDEX" --max-size abc content/
grep -q "bad --max-size" "$TMP/err" && pass "--max-size message" || fail "--max-size message: $(cat "$TMP/err")"
"$CRIB_INDEX" content/ 2>"$TMP/err"
grep -q "index up to date" "$TMP/err" && pass "no-op summary says up to date" || fail "summary: $(cat "$TMP/err")"

# Moving a notes folder emptied the index silently (mv notes notes-moved; crib -c docker: 0)
mkdir -p "$TMP/mvroot/notes"
cp content/qt-interview.txt "$TMP/mvroot/notes/"
export CRIB_DB=$TMP/mvdb
"$CRIB_INDEX" -q "$TMP/mvroot/notes"
before=$("$CRIB" -c docker)
mv "$TMP/mvroot/notes" "$TMP/mvroot/moved"
expect_rc 0 "$CRIB" -c docker
[[ $(cat "$TMP/out") == "$before" ]] && grep -q "is gone; its passages are kept" "$TMP/err" &&
  pass "a moved root keeps its passages and says so" || fail "moved root: $(cat "$TMP/out" "$TMP/err")"
mv "$TMP/mvroot/moved" "$TMP/mvroot/notes"
expect_rc 0 "$CRIB" -c docker
[[ $(cat "$TMP/out") == "$before" && ! -s $TMP/err ]] && pass "moved back: as before, quietly" || fail "moved back: $(cat "$TMP/out" "$TMP/err")"
rm "$TMP/mvroot/notes/qt-interview.txt" # a file gone from a present root still goes
expect_rc 1 "$CRIB" -c docker
mv "$TMP/mvroot/notes" "$TMP/mvroot/moved"
expect_rc 0 "$CRIB_INDEX" --prune
expect_rc 2 "$CRIB_INDEX" # nothing remembered any more
unset CRIB_DB
# Over 4,000 matching passages -c prints Xapian's estimate: said on stderr
# (a new user compared -c 5102 with 4996 grep lines and got no hint).
mkdir -p "$TMP/many"
for f in $(seq 42); do
  for q in $(seq 100); do printf '## What is wombat %s-%s?\nwombat detail %s\n\n' "$f" "$q" "$q"; done >"$TMP/many/n$f.md"
done
"$CRIB_INDEX" -q --db "$TMP/many.db" "$TMP/many"
expect_rc 0 "$CRIB" --db "$TMP/many.db" --no-update -c wombat
grep -q '^crib: about [0-9]*: too many passages match to count them exactly' "$TMP/err" &&
  pass "-c says when its count is an estimate" || fail "-c estimate not said: $(cat "$TMP/err")"
expect_rc 0 "$CRIB" --db "$TMP/many.db" --no-update -c 'wombat 7-7'
[[ ! -s $TMP/err ]] && pass "-c of an exact count says nothing more" || fail "-c exact: $(cat "$TMP/err")"
finish
