# Relevance over the public corpora (skipped when ../shared/corpora is absent):
# tests/relevance/corpora.tsv, MRR@10 and success@1/@5, with a bar set from
# the measured figures (MRR 0.858 when the suite was written).
source "$(dirname "$0")/lib.bash"
[[ -d "${CORPORA:-}" ]] || { echo "skip: no corpora at ${CORPORA:-?}"; exit 77; }
MIN_MRR=${MIN_MRR:-0.8}
"$CRIB_INDEX" -q --rebuild "$CORPORA" || [[ $? == 3 ]]
python3 - "$CRIB" "$SRC/tests/relevance/corpora.tsv" "$MIN_MRR" <<'PY'
import json, subprocess, sys
crib, tsv, bar = sys.argv[1], sys.argv[2], float(sys.argv[3])
n = mrr = s1 = s5 = 0
for line in open(tsv):
    if not line.strip() or line.startswith("#"):
        continue
    q, target = line.rstrip("\n").split("\t")[:2]
    out = subprocess.run([crib, "--no-update", "--no-related", "--no-facets", "--format", "jsonl", "-n", "10", "--", *q.split()],
                         capture_output=True, text=True).stdout
    rank = 0
    for h in map(json.loads, out.splitlines()):
        if f'{h["file"]}:{h["line"]}'.endswith("/" + target):
            rank = h["rank"]
            break
    n += 1
    if rank:
        mrr += 1 / rank; s1 += rank == 1; s5 += rank <= 5
print(f"{n} queries: MRR@10 {mrr/n:.3f} success@1 {s1/n:.3f} success@5 {s5/n:.3f} (bar {bar})")
sys.exit(0 if mrr / n >= bar else 1)
PY
pass "corpora relevance"
finish
