# crib quiz cards and topics on the public corpora (skipped when
# ../shared/corpora is absent): what issue 24 measured there, held.
#   cards: 1,501 of 3,704 had a front of one or two words (3,334 cards, 25
#     now: a short title shows its heading path), 37 answers were only links;
#   topics: --topics listed folders and tags (difficulty, moc, todo, ...).
# Prints the figures it checks; the README quotes them.
source "$(dirname "$0")/lib.bash"
[[ -d "${CORPORA:-}" ]] || { echo "skip: no corpora at ${CORPORA:-?}"; exit 77; }
need python3 || finish
"$CRIB_INDEX" -q --rebuild "$CORPORA" content/
"$CRIB" --no-update quiz --reviews "$TMP/r.sqlite" --export anki - >"$TMP/deck.txt"
# cards, fronts of one or two words (the path div counts: it is on the card),
# fronts that are a URL or a link, answers that are only links.
read -r cards short url_fronts link_answers < <(python3 - "$TMP/deck.txt" <<'PY'
import csv, html, re, sys
csv.field_size_limit(10**9)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
rows = [r for r in csv.reader(lines[4:], delimiter="\t", quotechar='"') if r]
URL = re.compile(r"(https?://|www\.)\S+")
def text(h): return html.unescape(re.sub(r"<[^>]+>", " ", h)).strip()
def words(s): return re.findall(r"\w+", s)
short = url_fronts = link_answers = 0
for front, back, *_ in rows:
    f = text(front)
    if len(words(f)) <= 2 and not re.search(r"[\u3000-\u9fff]{3}", f): short += 1
    if URL.search(f) and not words(URL.sub(" ", f)): url_fronts += 1
    b = re.sub(r"<a [^>]*>.*?</a>", " ", back, flags=re.S)
    if not words(URL.sub(" ", text(b))): link_answers += 1
print(len(rows), short, url_fronts, link_answers)
PY
)
echo "cards $cards, one-or-two-word fronts $short, URL fronts $url_fronts, link-only answers $link_answers"
((cards > 3000)) && pass "the corpora give cards" || fail "cards: $cards"
# Under 1.5%: 20 of the 34 are a deck's own fronts ("docker login", command ->
# meaning in timcondit's docker.csv), cards since that tab-separated .csv is
# read at its tabs; the other 14 were there before.
((short * 1000 < cards * 15)) && pass "under 1.5% of fronts are one or two words" || fail "short fronts: $short of $cards"
((url_fronts == 0)) && pass "no URL fronts" || fail "URL fronts: $url_fronts"
((link_answers <= 10)) && pass "answers that are only links: $link_answers" || fail "link-only answers: $link_answers"
"$CRIB" --no-update --topics >"$TMP/topics"
echo "topics: $(cut -f1 "$TMP/topics" | tr '\n' ' ')"
if grep -qxE 'difficulty|difficulty/.*|moc|todo|vs|topic|topic/.*|interview|vault|logseq|misc|notes' <(cut -f1 "$TMP/topics"); then
  fail "containers and tags as topics: $(cut -f1 "$TMP/topics" | tr '\n' ' ')"
else
  pass "--topics lists subjects, not folders or tags"
fi
# The JavaScript question bank: every passage is javascript.
bank=$("$CRIB" --no-update -n all --all --format grep 'kind:question OR kind:section' | grep -c lydiahallie__javascript || true)
js=$("$CRIB" --no-update -n all --all --format grep -t javascript 'kind:question OR kind:section' | grep -c lydiahallie__javascript || true)
echo "-t javascript reaches $js of the $bank passages of the JavaScript question bank"
((bank > 100 && js == bank)) && pass "a question bank about one language has its topic throughout" || fail "js bank: $js of $bank"
finish
