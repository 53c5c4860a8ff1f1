// related.cpp - step 7, relate: related questions to the top hit, from the
// words that say what it is about (related_terms.cpp) and from where it sits
// in the notes (its file, section and folder); never a hit shown or its copies.
#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "search/internal.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace crib {

namespace detail {

namespace {

/// How much a passage can gain from subject term `t` at most, up to a
/// factor shared by all terms: its weight times its rarity among `docs`
/// passages (BM25 weighs it by rarity again).
double reach(const FeedbackTerm& t, double docs) {
    return t.weight * std::log(docs / std::max<Xapian::doccount>(t.freq, 1));
}

/// A subject term in more than kCostlyTerm passages whose reach() is under
/// kNegligibleTerm of the heaviest term's is left out of the related match.
/// Such terms are the common ones ("data", "question" in a tenth of the
/// passages; "follow", "example" on the real notes x20): walking their
/// postings was most of the match on 600,000 passages (median 5.2 -> 3.6 ms
/// at 2,000 and 0.05).  tests/related (5,000 passages) with the share alone:
/// P@5 0.520 at 0 and at 0.05, 0.493 at 0.10; with the gate it is unchanged
/// at every setting tried, as no term there is that common.  The suite's
/// queries on the real notes x20 (copies with noise words; gold and pooled
/// verdicts, paths cut to the corpus): 0.404 at 2,000 and 0.05, 0.422 at
/// 0.15 and 0.25, 0.427 at 1,000 and 0.25, 0.409 at 0.40; 30 bench queries
/// -10.6% instructions at 1,000 and 0.25.  In small notes such a term costs
/// nothing and may be all a topic-labelled question shares with the hit: it
/// stays.
constexpr double kNegligibleTerm = 0.25;
constexpr Xapian::doccount kCostlyTerm = 1000;

} // namespace

std::vector<const FeedbackTerm*> searched_terms(const std::vector<FeedbackTerm>& terms,
                                                Xapian::doccount docs) {
    const double n = std::max<Xapian::doccount>(docs, 1);
    double heaviest = 0;
    for (const FeedbackTerm& t : terms)
        heaviest = std::max(heaviest, reach(t, n));
    std::vector<const FeedbackTerm*> out;
    for (const FeedbackTerm& t : terms)
        if (t.freq <= kCostlyTerm || reach(t, n) >= kNegligibleTerm * heaviest) out.push_back(&t);
    return out;
}

namespace {

/// Passages already shown (by docid of the combined database, which
/// Document::get_docid() is not when several indexes are searched) and
/// their copies (by duplicate key).
struct Shown {
    std::set<Xapian::docid> ids;
    std::set<std::string> keys;
    std::vector<std::string> in_order; ///< `keys` as they were added
    /// Adds a shown hit.
    void add(Xapian::docid did, const Xapian::Document& doc) {
        add(did, doc.get_value(schema::kSlotCollapse));
    }
    /// True for a shown passage or a copy of one (`key`: its kSlotCollapse).
    bool has(Xapian::docid did, const std::string& key) const {
        return ids.count(did) || (!key.empty() && keys.count(key));
    }
    /// Adds a passage taken, by docid and duplicate key.
    void add(Xapian::docid did, const std::string& key) {
        ids.insert(did);
        if (!key.empty() && keys.insert(key).second) in_order.push_back(key);
    }
};

/// Related questions shown.
constexpr size_t kRelated = 5;

/// Questions the subject terms fetch to choose from, anywhere in the notes.
constexpr Xapian::doccount kPool = 20;

/// Questions they fetch from the hit's own file when fewer than
/// kInFileEnough of the first kPool are there (a match of its own, so it
/// is skipped when the file already has its share).
constexpr Xapian::doccount kFilePool = 15;
constexpr long kInFileEnough = 5;

/// Shown hits whose words say what the related questions are about: the top
/// hit and the two below it (one hit alone was worse on the tuning half of
/// tests/related: a wrong top hit then decides everything).
constexpr size_t kHitsRead = 3;

/// Structure bonuses, added to the subject-term score (1 for the best
/// match): the same folder, the same file, the same section, and nearness
/// in the file (fading over kNearLines lines).  The file and folder keep
/// suggestions in the collection the hit came from.
constexpr double kSameFolder = 0.1, kSameFile = 0.2, kSameSection = 0.1, kNear = 0.3;
constexpr double kNearLines = 100;

/// A candidate whose topic labels and the hit's are both set but share none
/// loses this much.  A label only ever takes away (a wrong label on the hit
/// cannot pull its topic in).
constexpr double kOtherTopic = 0.2;

/// A file of at most this many passages is about one subject (a note per
/// question, a short FAQ, a deck): all its questions are candidates, and
/// each gains kOneSubject.
constexpr Xapian::doccount kOneSubjectFile = 30;
constexpr double kOneSubject = 0.3;

/// Lines either side of the hit its neighbours are read from.
constexpr double kNeighbourLines = 300;

/// The most neighbours read.
constexpr Xapian::doccount kNeighbours = 30;

/// `q` restricted to questions (related questions are questions, not
/// section titles).  Every passage is one kind or the other, so this is a
/// FILTER on the question kind or an AND_NOT on the section kind, whichever
/// posting list is shorter: Xapian then skips through the short one (on
/// generated notes nearly every passage is a question, and the FILTER cost
/// a third of the related-question match).
Xapian::Query only_questions(const Xapian::Database& db, const Xapian::Query& q) {
    const std::string question = std::string(schema::kKindPrefix) + "question";
    const std::string section = std::string(schema::kKindPrefix) + "section";
    if (db.get_termfreq(section) < db.get_termfreq(question))
        return Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(section));
    return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(question));
}

/// A question that may be suggested, and how well it fits.
struct Candidate {
    Xapian::docid did;
    Passage passage;
    std::string key;  ///< duplicate key (kSlotCollapse)
    double words = 0; ///< subject-term weight, 1 for the best match
};

/// The folder of a path ("" for none).
std::string folder_of(const std::string& file) {
    size_t slash = file.rfind('/');
    return slash == std::string::npos ? std::string() : file.substr(0, slash);
}

/// The scripts a question can be written in, as far as related questions
/// care: one reader reads one of them.
enum class Script { latin, cyrillic, cjk, other };

/// The script of one UTF-8 lead byte, or nullopt for what is no letter
/// (ASCII punctuation, digits, spaces and continuation bytes).
std::optional<Script> script_of_byte(unsigned char c) {
    if (c < 0x80)
        return is_alpha(static_cast<char>(c)) ? std::optional(Script::latin) : std::nullopt;
    if (c < 0xC0) return std::nullopt;                   // continuation byte
    if (c < 0xCA) return Script::latin;                  // U+0080-U+027F: accented Latin
    if (c >= 0xD0 && c <= 0xD4) return Script::cyrillic; // U+0400-U+052F
    if (c >= 0xE3 && c <= 0xED) return Script::cjk;      // U+3000-U+DFFF: kana, Han, Hangul
    return Script::other;
}

/// Bytes of the answer read with the question to tell its script (a
/// Russian question may hold more Latin letters than Cyrillic: "Как
/// работает startup probe?").
constexpr size_t kScriptSample = 200;

/// The script most of `text` is written in (Latin when none): letters
/// counted, a CJK character as three (a word takes about five Latin letters
/// and one or two Han characters: "Thread.yield 方法有什么用？" is Chinese).
Script script_of(std::string_view text) {
    int count[4] = {};
    for (unsigned char c : text)
        if (auto s = script_of_byte(c)) count[static_cast<int>(*s)] += *s == Script::cjk ? 3 : 1;
    return static_cast<Script>(std::max_element(count, count + 4) - count);
}

/// The script of a passage: its question and the start of its answer.
Script script_of_passage(const Passage& p) {
    return script_of(p.question + "\n" + p.answer.substr(0, kScriptSample));
}

/// True when both passages carry a topic label they share.
bool same_topic(const Passage& hit, const Passage& c) {
    return std::find_first_of(c.topics.begin(), c.topics.end(), hit.topics.begin(),
                              hit.topics.end()) != c.topics.end();
}

/// True when both passages carry topic labels and share none.
bool other_topic(const Passage& hit, const Passage& c) {
    return !hit.topics.empty() && !c.topics.empty() && !same_topic(hit, c);
}

/// The top hit related questions are chosen for, and what is known of its place.
struct Anchor {
    const Passage& hit;
    Script script;    ///< script_of_passage(hit)
    bool one_subject; ///< its file holds at most kOneSubjectFile passages
};

/// How near `c` sits to the hit in the notes: same folder, same file, same
/// section, few lines apart; less when labelled with other topics.
double structure(const Anchor& a, const Passage& c) {
    const Passage& hit = a.hit;
    double s = 0;
    if (other_topic(hit, c)) s -= kOtherTopic;
    if (folder_of(c.file) == folder_of(hit.file)) s += kSameFolder;
    if (c.file != hit.file) return s;
    s += kSameFile + (a.one_subject && !other_topic(hit, c) ? kOneSubject : 0);
    if (c.headings == hit.headings) s += kSameSection;
    return s + kNear * std::exp(-std::abs(c.line - hit.line) / kNearLines);
}

/// Stems of the subject terms, each with how much a question holding it
/// says it is on the hits' subject: 2 for a word naming it (a question or
/// title word that is not phrasing, a query word) or a term of art
/// (`code`), 1 for a prose word.
std::map<std::string, int> naming_stems(const std::vector<FeedbackTerm>& terms) {
    std::map<std::string, int> out;
    for (const FeedbackTerm& t : terms)
        out[t.term.substr(1)] = t.subject || t.code || t.queried ? 2 : 1;
    return out;
}

/// A word of a question, entry question or innermost heading, and its stem.
struct TitleWord {
    std::string word, stem;
};

/// The words of the question, entry question and innermost heading of `c`.
std::vector<TitleWord> title_words(const Passage& c) {
    std::string text = c.question + "\n" + c.parent_question;
    if (!c.headings.empty()) text += "\n" + c.headings.back();
    std::vector<TitleWord> out;
    for (std::string& w : schema::words(text)) {
        std::string s = stem_of(w);
        out.push_back({std::move(w), std::move(s)});
    }
    return out;
}

/// True when a question's words (`title`) say it is on the hits' subject:
/// one naming stem, or two prose stems.
bool names_subject(const std::vector<TitleWord>& title, const std::map<std::string, int>& naming) {
    std::set<std::string> seen;
    int said = 0;
    for (const TitleWord& w : title) {
        auto it = naming.find(w.stem);
        if (it != naming.end() && seen.insert(w.stem).second) said += it->second;
    }
    return said >= 2;
}

/// True when `a` and `b` are one word, singular or plural ("probe",
/// "probes"; "process", "processes").
bool same_word(const std::string& a, const std::string& b) {
    const std::string& s = a.size() < b.size() ? a : b;
    const std::string& l = a.size() < b.size() ? b : a;
    return l == s || l == s + "s" || l == s + "es";
}

/// The words the hits' questions and titles write, by stem (FeedbackTerm::forms).
using Forms = std::map<std::string, const std::set<std::string>*>;

/// Forms of the subject terms that have some.
Forms forms_of(const std::vector<FeedbackTerm>& terms) {
    Forms out;
    for (const FeedbackTerm& t : terms)
        if (!t.forms.empty()) out[t.term.substr(1)] = &t.forms;
    return out;
}

/// True when a question's words (`title`) write the hits' subject stems
/// only as other words than the hits' questions and titles do: "live"
/// (streaming) for "liveness", both stemmed "live".  A question naming none
/// of them is not misnamed.
bool misnamed(const std::vector<TitleWord>& title, const Forms& forms) {
    int same = 0, other = 0;
    for (const TitleWord& w : title) {
        auto it = forms.find(w.stem);
        if (it == forms.end()) continue;
        const std::set<std::string>& f = *it->second;
        ++(std::any_of(f.begin(), f.end(),
                       [&](const std::string& x) { return same_word(x, w.word); })
               ? same
               : other);
    }
    return other > 0 && same == 0;
}

/// Drops the candidates of other files than the hit's that neither share a
/// topic label with it nor say they are on its subject (names_subject): one
/// shared prose word is not enough ("target" of a load balancer led to
/// systemd targets).  Those whose question names the subject only in other
/// words (misnamed) go too, topic label or not: "live" streaming is not
/// "liveness".
void drop_unnamed(std::vector<Candidate>& pool, const Passage& hit,
                  const std::vector<FeedbackTerm>& terms) {
    const std::map<std::string, int> naming = naming_stems(terms);
    const Forms forms = forms_of(terms);
    pool.erase(std::remove_if(pool.begin(), pool.end(),
                              [&](const Candidate& c) {
                                  if (c.passage.file == hit.file) return false;
                                  const std::vector<TitleWord> title = title_words(c.passage);
                                  if (misnamed(title, forms)) return true;
                                  return !same_topic(hit, c.passage) &&
                                         !names_subject(title, naming);
                              }),
               pool.end());
}

/// Drops the candidates written in another script than the hit (a Russian
/// copy of an English note, a Chinese question beside English ones): a
/// translation or another reader's notes, not a next read.
void drop_other_script(std::vector<Candidate>& pool, Script script) {
    pool.erase(
        std::remove_if(pool.begin(), pool.end(),
                       [&](const Candidate& c) { return script_of_passage(c.passage) != script; }),
        pool.end());
}

/// A camel-case subject term's halves are also matched as a phrase when one
/// of them is in at most this many passages (a phrase of two common words,
/// "load balancer", read positions for a third of the related step).
constexpr Xapian::doccount kHalvesRare = 60;

/// The phrase of the halves of `t` ("daemon set" for DaemonSet), or an
/// empty query when it has none or both halves are common.
Xapian::Query halves_phrase(const Xapian::Database& db, const FeedbackTerm& t) {
    if (t.halves.first.empty()) return {};
    const std::string a = "Z" + t.halves.first, b = "Z" + t.halves.second;
    const Xapian::doccount fa = db.get_termfreq(a), fb = db.get_termfreq(b);
    if (!fa || !fb || std::min(fa, fb) > kHalvesRare) return {};
    const Xapian::Query both[] = {Xapian::Query(a), Xapian::Query(b)};
    return Xapian::Query(Xapian::Query::OP_PHRASE, both, both + 2, 2);
}

/// The subject terms as one query, each in the whole text, the costly
/// negligible ones left out (searched_terms).  (Matching them again in the
/// question alone doubled the cost of the match and did not help: the quiz
/// questions that all read "What's the output?" have their subject in the
/// answer.)
Xapian::Query subject_query(const Xapian::Database& db, const std::vector<FeedbackTerm>& terms) {
    std::vector<Xapian::Query> parts;
    for (const FeedbackTerm* t : searched_terms(terms, db.get_doccount())) {
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t->term), t->weight);
        const Xapian::Query halves = halves_phrase(db, *t);
        if (!halves.empty()) parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, halves, t->weight);
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

/// The best `n` questions `q` matches, but not `excluded`, with their weights.
std::vector<Candidate> matches(const Xapian::Database& db, const Xapian::Query& q,
                               const Xapian::Query& excluded, Xapian::doccount n) {
    if (q.empty()) return {};
    Xapian::Enquire enq(db);
    enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, only_questions(db, q), excluded));
    // Copies of one question take one place: twenty copies of the best
    // candidate left no room for a second one (a folder copied).
    enq.set_collapse_key(schema::kSlotCollapse);
    Xapian::MSet m = enq.get_mset(0, n);
    std::vector<Candidate> out;
    for (auto it = m.begin(); it != m.end(); ++it) {
        Xapian::Document doc = it.get_document();
        out.push_back(
            {*it, passage_of(doc), doc.get_value(schema::kSlotCollapse), it.get_weight()});
    }
    return out;
}

/// The questions of the hit's file within kNeighbourLines lines of it, or
/// all of them in a one-subject file (unweighted: what the subject terms
/// did not find).
std::vector<Candidate> neighbours(const Xapian::Database& db, const Anchor& a,
                                  const Xapian::Query& excluded) {
    const Passage& hit = a.hit;
    Xapian::Query in_file(schema::file_term(hit.file));
    if (!a.one_subject) {
        Xapian::Query near(Xapian::Query::OP_VALUE_RANGE, schema::kSlotLine,
                           Xapian::sortable_serialise(hit.line - kNeighbourLines),
                           Xapian::sortable_serialise(hit.line + kNeighbourLines));
        in_file = Xapian::Query(Xapian::Query::OP_FILTER, in_file, near);
    }
    return matches(db, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, in_file, 0), excluded,
                   kNeighbours);
}

/// Adds the candidates not already in the pool.
void add_new(std::vector<Candidate>& pool, std::vector<Candidate> more) {
    for (Candidate& c : more) {
        auto same = [&](const Candidate& p) { return p.did == c.did; };
        if (std::none_of(pool.begin(), pool.end(), same)) pool.push_back(std::move(c));
    }
}

/// The questions sharing the subject terms, anywhere and in the hit's own
/// file (where structure adds to them), weights scaled to 1 for the best;
/// too few of them, or a one-subject file, and the hit's neighbours in its
/// file join them.  Never one in another script, nor one elsewhere that
/// does not say it is on the subject (drop_unnamed).
std::vector<Candidate> candidates(const Xapian::Database& db, const Anchor& a,
                                  const std::vector<FeedbackTerm>& terms,
                                  const Xapian::Query& excluded) {
    const Passage& hit = a.hit;
    const Xapian::Query subject = subject_query(db, terms);
    std::vector<Candidate> pool = matches(db, subject, excluded, kPool);
    auto in_file = [&](const Candidate& c) { return c.passage.file == hit.file; };
    if (std::count_if(pool.begin(), pool.end(), in_file) < kInFileEnough) {
        const Xapian::Query file(schema::file_term(hit.file));
        add_new(pool, matches(db, Xapian::Query(Xapian::Query::OP_FILTER, subject, file), excluded,
                              kFilePool));
    }
    drop_unnamed(pool, hit, terms);
    double best = 0;
    for (const Candidate& c : pool)
        best = std::max(best, c.words);
    for (Candidate& c : pool)
        c.words = best > 0 ? c.words / best : 0;
    if (a.one_subject || pool.size() < kRelated + kHitsRead)
        add_new(pool, neighbours(db, a, excluded));
    drop_other_script(pool, a.script);
    return pool;
}

/// Indexes of the pool, best first: subject-term score plus structure.
std::vector<size_t> best_first(const std::vector<Candidate>& pool, const Anchor& a) {
    std::vector<std::pair<double, size_t>> scored;
    for (size_t i = 0; i < pool.size(); ++i)
        scored.emplace_back(pool[i].words + structure(a, pool[i].passage), i);
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<size_t> out;
    for (const auto& s : scored)
        out.push_back(s.second);
    return out;
}

/// Shown passages whose copies the candidate matches leave out; the copies
/// of any later ones are dropped after (Shown::has).  A page of thousands
/// (crib --format json -n all) made an AND_NOT of thousands of terms, which
/// Xapian 1.4.22 answered with "Unexpected end of posting list" on an index
/// updated in place (xapian-check finds nothing wrong).
constexpr size_t kExcludedCopies = 100;

/// Boolean query for the first shown passages' copies (XDUP terms work on a
/// remote index too).
Xapian::Query copies_of(const Shown& seen) {
    std::vector<Xapian::Query> keys;
    for (const std::string& k : seen.in_order) {
        if (keys.size() == kExcludedCopies) break;
        keys.emplace_back(schema::bounded_term(schema::kDupPrefix, k));
    }
    return Xapian::Query(Xapian::Query::OP_OR, keys.begin(), keys.end());
}

/// The folder of a shown hit's file.
std::string folder_of_hit(const Xapian::MSetIterator& it) {
    return folder_of(it.get_document().get_value(schema::kSlotFile));
}

/// The folder more than half of the shown hits come from when the folder
/// `top` holds only one of them, else "" (the common case, told after
/// reading the first few hits).
std::string folder_over_lone_top(const std::vector<Xapian::MSetIterator>& shown,
                                 const std::string& top) {
    std::map<std::string, size_t> hits;
    for (const Xapian::MSetIterator& it : shown) {
        const std::string folder = folder_of_hit(it);
        if (++hits[folder] > 1 && folder == top) return {};
    }
    for (const auto& [folder, n] : hits)
        if (2 * n > shown.size()) return folder;
    return {};
}

/// The first kHitsRead shown hits, in the order they say what to ask next:
/// questions before sections (a map of links that mentions the word:
/// hoisting -> a state section), and when the top hit is the only one from
/// its folder while most hits come from another, that folder's first (a
/// Python notebook above six JavaScript quiz answers for "pass by reference
/// vs value").
std::vector<Passage> hits_read(const std::vector<Xapian::MSetIterator>& shown) {
    std::vector<Passage> read;
    for (size_t i = 0; i < shown.size() && i < kHitsRead; ++i)
        read.push_back(passage_of(shown[i].get_document()));
    std::stable_partition(read.begin(), read.end(),
                          [](const Passage& h) { return h.kind == "question"; });
    const std::string most = folder_over_lone_top(shown, folder_of(read.front().file));
    if (!most.empty())
        std::stable_partition(read.begin(), read.end(), [&](const Passage& h) {
            return h.kind == "question" && folder_of(h.file) == most;
        });
    return read;
}

/// True when `before` ends in an opening quotation mark.
bool ends_in_quote(std::string_view before) {
    for (std::string_view mark : {"\"", "'", "\u201c", "\u2018", "\u00ab"})
        if (before.ends_with(mark)) return true;
    return false;
}

/// True when question `q` quotes `other`: holds it right after a quotation
/// mark, spaces and a list bullet allowed between ("Question marker: a
/// bullet \"* What is swap and what is it used for?\"").
bool quotes(const std::string& q, const std::string& other) {
    if (other.empty() || other.size() >= q.size()) return false;
    for (size_t at = q.find(other); at != std::string::npos; at = q.find(other, at + 1)) {
        size_t i = at;
        while (i > 0 && (q[i - 1] == ' ' || q[i - 1] == '*' || q[i - 1] == '-'))
            --i;
        if (ends_in_quote(std::string_view(q).substr(0, i))) return true;
    }
    return false;
}

/// True when question `q` quotes a hit read or a question taken: a note
/// about that question (a format description citing it), not a next read.
bool quotes_one(const std::string& q, const std::vector<Passage>& read,
                const std::vector<Related>& taken) {
    return std::any_of(read.begin(), read.end(),
                       [&](const Passage& p) { return quotes(q, p.question); }) ||
           std::any_of(taken.begin(), taken.end(),
                       [&](const Related& r) { return quotes(q, r.question); });
}

} // namespace

/// True when `c` is the same question in a copy of a file read or taken:
/// another path, the same file name, the same question ("What are pods in
/// Kubernetes?" of kubernetes.md in two synced folders, whose answers an
/// edit set apart, so their duplicate keys differ).  Five copies of one
/// question filled the list on the real notes x20.
bool copied_question(const Passage& c, const std::vector<Passage>& read,
                     const std::vector<Related>& taken) {
    const std::string key = schema::question_key(c.question);
    if (key.empty()) return false;
    auto copy = [&](const std::string& file, const std::string& question) {
        return file != c.file && base_name(file) == base_name(c.file) &&
               schema::question_key(question) == key;
    };
    return std::any_of(read.begin(), read.end(),
                       [&](const Passage& p) { return copy(p.file, p.question); }) ||
           std::any_of(taken.begin(), taken.end(),
                       [&](const Related& r) { return copy(r.file, r.question); });
}

std::vector<Related> find_related(const Xapian::Database& db, const IndexSet& set,
                                  const std::vector<Xapian::MSetIterator>& shown,
                                  const Xapian::Query& query) {
    Shown seen;
    for (const Xapian::MSetIterator& it : shown)
        seen.add(*it, it.get_document());
    const std::vector<Passage> read = hits_read(shown);
    const Passage& hit = read.front();
    const Anchor anchor{hit, script_of_passage(hit),
                        db.get_termfreq(schema::file_term(hit.file)) <= kOneSubjectFile};
    std::vector<Candidate> pool =
        candidates(db, anchor, subject_terms(db, read, query), copies_of(seen));
    std::vector<Related> out;
    for (size_t i : best_first(pool, anchor)) {
        const Candidate& c = pool[i];
        if (seen.has(c.did, c.key)) continue; // a copy of a hit or of one taken
        if (quotes_one(c.passage.question, read, out)) continue;
        if (copied_question(c.passage, read, out)) continue;
        seen.add(c.did, c.key);
        out.push_back({id_in(set, c.did, c.passage), c.passage.file, c.passage.question,
                       spec_of(set, c.did), c.passage.line});
        if (out.size() == kRelated) break;
    }
    return out;
}

} // namespace detail

} // namespace crib
