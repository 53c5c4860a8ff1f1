#!/usr/bin/env python3
"""Score `crib gaps --format json` against the hand labels in labels/*.tsv.

Usage:
  score.py --crib /path/to/crib --db /path/to/db     run crib on every posting, then score
  score.py --json-dir DIR                            score saved outputs DIR/NN-name.json
  options: --save DIR (keep crib's JSON), --verbose (list every disagreement)

Stdlib only. See README.md for the label format and for how crib's output is
mapped onto skip / covered / partial / missing.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERDICTS = ("skip", "covered", "partial", "missing")
# words that carry no meaning on their own inside a skill name
SKILL_STOP = {"and", "or", "the", "of", "a", "an", "in", "on", "for", "to", "with"}


def load_labels(path):
    rows = {}
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            raw = raw.rstrip("\n")
            if not raw.strip():
                continue
            cols = raw.split("\t")
            cols += [""] * (5 - len(cols))
            line, verdict, skills, missing, _note = cols[:5]
            if verdict not in VERDICTS:
                sys.exit(f"{path}: bad verdict {verdict!r}")
            rows[int(line)] = {
                "verdict": verdict,
                "skills": [s.strip() for s in skills.split(",") if s.strip()],
                "missing": [s.strip() for s in missing.split(",") if s.strip()],
            }
    return rows


def crib_lines(doc):
    """Collapse crib's requirements (several may share a line) into one verdict per line.

    Mapping (documented in README.md):
      line not among crib's requirements            -> skip
      every requirement on the line covered=true    -> covered
      no requirement covered and none of their key
        terms found (missing == terms)              -> missing
      anything else                                 -> partial
    """
    if doc.get("version", 1) >= 2:
        return crib_lines_v2(doc)
    by_line = {}
    for req in doc.get("requirements", []):
        by_line.setdefault(int(req["line"]), []).append(req)
    out = {}
    for line, reqs in by_line.items():
        terms = set()
        missing = set()
        for r in reqs:
            terms |= {t.lower() for t in r.get("terms", [])}
            missing |= {t.lower() for t in r.get("missing", [])}
        if all(r.get("covered") for r in reqs):
            verdict = "covered"
        elif not any(r.get("covered") for r in reqs) and terms and missing >= terms:
            verdict = "missing"
        else:
            verdict = "partial"
        out[line] = {
            "verdict": verdict,
            "missing_terms": missing,
            "any_uncovered": not all(r.get("covered") for r in reqs),
        }
    return out


def crib_lines_v2(doc):
    """crib gaps JSON version 2 gives one verdict per line; its missing terms are the
    words of the skills it lists as missing."""
    out = {}
    for req in doc.get("requirements", []):
        words = set()
        for name in req.get("missing", []):
            words |= {t for t in re.split(r"[^0-9a-z+#]+", name.lower()) if t}
        out[int(req["line"])] = {
            "verdict": req["verdict"],
            "missing_terms": words,
            "any_uncovered": req["verdict"] != "covered",
        }
    return out


def skill_tokens(skill):
    """Words of a skill name that crib could report: lowercased, split on punctuation,
    without filler words and without 1-2 letter fragments ('js' of Node.js, 'ui') unless
    nothing else is left ('Go')."""
    toks = [t for t in re.split(r"[^0-9a-z+#]+", skill.lower()) if t]
    toks = [t for t in toks if t not in SKILL_STOP] or toks
    return [t for t in toks if len(t) > 2] or toks


def _stem(word):
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def term_named(token, terms):
    """A skill word counts as named when crib lists the same word, allowing a plural 's'
    and a shared prefix of at least 4 letters ('curry' ~ 'currying', 'visualizations')."""
    a = _stem(token)
    for t in terms:
        b = _stem(t)
        if a == b:
            return True
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if len(short) >= 4 and long_.startswith(short):
            return True
    return False


def run_crib(crib, db, posting):
    cmd = [crib, "gaps", "--no-update", "--format", "json"]
    if db:
        cmd[2:2] = ["--db", db]
    res = subprocess.run(cmd + [posting], capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"{' '.join(cmd)} {posting}: exit {res.returncode}\n{res.stderr}")
    return json.loads(res.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crib", help="crib binary")
    ap.add_argument("--db", help="index directory passed to crib --db")
    ap.add_argument("--json-dir", help="read saved crib JSON instead of running crib")
    ap.add_argument("--save", help="write crib's JSON output here")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--min-accuracy", type=float, help="exit 1 below this 4-way line accuracy (0..1)")
    ap.add_argument("--min-recall", type=float, help="exit 1 below this missing-skill recall (0..1)")
    ap.add_argument("--only", help="score only postings whose name matches this regex "
                    "(e.g. '^(0|10)' for 01-10, the set crib gaps was tuned on)")
    args = ap.parse_args()
    if not args.crib and not args.json_dir:
        ap.error("give --crib (and --db) or --json-dir")

    confusion = {(a, b): 0 for a in VERDICTS for b in VERDICTS}
    tot_lines = tot_agree = tot_agree3 = 0
    tot_miss = tot_named = tot_named_any = tot_named_unc = 0
    per = []
    for lab_path in sorted(glob.glob(os.path.join(HERE, "labels", "*.tsv"))):
        if args.only and not re.search(args.only, os.path.basename(lab_path)):
            continue
        name = os.path.basename(lab_path)[:-4]
        posting = os.path.join(HERE, "postings", name + ".txt")
        labels = load_labels(lab_path)
        if args.json_dir:
            with open(os.path.join(args.json_dir, name + ".json"), encoding="utf-8") as fh:
                doc = json.load(fh)
        else:
            doc = run_crib(args.crib, args.db, posting)
            if args.save:
                os.makedirs(args.save, exist_ok=True)
                with open(os.path.join(args.save, name + ".json"), "w", encoding="utf-8") as fh:
                    json.dump(doc, fh, indent=1)
        got = crib_lines(doc)
        stray = sorted(set(got) - set(labels))
        if stray:
            print(f"warning: {name}: crib reports lines with no label: {stray}", file=sys.stderr)

        agree = agree3 = 0
        n_miss = named = named_any = named_unc = 0
        for line, lab in sorted(labels.items()):
            g = got.get(line, {"verdict": "skip", "missing_terms": set(), "any_uncovered": False})
            confusion[(lab["verdict"], g["verdict"])] += 1
            if lab["verdict"] == g["verdict"]:
                agree += 1
            elif args.verbose:
                print(f"  {name}:{line} label={lab['verdict']} crib={g['verdict']}")
            collapse = lambda v: "not-covered" if v in ("partial", "missing") else v
            if collapse(lab["verdict"]) == collapse(g["verdict"]):
                agree3 += 1
            for skill in lab["missing"]:
                n_miss += 1
                toks = skill_tokens(skill)
                hit_all = all(term_named(t, g["missing_terms"]) for t in toks)
                hit_any = any(term_named(t, g["missing_terms"]) for t in toks)
                named += hit_all
                named_any += hit_any
                named_unc += hit_all and g["any_uncovered"]
                if args.verbose and not hit_all:
                    print(f"  {name}:{line} missing skill not named: {skill!r} (crib missing terms: {sorted(g['missing_terms'])})")
        n = len(labels)
        per.append((name, n, agree, agree3, n_miss, named))
        tot_lines += n
        tot_agree += agree
        tot_agree3 += agree3
        tot_miss += n_miss
        tot_named += named
        tot_named_any += named_any
        tot_named_unc += named_unc

    pct = lambda a, b: f"{100.0 * a / b:5.1f}%" if b else "  n/a"
    print(f"{'posting':32} {'lines':>5} {'acc4':>7} {'acc3':>7} {'miss':>5} {'named':>7}")
    for name, n, agree, agree3, n_miss, named in per:
        print(f"{name:32} {n:5d} {pct(agree, n):>7} {pct(agree3, n):>7} {n_miss:5d} {pct(named, n_miss):>7}")
    print()
    print(f"line-verdict accuracy (4-way skip/covered/partial/missing): {tot_agree}/{tot_lines} = {pct(tot_agree, tot_lines).strip()}")
    print(f"line-verdict accuracy (3-way, partial+missing merged):       {tot_agree3}/{tot_lines} = {pct(tot_agree3, tot_lines).strip()}")
    print(f"missing-skill recall (every token of the skill among crib's missing terms on that line): "
          f"{tot_named}/{tot_miss} = {pct(tot_named, tot_miss).strip()}")
    print(f"  lenient (any token):                                   {tot_named_any}/{tot_miss} = {pct(tot_named_any, tot_miss).strip()}")
    print(f"  strict (every token, and crib marks the line not covered): {tot_named_unc}/{tot_miss} = {pct(tot_named_unc, tot_miss).strip()}")
    print()
    print("confusion (rows = label, columns = crib):")
    print(f"{'':10}" + "".join(f"{v:>9}" for v in VERDICTS))
    for a in VERDICTS:
        print(f"{a:10}" + "".join(f"{confusion[(a, b)]:9d}" for b in VERDICTS))
    low = []
    if args.min_accuracy is not None and tot_agree < args.min_accuracy * tot_lines:
        low.append(f"line accuracy {tot_agree / tot_lines:.3f} < {args.min_accuracy}")
    if args.min_recall is not None and tot_named < args.min_recall * tot_miss:
        low.append(f"missing-skill recall {tot_named / tot_miss:.3f} < {args.min_recall}")
    if low:
        sys.exit("below the bar: " + "; ".join(low))


if __name__ == "__main__":
    main()
