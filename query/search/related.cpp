// related.cpp - step 7, relate: related questions to the top hit, from the
// words that say what it is about (related_terms.cpp) and from where it sits
// in the notes (its file, section and folder); never a hit shown or its copies.
#include "search/internal.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace crib {

namespace detail {

namespace {

/// Passages already shown (by docid of the combined database, which
/// Document::get_docid() is not when several indexes are searched) and
/// their copies (by duplicate key).
struct Shown {
    std::set<Xapian::docid> ids;
    std::set<std::string> keys;
    void add(Xapian::docid did, const Xapian::Document& doc) {
        ids.insert(did);
        std::string k = doc.get_value(schema::kSlotCollapse);
        if (!k.empty()) keys.insert(std::move(k));
    }
    bool has(Xapian::docid did, const Xapian::Document& doc) const {
        if (ids.count(did)) return true;
        std::string k = doc.get_value(schema::kSlotCollapse);
        return !k.empty() && keys.count(k);
    }
};

/// Related questions shown.
constexpr size_t kRelated = 5;

/// Questions the subject terms fetch to choose from.
constexpr Xapian::doccount kPool = 40;

/// Shown hits whose words say what the related questions are about: the top
/// hit and the two below it (one hit alone was worse on the tuning half of
/// tests/related: a wrong top hit then decides everything).
constexpr size_t kHitsRead = 3;

/// A subject term found in a question counts this much more than in the
/// whole text (related questions ask about the same thing; the quiz
/// questions that all read "What's the output?" have it in the answer).
constexpr double kInQuestion = 0.5;

/// Structure bonuses, added to the subject-term score (1 for the best
/// match): the same folder, the same file, the same section, and nearness
/// in the file (fading over kNearLines lines).  The file and folder keep
/// suggestions in the collection the hit came from.
constexpr double kSameFolder = 0.1, kSameFile = 0.2, kSameSection = 0.1, kNear = 0.3;
constexpr double kNearLines = 100;

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
    double words = 0; ///< subject-term weight, 1 for the best match
};

/// The folder of a path ("" for none).
std::string folder_of(const std::string& file) {
    size_t slash = file.rfind('/');
    return slash == std::string::npos ? std::string() : file.substr(0, slash);
}

/// How near `c` sits to the hit in the notes: same folder, same file, same
/// section, few lines apart.
double structure(const Passage& hit, const Passage& c) {
    double s = 0;
    if (folder_of(c.file) == folder_of(hit.file)) s += kSameFolder;
    if (c.file != hit.file) return s;
    s += kSameFile;
    if (c.headings == hit.headings) s += kSameSection;
    return s + kNear * std::exp(-std::abs(c.line - hit.line) / kNearLines);
}

/// The subject terms as one query: each term in the whole text, and again
/// (kInQuestion) in the question.
Xapian::Query subject_query(const std::vector<FeedbackTerm>& terms) {
    const std::string question_stem = std::string("Z") + schema::kQuestionPrefix;
    std::vector<Xapian::Query> parts;
    for (const FeedbackTerm& t : terms) {
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                           Xapian::Query(question_stem + t.term.substr(1)), t.weight * kInQuestion);
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term), t.weight);
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

/// The best `n` questions `q` matches, but not `excluded`, with their weights.
std::vector<Candidate> matches(const Xapian::Database& db, const Xapian::Query& q,
                               const Xapian::Query& excluded, Xapian::doccount n) {
    if (q.empty()) return {};
    Xapian::Enquire enq(db);
    enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, only_questions(db, q), excluded));
    Xapian::MSet m = enq.get_mset(0, n);
    std::vector<Candidate> out;
    for (auto it = m.begin(); it != m.end(); ++it)
        out.push_back({*it, passage_of(it.get_document()), it.get_weight()});
    return out;
}

/// The questions of the hit's file within kNeighbourLines lines of it, in
/// file order (unweighted: what the subject terms did not find).
std::vector<Candidate> neighbours(const Xapian::Database& db, const Passage& hit,
                                  const Xapian::Query& excluded) {
    Xapian::Query near(Xapian::Query::OP_VALUE_RANGE, schema::kSlotLine,
                       Xapian::sortable_serialise(hit.line - kNeighbourLines),
                       Xapian::sortable_serialise(hit.line + kNeighbourLines));
    Xapian::Query in_file(Xapian::Query::OP_FILTER, Xapian::Query(schema::file_term(hit.file)),
                          near);
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
/// too few of them, and the hit's neighbours in its file join them.
std::vector<Candidate> candidates(const Xapian::Database& db, const Passage& hit,
                                  const std::vector<FeedbackTerm>& terms,
                                  const Xapian::Query& excluded) {
    const Xapian::Query subject = subject_query(terms);
    std::vector<Candidate> pool = matches(db, subject, excluded, kPool);
    const Xapian::Query file(schema::file_term(hit.file));
    add_new(pool,
            matches(db, Xapian::Query(Xapian::Query::OP_FILTER, subject, file), excluded, kPool));
    double best = 0;
    for (const Candidate& c : pool)
        best = std::max(best, c.words);
    for (Candidate& c : pool)
        c.words = best > 0 ? c.words / best : 0;
    if (pool.size() < kRelated + kHitsRead) add_new(pool, neighbours(db, hit, excluded));
    return pool;
}

/// Indexes of the pool, best first: subject-term score plus structure.
std::vector<size_t> best_first(const std::vector<Candidate>& pool, const Passage& hit) {
    std::vector<std::pair<double, size_t>> scored;
    for (size_t i = 0; i < pool.size(); ++i)
        scored.emplace_back(pool[i].words + structure(hit, pool[i].passage), i);
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<size_t> out;
    for (const auto& s : scored)
        out.push_back(s.second);
    return out;
}

/// Boolean query for the shown passages' copies (XDUP terms work on a remote index too).
Xapian::Query copies_of(const Shown& seen) {
    std::vector<Xapian::Query> keys;
    for (const std::string& k : seen.keys)
        keys.emplace_back(schema::bounded_term(schema::kDupPrefix, k));
    return Xapian::Query(Xapian::Query::OP_OR, keys.begin(), keys.end());
}

} // namespace

std::vector<Related> find_related(const Xapian::Database& db, const IndexSet& set,
                                  Xapian::Enquire& enq,
                                  const std::vector<Xapian::MSetIterator>& shown,
                                  const Xapian::Query& query) {
    Shown seen;
    for (const Xapian::MSetIterator& it : shown)
        seen.add(*it, it.get_document());
    std::vector<std::pair<Xapian::docid, Passage>> read;
    for (size_t i = 0; i < shown.size() && i < kHitsRead; ++i)
        read.emplace_back(*shown[i], passage_of(shown[i].get_document()));
    // A question hit says what to ask next better than a section above it
    // (a map of links that mentions the word: hoisting -> a state section).
    std::stable_partition(read.begin(), read.end(),
                          [](const auto& h) { return h.second.kind == "question"; });
    const Passage& hit = read.front().second;
    const Xapian::Query excluded = copies_of(seen);
    std::vector<Candidate> pool =
        candidates(db, hit, subject_terms(db, enq, read, query), excluded);
    std::vector<Related> out;
    for (size_t i : best_first(pool, hit)) {
        Xapian::Document doc = db.get_document(pool[i].did);
        if (seen.has(pool[i].did, doc)) continue; // a copy of a hit or of one taken
        seen.add(pool[i].did, doc);
        const Passage& p = pool[i].passage;
        out.push_back(
            {id_in(set, pool[i].did, p), p.file, p.question, spec_of(set, pool[i].did), p.line});
        if (out.size() == kRelated) break;
    }
    return out;
}

} // namespace detail

} // namespace crib
