#!/usr/bin/env bash
# tests/mutants.sh - does the suite catch small bugs?  A mutation run.
#
# Each mutation in tests/mutants.list (a plausible one-line bug in a core
# file) is put into a copy of the sources, one at a time; the copy is built
# incrementally and the tests run (the mutation's `test:` filter, else all of
# CTest but the fuzz drivers, which look for crashes, not wrong answers, and
# are not rebuilt).  A test that fails, and fails again when run alone, kills
# the mutation; a mutation every test passes survives (a failure that does
# not repeat, a flaky test, runs the tests once more).  The copy is reverted after each one, also when the run is
# stopped, and checked clean at the end.  Not run by CTest or CI (a full run
# takes about an hour on two cores): run it, under nice, before stopping work
# on a file the list covers, and add a test for each new survivor.
#
#   nice -n 15 tests/mutants.sh                    every mutation
#   nice -n 15 tests/mutants.sh reviews spelling   those whose file names a word
#
# The copy is a git clone of the checkout's HEAD in build-mutants/src (plus
# the uncommitted changes to tracked files, committed there), built in
# build-mutants/build; the checkout itself is never written.  Exit status: 0
# when every mutation applied and built and every survivor is explained as
# equivalent (`why:`); 1 otherwise; 2 on a usage or set-up error.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIST=${CRIB_MUTANTS_LIST:-$ROOT/tests/mutants.list}
WORK=${CRIB_MUTANTS_DIR:-$ROOT/build-mutants}
SRC=$WORK/src
BUILD=$WORK/build
JOBS=${CRIB_MUTANTS_JOBS:-2}
TIMEOUT=${CRIB_MUTANTS_TIMEOUT:-300} # seconds per test: a mutation may loop forever

die() { echo "mutants: $*" >&2; exit 2; }

# --- the list ----------------------------------------------------------------
# Blocks of "key: value" lines, each starting with file:.  A block may hold
# several from:/to: pairs (one bug over two lines); each `from` must occur
# once in the file, or is taken at its first occurrence after the after:
# snippet (which must occur once).
US=$'\x1f' # joins the pairs of a block
M_FILE=() M_AFTER=() M_FROM=() M_TO=() M_TEST=() M_WHY=()
parse_list() {
  local line key val n=-1 no=0 froms=() tos=()
  while IFS= read -r line || [[ -n $line ]]; do
    no=$((no + 1))
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line == *:* ]] || die "$LIST:$no: not a 'key: value' line: $line"
    key=${line%%:*} val=${line#*:}
    val=${val#"${val%%[![:space:]]*}"} # the snippet starts at its first non-blank
    if [[ $key == file ]]; then
      n=$((n + 1))
      M_FILE[n]=$val M_AFTER[n]= M_FROM[n]= M_TO[n]= M_TEST[n]= M_WHY[n]= froms[n]=0 tos[n]=0
      continue
    fi
    ((n >= 0)) || die "$LIST:$no: '$key:' before the first 'file:'"
    case $key in
      after) M_AFTER[n]=$val ;;
      from) ((froms[n]++)) && M_FROM[n]+=$US; M_FROM[n]+=$val ;;
      to) ((tos[n]++)) && M_TO[n]+=$US; M_TO[n]+=$val ;;
      test) M_TEST[n]=$val ;;
      why) M_WHY[n]=$val ;;
      *) die "$LIST:$no: unknown key '$key'" ;;
    esac
  done <"$LIST"
  local i
  for i in "${!M_FILE[@]}"; do
    ((froms[i] > 0 && froms[i] == tos[i])) ||
      die "$LIST: mutation $((i + 1)) (${M_FILE[i]}) needs one to: per from:"
    [[ ${M_FROM[i]} != "${M_TO[i]}" ]] || die "$LIST: mutation $((i + 1)) changes nothing"
  done
}

# --- the copy ----------------------------------------------------------------
current="" # the file a mutation is in right now, if any
revert() {
  [[ -n $current ]] || return 0
  git -C "$SRC" checkout -q -- "$current"
  current=""
}
trap 'revert' EXIT
trap 'revert; echo "mutants: stopped" >&2; exit 130' INT TERM

prepare_copy() {
  mkdir -p "$WORK"
  [[ -d $SRC/.git ]] || git clone -q --shared --no-checkout "$ROOT" "$SRC"
  git -C "$SRC" fetch -q "$ROOT" HEAD
  git -C "$SRC" checkout -q -f --detach FETCH_HEAD
  commit=$(git -C "$SRC" rev-parse --short HEAD)
  # Uncommitted changes to tracked files are part of what is tested.
  if ! git -C "$ROOT" diff --quiet HEAD; then
    git -C "$ROOT" diff --binary HEAD | git -C "$SRC" apply --whitespace=nowarn
    git -C "$SRC" -c user.name=mutants -c user.email=mutants@localhost commit -q -a -m "uncommitted changes"
    commit="$commit + uncommitted changes"
  fi
  # ../shared/corpora as the checkout sees it, for the tests that read it.
  if [[ -d $ROOT/../shared && ! -e $WORK/shared ]]; then ln -s "$(cd "$ROOT/../shared" && pwd)" "$WORK/shared"; fi
  cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
}

build() { cmake --build "$BUILD" -j "$JOBS" --target crib crib-index crib_unit_tests >"$WORK/build.log" 2>&1; }

# run_tests [FILTER]: 0 when every selected test passes.
run_tests() {
  local args=(--test-dir "$BUILD" -j "$JOBS" --timeout "$TIMEOUT" --stop-on-failure -E '^fuzz_')
  [[ -n ${1:-} ]] && args+=(-R "$1")
  ctest "${args[@]}" >"$WORK/ctest.log" 2>&1
}

# first_failure: "NUMBER NAME" of the first test ctest.log lists as failed.
first_failure() {
  sed -nE 's/^[[:space:]]+([0-9]+) - (.*) \([A-Za-z ]+\)$/\1 \2/p' "$WORK/ctest.log" | head -1
}

# killed_by FILTER: the tests failed; prints the test that kills the
# mutation (a failure that repeats), or fails when none does.
killed_by() {
  local f n
  for _ in 1 2; do
    f=$(first_failure)
    n=${f%% *}
    [[ -n $n ]] || { echo "a failing test"; return 0; }
    if ! ctest --test-dir "$BUILD" --timeout "$TIMEOUT" -I "$n,$n" >"$WORK/ctest-again.log" 2>&1; then
      echo "${f#* }"
      return 0
    fi
    echo "note: '${f#* }' failed once only; the tests run again" >&2
    run_tests "$1" && return 1
  done
  echo "${f#* } (failed twice, not alone)"
}

# mutate FILE AFTER FROMS TOS: puts the mutation in; prints its first line.
mutate() {
  python3 - "$SRC/$1" "$2" "$3" "$4" <<'PY'
import sys
path, after, olds, news = sys.argv[1:5]
text = open(path, encoding="utf-8").read()
base = 0
if after:
    if text.count(after) != 1:
        sys.exit(f"after: {after!r} occurs {text.count(after)} times")
    base = text.index(after)
first = None
for old, new in zip(olds.split("\x1f"), news.split("\x1f")):
    if not after and text.count(old) != 1:
        sys.exit(f"{old!r} occurs {text.count(old)} times")
    at = text.find(old, base)
    if at < 0:
        sys.exit(f"{old!r} not found after {after!r}")
    text = text[:at] + new + text[at + len(old):]
    line = text.count("\n", 0, at) + 1
    first = line if first is None else min(first, line)
open(path, "w", encoding="utf-8").write(text)
print(first)
PY
}

# --- the run -----------------------------------------------------------------
[[ -f $LIST ]] || die "no list at $LIST"
parse_list
selected=()
for i in "${!M_FILE[@]}"; do
  if (($# == 0)); then selected+=("$i"); continue; fi
  for w in "$@"; do [[ ${M_FILE[i]} == *"$w"* ]] && { selected+=("$i"); break; }; done
done
((${#selected[@]})) || die "no mutation in $LIST names a file with: $*"

prepare_copy
echo "mutants: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, ${#selected[@]} mutation(s) from ${LIST#"$ROOT"/}"
build || { tail -30 "$WORK/build.log" >&2; die "the unmutated copy does not build"; }
run_tests || { tail -30 "$WORK/ctest.log" >&2; die "the unmutated copy fails its tests (see $WORK/ctest.log)"; }

killed=0 survived=0 broken=0 unexplained=0
survivors=()
for i in "${selected[@]}"; do
  f=${M_FILE[i]}
  shown="'${M_FROM[i]//$US/"' + '"}' -> '${M_TO[i]//$US/"' + '"}'"
  label="#$((i + 1)) $f"
  if ! line=$(mutate "$f" "${M_AFTER[i]}" "${M_FROM[i]}" "${M_TO[i]}" 2>"$WORK/mutate.err"); then
    printf '%-9s %s %s\n          %s\n' BROKEN "$label" "$shown" "not applied: $(tail -1 "$WORK/mutate.err")"
    broken=$((broken + 1))
    continue
  fi
  current=$f
  label="#$((i + 1)) $f:$line"
  start=$SECONDS
  if ! build; then
    verdict=BROKEN why="does not compile: $(grep -m1 'error:' "$WORK/build.log" || echo '?')"
    broken=$((broken + 1))
  elif run_tests "${M_TEST[i]}"; then
    verdict=SURVIVED why=${M_WHY[i]:-"NOT EXPLAINED: add a test that kills it, or a why: line"}
    survived=$((survived + 1))
    survivors+=("$label $shown: $why")
    [[ -n ${M_WHY[i]} ]] || unexplained=$((unexplained + 1))
  elif by=$(killed_by "${M_TEST[i]}"); then
    verdict=killed why="by $by"
    killed=$((killed + 1))
  else
    verdict=SURVIVED why=${M_WHY[i]:-"NOT EXPLAINED (a test failed once only): add a test, or a why: line"}
    survived=$((survived + 1))
    survivors+=("$label $shown: $why")
    [[ -n ${M_WHY[i]} ]] || unexplained=$((unexplained + 1))
  fi
  revert
  printf '%-9s %s (%ds) %s\n          %s\n' "$verdict" "$label" $((SECONDS - start)) "$shown" "$why"
done
build || true # leave the copy built unmutated, for the next run
git -C "$SRC" diff --quiet || die "a mutation is still applied in $SRC"

total=$((killed + survived))
echo
echo "mutants: killed $killed of $total ($((total ? killed * 100 / total : 0))%), survived $survived, broken $broken"
for s in "${survivors[@]}"; do echo "  survived $s"; done
((broken == 0 && unexplained == 0))
