#!/usr/bin/env python3
"""Count the wrong lines of saved `crib gaps --format json` outputs by cause.

Usage:
  score.py --crib build/query/crib --db DB --save DIR      (once, to save the JSON)
  causes.py DIR [--only REGEX] [--show CAUSES]

Each line whose verdict differs from its label counts once, under the first cause
that applies (the table of "Branch gaps5" and "Branch gaps6" in README.md):
  A  a skip line judged                  B  a requirement skipped
  C  a missing skill judged covered      D  a covered skill judged missing
  E  a missing skill not cut out         F  an extra word judged missing
  G  anything else (label doubt)
Skills are matched by their words as score.py matches missing skills. --show
prints the lines of the given causes with crib's skills (+ covered, - not).
Stdlib only.
"""
import argparse
import glob
import json
import os
import re

import score

HERE = os.path.dirname(os.path.abspath(__file__))
CAUSES = "ABCDEFG"


def same_skill(label_skill, crib_name):
    words = {t for t in re.split(r"[^0-9a-z+#]+", crib_name.lower()) if t}
    return any(score.term_named(t, words) for t in score.skill_tokens(label_skill))


def cause(lab, req):
    if lab["verdict"] == "skip":
        return "A"
    if req is None:
        return "B"
    skills, missing = req["skills"], lab["missing"]
    covered = [s for s in lab["skills"] if s not in missing]
    if any(s["covered"] and same_skill(m, s["name"]) for m in missing for s in skills):
        return "C"
    if any(not s["covered"] and same_skill(c, s["name"]) for c in covered for s in skills):
        return "D"
    if any(not any(same_skill(m, s["name"]) for s in skills) for m in missing):
        return "E"
    if any(not s["covered"] and not any(same_skill(l, s["name"]) for l in lab["skills"])
           for s in skills):
        return "F"
    return "G"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json_dir")
    ap.add_argument("--only", default=".", help="postings whose name matches this regex")
    ap.add_argument("--show", default="", help="print the lines of these causes (e.g. AC)")
    args = ap.parse_args()
    counts = dict.fromkeys(CAUSES, 0)
    for lab_path in sorted(glob.glob(os.path.join(HERE, "labels", "*.tsv"))):
        name = os.path.basename(lab_path)[:-4]
        if not re.search(args.only, name):
            continue
        labels = score.load_labels(lab_path)
        with open(os.path.join(args.json_dir, name + ".json"), encoding="utf-8") as fh:
            reqs = {int(r["line"]): r for r in json.load(fh)["requirements"]}
        for line, lab in sorted(labels.items()):
            req = reqs.get(line)
            if (req["verdict"] if req else "skip") == lab["verdict"]:
                continue
            c = cause(lab, req)
            counts[c] += 1
            if c in args.show:
                print(f"{c} {name}:{line} label={lab['verdict']} crib={req['verdict'] if req else 'skip'}"
                      f" skills={lab['skills']} missing={lab['missing']}")
                for s in req["skills"] if req else []:
                    print(f"    {'+' if s['covered'] else '-'} {s['name']} (about {s['about']})")
    print(" ".join(f"{c}={counts[c]}" for c in CAUSES), "total", sum(counts.values()))


if __name__ == "__main__":
    main()
