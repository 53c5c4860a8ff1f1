# Relevance on notes in every format we never tuned on (tests/formats/):
# tests/formats/expected/queries.tsv was written, with its answers, before
# crib ran on these notes.  MRR@10 and success@1/@5, with a bar below the
# figure measured when the readers landed (see the closing note of issue 10).
source "$(dirname "$0")/lib.bash"
MIN_MRR=${MIN_MRR:-0.8}
"$CRIB_INDEX" -q --rebuild tests/formats/notes
python3 "$SRC/tests/cli/relevance_score.py" "$CRIB" tests/formats/expected/queries.tsv "$MIN_MRR"
pass "relevance on every format"
finish
