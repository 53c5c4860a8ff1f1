# crib-index --watch: the index follows the notes while it runs, and crib
# trusts a live watcher instead of stat-ing every note file itself.
source "$(dirname "$0")/lib.bash"
NOTES=$TMP/notes
mkdir -p "$NOTES/sub"
printf '## What is alpha?\nThe first letter.\n' >"$NOTES/a.md"
watcher=""
stop_watcher() { [[ -n $watcher ]] && { kill -CONT "$watcher" 2>/dev/null; kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null; } || true; watcher=""; }
trap 'stop_watcher; rm -rf "$TMP"' EXIT
start_watcher() { # start_watcher DB ROOT: run crib-index --watch until its first update is in
  "$CRIB_INDEX" --db "$1" --watch "$2" >"$TMP/watch.log" 2>&1 & watcher=$!
  for _ in $(seq 100); do [[ $(head -c1 "$1.watch" 2>/dev/null) == F ]] && return; sleep 0.05; done
  fail "watcher never said fresh: $(cat "$TMP/watch.log")"
}
count() { "$CRIB" --db "$DB" -c "$@" 2>>"$TMP/crib.err" || true; } # the default refresh, as a user runs it
# The kernel tells the watcher of a write at once, but it has to be scheduled
# to say "S": a query in the same millisecond may still read "F" (README).
# 50 ms is well inside the 200 ms the watcher lets a change settle, so the
# queries below do wait for its update.
settle() { sleep 0.05; }

DB=$TMP/db
start_watcher "$DB" "$NOTES"
[[ $(count alpha) == 1 ]] && pass "first update indexes the notes" || fail "alpha: $(count alpha)"

# A change is in the next query: crib waits while the watcher catches up.
printf '## What is zebra?\nA striped horse.\n' >"$NOTES/sub/z.md"; settle
[[ $(count zebra) == 1 ]] && pass "a new file is found by the next query" || fail "zebra: $(count zebra) $(cat "$TMP/watch.log")"
mkdir "$NOTES/new"
printf '## What is a yak?\nA long-haired bovid.\n' >"$NOTES/new/y.md"; settle
[[ $(count yak) == 1 ]] && pass "a file in a new folder is found" || fail "yak: $(count yak)"
printf '## What is alpha?\nThe first letter, edited in place: omega.\n' >"$NOTES/a.md"; settle
[[ $(count omega) == 1 ]] && pass "an edit in place is found" || fail "omega: $(count omega)"
rm "$NOTES/sub/z.md"; settle
[[ $(count zebra) == 0 ]] && pass "a removed file is gone" || fail "zebra after rm: $(count zebra)"

# crib trusts a live, fresh watcher: with the watcher stopped before it sees a
# change, crib does not stat the files itself (the change is not found) ...
kill -STOP "$watcher"
printf '## What is quokka?\nA marsupial.\n' >"$NOTES/q.md"
[[ $(count quokka) == 0 ]] && pass "crib skips its own check while the watcher says fresh" || fail "quokka found: the check ran"
# ... until the watcher's heartbeat is older than crib trusts (a watcher left in Ctrl-Z).
touch -d '1 minute ago' "$DB.watch"
[[ $(count quokka) == 1 ]] && pass "a stopped watcher's old heartbeat is not trusted" || fail "quokka: $(count quokka)"
kill -CONT "$watcher"
sleep 0.3

# A second watcher of the same index is refused.
expect_rc 2 "$CRIB_INDEX" --db "$DB" --watch "$NOTES"
grep -q "another crib-index --watch" "$TMP/err" && pass "second watcher refused" || fail "second watcher: $(cat "$TMP/err")"

# Stopped with SIGTERM: exit 0, the claim goes with it and crib checks for itself again.
kill "$watcher"
rc=0; wait "$watcher" || rc=$?
watcher=""
[[ $rc == 0 ]] && pass "SIGTERM stops the watcher (exit 0)" || fail "watcher exit $rc: $(cat "$TMP/watch.log")"
grep -q "stopped watching" "$TMP/watch.log" && pass "says it stopped" || fail "log: $(cat "$TMP/watch.log")"
printf '## What is a wombat?\nA burrowing marsupial.\n' >"$NOTES/w.md"
[[ $(count wombat) == 1 ]] && pass "without a watcher crib refreshes the index itself" || fail "wombat: $(count wombat)"

# The index inside the notes folder: its own commits and state file are not
# changes to index (the watcher would update forever).
DB=$NOTES/index
start_watcher "$DB" "$NOTES"
sleep 1
updates=$(grep -c "^indexed" "$TMP/watch.log" || true)
[[ $updates -le 1 ]] && pass "the index's own writes do not wake the watcher" || fail "$updates updates: $(cat "$TMP/watch.log")"
printf '## What is a numbat?\nAn anteater.\n' >"$NOTES/n.md"; settle
[[ $(count numbat) == 1 ]] && pass "index inside the notes: changes still found" || fail "numbat: $(count numbat)"
stop_watcher

expect_rc 2 "$CRIB_INDEX" --watch --dump "$NOTES/a.md"
grep -q "not with --dump" "$TMP/err" && pass "--watch --dump refused" || fail "--watch --dump: $(cat "$TMP/err")"
finish
