# The documentation agrees with the programs: every option --help lists is in
# the man page and both completions (and every man-page option exists), the
# README's JSON tables name exactly the fields the JSON output has, and the
# README's format table names exactly the formats --types lists.
source "$(dirname "$0")/lib.bash"
long_opts() { # long options in a --help text
  grep -oE '^ +(-[a-zA-Z0-9], ?)?--[a-z][a-z0-9-]*(,--[a-z][a-z0-9-]*)?' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}
for prog in crib crib-index; do
  bin=$CRIB; [[ $prog == crib-index ]] && bin=$CRIB_INDEX
  "$bin" --help | long_opts >"$TMP/help"
  [[ -s $TMP/help ]] || fail "$prog --help lists no options"
  man=docs/$prog.1
  bash_comp=scripts/completion/$prog.bash
  while read -r opt; do
    grep -q -- "$(sed 's/-/\\\\-/g' <<<"$opt")" "$man" || fail "$prog $opt is not in $man"
    grep -q -- "$opt\b" "$bash_comp" || fail "$prog $opt is not in $bash_comp"
    grep -q -- "$opt\b" scripts/completion/_crib || fail "$prog $opt is not in scripts/completion/_crib"
  done <"$TMP/help"
  # Options the man page documents (.TP entries of OPTIONS) exist.
  sed -n '/^\.SH OPTIONS/,/^\.SH [^O]/p' "$man" | grep -A1 '^\.TP' | grep -oE '\\-\\-[a-z][a-z0-9\\-]*' |
    sed 's/\\-/-/g' | sort -u >"$TMP/man"
  while read -r opt; do
    grep -qx -- "$opt" "$TMP/help" || fail "$man documents $opt, which $prog --help does not list"
  done <"$TMP/man"
  pass "$prog: --help, man page and completions agree ($(wc -l <"$TMP/help") options)"
done

# The subcommands' options: in the man page and both completions.
for sub in quiz gaps; do
  "$CRIB" "$sub" --help | long_opts >"$TMP/help-$sub"
  [[ -s $TMP/help-$sub ]] || fail "crib $sub --help lists no options"
  while read -r opt; do
    grep -q -- "$(sed 's/-/\\\\-/g' <<<"$opt")" docs/crib.1 || fail "crib $sub $opt is not in docs/crib.1"
    grep -q -- "$opt\b" scripts/completion/crib.bash || fail "crib $sub $opt is not in crib.bash"
    grep -q -- "$opt\b" scripts/completion/_crib || fail "crib $sub $opt is not in _crib"
  done <"$TMP/help-$sub"
  grep -q "^\.SH ${sub^^}" docs/crib.1 || fail "docs/crib.1 has no ${sub^^} section"
  grep -q "^### crib $sub" README.md || fail "README.md has no 'crib $sub' section"
  pass "crib $sub: --help, man page and completions agree ($(wc -l <"$TMP/help-$sub") options)"
done

# JSON contract: README tables vs real output.
index_content
"$CRIB" --no-update --format json docker >"$TMP/json"
python3 -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1])).keys())))' "$TMP/json" >"$TMP/top"
awk '/^## JSON output/,/^HIT/' README.md | grep -E '^\| `' | sed -E 's/^\| ([^|]*)\|.*/\1/' | grep -oE '`[a-z_]+`' | tr -d '`' | sort -u >"$TMP/top-doc"
diff "$TMP/top-doc" "$TMP/top" >/dev/null && pass "JSON top-level fields documented" || fail "JSON top-level fields differ from README: $(diff "$TMP/top-doc" "$TMP/top" | tr '\n' ' ')"
# `index` appears only when several indexes are searched: a copy of the one will do
# (the same one named twice is searched once).
cp -r "$CRIB_DB" "$TMP/db-copy"
"$CRIB" --no-update --db "$CRIB_DB" --db "$TMP/db-copy" --format json docker >"$TMP/json2"
python3 -c 'import json,sys; print("\n".join(sorted(set().union(*(json.load(open(f))["hits"][0].keys() for f in sys.argv[1:])))))' "$TMP/json" "$TMP/json2" >"$TMP/hit"
awk '/^HIT \(also each line/,/^`crib-index --dump/' README.md | grep -E '^\| `' | sed -E 's/^\| ([^|]*)\|.*/\1/' | grep -oE '`[a-z_]+`' | tr -d '`' | sort -u >"$TMP/hit-doc"
diff "$TMP/hit-doc" "$TMP/hit" >/dev/null && pass "JSON hit fields documented" || fail "JSON hit fields differ from README: $(diff "$TMP/hit-doc" "$TMP/hit" | tr '\n' ' ')"
"$CRIB_INDEX" --dump --format json content/qt-interview.txt >"$TMP/dump.jsonl" # (no head: SIGPIPE under pipefail)
python3 -c 'import json,sys; print("\n".join(sorted(json.loads(open(sys.argv[1]).readline()).keys())))' "$TMP/dump.jsonl" >"$TMP/dump"
grep -A2 '^`crib-index --dump --format json' README.md | grep -oE '\{"[^}]*\}' | grep -oE '"[a-z_]+"' | tr -d '"' | sort -u >"$TMP/dump-doc"
diff "$TMP/dump-doc" "$TMP/dump" >/dev/null && pass "--dump JSON fields documented" || fail "--dump JSON fields differ from README: $(diff "$TMP/dump-doc" "$TMP/dump" | tr '\n' ' ')"

# crib quiz --stats and crib gaps JSON: README tables vs real output.
"$CRIB" quiz --no-update --stats --format json --reviews "$TMP/reviews.sqlite" >"$TMP/stats.json"
python3 -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1])).keys())))' "$TMP/stats.json" >"$TMP/stats"
awk '/^`crib quiz --stats` prints/,/^`crib quiz --export/' README.md | grep -E '^\| `' | sed -E 's/^\| ([^|]*)\|.*/\1/' | grep -oE '`[a-z_]+`' | tr -d '`' | sort -u >"$TMP/stats-doc"
diff "$TMP/stats-doc" "$TMP/stats" >/dev/null && pass "quiz --stats JSON fields documented" || fail "quiz --stats JSON fields differ from README: $(diff "$TMP/stats-doc" "$TMP/stats" | tr '\n' ' ')"
"$CRIB" gaps --no-update --format json content/qt-interview.txt >"$TMP/gaps.json"
python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
r = d["requirements"][0]
keys = {"top " + k for k in d} | {"summary " + k for k in d["summary"]} | {"requirements " + k for k in r}
keys |= {"skills " + k for k in r["skills"][0]} | {"skipped " + k for k in d["skipped"][0]}
keys |= {"study_next " + k for k in d["study_next"][0]}
print("\n".join(sorted(keys)))' "$TMP/gaps.json" >"$TMP/gaps"
awk '/`--format json` prints version 2:$/,/^Exit status: 0 after a report/' README.md | python3 -c 'import re,sys
keys = set()
for row in sys.stdin:
    m = re.match(r"^\| `([a-z_]+)(\[\])?(\.([a-z_]+)\[\])?` \|(.*)", row)
    if not m: continue
    table = m.group(4) or m.group(1)
    keys.add("top " + m.group(1))
    first = re.search(r"`(\{[^`]*\})`", m.group(5))
    for k in re.findall(r"\"([a-z_]+)\"", first.group(1) if first else ""):
        keys.add(table + " " + k)
print("\n".join(sorted(k for k in keys if not k.startswith("top skills"))))' >"$TMP/gaps-doc"
echo "top version" >>"$TMP/gaps-doc"; sort -o "$TMP/gaps-doc" "$TMP/gaps-doc"
diff "$TMP/gaps-doc" "$TMP/gaps" >/dev/null && pass "gaps JSON fields documented" || fail "gaps JSON fields differ from README: $(diff "$TMP/gaps-doc" "$TMP/gaps" | tr '\n' ' ')"

# Formats: --types vs the README table.
"$CRIB_INDEX" --types | awk 'NF && $1 !~ /^Files/ {print $1}' | sort -u >"$TMP/types"
awk '/^### Note formats/,/^Every reader/' README.md | grep -E '^\| [a-z]' | sed -E 's/^\| ([^|]*)\|.*/\1/' |
  tr ',' '\n' | tr -d ' ' | grep -v '^format$' | sort -u >"$TMP/types-doc"
diff "$TMP/types-doc" "$TMP/types" >/dev/null && pass "--types matches the README" || fail "--types differs from README: $(diff "$TMP/types-doc" "$TMP/types" | tr '\n' ' ')"
finish
