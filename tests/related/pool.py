#!/usr/bin/env python3
"""Make a blind judging pool for the related-questions suite (TREC-style pooling).

    pool.py --db DB --crib CRIB [--crib CRIB2 ...] --crib-index CRIB_INDEX --corpora DIR
            --out POOL.md --key KEY.tsv [--seed N] [--depth N]

related.tsv's gold sets were made by searching the notes before crib's related feature ran; any
suggestion outside them counts as unrelated, even when a reader would call it related.  This
script lists, per query, the expected top hit and a shuffled pool of candidate passages for a
reader to judge without knowing where each came from:

  - the first --depth (10) related questions of each crib binary given;
  - the same-file baseline of score.py (5 nearest questions in the top hit's file);
  - decoys: 3 random questions of the top hit's corpus folder and 2 of the whole corpora
    (how often a reader calls a random question related);
  - 2 gold passages (how often the reader agrees with the gold set).

Candidates already in the gold set (other than the 2 planted ones) are left out.  POOL.md is
what the reader sees; KEY.tsv (query, path:line, sources) is for scoring and must not be shown
to the reader.  No note text is written to the repository: both files go where --out and --key
say (outside the checkout).
"""
import argparse, json, os, random, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

EXCERPT = 700


def passage(corpus, pid):
    """(question, headings, answer) of the passage starting at pid = (relpath, line)."""
    p, ln = pid
    full = os.path.join(corpus.root, p)
    out = subprocess.run([corpus.crib_index, "--dump", "--format", "json", full],
                         capture_output=True, text=True).stdout
    for d in map(json.loads, out.splitlines()):
        if d.get("file") and d["line"] == ln:
            return d.get("question", ""), d.get("headings", []), d.get("answer", "")
    return "", [], ""


def all_questions(corpus):
    out = []
    for folder in sorted(corpus.folders):
        for dirpath, _, files in os.walk(os.path.join(corpus.root, folder)):
            for f in files:
                rel = os.path.relpath(os.path.join(dirpath, f), corpus.root)
                out.extend((rel, ln) for ln, kind, _ in corpus.dump(rel) if kind == "question")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--crib", action="append", required=True)
    ap.add_argument("--crib-index", required=True)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--tsv", default=os.path.join(score.HERE, "related.tsv"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--depth", type=int, default=10)
    args = ap.parse_args()
    corpus = score.Corpus(args.corpora, args.crib_index)
    rng = random.Random(args.seed)
    questions = all_questions(corpus)
    cache = {}

    def text(pid):
        if pid not in cache:
            cache[pid] = passage(corpus, pid)
        return cache[pid]

    md, key = [], ["query\tcandidate\tsources"]
    for qn, row in enumerate(score.load_suite(args.tsv), 1):
        top = score.split_id(row["tophit"])
        gold = {score.split_id(g) for g in row["gold"]}
        sources = {}

        def add(pid, src):
            if pid != top:
                sources.setdefault(pid, set()).add(src)

        for n, crib in enumerate(args.crib, 1):
            ns = argparse.Namespace(crib=crib, db=args.db)
            out = score.run_crib(ns, row["query"])
            for s in out.get("related", [])[:args.depth]:
                add((corpus.rel(s["file"]), int(s["line"])), f"crib{n}")
        for pid in score.baseline(corpus, top):
            add(pid, "baseline")
        sources = {pid: s for pid, s in sources.items() if pid not in gold}
        same_folder = [q for q in questions if score.folder(q[0]) == score.folder(top[0])
                       and q not in gold and q != top and q not in sources]
        for pid in rng.sample(same_folder, min(3, len(same_folder))):
            add(pid, "decoy-folder")
        anywhere = [q for q in questions if q not in gold and q != top and q not in sources]
        for pid in rng.sample(anywhere, 2):
            add(pid, "decoy-any")
        for pid in rng.sample(sorted(gold - {top}), min(2, len(gold - {top}))):
            add(pid, "gold")
        items = sorted(sources)
        rng.shuffle(items)
        q, heads, ans = text(top)
        md.append(f"\n## Q{qn}: {row['query']}\n\n**Top hit** `{row['tophit']}`  \n"
                  f"Headings: {' > '.join(heads)}  \nQuestion: {q}\n\n```\n{ans[:EXCERPT * 2]}\n```\n")
        for i, pid in enumerate(items, 1):
            cq, ch, ca = text(pid)
            md.append(f"### Q{qn}.{i} `{pid[0]}:{pid[1]}`\nHeadings: {' > '.join(ch)}  \n"
                      f"Question: {cq}\n\n```\n{ca[:EXCERPT]}\n```\n")
            key.append(f"{row['query']}\t{pid[0]}:{pid[1]}\t{','.join(sorted(sources[pid]))}")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Related-questions judging pool\n" + "".join(md))
    with open(args.key, "w", encoding="utf-8") as f:
        f.write("\n".join(key) + "\n")
    print(f"{len(key) - 1} candidates for {qn} queries -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
