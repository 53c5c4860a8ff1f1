# crib-index --exclude: files beside the notes that are not notes (a corpus's
# README, licence, format description) are left out, by the index, its
# updates, crib's refresh and --dump; one pattern per --exclude, so that the
# paths after it stay paths.
source "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/corpus/a/drafts"
printf '## What is this corpus?\nzorblat notes of others\n' >"$TMP/corpus/README.md"
printf 'zorblat: how questions are marked here\n' >"$TMP/corpus/a/FORMAT.txt"
printf '## What is alpha?\nzorblat alpha\n' >"$TMP/corpus/a/README.md"
printf '## What is beta?\nzorblat beta\n' >"$TMP/corpus/a/drafts/b.md"
files() { "$CRIB" --no-update -l -n all zorblat | sed "s|$TMP/||" | sort | tr '\n' ' '; }

expect_rc 0 "$CRIB_INDEX" -q --rebuild --exclude FORMAT.txt --exclude /README.md --exclude drafts/ "$TMP/corpus"
[[ $(files) == "corpus/a/README.md " ]] && pass "excluded files and folders not indexed" || fail "indexed: $(files)"
printf '## What is gamma?\nzorblat gamma\n' >"$TMP/corpus/a/drafts/c.md"
"$CRIB" zorblat >/dev/null 2>&1 # crib's refresh keeps the remembered patterns
expect_rc 0 "$CRIB_INDEX" -q
[[ $(files) == "corpus/a/README.md " ]] && pass "updates keep the patterns" || fail "after update: $(files)"

expect_rc 0 "$CRIB_INDEX" -q --rebuild "$TMP/corpus"
[[ $(files) == *FORMAT.txt* ]] && pass "--rebuild PATH starts the patterns over" || fail "after --rebuild: $(files)"

expect_out 0 "$CRIB_INDEX" --dump --exclude 'FORMAT.*' "$TMP/corpus"
grep -q FORMAT "$TMP/out" && fail "--dump shows an excluded file" || pass "--dump honours --exclude"
expect_rc 2 "$CRIB_INDEX" --dump --exclude '' "$TMP/corpus"
grep -q "one non-empty line" "$TMP/err" && pass "an empty pattern is refused" || fail "empty pattern: $(cat "$TMP/err")"
# --check and --types took --exclude and ignored it.
for mode in --check --types; do
  expect_rc 2 "$CRIB_INDEX" "$mode" --exclude drafts/
  grep -q "not with --check or --types" "$TMP/err" && pass "--exclude with $mode is refused" || fail "$mode: $(cat "$TMP/err")"
done
finish
