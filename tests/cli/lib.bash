# Shared helpers for CLI tests (sourced; not a test itself).
set -euo pipefail
: "${CRIB:?}" "${CRIB_INDEX:?}" "${SRC:?}"
cd "$SRC"
CRIB=$(realpath "$CRIB") CRIB_INDEX=$(realpath "$CRIB_INDEX")
TMP=$(mktemp -d /tmp/crib-cli-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export CRIB_DB=$TMP/db XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
unset NO_COLOR VISUAL EDITOR LESS
export PAGER=cat # the pager test sets its own
export TERM=xterm
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }
# expect_rc WANT CMD... : run CMD, compare its exit status
expect_rc() {
  local want=$1; shift
  local rc=0
  "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
  if [[ $rc == "$want" ]]; then pass "rc $want: $*"; else fail "rc $rc (want $want): $* :: $(head -c 300 "$TMP/err")"; fi
}
# expect_out WANT CMD... : expect_rc, and CMD printed something on stdout (a
# check that reads $TMP/out after it cannot pass on a binary that printed nothing)
expect_out() {
  expect_rc "$@"
  [[ -s $TMP/out ]] || fail "printed nothing: ${*:2}"
}
# golden NAME: compare $TMP/out with tests/golden/NAME (UPDATE_GOLDEN=1 rewrites it)
golden() {
  local g=$SRC/tests/golden/$1
  if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then cp "$TMP/out" "$g"; pass "golden $1 updated"; return; fi
  if diff -u "$g" "$TMP/out" >"$TMP/diff"; then pass "golden $1"; else fail "golden $1 differs:"; head -40 "$TMP/diff" >&2; fi
}
# need TOOL...: scripts/setup --test installs every tool the suite uses, so a
# missing one is a failure of the set-up, never a reason to pass unchecked.
need() {
  local t missing=0
  for t in "$@"; do command -v "$t" >/dev/null || { fail "$t is not installed (scripts/setup --test installs it)"; missing=1; }; done
  return $missing
}
index_content() { "$CRIB_INDEX" -q --rebuild content/ ; }
finish() { if ((fails)); then echo "$fails failure(s)" >&2; exit 1; fi; echo "all ok"; }
