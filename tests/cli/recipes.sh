# The README's fzf, jq and Vim recipes, run as written (fzf in --filter mode).
source "$(dirname "$0")/lib.bash"
index_content
readme=$SRC/README.md
has() { grep -qF -- "$1" "$readme" && pass "README has: $1" || fail "README lacks: $1"; }
has "crib --format grep docker | fzf --delimiter : --preview 'crib --show {1}:{2}'"
has "crib --format json docker | jq -r '.hits[] | \"\(.file):\(.line) \(.question)\"'"
has "crib --format jsonl kubernetes | jq -r 'select(.kind == \"question\") | .id'"
has "crib --format json -n 0 aws | jq '.facets.topic'"
has 'vim -q <(crib --vimgrep docker)'
PATH=$(dirname "$CRIB"):$PATH
if need fzf; then
  line=$(crib --format grep docker | fzf --filter lifecycle | head -1)
  [[ $line == content/qt-interview.txt:63:* ]] && pass "fzf picks a grep line" || fail "fzf: $line"
  f1=${line%%:*}; rest=${line#*:}; f2=${rest%%:*}
  crib --show "$f1:$f2" | grep -q "lifecycle of a Docker container" && pass "fzf preview command" || fail "preview"
fi
if need jq; then
  crib --format json docker | jq -r '.hits[] | "\(.file):\(.line) \(.question)"' | head -1 | grep -q '^content/.*:[0-9]* ' \
    && pass "jq hits" || fail "jq hits"
  [[ $(crib --format jsonl kubernetes | jq -r 'select(.kind == "question") | .id' | wc -l) -ge 1 ]] && pass "jq jsonl" || fail "jq jsonl"
  crib --format json -n 0 aws | jq -e '.facets.topic.aws > 0' >/dev/null && pass "jq facets" || fail "jq facets"
fi
crib --vimgrep docker | head -1 | grep -qE '^content/[^:]+:[0-9]+:1:' && pass "vimgrep" || fail "vimgrep"
finish
