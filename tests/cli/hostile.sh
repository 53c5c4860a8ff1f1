# Issue 15: nothing a note, a file system or a second process does may crash,
# hang or mislead crib.  One section per item, named after what broke.
source "$(dirname "$0")/lib.bash"
# A memory cap for the binaries (not under ASan, which reserves terabytes of address space)
memcap="ulimit -v 600000;"
ldd "$CRIB" | grep -q libasan && memcap=""
rep() { python3 -c 'import sys; sys.stdout.write(sys.argv[1] * int(sys.argv[2]))' "$1" "$2"; }

# 1. deep emphasis nesting in a heading crashed crib-index, --dump and every query
mkdir -p "$TMP/deep"
{ printf '## '; rep '*a ' 100000; printf x; rep ' a*' 100000; printf '\n\nthe answer\n'; } >"$TMP/deep/deep.md"
expect_rc 0 "$CRIB_INDEX" --dump "$TMP/deep/deep.md"
expect_rc 0 env CRIB_DB=$TMP/deepdb "$CRIB_INDEX" -q "$TMP/deep"
expect_rc 0 env CRIB_DB=$TMP/deepdb "$CRIB" --format plain answer

# 2. --show and --full on nested quotes and lists crashed (stack) or used gigabytes
mkdir -p "$TMP/nest"
{ printf '# quotes?\n\n'; rep '>' 30000; printf ' x\n'; } >"$TMP/nest/quote.md"
{ printf '# bullets?\n\n'; rep '- ' 100000; printf 'x\n'; } >"$TMP/nest/ul.md"
{ printf '# numbers?\n\n'; rep '1. ' 100000; printf 'x\n'; } >"$TMP/nest/ol.md"
CRIB_DB=$TMP/nestdb "$CRIB_INDEX" -q "$TMP/nest"
for f in quote ul ol; do
  expect_rc 0 bash -c "$memcap CRIB_DB=$TMP/nestdb \"$CRIB\" --no-update --show '$TMP/nest/$f.md:1'"
  [[ $(wc -c <"$TMP/out") -lt 1000 ]] && pass "--show $f is small" || fail "--show $f: $(wc -c <"$TMP/out") bytes"
done
expect_rc 0 bash -c "$memcap CRIB_DB=$TMP/nestdb \"$CRIB\" --no-update --full -n 5 quotes bullets numbers"

finish
