// related_terms.cpp - what the top hit is about: the feedback terms of
// related questions, the hits' own question, heading and prose words (not
// their code or config lines) weighed by how much the hits say them and by
// their rarity in the notes.
#include "formats/note_text.hpp"
#include "search/internal.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <unordered_map>

namespace crib::detail {

namespace {

/// Feedback terms kept (each widens the related match; 8 missed the second
/// half of a subject's vocabulary on the tuning half of tests/related).
constexpr Xapian::termcount kSubjectTerms = 16;

/// The strongest stems of the hits whose rarity is looked up (a read each)
/// before kSubjectTerms are kept.  Xapian's ESet did this choice before, at
/// the cost of a frequency read for every term of the three hits.
constexpr size_t kStrongest = 40;

/// The heaviest terms checked for phrasing (a lookup each).
constexpr size_t kPhrasingChecked = 2 * kSubjectTerms;

/// A word of the hit's question or section title weighs this many times
/// one of its prose: it is what the passage is about, prose words also
/// carry the example.  (Swept on the tuning half of tests/related with the
/// rarity weighting: 1 -> 0.520, 1.5 -> 0.573, 2 -> 0.553, 3 -> 0.520,
/// 5 -> 0.500; 3 let a title word's weaker cousins push out rarer prose.)
constexpr double kSubjectBoost = 2.0;

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
    bool named = false;   ///< a subject word of any hit read
    bool queried = false; ///< a word of the query
    bool code = false;    ///< written as inline code (`this`, `let`): a term, never a stop word
    std::set<std::string> forms; ///< the question or title words written with this stem
    std::pair<std::string, std::string> halves; ///< FeedbackTerm::halves
    int count = 0;                              ///< times written in the hit being read
    double strength = 0;                        ///< how much the hits read so far are about it
};

/// Stems of a passage's words, by where they were written.
using WordUses = std::unordered_map<std::string, WordUse>;

/// Words whose stems stem_of() keeps at most (then it starts afresh).
constexpr size_t kStemsKept = 20000;

} // namespace

std::string stem_of(const std::string& word) {
    thread_local const Xapian::Stem stem = schema::stemmer();
    thread_local std::unordered_map<std::string, std::string> stems;
    if (stems.size() >= kStemsKept) stems.clear();
    auto [it, added] = stems.try_emplace(word);
    if (added) it->second = stem(word);
    return it->second;
}

namespace {

/// Adds the words of `text` to `uses` (stemmed, lower-cased).
void add_words(WordUses& uses, std::string_view text, bool subject, bool code) {
    for (const std::string& w : schema::words(text)) {
        WordUse& u = uses[stem_of(w)];
        if (!u.count) u.subject = false;
        if (subject) u.forms.insert(w);
        u.subject |= subject;
        u.named |= subject;
        u.code |= code;
        ++u.count;
    }
}

/// True for an ASCII capital letter.
bool is_capital(char c) {
    return c >= 'A' && c <= 'Z';
}

/// The two halves of `w` when it is camel case of two capitalised parts of
/// three letters or more ("DaemonSet", "StatefulSet"), lower-cased; else
/// two empty strings.
std::pair<std::string, std::string> camel_halves(std::string_view w) {
    size_t second = 0;
    for (size_t i = 1; i < w.size(); ++i)
        if (is_capital(w[i])) {
            if (second) return {};
            second = i;
        }
    if (w.size() < 6 || !is_capital(w[0]) || second < 3 || w.size() - second < 3) return {};
    std::string a(w.substr(0, second)), b(w.substr(second));
    for (std::string* h : {&a, &b})
        for (char& c : *h)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return {a, b};
}

/// Records, for the camel-case words of `text` (a question or title), the
/// stems of their halves.
void add_halves(WordUses& uses, std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        size_t end = i;
        while (end < text.size() && is_alpha(text[end]))
            ++end;
        auto [a, b] = camel_halves(text.substr(i, end - i));
        if (!a.empty()) uses[stem_of(a + b)].halves = {stem_of(a), stem_of(b)};
        i = end + 1;
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
    add_halves(uses, hit.question);
    add_prose(uses, hit.answer);
    for (auto& [stem, u] : uses)
        if (u.count)
            u.strength += share * (u.subject ? kSubjectBoost : 1.0) * (1 + std::log(u.count));
}

/// True for a stem that may be a subject term: no number, at least three
/// letters, no stop word unless the hit writes it as code.
bool usable(const std::string& stem, const WordUse& use) {
    if (stem.size() < 3 || is_digit(stem[0])) return false;
    return use.code || !stopper()(stem);
}

/// The usable stems of `uses`, the kStrongest strongest first.
std::vector<std::string> strongest(const WordUses& uses) {
    std::vector<std::pair<double, std::string>> by_strength;
    for (const auto& [stem, u] : uses)
        if (usable(stem, u)) by_strength.emplace_back(u.strength, stem);
    const size_t n = std::min(by_strength.size(), kStrongest);
    std::partial_sort(by_strength.begin(), by_strength.begin() + n, by_strength.end(),
                      [](const auto& a, const auto& b) {
                          return a.first > b.first || (a.first == b.first && a.second < b.second);
                      });
    std::vector<std::string> out;
    for (size_t i = 0; i < n; ++i)
        out.push_back(std::move(by_strength[i].second));
    return out;
}

/// The stems the hits `hits` (top first) are about, with their strength.
WordUses read_hits(const std::vector<Passage>& hits, const Xapian::Query& query) {
    WordUses uses;
    double share = 1;
    for (const Passage& hit : hits) {
        add_hit(uses, hit, share);
        share *= kNextHitShare;
    }
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        auto u = (*t).size() > 1 && (*t)[0] == 'Z' ? uses.find((*t).substr(1)) : uses.end();
        if (u != uses.end()) {
            u->second.strength *= kQueryBoost;
            u->second.queried = true;
        }
    }
    return uses;
}

/// Sorts `terms` by weight, heaviest first.
void by_weight(std::vector<FeedbackTerm>& terms) {
    std::stable_sort(terms.begin(), terms.end(), [](const FeedbackTerm& a, const FeedbackTerm& b) {
        return a.weight > b.weight;
    });
}

/// Weighs down the phrasing among the first kPhrasingChecked of `terms`
/// (sorted): question words asked in over kPhrasing of all questions
/// ("output", "value").  Only those are looked up: each is a read.
void drop_phrasing(const Xapian::Database& db, std::vector<FeedbackTerm>& terms) {
    const double questions = db.get_termfreq(std::string(schema::kKindPrefix) + "question");
    const std::string in_question = std::string("Z") + schema::kQuestionPrefix;
    const size_t n = std::min<size_t>(terms.size(), kPhrasingChecked);
    for (size_t i = 0; i < n; ++i)
        if (db.get_termfreq(in_question + terms[i].term.substr(1)) > questions * kPhrasing) {
            terms[i].weight /= kSubjectBoost;
            terms[i].subject = false;
        }
    by_weight(terms);
}

} // namespace

std::vector<FeedbackTerm> subject_terms(const Xapian::Database& db,
                                        const std::vector<Passage>& hits,
                                        const Xapian::Query& query) {
    const WordUses uses = read_hits(hits, query);
    const double docs = db.get_doccount();
    std::vector<FeedbackTerm> out;
    for (const std::string& stem : strongest(uses)) {
        std::string term = "Z" + stem;
        const Xapian::doccount freq = db.get_termfreq(term);
        if (freq == 0) continue; // not indexed as free text
        const WordUse& u = uses.at(stem);
        out.push_back({std::move(term), std::log(docs / freq) * u.strength, u.named, u.code,
                       u.queried, u.forms, freq, u.halves});
    }
    by_weight(out);
    drop_phrasing(db, out);
    if (out.size() > kSubjectTerms) out.resize(kSubjectTerms);
    return out;
}

} // namespace crib::detail
