# Never half-written: SIGKILL at random moments, concurrent writers, readers during a write.
source "$(dirname "$0")/lib.bash"
N_KILLS=${N_KILLS:-50}
NOTES=$TMP/notes
mkdir -p "$NOTES"
write_version() { # write_version V: 40 files x 30 questions, all tagged vV
  local v=$1
  for f in $(seq 1 40); do
    { for q in $(seq 1 30); do printf '## What is item%d of file%d v%s?\nanswer text v%s about marker topics %d\n\n' "$q" "$f" "$v" "$v" "$q"; done; } >"$NOTES/f$f.md"
  done
}
check_db() { # every file holds one whole version; the index opens and checks
  xapian-check "$CRIB_DB" >"$TMP/check" 2>&1 || { fail "xapian-check: $(tail -3 "$TMP/check")"; return; }
  "$CRIB" --no-update --all -n 100000 --format grep marker >"$TMP/hits" 2>"$TMP/err" ||
    { fail "crib on the index a kill left: rc $? $(head -c 300 "$TMP/err")"; return; }
  [[ -s $TMP/hits ]] || { fail "crib found no passages in the index a kill left"; return; }
  awk -F: '{ if (match($3, / v[0-9]+\?/)) { v = substr($3, RSTART + 2, RLENGTH - 3); seen[$1 " " v]++; files[$1]++ } }
       END { for (k in seen) { split(k, a, " "); if (seen[k] != files[a[1]]) bad++ } if (bad) exit 1 }' "$TMP/hits" \
    || fail "a file holds passages of two versions"
  local n; n=$(wc -l <"$TMP/hits")
  (( n % 30 == 0 )) || fail "passage count $n is not whole files"
}
write_version 0
"$CRIB_INDEX" -q "$NOTES"
for i in $(seq 1 "$N_KILLS"); do
  sleep 0.02; write_version "$i"
  "$CRIB_INDEX" -q --batch-size 90 -j 1 "$NOTES" & pid=$!
  sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check_db
done
pass "$N_KILLS SIGKILLs left a consistent index"
"$CRIB_INDEX" -q "$NOTES"; check_db
expect_out 0 "$CRIB" --no-update -c marker
[[ $(cat "$TMP/out") == 1200 ]] && pass "after a clean run: all 1200 passages" || fail "count after clean run"
# stop_writing PID: stop the writer PID once it holds the lock (it is writing).
# One process polls every millisecond: a python3 started per poll (tens of ms
# on a loaded machine) missed a writer that finished in 0.4 s.
stop_writing() {
  python3 -c 'import fcntl, os, signal, sys, time
pid, lock = int(sys.argv[1]), open(sys.argv[2], "r+")
for _ in range(20000):
    try:
        fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(lock, fcntl.LOCK_UN)  # free: not writing yet
    except OSError:
        os.kill(pid, signal.SIGSTOP)
        sys.exit(0)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        break
    time.sleep(0.001)
sys.exit(1)' "$1" "$CRIB_DB/flintlock" && return 0
  fail "the writer never took the lock (or ended before it was seen)"; return 1
}
# a second writer is refused; a reader keeps working during the write (the
# writer stopped mid-run, so both happen while it writes, on any machine)
write_version 999
"$CRIB_INDEX" -q --wait --batch-size 50 -j 1 "$NOTES" & pid=$!
if stop_writing "$pid"; then
  rc=0; "$CRIB_INDEX" "$NOTES" 2>"$TMP/err2" || rc=$?
  [[ $rc == 2 ]] && grep -q "another crib-index is updating" "$TMP/err2" && pass "second writer refused" \
    || fail "second writer: rc $rc $(cat "$TMP/err2")"
  expect_out 0 "$CRIB" --format grep marker
  grep -q 'marker\|item' "$TMP/out" && pass "search during an update" || fail "search during an update: $(head -3 "$TMP/out")"
  kill -CONT "$pid"
fi
rc=0; wait "$pid" || rc=$?
[[ $rc == 0 ]] && pass "the stopped writer finished" || fail "the stopped writer: rc $rc"
"$CRIB_INDEX" -q --wait "$NOTES" && pass "--wait" || fail "--wait"
# SIGINT stops cleanly and says what was not indexed
write_version 1000
"$CRIB_INDEX" --batch-size 30 -j 1 "$NOTES" 2>"$TMP/int" & pid=$!
stop_writing "$pid" && { kill -INT "$pid"; kill -CONT "$pid"; }
rc=0; wait "$pid" || rc=$?
[[ $rc == 130 ]] && grep -q "interrupted; committed what was done" "$TMP/int" && pass "SIGINT stops the writer and says so" ||
  fail "SIGINT: rc $rc $(cat "$TMP/int")"
check_db
# A full build is compacted into a hidden folder beside the index and swapped in
# (renameat2 RENAME_EXCHANGE): SIGKILL at any moment, compaction included,
# leaves one whole index, and the next run removes the leftover folder.
leftover="$(dirname "$CRIB_DB")/.$(basename "$CRIB_DB").compacting"
for i in $(seq 1 "${N_REBUILD_KILLS:-12}"); do
  write_version "$((2000 + i))"
  "$CRIB_INDEX" -q --rebuild -j 1 "$NOTES" & pid=$!
  sleep "0.$((RANDOM % 7))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check_db
done
pass "SIGKILLs during --rebuild and its compaction left a consistent index"
write_version 2500 # killed as soon as the compaction folder appears
"$CRIB_INDEX" -q --rebuild -j 1 "$NOTES" & pid=$!
for _ in $(seq 1 20000); do [[ -e $leftover ]] && break; kill -0 "$pid" 2>/dev/null || break; done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
check_db
mkdir -p "$leftover"
"$CRIB_INDEX" -q "$NOTES"; check_db
[[ ! -e $leftover ]] && pass "a compaction leftover is removed by the next run" || fail "leftover $leftover stays"
write_version 3000
"$CRIB_INDEX" -q --rebuild "$NOTES"; check_db
expect_out 0 "$CRIB" --no-update -c v3000
[[ $(cat "$TMP/out") == 1200 ]] && pass "--rebuild: all 1200 passages after compaction" || fail "count after --rebuild"
finish
