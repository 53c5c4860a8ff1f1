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
  for _ in $(seq 100); do [[ $(head -c1 "${1%/}.watch" 2>/dev/null) == F ]] && return; sleep 0.05; done
  fail "watcher never said fresh: $(cat "$TMP/watch.log")"
}
# count WORDS: crib -c with the default refresh, as a user runs it; exit 0 or
# 1 (no match), else "rc N" in place of a count, which no check takes for one.
count() {
  local rc=0
  "$CRIB" --db "$DB" -c "$@" 2>>"$TMP/crib.err" || rc=$?
  ((rc <= 1)) || echo "rc $rc"
}
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
# 27.16 A watcher busy for longer than crib waits (notes changing all the
# time): crib answers within about a second from the last update and says so
# (every query waited 3 s, then raced the watcher for the write lock).
printf 'S' | dd of="$DB.watch" conv=notrunc status=none; touch "$DB.watch"
start=$(date +%s%N)
expect_rc 0 "$CRIB" --db "$DB" -c marsupial
ms=$(( ($(date +%s%N) - start) / 1000000 ))
(( ms < 2500 )) && grep -q "crib-index --watch is still indexing changes to .*; these results are from its last update" "$TMP/err" &&
  pass "27.16 a busy watcher: answered in ${ms} ms from the last update, and said" || fail "27.16 busy watcher: ${ms} ms $(cat "$TMP/err")"
printf 'F' | dd of="$DB.watch" conv=notrunc status=none; touch "$DB.watch"
# ... and crib says so (issue 27 item 11: a stopped watcher gave stale answers for 30 s with no word).
printf '## What is a wombat?\nA marsupial too.\n' >"$NOTES/w.md"
touch -d '20 seconds ago' "$DB.watch"
expect_rc 0 "$CRIB" --db "$DB" -c wombat
[[ $(cat "$TMP/out") == 1 ]] && grep -q "crib-index --watch of .* has not answered for over 15 s (stopped?)" "$TMP/err" &&
  pass "27.11 a watcher silent for 20 s is said and not trusted" || fail "27.11 silent watcher: $(cat "$TMP/out" "$TMP/err")"
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

# Review of the first version (each of these left the state at F while the
# index missed a change).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# A trailing slash on --db made the index and its state file look like notes:
# the watcher woke itself up for ever.
DB=$NOTES/index2/
start_watcher "$DB" "$NOTES"
t0=$(cpu_ticks "$watcher"); sleep 1; t1=$(cpu_ticks "$watcher")
(( t1 - t0 < 20 )) && pass "--db with a trailing slash: idle watcher stays idle" || fail "watcher spun: $((t1 - t0)) ticks in 1 s"
# A note whose name starts with the index's name was ignored.
printf '## What is a zebu?\nHumped cattle.\n' >"$NOTES/index2-cards.md"; settle
[[ $(count zebu) == 1 ]] && pass "a note named like the index is seen" || fail "zebu: $(count zebu)"
stop_watcher

DB=$TMP/db3
ROOT=$TMP/root3
mkdir -p "$ROOT"
printf '## What is a kea?\nA parrot.\n' >"$ROOT/k.md"
start_watcher "$DB" "$ROOT"
# A root renamed away and made again was not watched any more.
mv "$ROOT" "$ROOT.old"; settle; mkdir "$ROOT"; sleep 0.5
printf '## What is a kiwi?\nA flightless bird.\n' >"$ROOT/k.md"; settle
[[ $(count kiwi) == 1 ]] && pass "a root made again is watched" || fail "kiwi: $(count kiwi)"
# A symlinked note: its target saved by rename (twice), and a link made later.
mkdir -p "$TMP/elsewhere"
printf '## What is a gnu?\nAn antelope.\n' >"$TMP/elsewhere/t.md"
ln -s "$TMP/elsewhere/t.md" "$ROOT/link.md"; settle
[[ $(count gnu) == 1 ]] && pass "a symlink made while watching is indexed" || fail "gnu: $(count gnu)"
for word in okapi oryx; do
  printf '## What is an %s?\nAn animal.\n' "$word" >"$TMP/elsewhere/t.tmp" && mv "$TMP/elsewhere/t.tmp" "$TMP/elsewhere/t.md"; settle
  [[ $(count "$word") == 1 ]] && pass "a symlink's target saved by rename: $word seen" || fail "$word: $(count "$word")"
done
printf '## What is an eland?\nAn antelope.\n' >>"$TMP/elsewhere/t.md"; settle
[[ $(count eland) == 1 ]] && pass "a symlink's target edited in place" || fail "eland: $(count eland)"
# A root added by another crib-index run was not watched.
mkdir -p "$TMP/more"
printf '## What is a gazelle?\nFast.\n' >"$TMP/more/g.md"
"$CRIB_INDEX" -q --wait --db "$DB" "$TMP/more"
sleep 0.5
printf '## What is an impala?\nAlso fast.\n' >>"$TMP/more/g.md"; settle
[[ $(count impala) == 1 ]] && pass "a root added by another crib-index is watched" || fail "impala: $(count impala)"
stop_watcher

# An edit made while the first update runs was lost.
DB=$TMP/db4
mkdir -p "$TMP/big"
python3 -c "
import sys
with open('$TMP/big/big.md', 'w') as f:
    for i in range(20000): f.write('## What is item %d?\nanswer words for item %d here\n\n' % (i, i))"
printf '## What is a tapir?\nA snout.\n' >"$TMP/big/a.md"
"$CRIB_INDEX" --db "$DB" --watch "$TMP/big" >"$TMP/watch.log" 2>&1 & watcher=$!
sleep 0.3
printf '## What is a platypus?\nLays eggs.\n' >"$TMP/big/a.md"
# Up to 60 s: the first update of 20,000 passages takes 17 s under ASan on 2 cores.
for _ in $(seq 1200); do [[ $(head -c1 "$DB.watch" 2>/dev/null) == F ]] && break; sleep 0.05; done
[[ $(count platypus) == 1 ]] && pass "an edit during the first update is indexed" || fail "platypus: $(count platypus) $(cat "$TMP/watch.log")"
stop_watcher

# New-user trial: a watcher on an index with nothing to index ran for ever
# (plain crib-index exits 2); a second watcher through a symlinked --db was
# allowed; its state file inside the notes was counted as an "other file".
expect_rc 2 timeout 10 "$CRIB_INDEX" --db "$TMP/empty" --watch
grep -q "no notes to index" "$TMP/err" && pass "--watch with nothing to index exits 2" || fail "empty: $(cat "$TMP/err")"
DB=$TMP/db5
start_watcher "$DB" "$NOTES"
ln -s "$DB" "$TMP/dblink"
expect_rc 2 timeout 10 "$CRIB_INDEX" --db "$TMP/dblink" --watch "$NOTES"
grep -q "another crib-index --watch" "$TMP/err" && pass "a second watcher through a symlink is refused" || fail "symlink: $(cat "$TMP/err")"
grep -q "watching the notes" "$TMP/err" && fail "a refused watcher said it was watching" || pass "a refused watcher does not say it watches"
# The index deleted under the watcher: it no longer vouches for it.
rm -rf "$DB"; sleep 0.3
[[ $(head -c1 "$DB.watch") != F ]] && pass "an index deleted under the watcher is not vouched for" || fail "still F after rm -rf"
# 27.5 ... and made again: the watcher watches it again and keeps it fresh
# (it went dead: 0 watches, state N, and a new watcher was refused).
"$CRIB_INDEX" --db "$DB" --rebuild "$NOTES" >/dev/null 2>&1
for _ in $(seq 100); do [[ $(head -c1 "$DB.watch") == F ]] && break; sleep 0.05; done
printf '## What is a bilby?\nA desert marsupial.\n' >"$NOTES/numbat.md"
for _ in $(seq 100); do [[ $(head -c1 "$DB.watch") == F ]] && "$CRIB" --db "$DB" --no-update -q bilby && break; sleep 0.05; done
[[ $("$CRIB" --db "$DB" --no-update -c bilby) == 1 ]] && grep -q "is back; watching it again" "$TMP/watch.log" &&
  pass "27.5 an index deleted and made again is watched again" || fail "27.5 remade index: $("$CRIB" --db "$DB" --no-update -c bilby 2>&1) $(head -c1 "$DB.watch") $(cat "$TMP/watch.log")"
stop_watcher
DB=$NOTES/index6
start_watcher "$DB" "$NOTES"
stop_watcher
expect_rc 0 "$CRIB_INDEX" --db "$DB" -v "$NOTES"
grep -q "index up to date" "$TMP/err" && ! grep -q "index6.watch" "$TMP/err" && pass "the watcher's state file is not an other file" ||
  fail "the state file is listed, or no summary: $(cat "$TMP/err")"

expect_rc 2 "$CRIB_INDEX" --watch --dump "$NOTES/a.md"
grep -q "not with --dump" "$TMP/err" && pass "--watch --dump refused" || fail "--watch --dump: $(cat "$TMP/err")"
# 27.14 Under a lowered limit the message quotes the limit in force, not the
# system-wide one: a user namespace allowing 3 watches, a tree of 6 folders.
mkdir -p "$TMP/many"/{a,b,c,d,e}
printf '## What is a quoll?\nA marsupial.\n' >"$TMP/many/a/q.md"
expect_rc 2 unshare -U -r sh -c 'echo 3 >/proc/sys/user/max_inotify_watches && exec "$0" --db "$1" --watch "$2"' \
  "$CRIB_INDEX" "$TMP/manydb" "$TMP/many"
grep -q "too many folders to watch: the kernel refused more after [0-3] watch(es) (this user namespace allows 3: user.max_inotify_watches" "$TMP/err" &&
  pass "27.14 the watch limit in force is quoted" || fail "27.14 limit: $(cat "$TMP/err")"
# Excluded folders were watched all the same: a node_modules left out by
# --exclude took one kernel watch per folder and woke the watcher at each write.
mkdir -p "$TMP/ex/notes" "$TMP/ex/node_modules"/p{1..40}/lib
printf '## What is a dingo?\nA wild dog.\n' >"$TMP/ex/notes/d.md"
"$CRIB_INDEX" --db "$TMP/exdb" --watch --exclude node_modules/ "$TMP/ex" >"$TMP/watch.log" 2>&1 & watcher=$!
for _ in $(seq 100); do [[ $(head -c1 "$TMP/exdb.watch" 2>/dev/null) == F ]] && break; sleep 0.05; done
watches=$(cat /proc/"$watcher"/fdinfo/* 2>/dev/null | grep -c '^inotify' || true)
(( watches > 0 && watches < 10 )) && pass "excluded folders are not watched ($watches watches)" || fail "$watches inotify watches for 3 folders and 81 excluded"
# A woken watcher says S (catching up) until its update is in.
states=""
printf '## What is a dhole?\nAnother wild dog.\n' >"$TMP/ex/node_modules/p1/README.md"
for _ in $(seq 30); do states+=$(head -c1 "$TMP/exdb.watch"); sleep 0.01; done
[[ $states != *S* ]] && pass "a write in an excluded folder does not wake the watcher" || fail "woke: states $states"
printf '## What is a dhole?\nAnother wild dog.\n' >"$TMP/ex/notes/h.md"; settle
[[ $("$CRIB" --db "$TMP/exdb" -c dhole 2>/dev/null) == 1 ]] && pass "a note beside the excluded folder is still found" || fail "dhole: $("$CRIB" --db "$TMP/exdb" -c dhole 2>&1)"
stop_watcher
# watches_of PID: the inotify watches the process holds.
watches_of() { cat /proc/"$1"/fdinfo/* 2>/dev/null | grep -c '^inotify' || true; }
# stays_fresh DB: the watcher of DB says F for 300 ms (a woken one says S).
stays_fresh() {
  local states=""
  for _ in $(seq 30); do states+=$(head -c1 "$1.watch"); sleep 0.01; done
  [[ $states != *S* ]] || { echo "states $states"; return 1; }
}
# An excluded note file in a watched folder (a README.md beside the notes, in
# the root and in a subfolder) was not filtered by the watcher's own events;
# and a watcher given no --exclude goes by the patterns the index remembers.
mkdir -p "$TMP/exf/sub"
printf '## What is a fennec?\nA small fox.\n' >"$TMP/exf/sub/f.md"
"$CRIB_INDEX" -q --db "$TMP/exfdb" --exclude README.md "$TMP/exf"
start_watcher "$TMP/exfdb" "$TMP/exf"
printf '## What is a fox?\nA canid.\n' >"$TMP/exf/README.md"
why=$(stays_fresh "$TMP/exfdb") && pass "a write to an excluded note in a root does not wake the watcher" || fail "root README woke it: $why"
printf '## What is a fox?\nA canid.\n' >"$TMP/exf/sub/README.md"
why=$(stays_fresh "$TMP/exfdb") && pass "a write to an excluded note in a subfolder does not wake the watcher" || fail "sub/README woke it: $why"
stop_watcher
# Patterns another crib-index run adds while the watcher runs are the
# watcher's too at that run's commit; and a folder renamed into an excluded
# name loses its watches and its passages at the update it wakes.
mkdir -p "$TMP/exr/notes" "$TMP/exr/lib"/p{1..20} "$TMP/exr/deps"/p{1..20}
printf '## What is a jackal?\nA canid.\n' >"$TMP/exr/notes/j.md"
printf '## What is a coyote?\nA canid.\n' >"$TMP/exr/lib/c.md"
start_watcher "$TMP/exrdb" "$TMP/exr"
before=$(watches_of "$watcher")
"$CRIB_INDEX" -q --wait --db "$TMP/exrdb" --exclude deps/ --exclude vendor/ "$TMP/exr"
for _ in $(seq 50); do (( $(watches_of "$watcher") < before - 15 )) && break; sleep 0.05; done
after=$(watches_of "$watcher")
(( after < before - 15 )) && pass "patterns added by another run unwatch what they exclude ($before -> $after watches)" ||
  fail "another run's --exclude deps/: $before -> $after watches"
mv "$TMP/exr/lib" "$TMP/exr/vendor"; sleep 0.5
for _ in $(seq 50); do [[ $(head -c1 "$TMP/exrdb.watch") == F ]] && break; sleep 0.05; done
moved=$(watches_of "$watcher")
(( moved < after - 15 )) && [[ $("$CRIB" --db "$TMP/exrdb" -c coyote 2>/dev/null) == 0 ]] &&
  pass "a folder renamed into an excluded name is unwatched and unindexed ($after -> $moved watches)" ||
  fail "renamed into vendor/: $after -> $moved watches, coyote $("$CRIB" --db "$TMP/exrdb" -c coyote 2>&1)"
why=$(printf '## What is a dingo?\nA wild dog.\n' >"$TMP/exr/vendor/d.md"; stays_fresh "$TMP/exrdb") &&
  pass "a write in a folder renamed into an excluded name does not wake the watcher" || fail "vendor/ woke it: $why"
stop_watcher
finish
