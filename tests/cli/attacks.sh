# Issue 27: nothing a note's name, a job file, a stopped process or a second
# index does may run, hang or lose data.  One section per item, numbered as
# in the issue, each named after what broke.
source "$(dirname "$0")/lib.bash"

# 1. a note's file name ran an editor command: `+!touch PWNED.md` reached vi
#    as "+!touch PWNED.md" (an Ex command), `-x.md` as an option
mkdir -p "$TMP/names"
printf '# What is a pwned name?\nA note whose name looks like an editor command.\n' >"$TMP/names/+!touch PWNED.md"
printf '# What is a dashed option name?\nA note whose name looks like an option.\n' >"$TMP/names/-x.md"
cat >"$TMP/record-editor" <<'SH'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >"$ARGS_OUT"
SH
chmod +x "$TMP/record-editor"
(cd "$TMP/names" && "$CRIB_INDEX" -q --rebuild --db "$TMP/names-db" .)
for q in "pwned name:./+!touch PWNED.md" "dashed option:./-x.md"; do
  words=${q%%:*} want=${q#*:}
  rc=0
  (cd "$TMP/names" && ARGS_OUT="$TMP/args" EDITOR="$TMP/record-editor" "$CRIB" --db "$TMP/names-db" --no-update --open "$words") || rc=$?
  [[ $rc == 0 && $(sed -n 1p "$TMP/args") == "+1" && $(sed -n 2p "$TMP/args") == "$want" ]] &&
    pass "27.1 the editor gets $want as a path" || fail "27.1 editor arguments (rc $rc): $(cat "$TMP/args" 2>/dev/null)"
  rm -f "$TMP/args"
done
# The real vim, as the attack used it: in Ex mode it runs its "+" arguments
# in order and quits at the end of input, so "+!touch PWNED.md" would run.
if need vim; then
  rc=0
  (cd "$TMP/names" && EDITOR='vim -u NONE -es' "$CRIB" --db "$TMP/names-db" --no-update --open pwned name </dev/null >/dev/null 2>"$TMP/err") || rc=$?
  [[ $rc == 0 && ! -e $TMP/names/PWNED.md ]] && pass "27.1 vim opened the note and ran no command from its name" ||
    fail "27.1 vim: rc $rc, PWNED.md $([[ -e $TMP/names/PWNED.md ]] && echo made || echo absent) $(head -c 200 "$TMP/err")"
fi
# The fzf picker's preview passes the id as --show={2}: an id starting with
# '-' must reach crib as the option's value, not as an option.
(cd "$TMP/names" && expect_rc 0 "$CRIB" --db "$TMP/names-db" --no-update --show=-x.md:1)
grep -q 'dashed option name' "$TMP/out" && pass "27.1 --show=-x.md:1" || fail "27.1 --show=-x.md:1: $(cat "$TMP/out")"
mkdir -p "$TMP/fakebin"
cat >"$TMP/fakebin/fzf" <<'SH'
#!/bin/sh
prev=0
for a in "$@"; do [ "$prev" = 1 ] && printf '%s\n' "$a" >"$FZF_ARGS"; [ "$a" = --preview ] && prev=1 || prev=0; done
cat >/dev/null
exit 130
SH
chmod +x "$TMP/fakebin/fzf"
# (the fake fzf is cancelled, exit 130: nothing picked, crib exits 1)
rc=0
(cd "$TMP/names" && FZF_ARGS="$TMP/preview" PATH="$TMP/fakebin:$PATH" "$CRIB" --db "$TMP/names-db" --no-update -i dashed option >/dev/null 2>&1) || rc=$?
[[ $rc == 1 ]] && grep -q -- ' --show={2}$' "$TMP/preview" 2>/dev/null && pass "27.1 the fzf preview passes --show={2}" ||
  fail "27.1 fzf preview (rc $rc): $(cat "$TMP/preview" 2>/dev/null)"

# 2. crib gaps read /dev/zero until memory ran out; /bin/ls gave 1,731
#    "requirements"; a folder was "no requirements found"
index_content
gaps_refused() { # WANT-MESSAGE CMD...
  local want=$1; shift
  local rc=0
  timeout 20 "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
  [[ $rc == 2 ]] && grep -q "$want" "$TMP/err" && pass "27.2 refused: $want" || fail "27.2 rc $rc, want '$want': $(head -c 300 "$TMP/err")"
}
gaps_refused 'cannot read /dev/zero: not a regular file (character device)' "$CRIB" gaps --no-update /dev/zero
gaps_refused "cannot read $TMP: a folder" "$CRIB" gaps --no-update "$TMP"
cp "$CRIB" "$TMP/program"
gaps_refused 'not text (binary file)' "$CRIB" gaps --no-update "$TMP/program"
gaps_refused 'standard input: not text' sh -c '"$0" gaps --no-update - </dev/zero' "$CRIB"
python3 -c 'print("- Kubernetes StatefulSets\n" * 12000, end="")' >"$TMP/long.txt"
gaps_refused 'standard input: larger than 256 KiB' sh -c '"$0" gaps --no-update - <"$1"' "$CRIB" "$TMP/long.txt"
# Random-looking bytes, the same every run (/dev/urandom passes as text about once in a thousand).
python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 167 + 13) % 256 for i in range(4096)))' >"$TMP/noise"
gaps_refused 'standard input: not text' sh -c '"$0" gaps --no-update - <"$1"' "$CRIB" "$TMP/noise"
mkfifo "$TMP/fifo"
gaps_refused 'not a regular file (FIFO)' "$CRIB" gaps --no-update "$TMP/fifo"
# crib-index said a FIFO named on its command line was a "folder not readable".
for mode in "" --dump; do
  expect_rc 3 timeout 10 "$CRIB_INDEX" --db "$TMP/fifodb" $mode "$TMP/fifo"
  grep -q "fifo.*not a regular file or folder: a FIFO" "$TMP/err" "$TMP/out" && pass "crib-index $mode: a FIFO is named as one" ||
    fail "crib-index $mode FIFO: $(cat "$TMP/out" "$TMP/err")"
done
# A posting just under the cap is read (its size alone is no reason to refuse).
job() { # LINES: a posting of that many distinct requirement lines
  python3 -c 'import sys, random
random.seed(7)
w = "kubernetes docker terraform ansible linux network storage python java cloud security monitoring logging helm jenkins git aws azure statefulset pods".split()
print("Requirements:")
for i in range(int(sys.argv[1])): print("- Experience with", " ".join(random.choice(w) for _ in range(6)), i)' "$1"
}
# (the same skills repeated: each distinct skill is judged once, so this
# costs a search per distinct skill, not per line.)
job 40 >"$TMP/job40.txt"; for _ in $(seq 200); do tail -n +2 "$TMP/job40.txt"; done >"$TMP/repeated.txt"
head -c $((250 * 1024)) "$TMP/repeated.txt" >"$TMP/big-job.txt"
rc=0; timeout 300 "$CRIB" gaps --no-update --format json "$TMP/big-job.txt" >"$TMP/out" 2>"$TMP/err" || rc=$?
[[ $rc == 0 ]] && pass "27.2 a 250 KiB posting is read" || fail "27.2 250 KiB posting: rc $rc $(head -c 200 "$TMP/err")"

# 3. gaps was quadratic: 100 lines 0.15 s, 1,000 lines 3 s, 4,000 lines 33 s.
#    Eight times the lines may take about eight times as long (5-7x measured,
#    release and ASan), not the 16x the quadratic check took: the bar is 12x.
job 1000 >"$TMP/job1000.txt"; job 125 >"$TMP/job125.txt"
# The posting pasted into the notes is what made each hit's own-copy check cost every requirement.
mkdir -p "$TMP/pasted"; cp content/*.txt "$TMP/pasted/"; cp "$TMP/job1000.txt" "$TMP/pasted/job-notes.txt"
"$CRIB_INDEX" -q --rebuild --db "$TMP/pasted-db" "$TMP/pasted"
secs() { # SECONDS a gaps run took; a run that fails fails the test
  local t0=$(date +%s.%N) rc=0
  "$CRIB" gaps --db "$TMP/pasted-db" --no-update "$1" >/dev/null 2>"$TMP/err" || rc=$?
  [[ $rc == 0 ]] || { echo "failed-rc-$rc"; return; }
  python3 -c "import sys,time; print(time.time() - float(sys.argv[1]))" "$t0"
}
small=$(secs "$TMP/job125.txt"); big=$(secs "$TMP/job1000.txt")
[[ $small != failed* && $big != failed* ]] || fail "27.3 gaps failed: $small $big $(head -c 200 "$TMP/err")"
python3 -c "import sys; s, b = map(float, sys.argv[1:]); sys.exit(0 if b < 12 * max(s, 0.05) else 1)" "$small" "$big" &&
  pass "27.3 gaps grows linearly: 125 lines ${small}s, 1,000 lines ${big}s" || fail "27.3 gaps is superlinear: 125 lines ${small}s, 1,000 lines ${big}s"

# 4. crib-index --watch waited for the write lock inside Xapian, where no
#    signal ends the wait: with the other writer stopped (SIGSTOP), SIGTERM
#    and SIGINT did nothing and only SIGKILL ended it (crib-index --wait
#    alike).  Now the lock is tried again every 100 ms and a signal ends the
#    wait; README promises half a second, 2 s allowed here on a busy machine.
mkdir -p "$TMP/w4"
printf '## What is a lock?\nOne writer at a time.\n' >"$TMP/w4/a.md"
W4DB=$TMP/w4-db
"$CRIB_INDEX" -q --db "$W4DB" "$TMP/w4"
exited_within() { # PID TENTHS: the process ended (or is a zombie) within TENTHS/10 s
  for _ in $(seq "$2"); do
    [[ ! -e /proc/$1 || $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]] && return 0
    sleep 0.1
  done
  return 1
}
hold_lock() { # the other writer: Xapian's lock on flintlock held, then the holder stopped
  python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "r+"); fcntl.lockf(f, fcntl.LOCK_EX); print("locked", flush=True); time.sleep(600)' \
    "$W4DB/flintlock" >"$TMP/w4-lock" & holder=$!
  for _ in $(seq 100); do grep -q locked "$TMP/w4-lock" 2>/dev/null && break; sleep 0.05; done
  kill -STOP "$holder"
}
release_lock() { kill -CONT "$holder" 2>/dev/null; kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null || true; }
hold_lock
expect_rc 2 "$CRIB_INDEX" --db "$W4DB" "$TMP/w4"
grep -q 'another crib-index is updating' "$TMP/err" && pass "27.4 the stopped writer holds the lock" || fail "27.4 set-up: $(cat "$TMP/err")"
# crib-index --wait, interrupted: exit 130, nothing written.
"$CRIB_INDEX" --wait --db "$W4DB" "$TMP/w4" 2>"$TMP/w4-wait" & waiter=$!
sleep 0.5
kill -INT "$waiter"
if exited_within "$waiter" 20; then
  rc=0; wait "$waiter" || rc=$?
  [[ $rc == 130 ]] && grep -q 'interrupted while waiting' "$TMP/w4-wait" &&
    pass "27.4 SIGINT ends crib-index --wait while the lock is held" || fail "27.4 --wait: rc $rc $(cat "$TMP/w4-wait")"
else
  kill -KILL "$waiter"; wait "$waiter" 2>/dev/null || true
  fail "27.4 crib-index --wait ignored SIGINT for 2 s"
fi
release_lock
# The watcher: fresh, then a change while the writer is stopped; it waits for the lock.
"$CRIB_INDEX" --db "$W4DB" --watch "$TMP/w4" >"$TMP/w4-watch" 2>&1 & w4=$!
for _ in $(seq 100); do [[ $(head -c1 "$W4DB.watch" 2>/dev/null) == F ]] && break; sleep 0.05; done
hold_lock
printf '## What is a stopped writer?\nOne that holds the lock.\n' >"$TMP/w4/b.md"
sleep 1 # settled (200 ms) and waiting for the lock
t0=$(date +%s%N)
kill -TERM "$w4"
if exited_within "$w4" 20; then
  ms=$((($(date +%s%N) - t0) / 1000000))
  rc=0; wait "$w4" || rc=$?
  [[ $rc == 0 ]] && grep -q 'stopped while waiting for another crib-index' "$TMP/w4-watch" &&
    pass "27.4 SIGTERM ends the watcher waiting for the lock in $ms ms" || fail "27.4 watcher: rc $rc $(cat "$TMP/w4-watch")"
else
  kill -KILL "$w4"; wait "$w4" 2>/dev/null || true
  fail "27.4 the watcher waiting for the lock ignored SIGTERM for 2 s"
fi
release_lock

# 6. Review history orphaned by spelling the folder differently: after
#    `crib-index --rebuild ./rq` (or $PWD/rq, rq/, `cd rq; crib-index .`, a
#    symlink to rq) every card of rq was "gone" and new.  Keys name files by
#    their resolved absolute path; a store from before moves to such keys
#    without a word.
mkdir -p "$TMP/rqw/rq"
printf '# Docker\n\n## What is a container?\n\nAn isolated process.\n\n## What is an image?\n\nA read-only template.\n' >"$TMP/rqw/rq/d.md"
ln -s rq "$TMP/rqw/rqlink"
RQ_DB=$TMP/rqw/db RQ_STORE=$TMP/rqw/reviews.sqlite
(cd "$TMP/rqw" && "$CRIB_INDEX" -q --db "$RQ_DB" --rebuild ./rq)
printf '\n3\n\n3\nq\n' | (cd "$TMP/rqw" && "$CRIB" quiz --no-update --db "$RQ_DB" --reviews "$RQ_STORE") >/dev/null 2>&1
for spelling in "$TMP/rqw/rq" rq/ rqlink .; do
  dir=$TMP/rqw
  [[ $spelling == . ]] && dir=$TMP/rqw/rq
  (cd "$dir" && "$CRIB_INDEX" -q --db "$RQ_DB" --rebuild "$spelling")
  out=$(cd "$dir" && "$CRIB" quiz --no-update --db "$RQ_DB" --reviews "$RQ_STORE" --stats 2>&1)
  [[ $out == "cards 2   reviewed 2 "* && $out != *gone* && $out != *reworded* ]] &&
    pass "27.6 the history follows crib-index $spelling" || fail "27.6 crib-index $spelling: $out"
done

# 7. `crib quiz --export anki reviews.sqlite` wrote the deck over the review
#    store: every answer ever given was gone.  The store (also through a
#    symlink) is refused; a file that is not an earlier export
#    needs --force; an export is whole or not written.
export CRIB_NOW=1800000000
STORE=$TMP/quiz/reviews.sqlite
mkdir -p "$TMP/quiz"
printf '\n3\n' | "$CRIB" quiz --no-update --reviews "$STORE" --new 1 statefulset >/dev/null
answers() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from reviews").fetchone()[0])' "$STORE" 2>&1; }
[[ $(answers) == 1 ]] || fail "27.7 set-up: the store holds $(answers) answers"
ln -s reviews.sqlite "$TMP/quiz/link.txt"
for target in "$STORE" "$TMP/quiz/link.txt"; do
  expect_rc 2 "$CRIB" quiz --no-update --reviews "$STORE" --force --export anki "$target"
  grep -q 'will not write the export over the review store' "$TMP/err" && [[ $(answers) == 1 ]] &&
    pass "27.7 the store is refused as $target, its answer kept" || fail "27.7 export over the store ($target): answers $(answers): $(cat "$TMP/err")"
done
# A file that is not an export is kept, unless --force.
printf '# My notes\nNot a deck.\n' >"$TMP/quiz/notes.md"
expect_rc 2 "$CRIB" quiz --no-update --reviews "$STORE" --export anki "$TMP/quiz/notes.md"
grep -q 'not an earlier crib export; pass --force' "$TMP/err" && grep -q '^Not a deck' "$TMP/quiz/notes.md" &&
  pass "27.7 a file that is not an export is kept" || fail "27.7 notes.md: $(cat "$TMP/err") $(head -2 "$TMP/quiz/notes.md")"
expect_rc 0 "$CRIB" quiz --no-update --reviews "$STORE" --force --export anki "$TMP/quiz/notes.md"
grep -q '^#crib:quiz --export anki$' "$TMP/quiz/notes.md" && pass "27.7 --force replaces it" || fail "27.7 --force: $(head -5 "$TMP/quiz/notes.md")"
# An earlier export is replaced without --force; through a symlink, the link stays.
expect_rc 0 "$CRIB" quiz --no-update --reviews "$STORE" --export anki "$TMP/quiz/notes.md"
ln -s notes.md "$TMP/quiz/deck-link.txt"
expect_rc 0 "$CRIB" quiz --no-update --reviews "$STORE" --export anki "$TMP/quiz/deck-link.txt"
[[ -L $TMP/quiz/deck-link.txt ]] && pass "27.7 an earlier export is replaced, a symlink to it kept" || fail "27.7 the symlink was replaced"
[[ -z $(find "$TMP/quiz" -name '*.crib-*') ]] && pass "27.7 no temporary file left" || fail "27.7 left: $(find "$TMP/quiz" -name '*.crib-*')"
expect_rc 2 "$CRIB" quiz --no-update --reviews "$STORE" --force --export anki /dev/null
[[ -c /dev/null ]] && pass "27.7 a device is not replaced" || fail "27.7 /dev/null replaced"
unset CRIB_NOW

# 9. one damaged index among several was named "the index A + B" with a
#    rebuild command for "A + B" that could not work
"$CRIB_INDEX" -q --db "$TMP/dmg-a" --rebuild content/
"$CRIB_INDEX" -q --db "$TMP/dmg-b" --rebuild tests/formats/notes
blocks=$(( $(stat -c %s "$TMP/dmg-b/postlist.glass") / 8192 ))
truncate -s $(( (blocks / 2) * 8192 )) "$TMP/dmg-b/postlist.glass" # a cut at a block boundary passes the open checks
expect_rc 2 "$CRIB" --db "$TMP/dmg-a" --db "$TMP/dmg-b" --no-update -c docker
grep -q "one of the indexes $TMP/dmg-a, $TMP/dmg-b is damaged" "$TMP/err" &&
  grep -q "crib-index --check --db $TMP/dmg-a; crib-index --check --db $TMP/dmg-b" "$TMP/err" &&
  ! grep -q -- "--db $TMP/dmg-a + " "$TMP/err" && pass "27.9 several indexes: each to check, no 'A + B' command" ||
  fail "27.9 several damaged: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" --db "$TMP/dmg-b" --no-update -c docker # alone it is named, with its rebuild command
grep -q "the index $TMP/dmg-b is damaged.*run: crib-index --rebuild --db $TMP/dmg-b PATH" "$TMP/err" &&
  pass "27.9 one index: named with its rebuild command" || fail "27.9 one damaged: $(cat "$TMP/err")"

# 10. crib-index --dump ignored --max-size: a 300 MB note took 3.2 GB and
#     39 s.  It is skipped as indexing skips it: named on stderr with the
#     reason indexing gives, no passages, exit 3.
mkdir -p "$TMP/big"
python3 -c 'print("# What is a big note?\n" + "A long answer line.\n" * 300, end="")' >"$TMP/big/big.md"
expect_rc 3 "$CRIB_INDEX" --dump --max-size 1K "$TMP/big/big.md"
[[ ! -s $TMP/out ]] && grep -q "skipped $TMP/big/big.md: larger than 1 KiB (--max-size)" "$TMP/err" &&
  pass "27.10 --dump skips a file over --max-size" || fail "27.10 --dump --max-size 1K: $(head -c 300 "$TMP/out") $(cat "$TMP/err")"
expect_rc 3 "$CRIB_INDEX" --dump --max-size 1K "$TMP/big"
grep -q "larger than 1 KiB (--max-size)" "$TMP/err" && pass "27.10 ... also found in a folder" || fail "27.10 folder: $(cat "$TMP/err")"
rc=0; "$CRIB_INDEX" -v --db "$TMP/big-db" --max-size 1K "$TMP/big" 2>"$TMP/err" || rc=$?
[[ $rc == 3 ]] && grep -q "skipped $TMP/big/big.md: larger than 1 KiB (--max-size)" "$TMP/err" &&
  pass "27.10 indexing gives the same reason" || fail "27.10 indexing: rc $rc $(cat "$TMP/err")"
expect_rc 0 "$CRIB_INDEX" --dump --max-size 1M "$TMP/big/big.md"
grep -q 'What is a big note' "$TMP/out" && pass "27.10 under the limit it is dumped" || fail "27.10 1M: $(cat "$TMP/out")"

# 12. Bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE and the like) in a note
#     or its file name reached the terminal in every human output and
#     --dump, reordering what it showed ("Trojan Source").  Now U+FFFD, as
#     for C0/C1 controls, and C escapes in a quoted file name; JSON keeps them.
mkdir -p "$TMP/bidi"
RLO=$'\xe2\x80\xae'
bidi_note="$TMP/bidi/evil${RLO}dm.md"
{
  printf '# What is a \xe2\x80\xaereversed\xe2\x80\xac question?\n'
  printf 'Isolates \xe2\x81\xa6x\xe2\x81\xa9 \xe2\x81\xa7y\xe2\x81\xa8, marks \xd8\x9c \xe2\x80\x8e \xe2\x80\x8f, embeddings \xe2\x80\xaaa\xe2\x80\xab b\xe2\x80\xad c reversed.\n'
} >"$bidi_note"
"$CRIB_INDEX" -q --rebuild --db "$TMP/bidi-db" "$TMP/bidi"
has_bidi() { python3 -c 'import re, sys
sys.exit(0 if re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", open(sys.argv[1], encoding="utf-8", errors="replace").read()) else 1)' "$1"; }
bidi_free() { # NAME CMD...: CMD exits 0, and neither its stdout nor stderr holds a bidi control
  local name=$1 rc=0; shift
  "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
  if [[ $rc != 0 ]]; then fail "27.12 $name: rc $rc $(head -c 200 "$TMP/err")"
  elif [[ ! -s $TMP/out ]]; then fail "27.12 $name printed nothing: $(head -c 200 "$TMP/err")"
  elif has_bidi "$TMP/out" || has_bidi "$TMP/err"; then fail "27.12 $name shows bidi controls: $(head -c 300 "$TMP/out")"
  else pass "27.12 $name shows no bidi control"; fi
}
B=(--db "$TMP/bidi-db" --no-update)
bidi_free "human" "$CRIB" "${B[@]}" --color always reversed
bidi_free "plain" "$CRIB" "${B[@]}" reversed
bidi_free "grep" "$CRIB" "${B[@]}" --format grep reversed
bidi_free "vimgrep" "$CRIB" "${B[@]}" --vimgrep reversed
bidi_free "-l" "$CRIB" "${B[@]}" -l reversed
bidi_free "--full" "$CRIB" "${B[@]}" --full reversed
bidi_free "--show" "$CRIB" "${B[@]}" --show "$bidi_note:1"
bidi_free "--dump" "$CRIB_INDEX" --dump "$TMP/bidi"
printf '\n3\n' >"$TMP/in"
bidi_free "quiz" sh -c '"$0" quiz --db "$1" --no-update --reviews "$2" <"$3"' "$CRIB" "$TMP/bidi-db" "$TMP/bidi.sqlite" "$TMP/in"
printf 'Requirements:\n- Experience with \xe2\x80\xaeReversed\xe2\x80\xac and monitoring\n' >"$TMP/bidi-job.txt"
bidi_free "gaps" "$CRIB" gaps "${B[@]}" "$TMP/bidi-job.txt"
# JSON keeps the real characters (escaped as JSON requires).
"$CRIB" "${B[@]}" --format json reversed >"$TMP/out"
python3 -c 'import json, sys
h = json.load(open(sys.argv[1]))["hits"][0]
sys.exit(0 if "\u202ereversed\u202c" in h["question"] and "\u202e" in h["file"] else 1)' "$TMP/out" &&
  pass "27.12 JSON keeps the bidi controls" || fail "27.12 JSON: $(head -c 300 "$TMP/out")"

# 13. Quiz sessions started together on a brand-new review store failed with
#     "database is locked" or "an SQLite database but not a crib review
#     store" (27 of 40 in the attack): each set the store up itself.  Now the
#     first creates the tables under the write lock and the others wait;
#     4 rounds of 8 at once, all answers kept (each session answers the first
#     new card of 51, so one that starts late still finds one).
export CRIB_NOW=1800000000
bad=0
for round in 1 2 3 4; do
  store=$TMP/race-$round/reviews.sqlite pids=()
  for i in $(seq 8); do
    printf '\n3\n' | "$CRIB" quiz --no-update --reviews "$store" >"$TMP/race-$round-$i" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { bad=$((bad + 1)); echo "round $round: $(grep crib: "$TMP/race-$round-$((i + 1))")" >&2; }
  done
  n=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from reviews").fetchone()[0])' "$store" 2>&1)
  [[ $n == 8 ]] || { bad=$((bad + 1)); echo "round $round: $n answers stored, not 8" >&2; }
done
((bad == 0)) && pass "27.13 32 sessions on 4 new stores all succeed" || fail "27.13 $bad of 32 sessions or stores failed"
unset CRIB_NOW
finish
