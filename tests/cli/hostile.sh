# Issue 15: nothing a note, a file system or a second process does may crash,
# hang or mislead crib.  One section per item, named after what broke.
source "$(dirname "$0")/lib.bash"
rep() { python3 -c 'import sys; sys.stdout.write(sys.argv[1] * int(sys.argv[2]))' "$1" "$2"; }

# 1. deep emphasis nesting in a heading crashed crib-index, --dump and every query
mkdir -p "$TMP/deep"
{ printf '## '; rep '*a ' 100000; printf x; rep ' a*' 100000; printf '\n\nthe answer\n'; } >"$TMP/deep/deep.md"
expect_rc 0 "$CRIB_INDEX" --dump "$TMP/deep/deep.md"
expect_rc 0 env CRIB_DB=$TMP/deepdb "$CRIB_INDEX" -q "$TMP/deep"
expect_rc 0 env CRIB_DB=$TMP/deepdb "$CRIB" --format plain answer

finish
