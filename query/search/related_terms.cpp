// related_terms.cpp - what the top hit is about: the feedback terms of
// related questions, chosen by Xapian's ESet from the hit's own question,
// heading and prose words (not its code or config lines).
#include "formats/note_text.hpp"
#include "search/internal.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace crib::detail {

namespace {

/// Feedback terms kept (each widens the related match).
constexpr Xapian::termcount kSubjectTerms = 8;

/// Candidate terms the ESet weighs before the subject boost picks kSubjectTerms.
constexpr Xapian::termcount kEsetTerms = 100;

/// A word of the hit's question or section title weighs this many times
/// one of its prose: it is what the passage is about, prose words also
/// carry the example.
constexpr double kSubjectBoost = 3.0;

/// Each hit read below the top one counts this much of the one above it.
constexpr double kNextHitShare = 0.5;

/// A word the query was searched with counts this much more: the reader
/// named the subject.
constexpr double kQueryBoost = 1.5;

/// A question word asked in more than this share of all questions is
/// phrasing ("What's the output?", "Explain ..."), weighed as prose.
constexpr double kPhrasing = 0.01;

/// Where a stem of the hits was written.
struct WordUse {
    bool subject = false; ///< in the question, its entry's question or its section title
    bool code = false;    ///< written as inline code (`this`, `let`): a term, never a stop word
    int count = 0;        ///< times written in the hit being read
    double strength = 0;  ///< how much the hits read so far are about it
};

/// Stems of a passage's words, by where they were written.
using WordUses = std::unordered_map<std::string, WordUse>;

/// Adds the words of `text` to `uses` (stemmed, lower-cased).
void add_words(WordUses& uses, std::string_view text, bool subject, bool code) {
    thread_local const Xapian::Stem stem = schema::stemmer();
    for (const std::string& w : schema::words(text)) {
        WordUse& u = uses[stem(w)];
        if (!u.count) u.subject = false;
        u.subject |= subject;
        u.code |= code;
        ++u.count;
    }
}

/// A prose line that is an example, not prose: a quiz option ("- A: `8`"),
/// a table row, or a line without a word of three letters.
bool example_line(std::string_view line) {
    std::string_view t = ltrim(line);
    if (t.size() > 3 && (t[0] == '-' || t[0] == '*') && t[1] == ' ' && is_alpha(t[2]) &&
        t[3] == ':')
        return true;
    size_t run = 0;
    for (char c : t) {
        run = is_alpha(c) ? run + 1 : 0;
        if (run >= 3) return false;
    }
    return true;
}

/// Adds the prose words of an answer: fenced code, tables and example lines
/// left out; words in `inline code` marked as terms.
void add_prose(WordUses& uses, const std::string& answer) {
    std::string prose = strip_tags(prose_text(answer));
    size_t start = 0;
    while (start < prose.size()) {
        size_t end = std::min(prose.find('\n', start), prose.size());
        std::string_view line(prose.data() + start, end - start);
        start = end + 1;
        if (example_line(line)) continue;
        bool code = false;
        for (size_t i = 0; i < line.size();) { // alternate prose and `code` spans
            size_t tick = std::min(line.find('`', i), line.size());
            add_words(uses, line.substr(i, tick - i), false, code);
            code = !code;
            i = tick + 1;
        }
    }
}

/// Adds the hit's stems: subject words (question, entry question,
/// innermost heading) and prose words; their strength grows by `share`
/// times their weight in this hit.
void add_hit(WordUses& uses, const Passage& hit, double share) {
    for (auto& [stem, u] : uses)
        u.count = 0;
    add_words(uses, hit.question, true, false);
    add_words(uses, hit.parent_question, true, false);
    if (!hit.headings.empty()) add_words(uses, hit.headings.back(), true, false);
    add_prose(uses, hit.answer);
    for (auto& [stem, u] : uses)
        if (u.count)
            u.strength += share * (u.subject ? kSubjectBoost : 1.0) * (1 + std::log(u.count));
}

/// Accepts the free-text terms ("Z" + stem) of the hit's own words: no
/// numbers, no words shorter than three letters, no stop words unless the
/// hit writes them as code.
class SubjectDecider : public Xapian::ExpandDecider {
  public:
    explicit SubjectDecider(const WordUses& uses) : uses_(uses) {}
    bool operator()(const std::string& term) const override {
        if (term.size() < 4 || term[0] != 'Z') return false;
        auto it = uses_.find(term.substr(1));
        if (it == uses_.end() || is_digit(term[1])) return false;
        return it->second.code || !stopper()(it->first);
    }

  private:
    const WordUses& uses_;
};

} // namespace

std::vector<FeedbackTerm> subject_terms(const Xapian::Database& db, Xapian::Enquire& enq,
                                        const std::vector<std::pair<Xapian::docid, Passage>>& hits,
                                        const Xapian::Query& query) {
    WordUses uses;
    Xapian::RSet rset;
    double share = 1;
    for (const auto& [did, hit] : hits) {
        rset.add_document(did);
        add_hit(uses, hit, share);
        share *= kNextHitShare;
    }
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        auto u = (*t).size() > 1 && (*t)[0] == 'Z' ? uses.find((*t).substr(1)) : uses.end();
        if (u != uses.end()) u->second.strength *= kQueryBoost;
    }
    SubjectDecider decider(uses);
    Xapian::ESet eset =
        enq.get_eset(kEsetTerms, rset, Xapian::Enquire::INCLUDE_QUERY_TERMS, &decider);
    const double docs = db.get_doccount();
    const double questions = db.get_termfreq(std::string(schema::kKindPrefix) + "question");
    const std::string in_question = std::string("Z") + schema::kQuestionPrefix;
    std::vector<FeedbackTerm> out;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        const WordUse& u = uses.at((*it).substr(1));
        double idf = std::log(docs / std::max(1u, db.get_termfreq(*it)));
        double w = idf * u.strength;
        double asked = db.get_termfreq(in_question + (*it).substr(1));
        if (asked > questions * kPhrasing) w /= kSubjectBoost; // "output", "value"
        out.push_back({*it, w, u.subject});
    }
    std::stable_sort(out.begin(), out.end(), [](const FeedbackTerm& a, const FeedbackTerm& b) {
        return a.weight > b.weight;
    });
    if (out.size() > kSubjectTerms) out.resize(kSubjectTerms);
    return out;
}

} // namespace crib::detail
