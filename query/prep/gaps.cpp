// gaps.cpp - crib gaps: lines read, skills named, skills judged (see gaps.hpp).
#include "prep/gaps.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace crib {

namespace {

/// The name a sentence opens with in "At <Name>, we ..." ("At Crunch, we
/// believe in learning together"), on any line: how a posting names its
/// employer.  Up to three capitalised words before the comma; "" if none.
std::vector<std::string> at_names(std::string_view text) {
    std::vector<std::string> out;
    for (size_t at = text.find("At "); at != std::string_view::npos;
         at = text.find("At ", at + 3)) {
        if (at > 0 && !(at >= 2 && text.substr(at - 2, 2) == ". ")) continue;
        size_t comma = text.find(',', at + 3);
        if (comma == std::string_view::npos) break;
        std::string_view name = text.substr(at + 3, comma - at - 3);
        std::vector<std::string> ws = schema::words(name);
        bool capitals = !ws.empty() && ws.size() <= 3;
        for (size_t i = 0; capitals && i < name.size(); ++i)
            if (i == 0 || name[i - 1] == ' ')
                capitals = std::isupper(static_cast<unsigned char>(name[i])) != 0;
        if (capitals) out.insert(out.end(), ws.begin(), ws.end());
    }
    return out;
}

/// Words of the names the posting uses in its company lines (headings such
/// as "GitLab" or "About X", company text, equal-opportunity text, benefits, hiring process, where
/// and when), lower case: "End Point Dev", "GitLab", "Crunch".  A name made
/// of them that the notes do not cover is the employer or its product, not a
/// skill to study.
std::set<std::string> company_words(const std::vector<PostingLine>& lines) {
    static const std::set<std::string> company = {"company text",   "equal opportunity",
                                                  "benefits",       "heading",
                                                  "hiring process", "where and when"};
    std::set<std::string> out;
    for (const PostingLine& l : lines) {
        for (const std::string& w : at_names(l.text))
            if (w.size() >= 3) out.insert(w);
        if (!company.count(l.skip)) continue; // not the title: "Javascript/TypeScript Engineer"
        // a heading names the company when it is short ("GitLab", "About
        // BlaBlaCar"), not a notes heading ("Flow of storage classes in Amazon S3")
        if (l.skip == "heading" && schema::words(l.text).size() > 3) continue;
        // "VMware Administration:" opens a list of work on a subject; the
        // company's heading is its name ("GitLab", "About BlaBlaCar")
        if (l.skip == "heading" && !l.text.empty() && l.text.back() == ':' &&
            l.text.rfind("About ", 0) != 0)
            continue;
        // Company text names its stack too ("working on a TypeScript
        // application"): there only the name it opens with ("X is", "At X,")
        // is the company.  Found once per line, not once per name.
        std::string_view opening = l.text;
        if (opening.rfind("At ", 0) == 0) opening.remove_prefix(3);
        if (opening.rfind("Company: ", 0) == 0) opening.remove_prefix(9);
        for (const SkillName& s : skill_names(l.text)) {
            bool subject = opening.rfind(s.text, 0) == 0;
            if (s.name && (l.skip != "company text" || subject))
                for (const std::string& w : s.words)
                    if (w.size() >= 3) out.insert(w);
        }
    }
    return out;
}

/// True when a name is made of the company's words ("Crunch.io": "crunch").
bool company_name(const SkillName& s, const std::set<std::string>& words) {
    if (!s.name) return false;
    for (const std::string& w : s.words)
        if (words.count(w)) return true;
    return false;
}

/// The letters of initials ("SRE", "OOP", "SLOs" -> "SLO"); "" for
/// anything else.
std::string acronym(const std::string& text) {
    std::string t = text;
    if (t.size() > 2 && t.back() == 's') t.pop_back();
    if (t.size() < 2 || t.size() > 5) return "";
    for (char c : t)
        if (!std::isupper(static_cast<unsigned char>(c))) return "";
    return t;
}

/// The words of a text split at spaces, hyphens and other signs.
std::vector<std::string> plain_words(std::string_view text) {
    std::vector<std::string> out;
    std::string w;
    for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            w += c;
        } else if (c == '\'' && !w.empty()) {
            w += c;
        } else if (!w.empty()) {
            out.push_back(w);
            w.clear();
        }
    }
    if (!w.empty()) out.push_back(w);
    return out;
}

/// Words that join a phrase rather than start one of its initials.
bool joining_word(const std::string& low) {
    static const std::set<std::string> words = {"and", "or", "of", "the", "a",    "an",
                                                "to",  "in", "on", "for", "with", "as"};
    return words.count(low) > 0;
}

/// Phrases of the posting by their initials ("Site Reliability Engineering"
/// under "SRE", "object-oriented programming" under "OOP"): runs of two to
/// five words, not opened by a filler word nor joined by a function word
/// ("Site Reliability Engineer" is one), first found first.
std::map<std::string, std::string> expansions(const std::vector<PostingLine>& lines) {
    std::map<std::string, std::string> out;
    for (const PostingLine& l : lines) {
        std::vector<std::string> ws = plain_words(l.text);
        for (size_t i = 0; i < ws.size(); ++i) {
            std::string key, phrase;
            for (size_t n = 0; n < 5 && i + n < ws.size(); ++n) {
                const std::string& w = ws[i + n];
                bool plain = n == 0 ? filler_word(ascii_lower(w)) : joining_word(ascii_lower(w));
                if (w.size() < 2 || plain || acronym(w) == w) break;
                key += static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
                phrase += (n ? " " : "") + w;
                if (n > 0) out.emplace(key, phrase);
            }
        }
    }
    return out;
}

/// A skill of one word naming a whole area ("infrastructure", "APIs").
bool broad_skill(const SkillName& s) {
    return s.words.size() == 1 && broad_word(ascii_lower(s.text));
}

/// True when a word is written with more than its first letter in capitals
/// ("API", "DevOps"): initials or a name by its spelling.
bool strong_case(const std::string& t) {
    return std::any_of(t.begin() + (t.empty() ? 0 : 1), t.end(),
                       [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

/// What judging a line needs beyond the line.
struct PostingContext {
    SkillJudge& judge;
    const std::set<std::string>& company;                ///< company_words()
    const std::map<std::string, std::string> expansions; ///< expansions()
};

/// Judges the skills `names` into `r`: a first word the notes write in lower
/// case, and a doubtful first word or a company name the notes do not cover,
/// are left out.
void judge_into(Requirement& r, std::vector<SkillName>& names, const PostingContext& c) {
    SkillJudge& judge = c.judge;
    const std::set<std::string>& company = c.company;
    const std::map<std::string, std::string>& expansions = c.expansions;
    for (SkillName& s : names) {
        // "Currently", "Selection": a sentence's capital on a word the notes
        // write in lower case is no name; "Data Structures" is common words
        if (s.initial && judge.common_word(ascii_lower(s.text.substr(0, s.text.find(' '))))) {
            if (s.words.size() == 1) continue;
            s.name = false;
        }
        SkillEvidence ev = judge.judge(s);
        // "SRE" not in the notes, "Site Reliability Engineering" is
        if (auto it = expansions.find(acronym(s.text)); !ev.covered && it != expansions.end()) {
            SkillName full;
            full.text = it->second;
            full.words = schema::words(full.text);
            // spelled out on the same line, it is the same skill named twice
            bool here = ascii_lower(r.line.text).find(ascii_lower(full.text)) != std::string::npos;
            if (SkillEvidence e = judge.judge(full); e.covered && (e.about > 0 || here)) {
                ev = e;
                // Said as the spelling-out when that was found as written and
                // is not the skill itself; a spelling-out found only in other
                // words ("each word apart") is said as such.
                if (e.found == Found::as_written && ascii_lower(full.text) != ascii_lower(s.text)) {
                    ev.found = Found::spelled_out;
                    ev.as = full.text;
                }
            }
        }
        if (!ev.covered && (s.maybe || company_name(s, company))) continue;
        r.skills.push_back(Skill{std::move(s.text), std::move(ev)});
    }
}

/// The work a requirement names by its verbs when it names no skill
/// otherwise ("Troubleshoot failing jobs" -> troubleshooting, "Deploying
/// services" -> deployment): verbs of operations work, each as its noun.
std::vector<SkillName> field_verbs(std::string_view line) {
    static const std::map<std::string, std::string> verbs = {{"troubleshoot", "troubleshooting"},
                                                             {"deploy", "deployment"},
                                                             {"provision", "provisioning"},
                                                             {"monitor", "monitoring"},
                                                             {"automate", "automation"},
                                                             {"debug", "debugging"},
                                                             {"migrate", "migration"},
                                                             {"containerize", "containerization"},
                                                             {"benchmark", "benchmarking"},
                                                             {"patch", "patching"},
                                                             {"harden", "hardening"},
                                                             {"orchestrate", "orchestration"},
                                                             {"virtualize", "virtualization"},
                                                             {"refactor", "refactoring"},
                                                             {"profile", "profiling"},
                                                             {"triage", "triage"}};
    std::vector<SkillName> out;
    for (const std::string& w : schema::words(line)) {
        for (const auto& [verb, noun] : verbs) {
            bool form = w == verb || w == verb + "s" || w == verb + "ed" || w == verb + "d" ||
                        w == verb + "ing" ||
                        (verb.back() == 'e' && w == verb.substr(0, verb.size() - 1) + "ing") ||
                        (verb.back() == 'e' && w == verb + "d");
            if (!form) continue;
            SkillName s;
            s.text = noun;
            s.words = schema::words(noun);
            if (std::none_of(out.begin(), out.end(),
                             [&](const SkillName& o) { return o.text == noun; }))
                out.push_back(s);
        }
    }
    return out;
}

/// The initials a word stands for, in capitals ("IaC" -> "IAC", "VPCs" ->
/// "VPC"): two to five letters, at least two of them capitals; "" otherwise.
std::string initials_key(const std::string& word) {
    std::string t = word;
    if (t.size() > 2 && t.back() == 's') t.pop_back();
    size_t caps = std::count_if(t.begin(), t.end(),
                                [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    bool letters = std::all_of(t.begin(), t.end(),
                               [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (!letters || caps < 2 || t.size() < 2 || t.size() > 5) return "";
    for (char& c : t)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return t;
}

/// True when `initials` abbreviate `phrase` ("IaC" and
/// "Infrastructure-as-Code", "VPC" and "Amazon Virtual Private Cloud"): the
/// first letters of its words, with or without its joining words, and with
/// or without a vendor's name before them.
bool abbreviates(const std::string& initials, const std::string& phrase) {
    std::string key = initials_key(initials);
    std::vector<std::string> ws = plain_words(phrase);
    if (key.empty() || ws.size() < 2) return false;
    std::string all, content;
    for (const std::string& w : ws) {
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
        all += c;
        if (!joining_word(ascii_lower(w))) content += c;
    }
    for (const std::string& k : {all, content})
        if (k == key || (k.size() == key.size() + 1 && k.substr(1) == key)) return true;
    return false;
}

/// A skill named twice on one line, spelled out and by its initials
/// ("Infrastructure-as-Code (IaC)", "Amazon Virtual Private Cloud (VPC)"), is
/// one skill: the notes covering either name cover both.
void join_initials(std::vector<Skill>& skills) {
    for (Skill& a : skills)
        for (const Skill& b : skills)
            if (!a.evidence.covered && b.evidence.covered &&
                (abbreviates(a.name, b.name) || abbreviates(b.name, a.name)))
                a.evidence = b.evidence;
}

/// A line's skills, judged.  Broad words ("infrastructure", "testing") are
/// the setting of the other skills of their line and are not judged beside
/// them ("Testing: Jest, Vitest" misses both).  A line naming nothing else is
/// judged by them only as a requirement item (a list item or under a
/// requirements heading) in a plain voice; in prose or in the company's tone ("Maintaining the core
/// infrastructure of the company", "continuous feedback culture") it is skipped.
void judge_line(Requirement& r, const PostingContext& c) {
    std::vector<SkillName> specific, broad;
    for (SkillName& s : skill_names(r.line.text)) {
        // "throughout Infrastructure", "lead Infrastructure projects": a
        // whole area written with a capital inside a sentence is a
        // department's or a project's name, not a subject
        if (broad_skill(s) && s.name && !s.initial && !strong_case(s.text)) continue;
        (broad_skill(s) ? broad : specific).push_back(std::move(s));
    }
    judge_into(r, specific, c);
    join_initials(r.skills);
    if (r.skills.empty() && broad.empty() && r.line.item && !company_prose(r.line.text)) {
        std::vector<SkillName> done = field_verbs(r.line.text);
        judge_into(r, done, c);
    }
    if (!r.skills.empty() || broad.empty()) return;
    if (!r.line.item || company_prose(r.line.text)) {
        r.line.skip = "broad words only";
        return;
    }
    judge_into(r, broad, c);
}

/// True when company text names its stack ("We believe in the right tool:
/// our core stack includes AWS, Chef, ELK, Grafana"): at least three names,
/// two of them covered by the notes.  The company's customers and places
/// ("Mozilla, Canonical, UPS") are names the notes do not know.
bool names_known_stack(std::string_view text, SkillJudge& judge) {
    size_t names = 0, known = 0;
    for (const SkillName& s : skill_names(text)) {
        if (!s.name || s.maybe || s.initial) continue;
        ++names;
        known += judge.judge(s).covered;
    }
    return names >= 3 && known >= 2;
}

/// A posting with at least this many list items to judge lists its
/// requirements as items: its paragraphs are the company's prose around
/// them.  (Items of notes pasted around a posting are skipped, not counted.)
constexpr size_t kListedPosting = 3;

/// True when a paragraph of a listed posting names nothing the notes know
/// ("Our office is in Warsaw and we practise Holacracy"): the company's own
/// world, not a requirement.  A posting written without lists keeps its
/// paragraphs, an item is judged whatever it names, and so is a paragraph
/// saying what the work is built with (stack_prose()).
bool unknown_prose(const Requirement& r, size_t items) {
    return items >= kListedPosting && !r.line.bullet && !r.skills.empty() &&
           !stack_prose(r.line.text) &&
           std::none_of(r.skills.begin(), r.skills.end(),
                        [](const Skill& s) { return s.evidence.covered; });
}

Verdict verdict_of(const std::vector<Skill>& skills) {
    size_t covered = 0;
    for (const Skill& s : skills)
        covered += s.evidence.covered;
    if (covered == skills.size()) return Verdict::covered;
    return covered == 0 ? Verdict::missing : Verdict::partial;
}

} // namespace

const char* verdict_name(Verdict v) {
    switch (v) {
    case Verdict::covered:
        return "covered";
    case Verdict::partial:
        return "partial";
    case Verdict::missing:
        return "missing";
    case Verdict::skip:
        break;
    }
    return "skip";
}

std::vector<std::string> Requirement::missing() const {
    std::vector<std::string> out;
    for (const Skill& s : skills)
        if (!s.evidence.covered) out.push_back(s.name);
    return out;
}

std::vector<Requirement> find_gaps(const std::string& db, const std::string& text) {
    std::vector<PostingLine> lines = read_posting(text);
    std::vector<std::string> texts;
    for (const PostingLine& l : lines)
        texts.push_back(l.text);
    SkillJudge judge(db, texts);
    std::set<std::string> company = company_words(lines);
    PostingContext context{judge, company, expansions(lines)};
    size_t items = std::count_if(lines.begin(), lines.end(),
                                 [](const PostingLine& l) { return l.bullet && l.skip.empty(); });
    std::vector<Requirement> out;
    for (PostingLine& l : lines) {
        Requirement r;
        r.line = std::move(l);
        if (r.line.skip == "company text" && names_known_stack(r.line.text, judge))
            r.line.skip.clear();
        if (r.line.skip.empty()) {
            judge_line(r, context);
            if (unknown_prose(r, items)) {
                r.skills.clear();
                r.line.skip = "company prose: nothing the notes know";
            }
            if (r.skills.empty() && r.line.skip.empty()) r.line.skip = "no skill named";
            if (!r.skills.empty()) r.verdict = verdict_of(r.skills);
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<StudyItem> study_next(const std::vector<Requirement>& rs) {
    std::vector<StudyItem> out;
    std::map<std::string, size_t> at;
    for (const Requirement& r : rs)
        for (const Skill& s : r.skills) {
            if (s.evidence.covered) continue;
            std::string key = ascii_lower(s.name);
            auto [it, fresh] = at.emplace(key, out.size());
            if (fresh) out.push_back(StudyItem{s.name, {}});
            std::vector<int>& lines = out[it->second].lines;
            if (lines.empty() || lines.back() != r.line.line) lines.push_back(r.line.line);
        }
    std::stable_sort(out.begin(), out.end(), [](const StudyItem& a, const StudyItem& b) {
        return a.lines.size() > b.lines.size();
    });
    return out;
}

} // namespace crib
