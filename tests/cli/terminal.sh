# Terminal output as a person sees it, in a real terminal (tmux, 80 columns):
# colour, wrapping at 80 columns, the pager (a stub PAGER) and --no-pager.
source "$(dirname "$0")/lib.bash"
need tmux || finish # scripts/setup --test installs tmux: without it this test fails
index_content
SOCK=$TMP/tmux.sock
trap 'tmux -S "$SOCK" kill-server 2>/dev/null || true; rm -rf "$TMP"' EXIT
# One idle session for the whole test: without it the server exits with the
# last window run_tty kills, and the next new-session could reach the exiting
# server ("server exited unexpectedly": twice in the mutation runs of issue 28).
tmux -S "$SOCK" new-session -d -s keep "sleep 3600"
# run_tty NAME CMD: run CMD in a fresh 80x24 tmux window, wait for it to end,
# leave the screen and its scrollback in $TMP/NAME.plain (and with escapes in
# $TMP/NAME.screen).
run_tty() {
  local name=$1 cmd=$2
  tmux -S "$SOCK" new-session -d -s "$name" -x 80 -y 24 \
    "cd '$SRC' && $cmd; echo __DONE__; sleep 60"
  for _ in $(seq 1 100); do
    tmux -S "$SOCK" capture-pane -p -S - -t "$name" >"$TMP/$name.plain"
    grep -q __DONE__ "$TMP/$name.plain" && break
    sleep 0.1
  done
  tmux -S "$SOCK" capture-pane -p -e -S - -t "$name" >"$TMP/$name.screen"
  tmux -S "$SOCK" kill-session -t "$name"
}
printf '#!/bin/sh\necho "PAGED LESS=$LESS"; cat\n' >"$TMP/pager"
chmod +x "$TMP/pager"

run_tty colour "PAGER=cat '$CRIB' --no-update -n 3 docker"
grep -q $'\033\[' "$TMP/colour.screen" && pass "colour in a terminal" || fail "no colour in tmux"
grep -q "__DONE__" "$TMP/colour.plain" || fail "crib did not finish in tmux"
widest=$(wc -L <"$TMP/colour.plain") # display columns, not bytes
((widest <= 80)) && pass "nothing wider than 80 columns" || fail "a line of $widest columns"
grep -qE '^    [a-zA-Z…]' "$TMP/colour.plain" && pass "snippets indented under their header" || fail "snippet indent"
grep -q "3 of [0-9]* matches" "$TMP/colour.plain" && pass "count line" || fail "count line: $(cat "$TMP/colour.plain")"

# A header too long for 80 columns: question first, file:line below it.
mkdir -p "$TMP/deep/a/rather/long/folder/path/for/some/notes"
printf '## Why does my pod stay pending forever in the cluster?\nNo node has room.\n' \
  >"$TMP/deep/a/rather/long/folder/path/for/some/notes/kubernetes-troubleshooting.md"
CRIB_DB=$TMP/deepdb "$CRIB_INDEX" -q "$TMP/deep"
run_tty header "CRIB_DB=$TMP/deepdb PAGER=cat '$CRIB' --no-update pending"
grep -q "^Why does my pod stay pending forever in the cluster?" "$TMP/header.plain" &&
  pass "long header: question first" || fail "long header: $(head -3 "$TMP/header.plain")"
[[ $(tr -d '\n' <"$TMP/header.plain") == *"?    $TMP/deep/a/rather/long/folder/path/for/some/notes/kubernetes-troubleshooting.md:1"* ]] &&
  pass "long header: file:line below" || fail "long header path: $(head -3 "$TMP/header.plain")"

# The pager: long output goes through $PAGER with LESS=FRX; short output and --no-pager do not.
run_tty paged "PAGER='$TMP/pager' '$CRIB' --no-update docker"
grep -q "^PAGED LESS=FRX" "$TMP/paged.plain" && pass "long output paged" || fail "not paged: $(head -2 "$TMP/paged.plain")"
run_tty short "PAGER='$TMP/pager' '$CRIB' --no-update -n 1 --no-related statefulset"
grep -q "PAGED" "$TMP/short.plain" && fail "short output paged" || pass "short output not paged"
run_tty nopager "PAGER='$TMP/pager' '$CRIB' --no-update --no-pager docker"
grep -q "PAGED" "$TMP/nopager.plain" && fail "--no-pager paged" || pass "--no-pager"
run_tty show "PAGER='$TMP/pager' '$CRIB' --no-update --full -n 30 docker"
grep -q "^PAGED" "$TMP/show.plain" && pass "--full paged" || fail "--full not paged"

# -i: fzf lists the hits with the whole passage as preview; Enter opens the editor at the line.
if need fzf; then
  tmux -S "$SOCK" new-session -d -s pick -x 120 -y 30 \
    "cd '$SRC' && EDITOR=echo '$CRIB' --no-update -i statefulset; echo __DONE__; sleep 60"
  for _ in $(seq 1 50); do
    tmux -S "$SOCK" capture-pane -p -t pick >"$TMP/pick.plain"
    grep -q "A StatefulSet is" "$TMP/pick.plain" && break
    sleep 0.1
  done
  grep -q "crib> " "$TMP/pick.plain" && grep -q "A StatefulSet is" "$TMP/pick.plain" &&
    pass "-i: fzf with the passage as preview" || fail "-i screen: $(cat "$TMP/pick.plain")"
  tmux -S "$SOCK" send-keys -t pick Enter
  for _ in $(seq 1 50); do
    tmux -S "$SOCK" capture-pane -p -t pick >"$TMP/pick.plain"
    grep -q __DONE__ "$TMP/pick.plain" && break
    sleep 0.1
  done
  grep -q "^+7 content/qt-interview.txt" "$TMP/pick.plain" && pass "-i: Enter opens the editor at the line" ||
    fail "-i enter: $(cat "$TMP/pick.plain")"
  tmux -S "$SOCK" kill-session -t pick
fi

# At 40 columns the quiz's last line was cut mid-word by the terminal
# ("..., eas" / "y 0"): it is wrapped between words.
tmux -S "$SOCK" new-session -d -s narrow -x 40 -y 24 \
  "cd '$SRC' && printf '3\\n3\\nq\\n' | '$CRIB' --no-update --reviews '$TMP/narrow.sqlite' quiz --new 1 docker; echo __DONE__; sleep 60"
for _ in $(seq 1 100); do
  tmux -S "$SOCK" capture-pane -p -S - -t narrow >"$TMP/narrow.plain"
  grep -q __DONE__ "$TMP/narrow.plain" && break
  sleep 0.1
done
tmux -S "$SOCK" kill-session -t narrow
grep -A1 "^answered 1: " "$TMP/narrow.plain" | tr '\n' '|' | grep -qE '^answered 1: [^|]*[0-9,]\|[a-z]+ [0-9]' &&
  pass "quiz summary wrapped between words at 40 columns" || fail "quiz at 40 columns: $(cat "$TMP/narrow.plain")"
finish
