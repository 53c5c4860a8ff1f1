# Several indexes searched as one (--db A --db B, config dbs), and a remote
# index served by xapian-tcpsrv on 127.0.0.1.
source "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/mine" "$TMP/team"
printf '## What is a pod?\nThe smallest deployable unit of Kubernetes.\n\n## What is a volume?\nStorage for a pod.\n' >"$TMP/mine/k8s.md"
printf '## What is a pod disruption budget?\nLimits voluntary disruptions of pods.\n\n## What is terraform state?\nA map of resources.\n' >"$TMP/team/ops.md"
"$CRIB_INDEX" -q --db "$TMP/mine-db" "$TMP/mine"
"$CRIB_INDEX" -q --db "$TMP/team-db" "$TMP/team"
both=(--db "$TMP/mine-db" --db "$TMP/team-db")

# ranks, totals, facets and ids over both
expect_rc 0 "$CRIB" --no-update "${both[@]}" --format json pod
[[ $(jq '.total' "$TMP/out") == 3 ]] && pass "total counts both indexes" || fail "total: $(cat "$TMP/out")"
# (k8s.md names a subject: every passage of it is about kubernetes)
[[ $(jq -c '.facets.topic' "$TMP/out") == '{"kubernetes":3,"storage":1}' ]] && pass "facets sum both" || fail "facets: $(jq -c .facets "$TMP/out")"
ids=$(jq -r '.hits[].id' "$TMP/out" | sort | tr '\n' ' ')
[[ $ids == "1:$TMP/mine/k8s.md:1 1:$TMP/mine/k8s.md:4 2:$TMP/team/ops.md:1 " ]] &&
  pass "ids name their index" || fail "ids: $ids"
[[ $(jq -r '.hits[] | select(.id | startswith("2:")) | .index' "$TMP/out") == "$TMP/team-db" ]] &&
  pass "JSON index field" || fail "index field: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update "${both[@]}" --show "2:$TMP/team/ops.md:1"
grep -q "disruption budget" "$TMP/out" && pass "--show N:id" || fail "--show N:id: $(cat "$TMP/out" "$TMP/err")"
expect_rc 0 "$CRIB" --no-update "${both[@]}" --show "$TMP/team/ops.md:4"
grep -q "terraform state" "$TMP/out" && pass "--show a bare id found in the second index" || fail "bare id: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update --db "$TMP/mine-db" --format json pod
[[ $(jq -r '.hits[0].id' "$TMP/out") == "$TMP/mine/k8s.md:1" && $(jq '.hits[0] | has("index")' "$TMP/out") == false ]] &&
  pass "one index: ids and JSON as before" || fail "single: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update "${both[@]}" --topics
[[ $(cat "$TMP/out") == $'kubernetes\t3\nstorage\t1\nterraform\t1' ]] && pass "--topics sums both" || fail "--topics: $(cat "$TMP/out")"

# the config's dbs are searched along with db; --db replaces both
mkdir -p "$XDG_CONFIG_HOME/crib"
printf 'db = %s\ndbs = %s\n' "$TMP/mine-db" "$TMP/team-db" >"$XDG_CONFIG_HOME/crib/config"
expect_rc 0 env -u CRIB_DB "$CRIB" --no-update -c pod
[[ $(cat "$TMP/out") == 3 ]] && pass "config dbs searched with db" || fail "config dbs: $(cat "$TMP/out" "$TMP/err")"
expect_rc 0 env -u CRIB_DB "$CRIB" --no-update --db "$TMP/team-db" -c pod
[[ $(cat "$TMP/out") == 1 ]] && pass "--db replaces the config's indexes" || fail "--db over config: $(cat "$TMP/out")"
rm "$XDG_CONFIG_HOME/crib/config"

# a remote index through xapian-tcpsrv, searched with a local one
need xapian-tcpsrv || { finish; exit 1; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# In its own process group: xapian-tcpsrv forks, and the group is stopped whole.
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$TMP/team-db" >"$TMP/srv.log" 2>&1 </dev/null &
srv=$!
stop_server() { kill -TERM -- -"$srv" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do # until it listens
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
remote=(--db "$TMP/mine-db" --db "tcp://127.0.0.1:$port")
expect_rc 0 "$CRIB" "${remote[@]}" --format json pod
[[ $(jq '.total' "$TMP/out") == 3 && $(jq -c '.facets.topic' "$TMP/out") == '{"kubernetes":3,"storage":1}' ]] &&
  pass "local + remote: total and facets" || fail "remote: $(cat "$TMP/out" "$TMP/err")"
[[ $(jq -r '.hits[] | select(.index == "tcp://127.0.0.1:'"$port"'") | .question' "$TMP/out") == "What is a pod disruption budget?" ]] &&
  pass "remote hit named by its index" || fail "remote hit: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" "${remote[@]}" --show "2:$TMP/team/ops.md:4"
grep -q "terraform state" "$TMP/out" && pass "--show from the remote index" || fail "remote --show: $(cat "$TMP/out" "$TMP/err")"
expect_rc 2 env EDITOR=true "$CRIB" "${remote[@]}" --open disruption
grep -q "is in the remote index .*--open works on local indexes" "$TMP/err" && pass "--open on a remote hit explains" ||
  fail "remote --open: $(cat "$TMP/err")"
# -w, -F and --sort file failed with Xapian's "MatchDecider/KeyMaker not
# supported for the remote backend": a plain message instead.
for opt in -w -F "--sort file"; do
  expect_rc 2 "$CRIB" "${remote[@]}" $opt pod
  grep -q "need local indexes" "$TMP/err" && pass "remote $opt explains" || fail "remote $opt: $(cat "$TMP/err")"
done
# 27.15 Over a remote index synonyms and wildcards silently found less
# (statefulset 3 hits locally, 2 remotely; decorat* 2 and 0): said now.
expect_rc 0 "$CRIB" "${remote[@]}" --format json k8s
grep -q "^crib: a remote index has no synonyms: k8s searched as typed" "$TMP/err" &&
  pass "27.15 a remote index without synonyms says so" || fail "27.15 synonyms: $(cat "$TMP/err")"
expect_rc 0 "$CRIB" "${remote[@]}" -c 'pod*'
grep -q "^crib: a remote index has no spelling table: a wildcard finds" "$TMP/err" &&
  pass "27.15 a remote wildcard says what it misses" || fail "27.15 wildcard: $(cat "$TMP/err")"
expect_rc 0 "$CRIB" --db "$TMP/mine-db" -c k8s
[[ ! -s "$TMP/err" ]] && pass "27.15 a local index: no such note" || fail "27.15 local: $(cat "$TMP/err")"
# 27.8 A remote index cost one round trip per matching passage when counting:
# over a 10 ms link `crib -c aws` (1,456 matches) took 28 s, a 10-hit page
# 36 s.  Now the match carries each passage's duplicate key and topics (one
# request), snippets weigh only the query's words, and related questions
# are left out (said on stderr).  Here: 400 passages behind a 40 ms link.
mkdir -p "$TMP/many"
for i in $(seq 400); do printf '## What is pod setting %s?\n\nA pod setting, number %s.\n\n' "$i" "$i"; done >"$TMP/many/pods.md"
# passages of equal weight for -t alone, whose topics sort before the others'
printf '## What is a pod sorting algorithm?\n\nA pod algorithm.\n' >"$TMP/many/zz.md"
"$CRIB_INDEX" -q --db "$TMP/many-db" --rebuild "$TMP/many"
port2=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
slow=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port2" "$TMP/many-db" >"$TMP/srv2.log" 2>&1 </dev/null &
srv2=$!
setsid python3 "$SRC/tests/cli/delay_proxy.py" "$slow" "$port2" 0.02 >"$TMP/proxy.log" 2>&1 </dev/null &
proxy=$!
trap 'stop_server; kill -TERM -- -"$srv2" -"$proxy" 2>/dev/null || true; rm -rf "$TMP"' EXIT
for p in "$port2" "$slow"; do
  for _ in $(seq 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $p), 0.2)" 2>/dev/null && break
    sleep 0.1
  done
done
ms() { local s e; s=$(date +%s%N); "$@" >"$TMP/out" 2>"$TMP/err"; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
t=$(ms "$CRIB" --db "tcp://127.0.0.1:$slow" -c pod)
[[ $(cat "$TMP/out") == 401 ]] && ((t < 4000)) && pass "27.8 -c over a 40 ms link: 401 in $t ms" ||
  fail "27.8 -c over a slow link: $(cat "$TMP/out") in $t ms $(head -c 200 "$TMP/err")"
t=$(ms "$CRIB" --db "tcp://127.0.0.1:$slow" --format json -n 10 pod)
"$CRIB" --db "$TMP/many-db" --no-update --format json -n 10 pod >"$TMP/local.json"
# 400 passages of equal weight: the order of ties (and which copy is shown)
# must be the local one too.
page='[.total, .facets, [.hits[] | .id | sub("^.*/"; "")], [.hits[] | .also_in | length]]'
[[ $(jq '.total' "$TMP/local.json") == 401 && $(jq -c "$page" "$TMP/out") == "$(jq -c "$page" "$TMP/local.json")" ]] && ((t < 6000)) &&
  pass "27.8 a 10-hit page over a 40 ms link in $t ms: total, facets and hits as locally" ||
  fail "27.8 page over a slow link in $t ms: $(jq -c "$page" "$TMP/out" 2>&1) vs $(jq -c "$page" "$TMP/local.json") $(head -c 200 "$TMP/err")"
tie='[.hits[] | .id | sub("^.*/"; "")]'
"$CRIB" --db "tcp://127.0.0.1:$port2" --format json -n 5 -t kubernetes >"$TMP/remote-t.json" 2>/dev/null
"$CRIB" --db "$TMP/many-db" --no-update --format json -n 5 -t kubernetes >"$TMP/local-t.json"
[[ -s $TMP/local-t.json && $(jq -c "$tie" "$TMP/remote-t.json") == "$(jq -c "$tie" "$TMP/local-t.json")" ]] &&
  pass "27.8 -t alone (every weight equal): the remote order of ties is the local one" ||
  fail "27.8 ties: $(jq -c "$tie" "$TMP/remote-t.json" 2>&1) vs $(jq -c "$tie" "$TMP/local-t.json" 2>&1)"
grep -q "^crib: related questions are not looked up over a remote index" "$TMP/err" &&
  pass "27.8 related questions left out over a remote index, said" || fail "27.8 related note: $(cat "$TMP/err")"
kill -TERM -- -"$srv2" -"$proxy" 2>/dev/null || true
stop_server
for _ in $(seq 50); do # until it stopped listening
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null || break
  sleep 0.1
done
expect_rc 2 "$CRIB" "${remote[@]}" pod
grep -q "cannot reach the index tcp://127.0.0.1:$port" "$TMP/err" && pass "remote down: named" || fail "remote down: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" --db "tcp://[::1]:$port" pod
grep -q "IPv4 addresses and host names, not IPv6" "$TMP/err" && pass "IPv6 remote named as unsupported" || fail "ipv6: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" --db "tcp://nohostport" pod
grep -q "bad remote index" "$TMP/err" && pass "bad tcp spec named" || fail "bad spec: $(cat "$TMP/err")"
# Paths that do not open: two indexes each built with "crib-index ." in its own
# folder stored "./x.md" and "./y.md", and every path was resolved against the first
# index's root ("a/y.md", so --open would create an empty file).
mkdir -p "$TMP/two/a" "$TMP/two/b"
printf '## What is alpha?\nAlpha answer.\n' >"$TMP/two/a/x.md"
printf '## What is beta?\nBeta answer.\n' >"$TMP/two/b/y.md"
(cd "$TMP/two/a" && CRIB_DB="$TMP/two/dba" "$CRIB_INDEX" -q .)
(cd "$TMP/two/b" && CRIB_DB="$TMP/two/dbb" "$CRIB_INDEX" -q .)
(cd "$TMP/two" && "$CRIB" --no-update --db dba --db dbb --format grep alpha OR beta) >"$TMP/out"
[[ $(sort "$TMP/out" | tr '\n' '|') == "a/x.md:1:What is alpha?|b/y.md:1:What is beta?|" ]] &&
  pass "several '.' roots: each path from its own index" || fail "two roots: $(cat "$TMP/out")"
(cd "$TMP/two" && EDITOR=echo "$CRIB" --no-update --db dba --db dbb --open beta) >"$TMP/out"
[[ $(cat "$TMP/out") == "+1 b/y.md" ]] && pass "--open opens the file of the second index" || fail "--open two roots: $(cat "$TMP/out")"
# A file of the same name in both folders went to the first index's folder.
printf '## What is gamma?\nGamma answer.\n' >"$TMP/two/a/y.md"
(cd "$TMP/two/a" && CRIB_DB="$TMP/two/dba" "$CRIB_INDEX" -q .)
(cd "$TMP/two" && "$CRIB" --no-update --db dba --db dbb -l beta) >"$TMP/out"
[[ $(cat "$TMP/out") == "b/y.md" ]] && pass "same file name in two indexes: each its own" || fail "same name: $(cat "$TMP/out")"
(cd "$TMP/two" && EDITOR=echo "$CRIB" --no-update --db dba --db dbb --open beta) >"$TMP/out"
[[ $(cat "$TMP/out") == "+1 b/y.md" ]] && pass "--open: the same name in the right folder" || fail "--open same name: $(cat "$TMP/out")"
finish
