// related.cpp - step 7, relate: related questions by relevance feedback (RSet/ESet) from
// the shown hits, same topic first, never a hit shown or its copies.
#include "search/internal.hpp"

#include <set>

namespace crib {

namespace detail {

namespace {

/// Expand terms worth suggesting: stemmed free-text words ("Z" + lower-case),
/// no field prefixes, no stopwords, no numbers.
class WordDecider : public Xapian::ExpandDecider {
  public:
    explicit WordDecider(const Xapian::Stopper& stop) : stop_(stop) {}
    bool operator()(const std::string& term) const override {
        if (term.size() < 4 || term[0] != 'Z') return false;
        unsigned char c = static_cast<unsigned char>(term[1]);
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return false;
        return !stop_(term.substr(1));
    }

  private:
    const Xapian::Stopper& stop_;
};

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

/// Expand terms taken from the top hits for related questions.  Each term
/// widens the related match (on 600k passages: 15 terms 3.9 ms, 8 terms
/// 2.9 ms, 5 terms 1.7 ms).  5 was checked by reading the related lists of
/// 12 queries over content/ and the corpora: one or two questions change
/// per query, and the weaker terms 6-8 had brought in the off-topic ones
/// ("event loop" -> scp and NXDOMAIN questions; "what is a pod" -> four
/// near-identical "resource limits for the X pattern").
constexpr Xapian::termcount kExpandTerms = 5;

/// Related questions shown.
constexpr size_t kRelated = 5;

/// The most candidates one related-question attempt reads past copies.
constexpr Xapian::doccount kRelatedScan = 1000;

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

} // namespace

std::vector<Related> find_related(const Xapian::Database& db, const IndexSet& set,
                                  Xapian::Enquire& enq,
                                  const std::vector<Xapian::MSetIterator>& shown,
                                  const Xapian::Query& query) {
    std::vector<Related> out;
    Xapian::RSet rset;
    Shown seen;
    int n = 0;
    for (const Xapian::MSetIterator& it : shown) {
        if (n++ < 3) rset.add_document(*it);
        seen.add(*it, it.get_document());
    }
    // Copies of the shown hits share their words: keep them out of the
    // match itself (boolean XDUP terms work on a remote index too).
    std::vector<Xapian::Query> shown_keys;
    for (const std::string& k : seen.keys)
        shown_keys.emplace_back(schema::bounded_term(schema::kDupPrefix, k));
    if (rset.empty()) return out;
    WordDecider decider(stopper());
    Xapian::ESet eset = enq.get_eset(kExpandTerms, rset, &decider);
    // The feedback words searched in the question field first ("Zword" ->
    // "ZXQword": related questions share them in their question, and those
    // postlists are a fraction of the whole text's; on 600k passages the
    // related match fell from 29 to 11 million instructions), then in the
    // whole text when that found too few (small notes).
    const std::string question_stem = std::string("Z") + schema::kQuestionPrefix;
    std::vector<Xapian::Query> in_questions, anywhere;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        in_questions.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                  Xapian::Query(question_stem + (*it).substr(1)), it.get_weight());
        anywhere.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight());
    }
    if (anywhere.empty()) return out;
    // Relevance feedback: the expanded terms, with the original query helping the order.
    const Xapian::Query copies(Xapian::Query::OP_OR, shown_keys.begin(), shown_keys.end());
    auto feedback = [&](const std::vector<Xapian::Query>& terms) {
        Xapian::Query expanded(Xapian::Query::OP_OR, terms.begin(), terms.end());
        Xapian::Query q =
            only_questions(db, Xapian::Query(Xapian::Query::OP_AND_MAYBE, expanded, query));
        return shown_keys.empty() ? q : Xapian::Query(Xapian::Query::OP_AND_NOT, q, copies);
    };
    Xapian::Enquire re(db); // copies are skipped below, by key, not by a Xapian collapse
    // Prefer questions that share a topic with the top hit ("what is docker"
    // -> containers, Kubernetes), then fill up from anywhere.
    std::vector<Xapian::Query> topics;
    for (const std::string& t : passage_of(shown.front().get_document()).topics)
        topics.emplace_back(schema::bounded_term(schema::kTopicPrefix, t));
    const Xapian::Query same_topic(Xapian::Query::OP_OR, topics.begin(), topics.end());
    std::vector<Xapian::Query> attempts;
    for (const auto* terms : {&in_questions, &anywhere}) {
        if (!topics.empty())
            attempts.emplace_back(Xapian::Query::OP_FILTER, feedback(*terms), same_topic);
        attempts.push_back(feedback(*terms));
    }
    for (const Xapian::Query& attempt : attempts) {
        re.set_query(attempt);
        // Passages shown, and copies among the related ones, are skipped
        // here rather than by a MatchDecider, which a remote index
        // (xapian-tcpsrv) cannot run; fetch more while they leave it short.
        for (Xapian::doccount fetch = 2 * kRelated + Xapian::doccount(seen.ids.size());;
             fetch *= 4) {
            Xapian::MSet rm = re.get_mset(0, fetch);
            for (auto it = rm.begin(); it != rm.end() && out.size() < kRelated; ++it) {
                Xapian::Document doc = it.get_document();
                if (seen.has(*it, doc)) continue;
                seen.add(*it, doc);
                Passage p = passage_of(doc);
                out.push_back({id_in(set, *it, p), p.file, p.question, spec_of(set, *it), p.line});
            }
            if (out.size() >= kRelated || rm.size() < fetch || fetch >= kRelatedScan) break;
        }
        if (out.size() >= kRelated) break;
    }
    return out;
}

} // namespace detail

} // namespace crib
