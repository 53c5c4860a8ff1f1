# Issue 15: nothing a note, a file system or a second process does may crash,
# hang or mislead crib.  One section per item, named after what broke.
source "$(dirname "$0")/lib.bash"
# A memory cap for the binaries (not under ASan, which reserves terabytes of address space)
memcap="ulimit -v 600000;"
[[ $(ldd "$CRIB" 2>/dev/null) == *libasan* || -n ${ASAN_OPTIONS:-} ]] && memcap="" # (no grep -q: SIGPIPE under pipefail)
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
expect_rc 0 bash -c "$memcap CRIB_DB=$TMP/nestdb \"$CRIB\" --no-update --full -n 5 quotes OR bullets OR numbers"

# 5. huge queries took minutes (1 MB: 89 s); now refused at 256 words / 64 KiB
# (one argument can hold 128 KiB at most, so 100 KB stands in for 1 MB)
index_content
expect_rc 2 timeout 20 "$CRIB" --no-update -- "$(rep 'docker ' 257)"
grep -q "^crib: query too long (257 words" "$TMP/err" && pass "word cap named" || fail "word cap: $(cat "$TMP/err")"
rc=0; timeout 20 "$CRIB" --no-update -- "$(rep 'a' 100000)" >/dev/null 2>"$TMP/err" || rc=$?
[[ $rc == 2 ]] && grep -q "^crib: query too long (100000 bytes" "$TMP/err" && pass "byte cap named" ||
  fail "byte cap: rc $rc $(head -c 300 "$TMP/err")"
expect_rc 0 timeout 20 "$CRIB" --no-update --format grep -- "$(rep 'docker ' 256)"

# 7. damage went unnoticed: docdata.glass deleted gave hits with empty ids,
#    a truncated postlist.glass a raw DatabaseError and "index up to date"
for damage in docdata postlist; do
  rm -rf "$TMP/dmg"
  CRIB_DB=$TMP/dmg "$CRIB_INDEX" -q content/
  if [[ $damage == docdata ]]; then rm "$TMP/dmg/docdata.glass"
  else truncate -s $(( $(stat -c %s "$TMP/dmg/postlist.glass") / 2 + 100 )) "$TMP/dmg/postlist.glass"; fi
  expect_rc 2 env CRIB_DB=$TMP/dmg "$CRIB" --no-update --format grep docker
  grep -q "is damaged.*run: crib-index --rebuild" "$TMP/err" && [[ ! -s $TMP/out ]] && pass "crib: $damage damage named" ||
    fail "crib $damage: $(cat "$TMP/out" "$TMP/err" | head -3)"
  expect_rc 2 env CRIB_DB=$TMP/dmg "$CRIB_INDEX" content/
  grep -q "is damaged" "$TMP/err" && pass "crib-index: $damage damage named" || fail "crib-index $damage: $(cat "$TMP/err")"
  expect_rc 0 env CRIB_DB=$TMP/dmg "$CRIB_INDEX" -q --rebuild content/
  expect_rc 0 env CRIB_DB=$TMP/dmg "$CRIB" --no-update --format grep docker
done

# 7b. a table cut at a block boundary passed every open check: crib-index --check
#     reads every block and every record
rm -rf "$TMP/dmg"
CRIB_DB=$TMP/dmg "$CRIB_INDEX" -q content/
expect_rc 0 env CRIB_DB=$TMP/dmg "$CRIB_INDEX" --check
grep -q "is whole: [1-9][0-9]* passages" "$TMP/out" && pass "--check: whole index" || fail "--check whole: $(cat "$TMP/out" "$TMP/err")"
blocks=$(( $(stat -c %s "$TMP/dmg/postlist.glass") / 8192 ))
truncate -s $(( (blocks / 2) * 8192 )) "$TMP/dmg/postlist.glass"
expect_rc 2 env CRIB_DB=$TMP/dmg "$CRIB_INDEX" --check
grep -q "is damaged.*run: crib-index --rebuild" "$TMP/err" && pass "--check: block-boundary truncation named" ||
  fail "--check truncation: $(cat "$TMP/out" "$TMP/err")"
expect_rc 2 env CRIB_DB=$TMP/nosuchdb "$CRIB_INDEX" --check
expect_rc 2 env CRIB_DB=$TMP/dmg "$CRIB_INDEX" --check content/
grep -q "takes no paths" "$TMP/err" && pass "--check with paths refused" || fail "--check paths: $(cat "$TMP/err")"

# 8. a garbled schema version was accepted and re-stamped by crib-index and crib's refresh
mkdir -p "$TMP/ver"
printf '## What is alpha?\nfirst\n' >"$TMP/ver/a.md"
for v in abc '' 0 3abc ' 3'; do
  rm -rf "$TMP/verdb"
  CRIB_DB=$TMP/verdb "$CRIB_INDEX" -q "$TMP/ver"
  need xapian-metadata || break
  xapian-metadata set "$TMP/verdb" crib.schema "$v"
  expect_rc 2 env CRIB_DB=$TMP/verdb "$CRIB_INDEX" "$TMP/ver"
  grep -q "run: crib-index --rebuild" "$TMP/err" && pass "crib-index refuses version '$v'" || fail "version '$v': $(cat "$TMP/err")"
  touch "$TMP/ver/a.md" # make crib's refresh want to write
  expect_rc 2 env CRIB_DB=$TMP/verdb "$CRIB" alpha
  grep -q "run: crib-index --rebuild" "$TMP/err" && pass "crib refuses version '$v'" || fail "crib version '$v': $(cat "$TMP/err")"
  expect_rc 0 env CRIB_DB=$TMP/verdb "$CRIB_INDEX" --rebuild "$TMP/ver"
done

# 10. --max-size inf / 1e30G became 0 bytes and removed every passage; 0 and -0 skipped everything
mkdir -p "$TMP/size"
printf '## What is alpha?\nfirst\n' >"$TMP/size/a.md"
CRIB_DB=$TMP/sizedb "$CRIB_INDEX" -q "$TMP/size"
for v in inf 1e30G 0 -0 nan 0x10 ' 5' 1025G 5MB ''; do
  expect_rc 2 env CRIB_DB=$TMP/sizedb "$CRIB_INDEX" --rebuild --max-size "$v" "$TMP/size"
  grep -q "bad --max-size" "$TMP/err" && pass "--max-size '$v' refused" || fail "--max-size '$v': $(cat "$TMP/err")"
done
expect_rc 0 env CRIB_DB=$TMP/sizedb "$CRIB" --no-update -c alpha
[[ $(cat "$TMP/out") == 1 ]] && pass "passages kept" || fail "passages: $(cat "$TMP/out")"
expect_rc 0 env CRIB_DB=$TMP/sizedb "$CRIB_INDEX" --rebuild --max-size 1.5K "$TMP/size"

# 12, 13. escapes in file names and tags reached the terminal raw; a newline split records
esc=$'\e]52;c;aGk=\a'
mkdir -p "$TMP/odd/$esc"
printf '## What is a zebu? #tag%s\nhumped cattle\n' "$esc" >"$TMP/odd/$esc/x$esc.md"
printf '## What is a zebu calf?\nyoung humped cattle\n' >"$TMP/odd/new"$'\n'"line.md"
export CRIB_DB=$TMP/odddb
expect_rc 0 "$CRIB_INDEX" -v "$TMP/odd"
# the OSC 52 clipboard write must not get through (colour SGR codes are ours)
no_esc() { if grep -q $'\e]' "$TMP/out" "$TMP/err"; then fail "raw OSC: $1"; else pass "no raw OSC: $1"; fi; }
no_esc "crib-index summary"
expect_rc 0 "$CRIB_INDEX" --dump "$TMP/odd"; no_esc "--dump"
for fmt in "-l" "--format grep" "--vimgrep" "--format plain" "--color always"; do
  expect_rc 0 "$CRIB" --no-update $fmt zebu; no_esc "crib $fmt"
done
expect_rc 0 "$CRIB" --no-update -l zebu
[[ $(wc -l <"$TMP/out") == 2 ]] && grep -qF '"'"$TMP"'/odd/new\nline.md"' "$TMP/out" && pass "-l quotes a newline" ||
  fail "-l lines: $(cat -A "$TMP/out")"
expect_rc 0 "$CRIB" --no-update --format grep zebu
[[ $(wc -l <"$TMP/out") == 2 ]] && pass "grep: one line per hit" || fail "grep lines: $(cat -A "$TMP/out")"
expect_rc 0 "$CRIB" --no-update -l -0 zebu # into a pipe: exact names for xargs -0
tr '\0' '\n' <"$TMP/out" | grep -qx "$TMP/odd/new" && pass "-l -0 is exact" || fail "-l -0: $(cat -A "$TMP/out")"
# The tag (escape and all) names no subject: a tag, not a topic; --topics has none.
expect_rc 1 "$CRIB" --no-update --topics; no_esc "--topics"
expect_rc 1 "$CRIB" --no-update --show "x$esc:1"; no_esc "--show id in the error"
expect_rc 2 "$CRIB" --no-update --db "$TMP/no$esc" zebu; no_esc "--db in the error"
unset CRIB_DB

# 13b. a non-UTF-8 file name got a JSON id that --show could not take back:
#      now {"bytes": base64} (as ripgrep), exact, and --show takes the bytes
mkdir -p "$TMP/latin"
printf '## What is a zebrafish?\nA small fish.\n' >"$TMP/latin/caf"$'\xe9'".md"
export CRIB_DB=$TMP/latindb
"$CRIB_INDEX" -q "$TMP/latin"
expect_rc 0 "$CRIB" --no-update --format jsonl zebrafish
b64=$(jq -r '.id.bytes' "$TMP/out")
[[ $(printf '%s' "$b64" | base64 -d | od -An -tx1 | tr -d ' \n') == *"636166e92e6d643a31" ]] &&
  pass "JSON id of a Latin-1 name is its exact bytes" || fail "bytes id: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update --show "$(printf '%s' "$b64" | base64 -d)"
grep -q "zebrafish" "$TMP/out" && pass "--show takes the decoded bytes id" || fail "--show bytes: $(cat "$TMP/out" "$TMP/err")"
expect_rc 0 "$CRIB" --no-update --format json zebrafish
[[ $(jq -r '.hits[0].file | type' "$TMP/out") == object ]] && pass "JSON file is {bytes} too" || fail "file: $(cat "$TMP/out")"
unset CRIB_DB

# 14. -l stopped at 10,000 passages without saying so
mkdir -p "$TMP/many-l"
python3 - "$TMP/many-l" <<'PY'
import sys
for f in range(101):
    with open(f"{sys.argv[1]}/f{f:03}.md", "w") as out:
        for q in range(100):
            out.write(f"## What is okapi {f} {q}?\nokapi answer\n\n")
PY
CRIB_DB=$TMP/many-l-db "$CRIB_INDEX" -q "$TMP/many-l"
expect_rc 0 env CRIB_DB=$TMP/many-l-db "$CRIB" --no-update -l okapi
[[ $(wc -l <"$TMP/out") == 101 ]] && pass "-l lists all 101 files of 10,100 passages" || fail "-l listed $(wc -l <"$TMP/out")"

# 9. a file skipped as unreadable was never retried after chmod 644
# (root reads anything: run as nobody where we are root)
# (scripts/setup --test installs setpriv with util-linux: a missing one fails)
as_nobody=()
[[ $(id -u) == 0 ]] && need setpriv && as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [[ $(id -u) != 0 || ${#as_nobody[@]} != 0 ]]; then
  chmod 755 "$TMP"
  mkdir -p "$TMP/perm/notes"
  printf '## What is alpha?\nfirst\n' >"$TMP/perm/notes/a.md"
  printf '## What is a wombat?\nmarsupial\n' >"$TMP/perm/notes/locked.md"
  chmod 000 "$TMP/perm/notes/locked.md"
  [[ $(id -u) == 0 ]] && chown -R 65534 "$TMP/perm"
  expect_rc 3 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/perm/db" "$TMP/perm/notes"
  grep -q "locked.md (cannot read" "$TMP/err" && pass "unreadable file skipped" || fail "skip: $(cat "$TMP/err")"
  chmod 644 "$TMP/perm/notes/locked.md"
  expect_rc 0 "${as_nobody[@]}" "$CRIB" --db "$TMP/perm/db" --format plain wombat
  grep -q "re-indexed" "$TMP/err" && pass "crib's refresh retries it" || fail "refresh: $(cat "$TMP/err")"
  chmod 000 "$TMP/perm/notes/locked.md"
  expect_rc 3 "${as_nobody[@]}" "$CRIB_INDEX" -q --rebuild --db "$TMP/perm/db" "$TMP/perm/notes"
  chmod 644 "$TMP/perm/notes/locked.md"
  expect_rc 0 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/perm/db" "$TMP/perm/notes"
  expect_rc 0 "${as_nobody[@]}" "$CRIB" --no-update --db "$TMP/perm/db" --format grep wombat
  expect_rc 0 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/perm/db" "$TMP/perm/notes"
  grep -q "index up to date" "$TMP/err" && pass "then a no-op" || fail "no-op: $(cat "$TMP/err")"
  # An unreadable notes folder removed every passage of the index ("2
  # removed", exit 0): it was listed as empty.  It is a skip; nothing goes.
  mkdir -p "$TMP/perm/notes/sub"
  printf '## What is a quokka?\nmarsupial too\n' >"$TMP/perm/notes/sub/q.md"
  [[ $(id -u) == 0 ]] && chown -R 65534 "$TMP/perm"
  expect_rc 0 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/perm/db" "$TMP/perm/notes"
  chmod 000 "$TMP/perm/notes"
  expect_rc 3 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/perm/db"
  grep -q "notes (folder not readable)" "$TMP/err" && ! grep -q removed "$TMP/err" &&
    pass "unreadable notes folder: a skip, nothing removed" || fail "unreadable root: $(cat "$TMP/err")"
  expect_rc 0 "${as_nobody[@]}" "$CRIB" --no-update --db "$TMP/perm/db" -c quokka
  [[ $(cat "$TMP/out") == 1 ]] && pass "unreadable notes folder: passages still found" ||
    fail "unreadable root lost its passages: $(cat "$TMP/out")"
  chmod 755 "$TMP/perm/notes"
  chmod 000 "$TMP/perm/notes/sub"
  expect_rc 3 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/perm/db"
  chmod 755 "$TMP/perm/notes/sub"
  expect_rc 0 "${as_nobody[@]}" "$CRIB" --no-update --db "$TMP/perm/db" -c quokka
  [[ $(cat "$TMP/out") == 1 ]] && pass "unreadable subfolder: its passages are kept" ||
    fail "unreadable subfolder lost its passages: $(cat "$TMP/out")"
  # A folder that can be searched but not listed (chmod 111) above the
  # folder of a note: the walk skipped it, but the note's own folder was
  # readable, so its passages were removed.
  mkdir -p "$TMP/perm/notes/sub/deep"
  printf '## What is a numbat?\nmarsupial three\n' >"$TMP/perm/notes/sub/deep/n.md"
  [[ $(id -u) == 0 ]] && chown -R 65534 "$TMP/perm"
  expect_rc 0 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/perm/db"
  chmod 111 "$TMP/perm/notes/sub"
  expect_rc 3 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/perm/db"
  chmod 755 "$TMP/perm/notes/sub"
  expect_rc 0 "${as_nobody[@]}" "$CRIB" --no-update --db "$TMP/perm/db" -c numbat
  [[ $(cat "$TMP/out") == 1 ]] && pass "unlistable folder above a note's: its passages are kept" ||
    fail "a chmod 111 folder lost the passages below it: $(cat "$TMP/out")"
fi

# 11. wrong messages: a read-only index was "another crib-index is updating";
#     a --db that is a file gave "Bad line" / "make one with ..."
if [[ ${#as_nobody[@]} != 0 || $(id -u) != 0 ]]; then
  mkdir -p "$TMP/ro"
  printf '## What is alpha?\nfirst\n' >"$TMP/ro/a.md"
  "$CRIB_INDEX" -q --db "$TMP/ro/db" "$TMP/ro"
  chmod -R a-w "$TMP/ro"
  expect_rc 2 "${as_nobody[@]}" "$CRIB_INDEX" --db "$TMP/ro/db" "$TMP/ro"
  grep -q "cannot write the index .*: Permission denied" "$TMP/err" && pass "read-only index named" ||
    fail "read-only: $(cat "$TMP/err")"
  chmod -R u+w "$TMP/ro"
fi
echo x >"$TMP/regular"
expect_rc 2 "$CRIB_INDEX" --db "$TMP/regular" "$TMP/ro"
grep -q "is a file, not an index folder" "$TMP/err" && pass "crib-index: --db file named" || fail "db file: $(cat "$TMP/err")"
expect_rc 2 "$CRIB" --db "$TMP/regular" x
grep -q "is a file, not an index folder" "$TMP/err" && pass "crib: --db file named" || fail "crib db file: $(cat "$TMP/err")"

# 11b. a disk-full exit 2 after some commits said nothing of what they kept
#      (README: exit 2 meant nothing written).  Needs a small tmpfs, so root:
#      CI runs as root, and a run that cannot mount one fails.
mkdir -p "$TMP/full" "$TMP/many"
if [[ $(id -u) != 0 ]]; then
  fail "disk full: needs root to mount a small tmpfs (CI runs the suite as root)"
elif ! mount -t tmpfs -o size=1500k tmpfs "$TMP/full" 2>"$TMP/mount-err"; then
  fail "disk full: cannot mount a tmpfs: $(cat "$TMP/mount-err")"
else
  umount "$TMP/full"
  trap 'umount "$TMP/full" 2>/dev/null || true; rm -rf "$TMP"' EXIT
  for f in $(seq 1 80); do
    for q in $(seq 1 25); do
      printf '## What is topic%s number%s of file%s?\nAnswer%s with words%s alpha%s beta%s gamma%s delta%s epsilon%s zeta%s.\n\n' \
        "$q" "$q" "$f" "$f$q" "$q" "$f" "$q$f" "$f" "$q" "$f$f" "$q$q"
    done >"$TMP/many/n$f.md"
  done
  # full_run KIB J: crib-index -j J into an index on a fresh KIB KiB tmpfs.
  full_run() {
    umount "$TMP/full" 2>/dev/null || true
    mount -t tmpfs -o size="$1k" tmpfs "$TMP/full"
    rc=0; "$CRIB_INDEX" --db "$TMP/full/db" --batch-size 100 -j "$2" "$TMP/many" >"$TMP/out" 2>"$TMP/err" || rc=$?
  }
  xapian_aborted() { [[ $rc == 134 ]] || grep -q "^terminate called" "$TMP/err"; }
  full_runs() { full_run 1500 "$1"; }
  # Xapian 1.4 let a DatabaseError out of a noexcept function inside its own
  # commit when the disk filled at some points of it: std::terminate, exit
  # 134, the work folders left (about 2 runs in 3 on a 3,600 KiB disk with two
  # writers).  Now every run ends as a refused write does.
  aborted=0
  for _ in 1 2 3 4; do
    full_run 3600 2
    left=$(find "$TMP/full" -maxdepth 1 -name '.db.*')
    if xapian_aborted || [[ $rc != 2 || -n $left ]] || ! grep -q "No space left on device.*nothing was committed; free space" "$TMP/err"; then
      aborted=1; break
    fi
  done
  ((aborted == 0)) && pass "disk full inside Xapian's commit: exit 2 and its message, never an abort" ||
    fail "disk full inside the commit: rc $rc $(cat "$TMP/err") $left"
  # A first index on two or more threads is built beside the index and swapped
  # in whole (writers.hpp): on a full disk it keeps nothing.
  full_runs 2
  left=$(find "$TMP/full" -maxdepth 1 -name '.db.*')
  [[ $rc == 2 ]] && grep -q "No space left on device.*nothing was committed" "$TMP/err" && [[ -z $left ]] &&
    pass "disk full, two writers: exit 2, nothing kept, no work folders left" ||
    fail "disk full, two writers: rc $rc $(cat "$TMP/err") $left"
  # One writer commits batch by batch into the index itself.
  full_runs 1
  kept=$(grep -o "kept [1-9][0-9]* file(s) with [1-9][0-9]* passages committed" "$TMP/err" | grep -o "with [0-9]*" | grep -o "[0-9]*" || true)
  [[ $rc == 2 && -n $kept ]] && grep -q "cannot write the index .*No space left on device" "$TMP/err" &&
    pass "disk full: exit 2 names what was committed" || fail "disk full: rc $rc $(cat "$TMP/err")"
  expect_rc 0 "$CRIB_INDEX" --db "$TMP/full/db" --check
  [[ -n $kept ]] && grep -q "whole: $kept passages" "$TMP/out" && pass "disk full: the kept passages are whole" ||
    fail "disk full check: $(cat "$TMP/out" "$TMP/err") (kept $kept)"
  umount "$TMP/full"
fi

# 4. a thread that cannot be created hung crib-index (ulimit -u 40, -j 200)
# RLIMIT_NPROC does not bind root: run as nobody where we are root.
as_user=()
[[ $(id -u) == 0 ]] && need setpriv && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [[ $(id -u) != 0 || ${#as_user[@]} != 0 ]]; then
  mkdir -p "$TMP/threads/notes" && chmod 755 "$TMP" && chmod 777 "$TMP/threads"
  cp content/qt-interview.txt "$TMP/threads/notes/"
  expect_rc 2 timeout -k 5 60 "${as_user[@]}" bash -c 'ulimit -u 40 && exec "$0" "$@"' \
    "$CRIB_INDEX" --db "$TMP/threads/db" -j 200 "$TMP/threads/notes"
  grep -q "cannot start 200 parser threads" "$TMP/err" && pass "thread failure named" || fail "thread message: $(cat "$TMP/err")"
  expect_rc 0 timeout -k 5 60 "${as_user[@]}" "$CRIB_INDEX" -q --db "$TMP/threads/db" -j 2 "$TMP/threads/notes"
fi

finish
