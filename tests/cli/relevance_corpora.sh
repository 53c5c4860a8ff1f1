# Relevance over the public corpora (skipped when ../shared/corpora is absent):
# tests/relevance/corpora.tsv, MRR@10 and success@1/@5, with a bar set from
# the measured figures (MRR 0.858 when the suite was written).
source "$(dirname "$0")/lib.bash"
[[ -d "${CORPORA:-}" ]] || { echo "skip: no corpora at ${CORPORA:-?}"; exit 77; }
MIN_MRR=${MIN_MRR:-0.8}
"$CRIB_INDEX" -q --rebuild "$CORPORA" || [[ $? == 3 ]]
python3 "$SRC/tests/cli/relevance_score.py" "$CRIB" "$SRC/tests/relevance/corpora.tsv" "$MIN_MRR"
pass "corpora relevance"
finish
