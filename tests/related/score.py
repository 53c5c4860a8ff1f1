#!/usr/bin/env python3
"""Score crib's "related questions" against the hand-judged suite in related.tsv.

    score.py --db DB [--crib CRIB] [--crib-index CRIB_INDEX] [--corpora DIR] [--rebuild]
             [--tsv related.tsv] [--show] [--json OUT]

For each query: runs `crib --db DB --no-update --format json -- QUERY...`, takes the first 5
entries of "related", and counts one as related when its path:line matches a gold entry of that
query (see MATCHING).  Reports precision@5 per query and overall, the number of queries with no
related suggestion, how many suggestions come from another corpus folder than the expected top
hit, and the same figures for a baseline: the 5 question passages nearest the expected top hit
in its own file (by line distance, top hit excluded), taken from `crib-index --dump --format json`.

PATHS: crib may print absolute paths or paths relative to an index root; every path is cut
down to corpus-relative form (from the first component that is a folder of the corpora root).

MATCHING: a suggestion counts when it is on a gold path at a gold line, or within 1 line of a
gold line when its own line is not the first line of any passage in crib-index --dump (the
tolerance covers line-numbering differences, not neighbours: in Anki decks, jenkins.md and
po4yka follow-up lists, adjacent lines are different questions).  The figure a naive +-1 rule
would give is printed too.

P@5 divides by 5 even when fewer than 5 suggestions are shown (a missing slot is not related).
Exit status: 0 after reporting, 77 (skip) when the corpora folder is absent, 2 on usage errors.
"""
import argparse, json, os, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
K = 5


def load_suite(path):
    rows = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) < 3:
            sys.exit(f"{path}:{n}: expected query<TAB>tophit<TAB>related,...[<TAB>comment]")
        gold = [g.strip() for g in f[2].split(",") if g.strip()]
        rows.append({"query": f[0], "tophit": f[1].strip(), "gold": gold,
                     "comment": f[3] if len(f) > 3 else ""})
    return rows


def split_id(pl):
    p, ln = pl.rsplit(":", 1)
    return p, int(ln)


class Corpus:
    def __init__(self, root, crib_index):
        self.root = os.path.abspath(root)
        self.folders = {d for d in os.listdir(self.root) if os.path.isdir(os.path.join(self.root, d))}
        self.crib_index = crib_index
        self._dumps = {}

    def rel(self, path):
        """Corpus-relative form of a path printed by crib (absolute or index-relative)."""
        parts = path.replace("\\", "/").split("/")
        for i, part in enumerate(parts):
            if part in self.folders:
                return "/".join(parts[i:])
        return path

    def dump(self, relpath):
        """Passages of one file: list of (line, kind, question)."""
        if relpath not in self._dumps:
            full = os.path.join(self.root, relpath)
            out = subprocess.run([self.crib_index, "--dump", "--format", "json", full],
                                 capture_output=True, text=True).stdout if os.path.isfile(full) else ""
            self._dumps[relpath] = [(d["line"], d["kind"], d.get("question", ""))
                                    for d in map(json.loads, out.splitlines()) if d.get("file")]
        return self._dumps[relpath]

    def starts(self, relpath):
        return {ln for ln, _, _ in self.dump(relpath)}


def folder(relpath):
    return relpath.split("/", 1)[0]


def load_judged(paths):
    """Pooled verdicts (judged.tsv: query, candidate, verdict, reason) -> {query: {(path, line): verdict}}."""
    out = {}
    for path in paths:
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            f = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(f) < 3 or not f[0] or f[:3] == ["query", "candidate", "verdict"]:
                continue
            if f[2] not in ("related", "unrelated", "dup"):
                sys.exit(f"{path}:{n}: verdict must be related, unrelated or dup")
            out.setdefault(f[0], {})[split_id(f[1])] = f[2]
    return out


def judge(corpus, sugg, gold, pooled=None):
    """-> (strict-with-tolerance verdict, naive +-1 verdict, used tolerance) for one suggestion;
    with `pooled` (this query's pooled verdicts) a suggestion judged related counts too."""
    p, ln = sugg
    if pooled and pooled.get(sugg) == "related":
        return True, True, False
    lines = {gl for gp, gl in gold if gp == p}
    if ln in lines:
        return True, True, False
    near = any(abs(ln - gl) == 1 for gl in lines)
    if near and ln not in corpus.starts(p):
        return True, True, True
    return False, near, False


def baseline(corpus, tophit):
    p, ln = tophit
    qs = [l for l, kind, _ in corpus.dump(p) if kind == "question" and l != ln]
    qs.sort(key=lambda l: (abs(l - ln), l))
    return [(p, l) for l in qs[:K]]


def run_crib(args, query):
    cmd = [args.crib, "--db", args.db, "--no-update", "--format", "json", "--", *query.split()]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if not r.stdout.strip():
        return {"hits": [], "related": []}
    return json.loads(r.stdout)


def score_list(corpus, sugg, gold, top_folder, pooled=None):
    verdicts = [judge(corpus, s, gold, pooled) for s in sugg[:K]]
    gold_ids = set(gold)
    return {
        "suggestions": [f"{p}:{l}" for p, l in sugg[:K]],
        "verdicts": [v[0] for v in verdicts],
        "related": sum(v[0] for v in verdicts),
        "related_naive": sum(v[1] for v in verdicts),
        "tolerance_used": sum(v[2] for v in verdicts),
        "shown": len(sugg[:K]),
        "other_corpus": sum(folder(p) != top_folder for p, _ in sugg[:K]),
        "unjudged": sum(pooled is not None and s not in gold_ids and s not in pooled
                        for s in sugg[:K]),
    }


def summary(name, results, key):
    n = len(results)
    rel = sum(r[key]["related"] for r in results)
    naive = sum(r[key]["related_naive"] for r in results)
    shown = sum(r[key]["shown"] for r in results)
    other = sum(r[key]["other_corpus"] for r in results)
    zero = sum(r[key]["related"] == 0 for r in results)
    unjudged = sum(r[key]["unjudged"] for r in results)
    p5 = rel / (K * n)
    prec_shown = rel / shown if shown else 0.0
    print(f"{name:9s} P@5 {p5:.3f} ({rel}/{K * n})  precision of shown {prec_shown:.3f} ({rel}/{shown})"
          f"  zero-related queries {zero}/{n}  from another corpus folder {other}/{shown}"
          f"  [naive +-1 P@5 {naive / (K * n):.3f}]" + (f"  unjudged {unjudged}" if unjudged else ""))
    return {"p_at_5": p5, "related": rel, "slots": K * n, "shown": shown, "precision_of_shown": prec_shown,
            "zero_related_queries": zero, "queries": n, "other_corpus": other, "p_at_5_naive_pm1": naive / (K * n)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=os.environ.get("CRIB_DB"), help="index folder (default $CRIB_DB)")
    ap.add_argument("--crib", default=os.environ.get("CRIB") or shutil.which("crib") or "crib")
    ap.add_argument("--crib-index", default=os.environ.get("CRIB_INDEX") or shutil.which("crib-index") or "crib-index")
    ap.add_argument("--corpora", default=os.environ.get("CORPORA") or os.path.join(HERE, "..", "..", "..", "shared", "corpora"))
    ap.add_argument("--tsv", default=os.path.join(HERE, "related.tsv"))
    ap.add_argument("--rebuild", action="store_true", help="crib-index --rebuild CORPORA into --db first")
    ap.add_argument("--show", action="store_true", help="print every suggestion with its verdict")
    ap.add_argument("--json", help="write per-query results and totals to this file")
    ap.add_argument("--judged", action="append", default=[],
                    help="pooled verdicts (judged.tsv, see pool.py); repeatable: a suggestion judged "
                         "related there counts as related too")
    args = ap.parse_args()
    if not os.path.isdir(args.corpora):
        print(f"skip: no corpora at {args.corpora}")
        return 77
    if not args.db:
        ap.error("--db (or $CRIB_DB) is required")
    corpus = Corpus(args.corpora, args.crib_index)
    if args.rebuild:
        r = subprocess.run([args.crib_index, "-q", "--db", args.db, "--rebuild", corpus.root])
        if r.returncode not in (0, 3):
            sys.exit(f"crib-index --rebuild failed ({r.returncode})")

    judged = load_judged(args.judged)
    results = []
    for row in load_suite(args.tsv):
        pooled = judged.get(row["query"]) if args.judged else None
        if args.judged and pooled is None:
            pooled = {}
        top = split_id(row["tophit"])
        gold = [split_id(g) for g in row["gold"]]
        out = run_crib(args, row["query"])
        hits = out.get("hits", [])
        related = [(corpus.rel(s["file"]), int(s["line"])) for s in out.get("related", [])]
        if hits:
            h = hits[0]
            ids = [(corpus.rel(h["file"]), int(h["line"]))]
            for a in h.get("also_in", []) or []:
                if isinstance(a, dict) and "file" in a:
                    ids.append((corpus.rel(a["file"]), int(a["line"])))
                elif isinstance(a, str) and ":" in a:
                    ids.append(split_id(corpus.rel(a)))
            actual = f"{ids[0][0]}:{ids[0][1]}"
            top_ok = top in ids
            top_same_file = any(p == top[0] for p, _ in ids)
        else:
            actual, top_ok, top_same_file = "", False, False
        res = {"query": row["query"], "tophit": row["tophit"], "actual_tophit": actual,
               "tophit_as_expected": top_ok, "tophit_same_file": top_same_file, "gold_size": len(gold),
               "crib": score_list(corpus, related, gold, folder(top[0]), pooled),
               "baseline": score_list(corpus, baseline(corpus, top), gold, folder(top[0]), pooled)}
        res["crib"]["questions"] = [s.get("question", "") for s in out.get("related", [])[:K]]
        results.append(res)

    print(f"{'query':34s} {'crib':>5s} {'base':>5s}  shown other  top  gold")
    for r in results:
        c, b = r["crib"], r["baseline"]
        top = "ok" if r["tophit_as_expected"] else ("file" if r["tophit_same_file"] else "DIFF")
        print(f"{r['query'][:34]:34s} {c['related'] / K:5.2f} {b['related'] / K:5.2f}  {c['shown']:5d} {c['other_corpus']:5d}"
              f"  {top:4s} {r['gold_size']:4d}")
        if args.show:
            for s, q, v in zip(c["suggestions"], c["questions"], c["verdicts"]):
                print(f"      {'+' if v else '-'} {s}  {q[:90]}")
            if top != "ok":
                print(f"      top hit: expected {r['tophit']}, crib {r['actual_tophit']}")
    print()
    totals = {"crib": summary("crib", results, "crib"), "baseline": summary("same-file", results, "baseline")}
    sub = [r for r in results if r["tophit_as_expected"]]
    if sub and len(sub) < len(results):
        print(f"-- only the {len(sub)} queries whose crib top hit is the expected one (or its duplicate):")
        totals["crib_tophit_ok"] = summary("crib", sub, "crib")
        totals["baseline_tophit_ok"] = summary("same-file", sub, "baseline")
    print("-- P@5 by folder of the expected top hit (queries: crib / same-file):")
    for fo in sorted({folder(r["tophit"]) for r in results}):
        rs = [r for r in results if folder(r["tophit"]) == fo]
        c = sum(r["crib"]["related"] for r in rs) / (K * len(rs))
        b = sum(r["baseline"]["related"] for r in rs) / (K * len(rs))
        print(f"   {fo[:46]:46s} {len(rs):3d}  {c:.3f} / {b:.3f}")
    ok = sum(r["tophit_as_expected"] for r in results)
    print(f"top hit as expected in {ok}/{len(results)} queries (same file in "
          f"{sum(r['tophit_same_file'] for r in results)}); tolerance (+-1, line not a passage start) used "
          f"{sum(r['crib']['tolerance_used'] for r in results)} times for crib")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"totals": totals, "queries": results}, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
