// gaps.cpp - crib gaps: requirements split, searched and judged (see gaps.hpp).
#include "prep/gaps.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"
#include "search/search.hpp"

#include <xapian.h>

#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

namespace crib {

namespace {

/// Key terms searched per requirement (well under kMaxQueryWords).
constexpr size_t kMaxTerms = 64;

/// Function words and the filler of job adverts: never key terms.
const std::set<std::string>& not_key() {
    static const std::set<std::string> words = {
        // function words
        "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "both", "but",
        "by", "can", "do", "does", "each", "etc", "for", "from", "has", "have", "how", "i", "if",
        "in", "into", "is", "it", "its", "least", "not", "of", "on", "or", "other", "our", "per",
        "should", "so", "than", "that", "the", "their", "them", "these", "they", "this", "those",
        "to", "up", "us", "via", "was", "we", "what", "when", "where", "which", "who", "why",
        "will", "with", "within", "would", "you", "your", "e", "g", "eg", "ie", "vs",
        // job advert filler
        "ability", "able", "bonus", "closely", "date", "deep", "effectively", "equivalent",
        "excellent", "experience", "experienced", "familiar", "familiarity", "field", "good",
        "great", "hands", "including", "include", "job", "knowledge", "latest", "level", "like",
        "limited", "must", "nice", "plus", "position", "preferred", "proactively", "proficiency",
        "proficient", "related", "remote", "required", "requirements", "responsibilities",
        "responsible", "role", "skill", "skills", "solid", "stay", "strong", "such", "team",
        "teams", "tool", "tools", "understanding", "using", "utilize", "leverage", "work",
        "working", "year", "years", "ensure", "ensuring", "provide", "perform", "deliver",
        "enhance", "identify", "collaborate", "design", "develop", "maintain", "implement",
        "manage", "opportunities", "various", "across", "new", "high", "set"};
    return words;
}

/// Words of a heading that make its section a list of requirements.
bool requirement_heading(const std::string& name) {
    static const char* const marks[] = {
        "requirement",     "responsibilit", "qualification",      "skill",
        "experience",      "what you",      "you will",           "you'll",
        "must have",       "nice to have",  "preferred",          "duties",
        "job description", "the role",      "about the job",      "tasks",
        "expectations",    "tech stack",    "what we're looking", "what we are looking"};
    std::string l = ascii_lower(name);
    for (const char* m : marks)
        if (l.find(m) != std::string::npos) return true;
    return false;
}

/// The text after a bullet marker (-, *, +, •, ·, "1." or "1)"), or "" if none.
std::string bullet_text(std::string_view l) {
    for (std::string_view m : {"- ", "* ", "+ ", "\xE2\x80\xA2 ", "\xC2\xB7 "})
        if (l.substr(0, m.size()) == m) return std::string(trim(l.substr(m.size())));
    size_t d = 0;
    while (d < l.size() && d < 3 && l[d] >= '0' && l[d] <= '9')
        ++d;
    if (d > 0 && d + 1 < l.size() && (l[d] == '.' || l[d] == ')') && l[d + 1] == ' ')
        return std::string(trim(l.substr(d + 2)));
    return "";
}

/// A heading's name: "## Skills", or a short line of its own ("Requirements",
/// "What you'll do:") that does not end a sentence; "" if not a heading.
std::string heading_name(std::string_view l) {
    if (!l.empty() && l[0] == '#') {
        size_t e = l.find_first_not_of('#');
        if (e != std::string_view::npos && e <= 6 && l[e] == ' ')
            return std::string(trim(l.substr(e)));
        return "";
    }
    if (l.empty() || std::string(".?!,;").find(l.back()) != std::string::npos) return "";
    std::string_view name = l.back() == ':' ? l.substr(0, l.size() - 1) : l;
    if (schema::words(name).empty() || schema::words(name).size() > 5) return "";
    return std::string(trim(name));
}

/// A line of nothing but =, - or _ (a setext underline or a separator).
bool rule_line(std::string_view l) {
    return !l.empty() && l.find_first_not_of("=-_ ") == std::string_view::npos;
}

/// Sentences of a prose line: split after . ! ? followed by a space and a
/// capital letter, outside parentheses.
std::vector<std::string> sentences(std::string_view l) {
    std::vector<std::string> out;
    size_t start = 0;
    int depth = 0;
    for (size_t i = 0; i < l.size(); ++i) {
        char c = l[i];
        depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
        bool end = (c == '.' || c == '!' || c == '?') && depth == 0 && i + 2 < l.size() &&
                   l[i + 1] == ' ' && std::isupper(static_cast<unsigned char>(l[i + 2]));
        if (!end) continue;
        out.emplace_back(trim(l.substr(start, i + 1 - start)));
        start = i + 2;
    }
    if (start < l.size()) out.emplace_back(trim(l.substr(start)));
    return out;
}

/// "Label: text" with a label of at most six words: one requirement.
bool labelled(std::string_view l) {
    size_t colon = l.find(": ");
    return colon != std::string_view::npos && colon > 0 &&
           schema::words(l.substr(0, colon)).size() <= 6;
}

/// A candidate line with the section it sits in.
struct Candidate {
    RequirementLine r;
    bool in_requirements;
};

std::vector<Candidate> candidates(const std::string& text) {
    std::vector<Candidate> out;
    bool in_req = false;
    int n = 0;
    for (std::string_view raw : split_lines(text)) {
        ++n;
        std::string_view l = trim(raw);
        if (l.empty() || rule_line(l)) continue;
        std::string b = bullet_text(l);
        if (b.empty()) {
            if (std::string h = heading_name(l); !h.empty()) {
                in_req = requirement_heading(h);
                continue;
            }
        }
        if (!b.empty() || labelled(l)) {
            out.push_back({{n, b.empty() ? std::string(l) : b}, in_req});
            continue;
        }
        for (std::string& s : sentences(l))
            out.push_back({{n, std::move(s)}, in_req});
    }
    return out;
}

} // namespace

std::vector<std::string> key_terms(const std::string& text) {
    static const Xapian::Stem stem = schema::stemmer();
    std::vector<std::string> out;
    std::set<std::string> stems;
    for (const std::string& w : schema::words(text)) {
        if (w.size() < 2 || not_key().count(w)) continue;
        if (w.find_first_not_of("0123456789") == std::string::npos) continue;
        if (stems.insert(stem(w)).second) out.push_back(w);
    }
    return out;
}

std::vector<RequirementLine> split_requirements(const std::string& text) {
    std::vector<Candidate> cs = candidates(text);
    bool sections = false;
    for (const Candidate& c : cs)
        sections = sections || c.in_requirements;
    std::vector<RequirementLine> out;
    for (Candidate& c : cs)
        if ((!sections || c.in_requirements) && !key_terms(c.r.text).empty())
            out.push_back(std::move(c.r));
    return out;
}

namespace {

/// The words of a text joined by single spaces (for containment tests).
std::string normalised(const std::string& text) {
    std::string out = " ";
    for (const std::string& w : schema::words(text))
        out += w + " ";
    return out;
}

/// Stems of everything a passage says: question, heading path, answer.
std::set<std::string> passage_stems(const Passage& p) {
    static const Xapian::Stem stem = schema::stemmer();
    std::string text = p.question + "\n" + p.answer;
    for (const auto& h : p.headings)
        text += "\n" + h;
    std::set<std::string> out;
    for (const std::string& w : schema::words(text))
        out.insert(stem(w));
    return out;
}

/// Rarity weights of the terms in the notes.
std::vector<double> idf_weights(const Xapian::Database& db, const std::vector<std::string>& terms) {
    static const Xapian::Stem stem = schema::stemmer();
    double n = double(db.get_doccount());
    std::vector<double> out;
    for (const std::string& t : terms) {
        double df = double(std::max(db.get_termfreq(t), db.get_termfreq("Z" + stem(t))));
        out.push_back(std::log((n + 1) / (df + 0.5)));
    }
    return out;
}

/// How many words open an own text: the key its copies are looked up by.
constexpr size_t kOwnKeyWords = 5;

/// The first `n` words of a normalised text (" a b c "), as " a b ".
std::string_view first_words(std::string_view norm, size_t n) {
    size_t end = 0;
    for (size_t i = 0; i <= n && end != std::string_view::npos; ++i)
        end = norm.find(' ', end + (i ? 1 : 0));
    return end == std::string_view::npos ? norm : norm.substr(0, end + 1);
}

/// The requirements long enough to recognise, as normalised texts keyed by
/// their first words: a passage holding one of them is the job description
/// pasted into the notes.  Looking a passage's word windows up here costs its
/// length, not its length times the number of requirements.
class OwnTexts {
  public:
    explicit OwnTexts(const std::vector<RequirementLine>& reqs) {
        for (const RequirementLine& r : reqs) {
            if (schema::words(r.text).size() < kOwnKeyWords) continue;
            std::string norm = normalised(r.text);
            by_start_[std::string(first_words(norm, kOwnKeyWords))].push_back(norm);
        }
    }
    /// True when `whole` (normalised) holds one of the texts.
    bool in(const std::string& whole) const {
        if (by_start_.empty()) return false;
        for (size_t at = 0; at != std::string::npos && at + 1 < whole.size();
             at = whole.find(' ', at + 1)) {
            std::string_view rest = std::string_view(whole).substr(at);
            auto it = by_start_.find(std::string(first_words(rest, kOwnKeyWords)));
            if (it == by_start_.end()) continue;
            for (const std::string& o : it->second)
                if (rest.substr(0, o.size()) == o) return true;
        }
        return false;
    }

  private:
    std::unordered_map<std::string, std::vector<std::string>> by_start_;
};

/// The passages that answer a requirement best, the job description's own
/// copy in the notes passed over.
std::vector<Hit> best_hits(const std::string& db, const Requirement& r, const OwnTexts& own) {
    SearchRequest s;
    s.db = db;
    for (const std::string& t : r.terms) // any of them: the judge counts which the best hold
        s.query += (s.query.empty() ? "" : " OR ") + t;
    s.limit = 10;
    s.facets = s.related = s.snippets = s.count_total = false;
    std::vector<Hit> out;
    for (Hit& h : search(s).hits) {
        if (out.size() == kBestPassages) break;
        if (!own.in(normalised(h.passage.question + "\n" + h.passage.answer)))
            out.push_back(std::move(h));
    }
    return out;
}

/// Fills coverage, missing and covered from the best passages.
void judge(Requirement& r, const std::vector<Hit>& hits, const std::vector<double>& weights) {
    static const Xapian::Stem stem = schema::stemmer();
    std::set<std::string> held;
    for (const Hit& h : hits) {
        auto s = passage_stems(h.passage);
        held.insert(s.begin(), s.end());
        r.best.push_back(GapPassage{h.id, h.passage.question, h.score, h.passage.topics});
    }
    double total = 0, found = 0;
    for (size_t i = 0; i < r.terms.size(); ++i) {
        total += weights[i];
        if (held.count(stem(r.terms[i])))
            found += weights[i];
        else
            r.missing.push_back(r.terms[i]);
    }
    r.coverage = total > 0 ? found / total : 0;
    r.covered = r.coverage >= kCoveredShare;
}

} // namespace

std::vector<Requirement> find_gaps(const std::string& db, const std::string& text) {
    std::vector<Requirement> out;
    std::vector<RequirementLine> reqs = split_requirements(text);
    OwnTexts own(reqs);
    std::map<std::vector<std::string>, Requirement> seen; // the same key terms judged once
    for (RequirementLine& line : reqs) {
        Requirement r;
        r.req = std::move(line);
        r.terms = key_terms(r.req.text);
        if (r.terms.size() > kMaxTerms) r.terms.resize(kMaxTerms); // a search's word cap
        if (auto it = seen.find(r.terms); it != seen.end()) {
            RequirementLine req = std::move(r.req);
            r = it->second;
            r.req = std::move(req);
        } else {
            std::vector<Hit> hits = best_hits(db, r, own); // validates the index first
            // Opened per requirement, as each search opens it: a long posting
            // outlives the revision a crib-index --watch may replace meanwhile.
            judge(r, hits, idf_weights(Xapian::Database(db), r.terms));
            seen.emplace(r.terms, r);
        }
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace crib
