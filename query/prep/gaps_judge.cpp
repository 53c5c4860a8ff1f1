// gaps_judge.cpp - whether the notes treat a skill (see gaps_judge.hpp).
#include "prep/gaps_judge.hpp"

#include "common/text.hpp"
#include "index/document.hpp"
#include "index/schema.hpp"
#include "search/search.hpp"

#include <algorithm>
#include <unordered_map>

namespace crib {

namespace {

/// How many words open a posting line: the key its copies are looked up by.
constexpr size_t kOwnKeyWords = 5;

using Stems = std::vector<std::string>;

/// Words of a text, lower case as written and stemmed, and whether each was
/// written with a capital.
struct Words {
    Stems raw, stems;
    /// kLower, kCapital (a capital in it) or kInitials (two letters or more,
    /// every one a capital: "MAC", "IO")
    std::vector<char> caps;
    void append(const Words& w) {
        raw.insert(raw.end(), w.raw.begin(), w.raw.end());
        stems.insert(stems.end(), w.stems.begin(), w.stems.end());
        caps.insert(caps.end(), w.caps.begin(), w.caps.end());
    }
    void push_break() {
        raw.push_back("");
        stems.push_back("");
        caps.push_back(0);
    }
};

/// How a word is written: in lower case, with a capital, or in capitals only.
enum : char { kLower = 0, kCapital = 1, kInitials = 2 };

/// Letters of a name short enough to be confused with initials.
constexpr size_t kShortName = 3;

/// `words` (lower case, one space apart) as `text` writes them ("Google
/// Cloud" of "Google Cloud Platform"), else `words`.
std::string as_written_in(const std::string& text, const std::string& words) {
    size_t at = ascii_lower(text).find(words);
    return at == std::string::npos ? words : text.substr(at, words.size());
}

/// `ev` found as `how`, in place of the skill's own words `as` (joined).
SkillEvidence widened(SkillEvidence ev, Found how, const std::vector<std::string>& as = {}) {
    ev.found = how;
    ev.as.clear();
    for (const std::string& w : as)
        ev.as += (ev.as.empty() ? "" : " ") + w;
    return ev;
}

/// Words as schema::words() reads them, but with the signs that make a
/// name: "C++" and "C#" keep their trailing '+'/'#' (up to three, as
/// Xapian's TermGenerator keeps them) and ".NET" its leading dot, so that
/// "LC_ALL=C" is not C++ and "/proc/sys/net" is not .NET.
Words words_in(std::string_view text) {
    static const Xapian::Stem stem = schema::stemmer();
    Words out;
    std::string word;
    bool dot = false, cap = false;
    size_t lower = 0, letters = 0;
    auto flush = [&](std::string_view signs) {
        if (word.empty()) return;
        out.raw.push_back((dot ? "." : "") + word + std::string(signs));
        out.stems.push_back((dot ? "." : "") + stem(word) + std::string(signs));
        out.caps.push_back(!cap ? kLower : lower == 0 && letters >= 2 ? kInitials : kCapital);
        word.clear();
        cap = false;
        lower = letters = 0;
    };
    const char* p = text.data();
    const char* end = p + text.size();
    for (Xapian::Utf8Iterator it(p, text.size()), stop; it != stop;) {
        unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            if (word.empty()) { // ".NET": a dot after a space or at the start
                const char* at = it.raw();
                dot = at > p && at[-1] == '.' &&
                      (at - 1 == p || std::isspace(static_cast<unsigned char>(at[-2])) ||
                       at[-2] == '(');
            }
            cap = cap || Xapian::Unicode::tolower(ch) != ch;
            lower += Xapian::Unicode::toupper(ch) != ch;
            letters += Xapian::Unicode::toupper(ch) != ch || Xapian::Unicode::tolower(ch) != ch;
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
            ++it;
            continue;
        }
        const char* at = it.raw();
        size_t n = 0;
        while (at + n < end && n < 4 && (at[n] == '+' || at[n] == '#'))
            ++n;
        bool after = at + n == end || !std::isalnum(static_cast<unsigned char>(at[n]));
        if (!word.empty() && n > 0 && n <= 3 && after) {
            flush(std::string_view(at, n));
            for (size_t k = 0; k < n; ++k)
                ++it;
            continue;
        }
        flush("");
        ++it;
    }
    flush("");
    return out;
}

/// The index term of a judged stem: Xapian drops a leading dot (".net" is
/// "Znet") and keeps trailing '+'/'#' ("Zc++").
std::string index_term(const std::string& stem) {
    return "Z" + (stem.size() > 1 && stem[0] == '.' ? stem.substr(1) : stem);
}

/// Text without what only points elsewhere: URLs, Markdown link targets
/// "](...)" and Obsidian/Logseq "[[wikilinks]]".
std::string without_links(std::string_view t) {
    std::string out;
    out.reserve(t.size());
    for (size_t i = 0; i < t.size();) {
        auto skip_to = [&](size_t from, char end) {
            size_t e = from;
            while (e < t.size() && t[e] != end && t[e] != '\n' &&
                   (end != ' ' || !std::isspace(static_cast<unsigned char>(t[e]))))
                ++e;
            return e;
        };
        if (t.compare(i, 7, "http://") == 0 || t.compare(i, 8, "https://") == 0 ||
            t.compare(i, 4, "www.") == 0) {
            i = skip_to(i, ' ');
        } else if (t.compare(i, 2, "](") == 0) {
            i = skip_to(i + 2, ')');
        } else if (t.compare(i, 2, "[[") == 0) {
            size_t e = t.find("]]", i);
            i = e == std::string_view::npos ? t.size() : e + 2;
            out += ' ';
        } else {
            out += t[i++];
        }
    }
    return out;
}

/// A title without its asides in brackets ("How are containers (Docker in
/// our case) different from hypervisor virtualization (vSphere)?", "...
/// error at startup (Windows only)"): what a title names in brackets is an
/// example or a remark, not what it is about.  A bracket holding one short
/// word is kept: the initials or short name of what precedes it ("(IaC)",
/// "(K8s)").
std::string without_asides(std::string_view title) {
    std::string out;
    for (size_t i = 0; i < title.size();) {
        size_t close = title[i] == '(' ? title.find(')', i) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out += title[i++];
            continue;
        }
        std::string_view inside = title.substr(i + 1, close - i - 1);
        bool abbreviation = inside.size() <= 5 && inside.find(' ') == std::string_view::npos;
        if (abbreviation) out += title.substr(i, close + 1 - i);
        out += ' ';
        i = close + 1;
    }
    return out;
}

/// A title without the site a saved page's title names after a bar ("Java
/// Memory Model - Memory Management | SomeSite", a heading kept from a
/// linked page): the page is about the first part, not about the site that
/// published it.  A tail of more than three words is kept ("A | B" tables).
std::string without_site(std::string_view title) {
    size_t bar = title.rfind(" | ");
    if (bar == std::string_view::npos) return std::string(title);
    size_t tail = schema::words(title.substr(bar + 3)).size();
    if (tail == 0 || tail > 3 || schema::words(title.substr(0, bar)).size() <= tail)
        return std::string(title);
    return std::string(title.substr(0, bar));
}

/// A name without the version it ends in ("OpenAPI3" -> "OpenAPI",
/// "SQL-92" -> "SQL", "Python3+" -> "Python"), or "" when it ends in none or
/// the rest would be short enough to be initials with a number ("S3",
/// "EC2", "HTML5", "IPv6" stay).
std::string unversioned(std::string_view name) {
    std::string t(trim(name));
    while (!t.empty() && t.back() == '+')
        t.pop_back();
    size_t end = t.size();
    while (end > 0 && (std::isdigit(static_cast<unsigned char>(t[end - 1])) || t[end - 1] == '.'))
        --end;
    if (end == t.size() || end == 0) return "";
    bool dash = t[end - 1] == '-';
    if (dash) --end;
    std::string base = t.substr(0, end);
    size_t letters = std::count_if(base.begin(), base.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
    });
    if (letters != base.size() || letters < 3 || (letters < 5 && !dash)) return "";
    return base;
}

/// A question left without an answer in a list of follow-ups ("## Follow-ups",
/// "## Related questions", "See also"): what to read next, not notes about it.
bool follow_up(const Passage& p) {
    if (!trim(p.answer).empty() || p.headings.empty()) return false;
    std::string h = ascii_lower(p.headings.back());
    for (std::string_view start : {"follow-up", "follow up", "followup", "related question",
                                   "further question", "open question", "see also"})
        if (h.rfind(start, 0) == 0) return true;
    return false;
}

/// A line that only names things: a list item of at most three words
/// ("- Terraform") or a comma list of names ("IaC: Terraform, Ansible, CDK").
bool bare_list(std::string_view line) {
    std::string_view l = trim(line);
    bool item = !l.empty() && (l[0] == '-' || l[0] == '*' || l[0] == '+');
    size_t words = schema::words(l).size();
    if (item && words <= 3) return true;
    size_t commas = 0;
    for (char c : l)
        commas += c == ',';
    return commas >= 2 && words <= 2 * (commas + 1);
}

/// A row of a table, Markdown ("| DHCP | 67/68 | UDP |") or HTML
/// ("<td>DHCP</td>"): its cells name things as examples beside others, and
/// say nothing about them.
bool table_row(std::string_view line) {
    if (line.substr(0, 3) == "<td" || line.substr(0, 3) == "<th" || line.substr(0, 3) == "<tr")
        return true;
    return line.size() > 1 && line.front() == '|' && std::count(line.begin(), line.end(), '|') >= 3;
}

/// The answer's stems, without links, bare lists, table rows and query
/// blocks (```dataview); "" between lines so that no phrase spans two.  The
/// lines of code blocks go to `code` (when given) instead.
Words answer_words(std::string_view answer, Words* code = nullptr) {
    Words out;
    bool fence = false, query = false;
    for (std::string_view line : split_lines(answer)) {
        std::string_view t = trim(line);
        if (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~") {
            std::string info = ascii_lower(trim(t.substr(3)));
            query = !fence && (info.rfind("dataview", 0) == 0 || info == "query");
            fence = !fence;
            continue;
        }
        if (fence && !query && code) {
            code->append(words_in(line));
            code->push_break();
        }
        if (fence || bare_list(t) || table_row(t)) continue;
        out.append(words_in(without_links(line)));
        out.push_break();
    }
    return out;
}

/// True when a word written as `written` (kLower, kCapital, kInitials) can be
/// a short name written as `shape` (short_name()): a name only as a name
/// ("Go", not "go" or "GO"), initials only with capitals ("PHP", "Php").
bool as_written(char shape, char written) {
    if (shape == kCapital) return written == kCapital;
    return shape != kInitials || written != kLower;
}

/// Occurrences of `seq` in `text`, word for word; with `caps`, only those
/// whose first word is written with a capital in `written`; with `name`
/// (a short name's shape, short_name()), only those as_written().
int occurrences(const Stems& seq, const Stems& text, const Words& written, bool caps,
                char name = kLower) {
    if (seq.empty() || text.size() < seq.size()) return 0;
    int n = 0;
    for (size_t i = 0; i + seq.size() <= text.size(); ++i)
        if (std::equal(seq.begin(), seq.end(), text.begin() + long(i)) &&
            (!caps || written.caps[i]) && as_written(name, written.caps[i]))
            ++n;
    return n;
}

/// How a name of one short word of letters is written, when that matters:
/// kCapital for a name ("Mac", "Go": "mac" and "MAC" are other words or
/// other words' initials), kInitials for initials ("PHP", "UPS": "php.ini"
/// and "Follow-ups" are no initials); kLower for anything else ("S3",
/// "Docker", "Kubernetes"), compared in any case.
char short_name(const Words& phrase) {
    if (phrase.raw.size() != 1 || phrase.caps[0] == kLower) return kLower;
    if (phrase.raw[0].size() > kShortName) return kLower;
    bool letters = std::all_of(phrase.raw[0].begin(), phrase.raw[0].end(),
                               [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    return letters ? phrase.caps[0] : char(kLower);
}

/// A passage's words as the judge reads them.
struct PassageWords {
    bool own = false;          ///< holds a line of the posting
    std::vector<Words> titles; ///< question, parent question, each heading
    Words answer;              ///< without links, bare lists, queries, code
    /// Its code blocks: a name said there counts towards kAnswerRepeats only
    /// when the prose says it too (a Dockerfile's "RUN npm install" three
    /// times is a use of npm, not notes about it).
    Words code;
    /// A section heading over almost nothing but lists, links and queries
    /// (a map of content: "### Azure" over "- Blob Storage", "- Azure
    /// Functions" and "Status: no questions yet"): its title says nothing.
    bool hollow = false;
    GapPassage passage;
};

/// The words of a text joined by single spaces (for containment tests).
std::string normalised(std::string_view text) {
    std::string out = " ";
    for (const std::string& w : schema::words(text))
        out += w + " ";
    return out;
}

/// The first `n` words of a normalised text (" a b c "), as " a b ".
std::string_view first_words(std::string_view norm, size_t n) {
    size_t end = 0;
    for (size_t i = 0; i <= n && end != std::string_view::npos; ++i)
        end = norm.find(' ', end + (i ? 1 : 0));
    return end == std::string_view::npos ? norm : norm.substr(0, end + 1);
}

/// The posting's lines long enough to recognise, keyed by their first words:
/// looking a passage's word windows up costs its length, not its length
/// times the number of lines.
class OwnTexts {
  public:
    explicit OwnTexts(const std::vector<std::string>& lines) {
        for (const std::string& l : lines) {
            if (schema::words(l).size() < kOwnKeyWords) continue;
            std::string norm = normalised(l);
            by_start_[std::string(first_words(norm, kOwnKeyWords))].push_back(norm);
        }
    }
    /// True when `whole` (normalised) holds one of the lines.
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

/// True when the character before `at` in `line` (spaces skipped) continues
/// a sentence: a letter, a digit, a comma, ';', '(' or a non-ASCII letter.
/// After a full stop, a colon, a bullet or a table bar a capital says nothing.
bool inside_sentence(std::string_view line, size_t at) {
    while (at > 0 && line[at - 1] == ' ')
        --at;
    if (at == 0) return false;
    unsigned char c = static_cast<unsigned char>(line[at - 1]);
    return std::isalnum(c) || c == ',' || c == ';' || c == '(' || c >= 0x80;
}

/// Counts the uses of `word` (lower case) inside sentences of `text`,
/// capitalised or not; code (fences, `spans`) and heading lines left out.
void count_cases(std::string_view text, const std::string& word, int& cap, int& low) {
    bool fence = false;
    for (std::string_view raw : split_lines(text)) {
        std::string_view t = trim(raw);
        if (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~") fence = !fence;
        if (fence || t.empty() || t[0] == '#' || t.substr(0, 3) == "```") continue;
        std::string line;
        bool code = false;
        for (char c : raw)
            if (c == '`')
                code = !code, line += ' ';
            else
                line += code ? ' ' : c;
        std::string lower = ascii_lower(line);
        auto word_char = [&](size_t i) {
            return i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) ||
                                       line[i] == '_' || line[i] == '-');
        };
        for (size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
            if ((at > 0 && word_char(at - 1)) || word_char(at + word.size())) continue;
            if (!inside_sentence(line, at)) continue;
            ++(std::isupper(static_cast<unsigned char>(line[at])) ? cap : low);
        }
    }
}

} // namespace

struct SkillJudge::Impl {
    Xapian::Database db;
    OwnTexts own;
    std::unordered_map<Xapian::docid, PassageWords> read;
    std::unordered_map<std::string, SkillEvidence> judged;
    std::unordered_map<std::string, SkillEvidence> looked; ///< look() by words and mode

    Impl(const std::string& spec, const std::vector<std::string>& posting)
        : db(open_index(spec)), own(posting) {}

    const PassageWords& words_of(Xapian::docid did, const Xapian::Document& doc) {
        auto it = read.find(did);
        if (it != read.end()) return it->second;
        Passage p;
        decode_passage(doc.get_data(), p);
        PassageWords w;
        w.own = own.in(normalised(p.question + "\n" + p.answer));
        w.titles.push_back(words_in(without_asides(without_links(p.question))));
        if (!p.parent_question.empty())
            w.titles.push_back(words_in(without_asides(without_links(p.parent_question))));
        for (const std::string& h : p.headings)
            w.titles.push_back(words_in(without_asides(without_links(without_site(h)))));
        w.answer = answer_words(p.answer, &w.code);
        w.hollow = p.kind == "section" &&
                   std::count_if(w.answer.raw.begin(), w.answer.raw.end(),
                                 [](const auto& x) { return !x.empty(); }) < long(kHollowWords);
        w.hollow = w.hollow || follow_up(p);
        w.passage = GapPassage{passage_id(p), p.question, 0, p.topics};
        return read.emplace(did, std::move(w)).first->second;
    }

    bool absent(const std::string& stem) const { return db.get_termfreq(index_term(stem)) == 0; }

    /// Evidence for the phrase's words in order (as written when `exact`,
    /// else stemmed); with `any_order`, only whether one passage's question
    /// and headings hold them all.
    SkillEvidence look(const Words& phrase, bool exact, bool any_order = false) {
        // Each word of each phrase is looked up alone by look_shorter():
        // once per distinct lookup, not per phrase (2,000 long phrases took 7 s).
        std::string key = std::string(exact ? (caps ? "^" : "=") : "~") + (any_order ? "&" : "") +
                          std::string(exact ? short_name(phrase) : 0, '\'');
        for (const std::string& w : exact ? phrase.raw : phrase.stems)
            key += w + " ";
        if (auto it = looked.find(key); it != looked.end()) return it->second;
        SkillEvidence ev = look_uncached(phrase, exact, any_order);
        looked.emplace(key, ev);
        return ev;
    }

    SkillEvidence look_uncached(const Words& phrase, bool exact, bool any_order) {
        SkillEvidence ev;
        std::vector<Xapian::Query> terms;
        for (const std::string& s : phrase.stems) {
            if (absent(s)) return ev;
            terms.emplace_back(index_term(s));
        }
        const Stems& seq = exact ? phrase.raw : phrase.stems;
        const char shape = exact ? short_name(phrase) : char(kLower);
        auto side = [&](const Words& w) -> const Stems& { return exact ? w.raw : w.stems; };
        Xapian::Enquire enq(db);
        enq.set_query(Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()));
        Xapian::MSet mset = enq.get_mset(0, kPassagesRead);
        int most_in_one = 0;
        std::optional<GapPassage> mentioned;
        for (auto m = mset.begin(); m != mset.end(); ++m) {
            const PassageWords& w = words_of(*m, m.get_document());
            if (w.own) continue;
            bool title = false;
            if (any_order) {
                Stems all;
                for (const Words& t : w.titles)
                    all.insert(all.end(), side(t).begin(), side(t).end());
                title = std::all_of(seq.begin(), seq.end(), [&](const std::string& s) {
                    return std::find(all.begin(), all.end(), s) != all.end();
                });
            } else {
                for (const Words& t : w.titles)
                    title = title || occurrences(seq, side(t), t, exact && caps, shape) > 0;
            }
            title = title && !w.hollow;
            int said =
                any_order ? 0 : occurrences(seq, side(w.answer), w.answer, exact && caps, shape);
            if (said > 0) said += occurrences(seq, side(w.code), w.code, exact && caps, shape);
            if (title) {
                ++ev.about;
                if (!ev.best) ev.best = w.passage, ev.best->score = m.get_weight();
            }
            if (said > 0) {
                ++ev.mentions;
                if (!mentioned) mentioned = w.passage, mentioned->score = m.get_weight();
            }
            most_in_one = std::max(most_in_one, said);
            if (ev.about > 0 && most_in_one >= kAnswerRepeats) break;
        }
        ev.covered = ev.about > 0 || most_in_one >= kAnswerRepeats;
        if (!ev.best) ev.best = mentioned;
        return ev;
    }

    /// The first `n` words of a phrase from word `from`.
    static Words part(const Words& w, size_t from, size_t n) {
        Words out;
        out.raw.assign(w.raw.begin() + long(from), w.raw.begin() + long(from + n));
        out.stems.assign(w.stems.begin() + long(from), w.stems.begin() + long(from + n));
        out.caps.assign(w.caps.begin() + long(from), w.caps.begin() + long(from + n));
        return out;
    }

    /// A phrase not found as written: without its first or last word, then
    /// its words together in one question or heading path.
    SkillEvidence look_shorter(const Words& phrase, bool exact, const SkillEvidence& whole) {
        size_t n = phrase.stems.size();
        if (n >= 3) {
            for (size_t from : {size_t(1), size_t(0)}) {
                const Words shorter = part(phrase, from, n - 1);
                SkillEvidence ev = look(shorter, exact);
                if (ev.covered) return widened(ev, Found::shorter, shorter.raw);
            }
        }
        for (const std::string& s : phrase.stems)
            if (absent(s)) return whole; // a word the notes never use: missing
        // a practice ("test plans") is said as such, not by its words in
        // any order ("load testing and capacity planning")
        if (std::any_of(phrase.raw.begin(), phrase.raw.end(), practice_word)) return whole;
        SkillEvidence ev = look(phrase, exact, true);
        if (ev.covered) return widened(ev, Found::together);
        if (exact) return whole;
        // "package updates": each word the subject of passages of its own
        std::optional<GapPassage> best;
        for (size_t i = 0; i < n; ++i) {
            SkillEvidence one = look(part(phrase, i, 1), false);
            // "management", "analysis" head passages on anything: a practice
            // is covered with its subject, not word by word
            if (one.about == 0 || practice_word(phrase.raw[i])) return whole;
            if (!best) best = one.best;
        }
        SkillEvidence each = whole;
        each.covered = true;
        each.best = best;
        return widened(each, Found::apart);
    }

    std::unordered_map<std::string, bool> common; ///< common_word() by word

    bool common_word(const std::string& word) {
        if (word.size() <= 2) return false;
        if (auto it = common.find(word); it != common.end()) return it->second;
        Words w = words_in(word);
        bool is = false;
        if (w.stems.size() == 1 && !absent(w.stems[0])) {
            Xapian::Enquire enq(db);
            enq.set_query(Xapian::Query(index_term(w.stems[0])));
            Xapian::MSet mset = enq.get_mset(0, kPassagesRead);
            int cap = 0, low = 0;
            for (auto m = mset.begin(); m != mset.end(); ++m) {
                Passage p;
                decode_passage(m.get_document().get_data(), p);
                count_cases(p.answer, word, cap, low);
            }
            is = cap + low >= 3 && cap < kNameShare * (cap + low);
        }
        return common.emplace(word, is).first->second;
    }

    /// While judging a name that is also a word of the language ("LESS",
    /// "Linear", "Express"): only its uses written with a capital count.
    bool caps = false;

    SkillEvidence judge(const SkillName& s) {
        Words phrase = words_in(s.text);
        caps = s.name && !phrase.raw.empty() && common_word(phrase.raw[0]);
        // Names are compared as written: "iOS" stems to "io".
        std::string key = std::string(s.compound ? "+"
                                      : s.name   ? (caps ? "^" : "=")
                                                 : "~") +
                          std::string(short_name(phrase), '\'');
        for (const std::string& w : phrase.raw)
            key += w + " ";
        if (auto it = judged.find(key); it != judged.end()) return it->second;
        if (s.compound && phrase.raw.size() > 1)
            return judged.emplace(key, look_compound(phrase)).first->second;
        SkillEvidence ev = look(phrase, s.name);
        if (!ev.covered && phrase.raw.size() > 1) ev = look_shorter(phrase, s.name, ev);
        if (ev.found == Found::shorter) ev.as = as_written_in(s.text, ev.as);
        // "VPCs": a plural name is covered by passages about the singular
        if (!ev.covered && s.name && phrase.raw.size() == 1 && phrase.raw[0].size() > 3 &&
            phrase.raw[0].back() == 's') {
            const std::string singular = s.text.substr(0, s.text.size() - 1);
            SkillEvidence one = look(words_in(singular), true);
            if (one.covered) ev = widened(one, Found::singular, {singular});
        }
        if (!ev.covered && phrase.raw.size() == 1) ev = look_synonyms(phrase.raw[0], ev);
        // "OpenAPI3", "SQL-92", "Angular2": a version of a name the notes treat
        if (std::string base = unversioned(s.text); !ev.covered && s.name && !base.empty()) {
            SkillEvidence one = look(words_in(base), true);
            if (one.covered) ev = widened(one, Found::version, {base});
        }
        return judged.emplace(key, ev).first->second;
    }

    /// A name and a word of the field ("GCP networking"): the phrase as
    /// written, else one passage about the name (in its question or
    /// headings) that says the word.
    SkillEvidence look_compound(const Words& phrase) {
        SkillEvidence ev = look(phrase, true);
        if (ev.covered) return ev;
        std::vector<Xapian::Query> terms;
        for (const std::string& st : phrase.stems) {
            if (absent(st)) return ev;
            terms.emplace_back(index_term(st));
        }
        Words name = part(phrase, 0, phrase.raw.size() - 1);
        const Stems noun = {phrase.stems.back()};
        Xapian::Enquire enq(db);
        enq.set_query(Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()));
        Xapian::MSet mset = enq.get_mset(0, kPassagesRead);
        for (auto m = mset.begin(); m != mset.end(); ++m) {
            const PassageWords& w = words_of(*m, m.get_document());
            if (w.own || w.hollow) continue;
            bool about = false, treats = false;
            for (const Words& t : w.titles) {
                about = about || occurrences(name.raw, t.raw, t, caps) > 0;
                treats = treats || occurrences(noun, t.stems, t, false) > 0;
            }
            treats = treats || occurrences(noun, w.answer.stems, w.answer, false) > 0;
            if (!about || !treats) continue;
            ev.covered = true;
            ++ev.about;
            ev.best = w.passage;
            ev.best->score = m.get_weight();
            ev.found = Found::together;
            break;
        }
        return ev;
    }

    /// A word not covered, tried as each one-word synonym the index holds
    /// for it (crib-synonyms.conf: "golang" -> "go", "k8s" -> "kubernetes").
    SkillEvidence look_synonyms(const std::string& word, const SkillEvidence& whole) {
        for (auto v = db.synonyms_begin(word); v != db.synonyms_end(word); ++v) {
            const std::string term = *v;
            if (term.size() < 2 || term[0] != 'Z') continue; // the group's own term
            Words one;
            one.raw = one.stems = {term.substr(1)};
            SkillEvidence ev = look(one, false);
            if (ev.covered) return widened(ev, Found::synonym, one.raw);
        }
        return whole;
    }
};

const char* found_name(Found f) {
    switch (f) {
    case Found::as_written:
        return "as written";
    case Found::shorter:
        return "shorter";
    case Found::together:
        return "words together";
    case Found::apart:
        return "words apart";
    case Found::synonym:
        return "synonym";
    case Found::singular:
        return "singular";
    case Found::version:
        return "version";
    case Found::spelled_out:
        return "spelled out";
    }
    return "as written";
}

SkillJudge::SkillJudge(const std::string& db, const std::vector<std::string>& posting)
    : impl_(std::make_unique<Impl>(db, posting)) {}

SkillJudge::~SkillJudge() = default;

SkillEvidence SkillJudge::judge(const SkillName& s) {
    return impl_->judge(s);
}

bool SkillJudge::common_word(const std::string& word) {
    return impl_->common_word(word);
}

} // namespace crib
