# crib gaps against the 44 hand-labelled real postings of tests/gaps (issue 24;
# skipped when ../shared/corpora is absent): the labels judge the union of
# content/ and the corpora. Bars a little under the figures measured when the
# judge was last changed (76.2% of line verdicts, 59.1% of missing skills named
# over the 785 lines of 01-22; 75.3% and 58.3% over the 992 of all 28 when
# 23-28 came; 82.7% and 61.3% after the rules of branch gaps2: broad words,
# sentence capitals checked against the notes, maps of content, headers and
# label items); 83.6% and 70.5% over all 36 after branch gaps3 (names as
# written, lower-case list names, a name's side of a subject, initials,
# versions, follow-up questions); 82.6% and 68.9% over all 44 when the held-out
# 37-44 came (78.2% / 60.5% on those); 84.1% and 73.5% over all 44 after branch gaps4
# (sub-headings, two-word names, kinds of testing, the employer's name, verbs
# opening a sentence, departments, table cells, code, asides in brackets);
# 82.1% and 72.7% over all 52 when the held-out 45-52 came (71.3% / 69.1% on
# those); 83.6% and 73.7% after branch gaps5 (company paragraphs naming
# nothing the notes know, company text naming a known stack, titles with
# the stack in brackets, initials beside their spelling-out, short names
# and initials as written); 82.8% and 71.7% over all 68 when the held-out
# 61-68 came (83.7% / 63.2% on those); 82.3% and 70.9% over all 76 when the
# held-out 69-76 came (78.8% / 63.7% on those); issue 24 asks 0.85 and 0.8 on
# postings not tuned on.
source "$(dirname "$0")/lib.bash"
[[ -d "${CORPORA:-}" ]] || { echo "skip: no corpora at ${CORPORA:-?}"; exit 77; }
# The labels judge notes only: each corpus's FORMAT.txt and licence, and the
# corpora's own README, are files beside them (tests/gaps/README.md).
"$CRIB_INDEX" -q --rebuild --exclude FORMAT.txt --exclude 'LICENSE*' --exclude /README.md \
  "$SRC/content" "$CORPORA" || [[ $? == 3 ]]
python3 "$SRC/tests/gaps/score.py" --crib "$CRIB" --db "$CRIB_DB" \
  --min-accuracy "${MIN_ACCURACY:-0.82}" --min-recall "${MIN_RECALL:-0.705}" >"$TMP/score" 2>&1 &&
  pass "gaps accuracy: $(grep -E '^line-verdict accuracy \(4' "$TMP/score" | sed 's/.*= //'), missing skills named $(grep -E '^missing-skill recall \(every' "$TMP/score" | sed 's/.*= //')" ||
  fail "gaps accuracy: $(tail -12 "$TMP/score")"
finish
