# Parser quality on the public corpora (skipped when ../shared/corpora is absent):
# questions found on their start line (recall) and false questions, against
# the line lists in tests/corpora/expected/ that a careful reader made.
source "$(dirname "$0")/lib.bash"
[[ -d "${CORPORA:-}" ]] || { echo "skip: no corpora at ${CORPORA:-?}"; exit 77; }
MIN_RECALL=${MIN_RECALL:-0.97}
MAX_FALSE=${MAX_FALSE:-0.03}
for exp in tests/corpora/expected/*.lines; do
  base=$(basename "$exp" .lines)
  folder=${base%__*}; file=${base##*__}
  path=$CORPORA/$folder/$file
  [[ -f $path ]] || { fail "missing $path"; continue; }
  "$CRIB_INDEX" --dump --format json "$path" 2>/dev/null |
    python3 -c 'import json,sys; [print(p["line"]) for p in map(json.loads, sys.stdin) if p["kind"] == "question"]' |
    sort -n >"$TMP/found"
  sort -n "$exp" >"$TMP/want"
  want=$(wc -l <"$TMP/want"); found=$(wc -l <"$TMP/found")
  hit=$(comm -12 "$TMP/want" "$TMP/found" | wc -l)
  false=$((found - hit))
  read -r recall frate ok < <(python3 -c "
w,f,h=$want,$found,$hit
r = h/w if w else 1.0
fr = (f-h)/f if f else 0.0
print(f'{r:.3f} {fr:.3f} {int(r >= $MIN_RECALL and fr <= $MAX_FALSE)}')")
  printf '%-70s want %4d found %4d recall %s false %s\n' "$base" "$want" "$found" "$recall" "$frate"
  [[ $ok == 1 ]] || fail "$base below the bar"
done
finish
