# Relevance on notes in every format we never tuned on (tests/formats/):
# tests/formats/expected/queries.tsv was written, with its answers, before
# crib ran on these notes.  MRR@10 and success@1/@5, with a bar below the
# figure measured when the readers landed (see the closing note of issue 10).
source "$(dirname "$0")/lib.bash"
MIN_MRR=${MIN_MRR:-0.8}
"$CRIB_INDEX" -q --rebuild tests/formats/notes
python3 - "$CRIB" tests/formats/expected/queries.tsv "$MIN_MRR" <<'PY'
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
    if rank != 1:
        print(f"  rank {rank or '>10'}: {q} -> {target}")
    n += 1
    if rank:
        mrr += 1 / rank; s1 += rank == 1; s5 += rank <= 5
print(f"{n} queries: MRR@10 {mrr/n:.3f} success@1 {s1/n:.3f} success@5 {s5/n:.3f} (bar {bar})")
sys.exit(0 if mrr / n >= bar else 1)
PY
pass "relevance on every format"
finish
