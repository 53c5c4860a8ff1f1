# Score a relevance suite through the crib binary: relevance_score.py CRIB TSV MIN_MRR.
# TSV lines are query<TAB>path:line[<TAB>...]; a hit counts when its file:line ends
# with "/path:line".  Prints the queries not ranked first, then MRR@10 and
# success@1/@3/@5; exits 1 below MIN_MRR.  Used by relevance_corpora.sh and
# relevance_formats.sh.
import json, subprocess, sys
crib, tsv, bar = sys.argv[1], sys.argv[2], float(sys.argv[3])
n = mrr = s1 = s3 = s5 = 0
for line in open(tsv):
    if not line.strip() or line.startswith("#"):
        continue
    q, target = line.rstrip("\n").split("\t")[:2]
    out = subprocess.run([crib, "--no-update", "--no-related", "--no-facets", "--format", "json", "-n", "10", "--", *q.split()],
                         capture_output=True, text=True).stdout
    # Ranked as people see the page: the matches, then (after a short full
    # match) the passages with some of the words, labelled as such.
    page = json.loads(out) if out.strip() else {}
    shown = page.get("hits", []) + page.get("nearly", [])
    rank = 0
    for i, h in enumerate(shown[:10], 1):
        if f'{h["file"]}:{h["line"]}'.endswith("/" + target):
            rank = i
            break
    if rank != 1:
        print(f"  rank {rank or '>10'}: {q} -> {target}")
    n += 1
    if rank:
        mrr += 1 / rank; s1 += rank == 1; s3 += rank <= 3; s5 += rank <= 5
print(f"{n} queries: MRR@10 {mrr/n:.3f} success@1 {s1/n:.3f} success@3 {s3/n:.3f} success@5 {s5/n:.3f} (bar {bar})")
sys.exit(0 if mrr / n >= bar else 1)
