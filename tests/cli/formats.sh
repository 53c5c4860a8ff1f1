# Golden outputs for every format (UPDATE_GOLDEN=1 to rewrite after an intended change).
source "$(dirname "$0")/lib.bash"
index_content
# run ARGS...: each golden run must exit 0 and print something; a crib that
# fails or prints nothing fails here, not only where a golden differs.
run() {
  local rc=0
  "$CRIB" --no-update "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
  [[ $rc == 0 ]] || fail "rc $rc: crib $* :: $(head -c 300 "$TMP/err")"
  [[ -s $TMP/out ]] || fail "crib $* printed nothing"
}
run --format plain statefulset;                 golden plain-statefulset.txt
run --format human --color never -n 3 autoscaling; golden human-nocolor-autoscaling.txt
run --format human --color always -n 3 autoscaling; golden human-color-autoscaling.txt
run --format grep docker;                       golden grep-docker.txt
run --vimgrep docker;                           golden vimgrep-docker.txt
run --format json -n 3 statefullset;            golden json-statefullset.json
run --format jsonl -n 3 k8s;                    golden jsonl-k8s.jsonl
run -l docker;                                  golden files-docker.txt
run -c docker;                                  golden count-docker.txt
run --format plain --full -n 1 "copy from ec2 into s3"; golden full-copy-ec2-s3.txt
run --show content/qt-interview.txt:7 --color never; golden show-qt-7.txt
run --topics;                                   golden topics.txt
"$CRIB_INDEX" --dump content/ >"$TMP/out";      golden dump-content.txt
"$CRIB_INDEX" --dump --format json content/qt-interview.txt >"$TMP/out"; golden dump-qt.jsonl
# grep-format lines point at the question line of the file
run --format grep docker
[[ $(wc -l <"$TMP/out") -ge 5 ]] || fail "grep docker listed $(wc -l <"$TMP/out") lines"
while IFS=: read -r f l q; do
  line=$(sed -n "${l}p" "$f")
  [[ -n "$line" ]] || fail "grep line $f:$l is empty"
done <"$TMP/out"
pass "grep lines point into files"
# -0 ends paths with NUL
run -l -0 docker; tr '\0' '\n' <"$TMP/out" >"$TMP/nul-lines"
run -l docker
[[ $(grep -c . "$TMP/out") -ge 1 ]] && diff "$TMP/nul-lines" "$TMP/out" >/dev/null && pass "-0" || fail "-0: $(cat "$TMP/nul-lines")"
# no escapes in a pipe unless asked
run docker
grep -q $'\033' "$TMP/out" && fail "escape in pipe" || pass "no escapes in a pipe"
run --color always docker
grep -q $'\033' "$TMP/out" && pass "--color always" || fail "--color always"
# Coloured grep lines name the file as plain ones do, from any folder (the
# coloured branch once printed the stored path: "content/x.txt" inside content/).
(cd content && "$CRIB" --no-update --format grep --color always docker) | sed 's/\x1b\[[0-9;]*m//g' >"$TMP/grep-color"
(cd content && "$CRIB" --no-update --format grep --color never docker) >"$TMP/grep-plain"
[[ -s $TMP/grep-plain ]] && grep -q '^qt-interview.txt:' "$TMP/grep-plain" && diff "$TMP/grep-plain" "$TMP/grep-color" >/dev/null &&
  pass "coloured grep paths as shown" || fail "coloured grep paths: $(diff "$TMP/grep-plain" "$TMP/grep-color" | head -5)"
NO_COLOR=1 run --format human docker
grep -q $'\033' "$TMP/out" && fail "NO_COLOR ignored" || pass "NO_COLOR"
finish
