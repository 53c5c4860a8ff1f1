#!/usr/bin/env bash
# Score crib-index's question segmentation against the gold TSVs in this folder.
#
# usage: score.sh [FORMAT...]        FORMAT = org rst adoc anki ipynb logseq obsidian outline cjk cjk-heldout (default: all)
# env:   CRIB_INDEX   crib-index binary (default: <repo>/build/indexer/crib-index)
#        CRIB_CORPORA corpora folder   (default: <repo>/../shared/corpora)
#        SEGMENTATION scorer           (default: $CRIB_CORPORA/../tools/segmentation.py)
#        SCORE_ARGS   extra scorer arguments, e.g. --any-kind
# Exits 77 (skip) when the corpora or the scorer are absent.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
corpora=${CRIB_CORPORA:-$root/../shared/corpora}
index=${CRIB_INDEX:-$root/build/indexer/crib-index}

if [ ! -d "$corpora" ]; then
  echo "skip: corpora folder $corpora not found" >&2
  exit 77
fi
corpora=$(cd "$corpora" && pwd)
scorer=${SEGMENTATION:-$corpora/../tools/segmentation.py}
if [ ! -f "$scorer" ]; then
  echo "skip: scorer $scorer not found" >&2
  exit 77
fi
if [ ! -x "$index" ]; then
  echo "error: crib-index not found at $index (set CRIB_INDEX)" >&2
  exit 1
fi

formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=(org rst adoc anki ipynb logseq obsidian outline cjk cjk-heldout)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for fmt in "${formats[@]}"; do
  gold=$here/$fmt.tsv
  [ -f "$gold" ] || { echo "no gold file $gold" >&2; status=1; continue; }
  # Every annotated file, as <corpus>/<path>, relative to the corpora folder, so the
  # dump's "file" field equals the gold's corpus/file path.
  mapfile -t files < <(awk -F'\t' '!/^#/ && NF >= 4 { print $1 "/" $2 }' "$gold" | sort -u)
  : > "$tmp/$fmt.jsonl"
  for f in "${files[@]}"; do
    (cd "$corpora" && "$index" --dump --format json "$f") >> "$tmp/$fmt.jsonl"
  done
  echo "== $fmt"
  # shellcheck disable=SC2086
  python3 "$scorer" "$gold" "$tmp/$fmt.jsonl" ${SCORE_ARGS:-} || status=1
done
exit $status
