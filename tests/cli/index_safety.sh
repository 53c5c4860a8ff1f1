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
[[ $("$CRIB" --no-update -c marker) == 1200 ]] && pass "after a clean run: all 1200 passages" || fail "count after clean run"
# a second writer is refused; a reader keeps working during the write
write_version 999
"$CRIB_INDEX" -q --batch-size 50 -j 1 "$NOTES" & pid=$!
sleep 0.05
rc=0; "$CRIB_INDEX" "$NOTES" 2>"$TMP/err2" || rc=$?
if kill -0 "$pid" 2>/dev/null; then
  [[ $rc == 2 ]] && grep -q "another crib-index is updating" "$TMP/err2" && pass "second writer refused" \
    || fail "second writer: rc $rc $(cat "$TMP/err2")"
  expect_rc 0 "$CRIB" marker
  pass "search during an update"
fi
wait "$pid"
"$CRIB_INDEX" -q --wait "$NOTES" && pass "--wait" || fail "--wait"
# SIGINT stops cleanly and says what was not indexed
write_version 1000
"$CRIB_INDEX" --batch-size 30 -j 1 "$NOTES" 2>"$TMP/int" & pid=$!
sleep 0.05; kill -INT "$pid"; rc=0; wait "$pid" || rc=$?
if [[ $rc == 130 ]]; then grep -q "interrupted" "$TMP/int" && pass "SIGINT message" || fail "SIGINT message"; fi
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
[[ $("$CRIB" --no-update -c v3000) == 1200 ]] && pass "--rebuild: all 1200 passages after compaction" || fail "count after --rebuild"
# schema mismatch: refused with the command that fixes it
python3 - <<PY
PY
finish
