# A command line that behaves like the tools people already use (issue 12):
# paths relative to the current folder, exit codes, filters, pager.
source "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/notes/k8s"
printf '## What is a StatefulSet?\nPods with stable names and storage.\n' >"$TMP/notes/k8s/sts.md"
printf '## How do I list files with ls -l?\nls -l shows long listing; redirect with 2>&1.\n' >"$TMP/notes/shell.md"
"$CRIB_INDEX" -q "$TMP/notes" # an absolute root

# Paths: relative when the file is below the current folder, absolute otherwise.
(cd "$TMP/notes" && "$CRIB" --no-update --format grep statefulset) >"$TMP/out"
[[ $(cat "$TMP/out") == "k8s/sts.md:1:What is a StatefulSet?" ]] && pass "grep path relative below cwd" || fail "grep path: $(cat "$TMP/out")"
(cd "$TMP/notes/k8s" && "$CRIB" --no-update -l statefulset) >"$TMP/out"
[[ $(cat "$TMP/out") == "sts.md" ]] && pass "-l path relative in a subfolder" || fail "-l path: $(cat "$TMP/out")"
(cd / && "$CRIB" --no-update --vimgrep statefulset) >"$TMP/out"
[[ $(cat "$TMP/out") == "${TMP#/}/notes/k8s/sts.md:1:1:What is a StatefulSet?" ]] && pass "vimgrep from /" || fail "vimgrep from /: $(cat "$TMP/out")"
(cd "$SRC" && "$CRIB" --no-update --format plain statefulset) >"$TMP/out"
grep -q "^$TMP/notes/k8s/sts.md:1  What is a StatefulSet?" "$TMP/out" && pass "plain path absolute outside" || fail "plain path outside: $(head -1 "$TMP/out")"
(cd "$TMP/notes" && "$CRIB" --no-update --format json statefulset) >"$TMP/out"
[[ $(jq -r '.hits[0] | .file + " " + .path + " " + .id' "$TMP/out") == "$TMP/notes/k8s/sts.md k8s/sts.md $TMP/notes/k8s/sts.md:1" ]] &&
  pass "JSON keeps the stored file and id, adds path" || fail "JSON path: $(jq -c '.hits[0] | [.file, .path, .id]' "$TMP/out")"
(cd "$TMP/notes" && "$CRIB" --no-update --show k8s/sts.md:2 --color never) >"$TMP/out"
grep -q "^k8s/sts.md:1-2" "$TMP/out" && pass "--show takes and shows the relative path" || fail "--show relative: $(head -1 "$TMP/out")"
(cd "$TMP/notes/k8s" && EDITOR=echo "$CRIB" --no-update --open statefulset) >"$TMP/out"
[[ $(cat "$TMP/out") == "+1 sts.md" ]] && pass "--open gets the shown path" || fail "--open path: $(cat "$TMP/out")"

# JSON highlight offsets: bytes and code points (jq slices by code point).
printf '## Qué es ünïcode?\nÜber café ünïcode straße.\n' >"$TMP/notes/u.md"
"$CRIB_INDEX" -q
"$CRIB" --no-update --format json unicode >"$TMP/out"
[[ $(jq -r '.hits[0] as $h | $h.highlights[0] as $s | $h.snippet[$s.cp_start:$s.cp_end]' "$TMP/out") == "ünïcode" ]] &&
  pass "cp offsets slice the snippet in jq" || fail "cp offsets: $(jq -c '.hits[0].highlights' "$TMP/out")"
[[ $(jq -r '.hits[0].highlights[0] | .end - .start' "$TMP/out") == 9 ]] && pass "start/end stay bytes" || fail "byte offsets"

# "N of M" counts from --offset; the spelling note comes before the hits.
for i in 1 2 3 4 5; do printf '## Widget question %d?\nwidget answer %d\n' "$i" "$i"; done >"$TMP/notes/w.md"
"$CRIB_INDEX" -q
"$CRIB" --no-update --format plain --no-related --offset 2 -n 2 widget >"$TMP/out"
grep -q "^  3-4 of 5 matches" "$TMP/out" && pass "offset page says 3-4 of 5" || fail "offset count: $(tail -2 "$TMP/out")"
"$CRIB" --no-update --format plain --no-related widgit >"$TMP/out"
[[ $(head -1 "$TMP/out") == 'Searched for: widget (corrected from "widgit")' ]] && pass "correction note first" || fail "correction note: $(head -1 "$TMP/out")"

# -q: exit status only.  -F: the phrase literally.  -w: whole words.
expect_rc 0 "$CRIB" --no-update -q statefulset
[[ ! -s $TMP/out && ! -s $TMP/err ]] && pass "-q prints nothing" || fail "-q printed: $(cat "$TMP/out" "$TMP/err")"
expect_rc 1 "$CRIB" --no-update -q zzqqxx
[[ ! -s $TMP/err ]] && pass "-q says nothing on no match" || fail "-q no match: $(cat "$TMP/err")"
# crib -c -t nosuchtopic printed a bare 0: the reason goes to stderr, stdout stays the count.
expect_rc 1 "$CRIB" --no-update -c -t nosuchtopic docker
[[ $(cat "$TMP/out") == 0 ]] && grep -q "no topic named nosuchtopic" "$TMP/err" && pass "-c with an unknown topic says why on stderr" ||
  fail "-c unknown topic: $(cat "$TMP/out" "$TMP/err")"
# -q and -c disagreed on a corrected word (one searched as typed, the other corrected):
# now both search the correction within the typo budget, and neither beyond it.
expect_rc 0 "$CRIB" --no-update -q widgit
expect_rc 0 "$CRIB" --no-update -c widgit
[[ $(cat "$TMP/out") == 5 ]] && pass "-c widgit counts the correction, as -q finds it" || fail "-c widgit: $(cat "$TMP/out")"
expect_rc 1 "$CRIB" --no-update -q wodgit # two edits on six letters: not a typo
expect_rc 1 "$CRIB" --no-update -c wodgit
[[ $(cat "$TMP/out") == 0 ]] && pass "-c and -q agree beyond the typo budget" || fail "-c wodgit: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update -q widget
# A phrase that does not occur became its words; a word the notes lack made every
# passage with the other words a match, in every format.  Now: no match, or a partial
# result said as such everywhere, exit 1.
expect_rc 1 "$CRIB" --no-update -c '"widget zzqqxx"'
[[ $(cat "$TMP/out") == 0 ]] && pass "a phrase that does not occur: 0" || fail "phrase: $(cat "$TMP/out")"
expect_rc 1 "$CRIB" --no-update -c '"answer widget"' # both words, never in this order
[[ $(cat "$TMP/out") == 0 ]] && grep -q '^crib: no passage has the phrase; the words occur apart: crib answer widget$' "$TMP/err" &&
  pass "a phrase whose words occur apart: 0, and the words suggested" || fail "apart: $(cat "$TMP/out" "$TMP/err")"
expect_rc 1 "$CRIB" --no-update --format plain '"answer widget"'
grep -q 'the words occur apart: crib answer widget' "$TMP/err" && pass "plain: the words suggested" || fail "apart plain: $(cat "$TMP/err")"
# A field's phrase apart was offered as 'crib q: question widget', which searches every field.
expect_rc 1 "$CRIB" --no-update -c 'q:"question widget"'
grep -q '^crib: no passage has the phrase; the words occur apart: crib q:question q:widget$' "$TMP/err" &&
  pass "a field's phrase apart keeps its field" || fail "field apart: $(cat "$TMP/err")"
expect_rc 0 "$CRIB" --no-update -c q:question q:widget
[[ $(cat "$TMP/out") == 5 ]] && pass "the words offered find them" || fail "field apart count: $(cat "$TMP/out")"
expect_rc 1 "$CRIB" --no-update --format json widget zzqqxx
[[ $(jq -c '[.partial, .hits[0].missing]' "$TMP/out") == '[true,["zzqqxx"]]' ]] && pass "JSON partial with missing words" ||
  fail "JSON partial: $(jq -c '[.partial, .hits[0].missing]' "$TMP/out")"
for f in grep jsonl; do
  expect_rc 1 "$CRIB" --no-update --format $f widget zzqqxx
  grep -q '^crib: No passage has all 2 words of "widget zzqqxx"' "$TMP/err" && [[ -s $TMP/out ]] &&
    pass "$f: partial said on stderr" || fail "$f partial: $(cat "$TMP/err")"
done
# grep and -l lines cannot say what each hit lacks: the notice said "each says what it lacks".
for f in "--format grep" --vimgrep -l; do
  expect_rc 1 "$CRIB" --no-update $f widget zzqqxx
  [[ $(cat "$TMP/err") == 'crib: No passage has all 2 words of "widget zzqqxx"; these have some of them (each lacks zzqqxx)' ]] &&
    pass "$f: the partial notice names the missing word" || fail "$f partial notice: $(cat "$TMP/err")"
done
expect_rc 1 "$CRIB" --no-update --format jsonl widget zzqqxx
grep -q 'these have some of them (each says what it lacks)$' "$TMP/err" && pass "jsonl: each hit says what it lacks" ||
  fail "jsonl partial notice: $(cat "$TMP/err")"
# -c of a partial result printed the passages with some words (5): "-c a b" counted more than "-c a".
expect_rc 1 "$CRIB" --no-update -c widget zzqqxx
[[ $(cat "$TMP/out") == 0 ]] && grep -q '^crib: no passage has all 2 words; 5 have some of them' "$TMP/err" &&
  pass "-c partial: 0 matches, the partial count on stderr" || fail "-c partial: $(cat "$TMP/out" "$TMP/err")"
(cd "$TMP/notes" && EDITOR=echo "$CRIB" --no-update --open widget zzqqxx) >"$TMP/out" 2>"$TMP/err" && rc=0 || rc=$?
[[ $rc == 1 && ! -s $TMP/out ]] && grep -q 'not opening a guess' "$TMP/err" && pass "--open does not open a partial hit" ||
  fail "--open partial: rc $rc $(cat "$TMP/out" "$TMP/err")"
expect_rc 1 "$CRIB" --no-update -q widget zzqqxx
expect_rc 1 "$CRIB" --no-update --format plain --no-related widget zzqqxx
[[ $(head -1 "$TMP/out") == 'No passage has all 2 words of "widget zzqqxx"; these have some of them (each says what it lacks)' ]] &&
  grep -q '^    missing: zzqqxx$' "$TMP/out" && grep -q ' of 5 partial matches' "$TMP/out" && pass "plain: partial said first, missing per hit" ||
  fail "plain partial: $(cat "$TMP/out")"

# A Chinese run no passage has found nothing at all; its pairs are now its parts.
printf '## 微信群红包的设计\n\n预先分配金额。\n' >"$TMP/notes/cjk.md"
"$CRIB_INDEX" -q
expect_rc 1 "$CRIB" --no-update -c 红包系统设计
[[ $(cat "$TMP/out") == 0 ]] && grep -q '^crib: no passage has all of it; 1 have some of it' "$TMP/err" &&
  pass "-c of a Chinese run read by its pairs: 0, the partial count on stderr" || fail "-c CJK partial: $(cat "$TMP/out" "$TMP/err")"
expect_rc 1 "$CRIB" --no-update --format plain --no-related 红包系统设计
[[ $(head -1 "$TMP/out") == 'No passage has all of "红包系统设计"; these have some of it (each says what it lacks)' ]] &&
  grep -q '^    missing: 系统$' "$TMP/out" && pass "plain: a Chinese run's missing pair said" || fail "plain CJK partial: $(cat "$TMP/out")"
rm "$TMP/notes/cjk.md"

printf '## Two of one?\n2 of 1 is a fraction.\n## Merge stderr?\nappend 2>&1 to the command\n## Pods plural\nmany pods\n' >"$TMP/notes/f.md"
"$CRIB_INDEX" -q
# The snippet showed the first code line with "echo", not the one with the "==" the passage matched on.
printf '## Compare strings in a shell?\n\n```sh\nif [ "$a" = "$b" ]; then echo same; fi\na=1\nb=2\n[[ $a == $b ]] && echo same\n```\n' >"$TMP/notes/cmp.md"
"$CRIB_INDEX" -q
expect_rc 0 "$CRIB" --no-update --format json echo '=='
[[ $(jq -r '.hits[0] | .snippet | split("\n")[0]' "$TMP/out") == '[[ $a == $b ]] && echo same' &&
  $(jq -r '.hits[0] | [.highlights[] as $h | .snippet[$h.cp_start:$h.cp_end]] | join(",")' "$TMP/out") == "==,echo" ]] &&
  pass "the snippet shows the literal word the passage matched on" || fail "literal snippet: $(jq -c '.hits[0] | [.snippet, .highlights]' "$TMP/out")"
printf '## Log a pipe?\n\n```sh\ntee one two\nx=1\ny=2\nprintf two | tee log\n```\n' >"$TMP/notes/tee.md"
"$CRIB_INDEX" -q
expect_rc 0 "$CRIB" --no-update --format json -F 'two | tee'
[[ $(jq -r '.hits[0] | .snippet | split("\n")[0]' "$TMP/out") == 'printf two | tee log' ]] &&
  pass "-F: the snippet shows the phrase" || fail "-F snippet: $(jq -c '.hits[0] | [.snippet, .highlights]' "$TMP/out")"
rm "$TMP/notes/cmp.md" "$TMP/notes/tee.md"
"$CRIB_INDEX" -q
expect_rc 0 "$CRIB" --no-update --format grep -F '2>&1'
[[ $(cut -d: -f3 "$TMP/out" | sort | tr '\n' '|') == "How do I list files with ls -l?|Merge stderr?|" ]] && pass "-F 2>&1" || fail "-F 2>&1: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update --format grep -F ls -l
[[ $(cut -d: -f3 "$TMP/out") == "How do I list files with ls -l?" ]] && pass "-F ls -l (words after options are query text)" || fail "-F ls -l: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update -c pod
[[ $(cat "$TMP/out") == 2 ]] && pass "stemmed pod finds pods" || fail "pod count $(cat "$TMP/out")"
expect_rc 1 "$CRIB" --no-update -c -w pod
# Punctuation could not be searched at all: "-F ===" was refused.  Now every
# passage is checked for it, as grep -F does.
printf '## Strict equality?\nIn JS, === compares without coercion; == coerces. Use a && b.\n' >"$TMP/notes/js.md"
"$CRIB_INDEX" -q
expect_rc 0 "$CRIB" --no-update --format grep -F -- '==='
[[ $(cut -d: -f3 "$TMP/out") == "Strict equality?" ]] && pass "-F === finds the passage" || fail "-F ===: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update -c -F -- '&&'
[[ $(cat "$TMP/out") == 1 ]] && pass "-F && counts 1" || fail "-F &&: $(cat "$TMP/out")"
expect_rc 1 "$CRIB" --no-update -c -F -- '->'
expect_rc 2 "$CRIB" --no-update -F -- ' '
grep -q "^crib: -F needs" "$TMP/err" && pass "-F of blanks says so" || fail "-F blank: $(cat "$TMP/err")"

# Unanswered questions were search hits like any other and listed by no command (issue 22 item 3).
printf '## What is a taint?\n## What is a toleration?\nIt lets a pod land on a tainted node.\n## Why use a sidecar?\n' >"$TMP/notes/todo.md"
"$CRIB_INDEX" -q
expect_rc 0 "$CRIB" --no-update --format grep --unanswered
[[ $(cut -d: -f3 "$TMP/out" | sort | tr '\n' '|') == "What is a taint?|Why use a sidecar?|" ]] && pass "--unanswered lists them all" ||
  fail "--unanswered: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update -c --unanswered taint
[[ $(cat "$TMP/out") == 1 ]] && pass "--unanswered with a query" || fail "--unanswered taint: $(cat "$TMP/out")"
expect_rc 0 "$CRIB" --no-update --format json taint
[[ $(jq -c '[.hits[] | select(.question == "What is a taint?") | .unanswered]' "$TMP/out") == '[true]' ]] &&
  pass "JSON marks an unanswered question" || fail "JSON unanswered: $(jq -c '[.hits[] | [.question, .unanswered]]' "$TMP/out")"
expect_rc 0 "$CRIB" --no-update --format plain --no-related taint
grep -q '^    unanswered$' "$TMP/out" && pass "plain marks it unanswered" || fail "plain unanswered: $(cat "$TMP/out")"

# -i with fzf in --filter mode (no terminal needed) and without fzf.
if need fzf; then
  expect_rc 0 env FZF_DEFAULT_OPTS="--exact --filter=stateful" EDITOR=echo "$CRIB" --no-update -i statefulset
  [[ $(cat "$TMP/out") == "+1 $TMP/notes/k8s/sts.md" ]] && pass "-i opens the chosen hit" || fail "-i: $(cat "$TMP/out")"
  expect_rc 1 env FZF_DEFAULT_OPTS="--exact --filter=zzzz" EDITOR=echo "$CRIB" --no-update -i statefulset
fi
mkdir -p "$TMP/bin" && ln -sf "$(command -v sh)" "$TMP/bin/sh"
expect_rc 2 env PATH="$TMP/bin" "$CRIB" --no-update -i statefulset
grep -q "^crib: -i needs fzf" "$TMP/err" && pass "-i without fzf says so" || fail "-i no fzf: $(cat "$TMP/err")"

# --explain: the parts add up to the order shown; null without it.
(cd "$SRC" && CRIB_DB=$TMP/content-db "$CRIB_INDEX" -q content/)
CRIB_DB=$TMP/content-db "$CRIB" --no-update --explain --format json what is a statefulset >"$TMP/out"
python3 - "$TMP/out" <<'PY' && pass "--explain parts add up to the ranking" || fail "--explain: $(head -c 600 "$TMP/out")"
import json, sys
hits = json.load(open(sys.argv[1]))["hits"]
assert hits and all(h["explain"]["bm25"] == h["score"] for h in hits)
totals = [h["explain"]["bm25"] + h["explain"]["bonus"] for h in hits if h["explain"]["reranked"]]
assert totals == sorted(totals, reverse=True), totals
assert hits[0]["explain"]["bonus"] > 0 and hits[0]["explain"]["terms"]
PY
CRIB_DB=$TMP/content-db "$CRIB" --no-update --format plain --explain -n 1 statefulset >"$TMP/out"
grep -qE "^    score [0-9.]+ = bm25 [0-9.]+ \+ question bonus" "$TMP/out" && pass "--explain in human output" || fail "--explain human: $(cat "$TMP/out")"
[[ $(CRIB_DB=$TMP/content-db "$CRIB" --no-update --format jsonl -n 1 statefulset | jq .explain) == null ]] && pass "explain null without --explain" || fail "explain not null"

# --show goes through the printers: --format json is one object with the answer.
(cd "$TMP/notes" && "$CRIB" --no-update --show k8s/sts.md:2 --format json) >"$TMP/out"
[[ $(jq -r '[.id, .path, .line, .end_line, .question, .answer] | join("|")' "$TMP/out") == \
   "$TMP/notes/k8s/sts.md:1|k8s/sts.md|1|2|What is a StatefulSet?|Pods with stable names and storage." ]] &&
  pass "--show --format json" || fail "--show json: $(cat "$TMP/out")"
(cd "$TMP/notes" && "$CRIB" --no-update --show k8s/sts.md:1 --vimgrep) >"$TMP/out"
[[ $(cat "$TMP/out") == "k8s/sts.md:1:1:What is a StatefulSet?" ]] && pass "--show --vimgrep" || fail "--show vimgrep: $(cat "$TMP/out")"

# Write errors reach main: exit 2 with a message, not a silent _exit; a closed pipe stays quiet.
if [[ -w /dev/full ]]; then
  expect_rc 2 sh -c "'$CRIB' --no-update --format plain statefulset >/dev/full"
  grep -q "^crib: write error: No space left on device" "$TMP/err" && pass "write error said" || fail "write error: $(cat "$TMP/err")"
  expect_rc 2 sh -c "'$CRIB' --no-update --show '$TMP/notes/k8s/sts.md:1' >/dev/full"
  expect_rc 2 sh -c "'$CRIB_INDEX' --dump '$TMP/notes' >/dev/full"
fi

# Exit codes: a missing --dump path and an editor that cannot start are errors (2).
expect_rc 2 "$CRIB_INDEX" --dump /nonexistent
grep -q "^crib-index: --dump: cannot open /nonexistent" "$TMP/err" && pass "--dump names the missing path" || fail "--dump missing: $(cat "$TMP/err")"
# Regression: --dump printed a binary file (an ELF, random bytes) as passages of
# garbage; indexing skips it. --dump skips it the same way: said on stderr, exit 3.
mkdir -p "$TMP/bin"
python3 -c 'import random, sys; r = random.Random(7); sys.stdout.buffer.write(b"\x7fELF\x02\x01\x01\x00" + bytes(r.randrange(256) for _ in range(4000)))' >"$TMP/bin/tool"
cp "$TMP/bin/tool" "$TMP/bin/notes.md"
printf '## What is a pod?\nA group of containers.\n' >"$TMP/bin/pod.md"
for f in tool notes.md; do
  expect_rc 3 "$CRIB_INDEX" --dump "$TMP/bin/$f"
  [[ ! -s $TMP/out ]] && pass "--dump prints no passages of binary $f" || fail "--dump binary $f: $(head -c 200 "$TMP/out")"
  grep -q "^crib-index: skipped $TMP/bin/$f: \(binary file\|not text (no extension)\)$" "$TMP/err" && pass "--dump says why $f is skipped" || fail "--dump binary $f stderr: $(cat "$TMP/err")"
done
expect_rc 3 "$CRIB_INDEX" --dump --format json "$TMP/bin" # notes.md is binary; tool is another file
grep -q 'skipped.*/tool' "$TMP/err" && fail "--dump folder reported tool, which indexing counts as another file" || pass "--dump of a folder passes over a file without an extension, as indexing does"
grep -q '"question":"What is a pod?"' "$TMP/out" && [[ $(wc -l <"$TMP/out") == 1 ]] && pass "--dump of a folder dumps its notes only" || fail "--dump folder with binaries: $(head -c 300 "$TMP/out")"
expect_rc 2 env EDITOR=/nonexistent "$CRIB" --no-update --open statefulset
grep -q "^crib: cannot start the editor /nonexistent (\$EDITOR)" "$TMP/err" && pass "editor not found said" || fail "editor: $(cat "$TMP/err")"
expect_rc 2 env VISUAL="no-such-editor -w" "$CRIB" --no-update --open "$TMP/notes/k8s/sts.md:1"
# A query that is not UTF-8 is read one way, said, and shown that way in
# every format (JSON had "été", people "�t�", for the same bytes).
expect_rc 1 "$CRIB" --no-update --format json $'\xe9t\xe9 statefulset'
grep -q 'not UTF-8; read as Windows-1252: "été statefulset"' "$TMP/err" &&
  pass "a query not in UTF-8 is read as Windows-1252 and said" || fail "non-UTF-8 query: $(cat "$TMP/err")"
grep -q '"query":"été statefulset"' "$TMP/out" && pass "JSON shows the query as read" || fail "JSON query: $(head -c 200 "$TMP/out")"
finish
