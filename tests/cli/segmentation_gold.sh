# Question segmentation of real notes against the gold files of
# tests/corpora/gold (one per format, written before the parser saw the notes;
# cjk-heldout.tsv for issue 30), scored by ../shared/tools/segmentation.py.
# Skipped when ../shared/corpora or the scorer is absent.  Bars a little under
# the figures at 2026-12-07: every file recall >= 0.95 (lowest: ipynb 0.952)
# and precision >= 0.9 (lowest: cjk-heldout 0.917).
source "$(dirname "$0")/lib.bash"
[[ -d "${CORPORA:-}" ]] || { echo "skip: no corpora at ${CORPORA:-?}"; exit 77; }
[[ -f "$CORPORA/../tools/segmentation.py" ]] || { echo "skip: no scorer"; exit 77; }
MIN_RECALL=${MIN_RECALL:-0.95} MIN_PRECISION=${MIN_PRECISION:-0.9}
for gold in "$SRC"/tests/corpora/gold/*.tsv; do
  fmt=$(basename "$gold" .tsv)
  rc=0
  CRIB_INDEX=$CRIB_INDEX CRIB_CORPORA=$CORPORA bash "$SRC/tests/corpora/gold/score.sh" "$fmt" >"$TMP/score" 2>&1 || rc=$?
  read -r p r < <(sed -nE 's/^precision ([0-9.]+) recall ([0-9.]+).*/\1 \2/p' "$TMP/score" | tail -1) || true
  if [[ $rc != 0 || -z ${p:-} ]]; then
    fail "$fmt: the scorer failed (rc $rc): $(tail -3 "$TMP/score")"
  elif python3 -c "import sys; sys.exit(0 if $r >= $MIN_RECALL and $p >= $MIN_PRECISION else 1)"; then
    pass "$fmt: precision $p recall $r"
  else
    fail "$fmt: precision $p recall $r (bars $MIN_PRECISION / $MIN_RECALL): $(grep -E 'missed|extra' "$TMP/score" | head -3)"
  fi
done
finish
