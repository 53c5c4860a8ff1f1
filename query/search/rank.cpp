// rank.cpp - step 5, order: the re-ranking of the top by how much of a question the
// query is (BM25 has no per-field lengths), then the page.
#include "search/internal.hpp"

#include "formats/note_text.hpp"

#include <algorithm>
#include <cstring>
#include <set>

namespace crib {

namespace detail {

namespace {

/// Weight of the question-coverage bonus, relative to the best BM25 score
/// (tuned on tests/relevance: see README "Ranking").
constexpr double kTitleBonus = 0.5;

/// Share of the title bonus a section keeps when the query is a question
/// (chosen a priori as "half"; checked on every suite, not tuned).
constexpr double kSectionBonusWhenAsked = 0.5;

/// Words of answer prose from which a title match counts fully (substance()).
constexpr double kSubstanceWords = 20;

/// True for a wildcard: Xapian's own, or a stem_wildcards() field
/// (a synonym of a wildcard and the stems it misses).
bool is_wildcard(const Xapian::Query& q) {
    if (q.get_type() == Xapian::Query::OP_WILDCARD) return true;
    if (q.get_type() != Xapian::Query::OP_SYNONYM) return false;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (q.get_subquery(i).get_type() == Xapian::Query::OP_WILDCARD) return true;
    return false;
}

/// Adds the stems of the words `q` searches for (synonym expansions
/// included; not the words a wildcard stands for, which are not the user's).
void gather_stems(const Xapian::Query& q, std::set<std::string>& out) {
    if (is_wildcard(q)) return;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        gather_stems(q.get_subquery(i), out);
    if (q.get_num_subqueries()) return;
    thread_local const Xapian::Stem stem = schema::stemmer();
    for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
        std::string term = *t;
        bool stemmed = !term.empty() && term[0] == 'Z';
        if (stemmed) term.erase(0, 1);
        if (term.rfind(schema::kSynPrefix, 0) == 0) continue;
        for (const char* p : {schema::kQuestionPrefix, schema::kAnswerPrefix})
            if (term.rfind(p, 0) == 0) term.erase(0, std::strlen(p));
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
        out.insert(stemmed ? term : stem(term));
    }
}

/// Stems of the words a query searches for (gather_stems()).
std::set<std::string> query_stems(const Xapian::Query& q) {
    std::set<std::string> out;
    gather_stems(q, out);
    return out;
}

/// Stems of a question's content words.
std::set<std::string> content_stems(const std::string& text) {
    const Xapian::Stem stem = schema::stemmer();
    std::set<std::string> out;
    for (const std::string& w : schema::words(text))
        if (!stopper()(w)) out.insert(stem(w));
    return out;
}

/// How much a section title match may count, from the prose under it: a
/// heading over a bare table, a command list or nothing at all ("Pods" in a
/// cheat sheet) should not beat "Explain what is a Pod" on its title alone.
/// 1 from kSubstanceWords words of prose on (about two sentences; chosen a
/// priori, then checked on the content, corpora and unseen-format suites).
double substance(const Passage& p) {
    // A question is content in itself (an unanswered one is still the note
    // the user looks for); only section titles need prose under them.
    if (p.kind != "section") return 1.0;
    return std::min(1.0, double(prose_words(p.answer)) / kSubstanceWords);
}

/// True if the query is phrased as a question ("what is a pod", "how do i
/// roll back", "explain cgroups", "difference between x and y").
bool asks_question(const std::string& query) {
    static const std::set<std::string> starts = {
        "what",     "whats",  "why",        "how", "when", "where", "which", "who", "explain",
        "describe", "define", "difference", "is",  "are",  "can",   "does",  "do",  "should"};
    std::vector<std::string> w = schema::words(query);
    return !w.empty() && (starts.count(w.front()) || query.find('?') != std::string::npos);
}

/// Re-rank the top of the match: a passage whose question is mostly the
/// query ("what is s3" -> "what is s3 ?") beats one that merely mentions
/// it ("copy from EC2 into S3").  BM25 cannot see this: it has no per-field
/// lengths.  Returns MSet positions in the new order.
std::vector<Xapian::MSetIterator> rerank(Collapsed& c, const std::set<std::string>& qs, bool asks,
                                         std::map<Xapian::docid, ScoreParts>* parts = nullptr) {
    // Only the first kRerankDepth are re-scored; the rest keep Xapian's order
    // after them, so pages (--offset) are slices of one ordering.
    std::vector<std::pair<double, Xapian::MSetIterator>> scored;
    std::vector<Xapian::MSetIterator> rest;
    double maxw = c.mset.get_max_attained();
    size_t n = 0;
    for (const Xapian::MSetIterator& it : c.unique) {
        if (n++ >= kRerankDepth) {
            rest.push_back(it);
            continue;
        }
        double w = it.get_weight();
        ScoreParts part;
        part.reranked = true;
        if (!qs.empty()) {
            const Passage& p = c.docs.passage(it);
            auto cs = content_stems(p.question);
            size_t common = 0;
            for (const auto& s : cs)
                common += qs.count(s);
            if (!cs.empty() && common) {
                double cover_q = double(common) / double(cs.size());
                double cover_s = double(std::min(common, qs.size())) / double(qs.size());
                const double sub = substance(p); // prose_words() reads the whole answer
                double bonus = kTitleBonus * maxw * cover_q * cover_s * sub;
                // A query that asks ("what is a pod") wants an answer: a section
                // title ("Pods" over a command list) is a topic, not one.
                part.section_halved = asks && p.kind == "section";
                if (part.section_halved) bonus *= kSectionBonusWhenAsked;
                w += bonus;
                part = {0,    bonus, kTitleBonus * maxw, cover_q, cover_s, sub, part.section_halved,
                        true, {}};
            }
        }
        if (parts) (*parts)[*it] = part;
        scored.emplace_back(w, it);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](auto& a, auto& b) { return a.first > b.first; });
    std::vector<Xapian::MSetIterator> out;
    for (auto& [w, it] : scored)
        out.push_back(it);
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

} // namespace

/// Step 5, order: re-rank the top of a relevance match, then cut the page.
/// With --explain, `parts` gets each re-ranked passage's score parts.
std::vector<Xapian::MSetIterator> page_of(Attempt& a, const SearchRequest& req,
                                          std::map<Xapian::docid, ScoreParts>* parts) {
    std::vector<Xapian::MSetIterator> ordered =
        req.sort == SearchRequest::Sort::relevance
            ? rerank(a.match, query_stems(a.prep.query), asks_question(req.query), parts)
            : a.match.unique; // sorted by file
    std::vector<Xapian::MSetIterator> page;
    for (size_t i = req.offset; i < ordered.size() && page.size() < req.limit; ++i)
        page.push_back(ordered[i]);
    return page;
}

} // namespace detail

} // namespace crib
