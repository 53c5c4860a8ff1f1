// gaps_skills.cpp - the skills a requirement line names (see gaps_skills.hpp).
#include "prep/gaps_skills.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_set>

namespace crib {

namespace {

/// Function words: they cut a line into phrases.
const std::unordered_set<std::string>& function_words() {
    static const std::unordered_set<std::string> words = {
        "a",          "about",    "across",  "after",  "all",          "also",    "an",
        "and",        "any",      "are",     "around", "as",           "at",      "be",
        "been",       "being",    "between", "both",   "but",          "by",      "can",
        "could",      "do",       "does",    "each",   "e.g",          "eg",      "either",
        "especially", "etc",      "every",   "for",    "from",         "has",     "have",
        "how",        "i",        "i.e",     "ie",     "if",           "in",      "including",
        "include",    "includes", "into",    "is",     "it",           "its",     "like",
        "may",        "might",    "more",    "most",   "much",         "must",    "no",
        "nor",        "not",      "of",      "on",     "one",          "or",      "other",
        "others",     "our",      "out",     "over",   "particularly", "per",     "same",
        "several",    "should",   "so",      "some",   "specifically", "such",    "than",
        "that",       "the",      "their",   "them",   "these",        "they",    "this",
        "those",      "through",  "to",      "two",    "under",        "up",      "us",
        "using",      "various",  "via",     "vs",     "was",          "we",      "well",
        "were",       "what",     "when",    "where",  "which",        "while",   "who",
        "whom",       "why",      "will",    "with",   "within",       "without", "would",
        "you",        "your",     "yours",   "you're", "we're",        "it's",    "there",
        "here",       "then",     "only",    "very",   "just",         "even",    "many",
        "few",        "own",      "onto",    "upon",   "toward",       "towards", "ideally",
        "preferably", "multiple", "three",   "four",   "five",         "first",   "next",
        "new"};
    return words;
}

/// Words job postings put around skills, and soft skills: they cut too.
const std::unordered_set<std::string>& filler_words() {
    static const std::unordered_set<std::string> words = {
        // what is asked of the reader
        "ability", "able", "capability", "capable", "experience", "experienced", "expertise",
        "expert", "knowledge", "knowledgeable", "understanding", "understand", "familiarity",
        "familiar", "proficiency", "proficient", "skilled", "skill", "skills", "background",
        "exposure", "track", "record", "proven", "demonstrated", "solid", "strong", "deep", "good",
        "great", "excellent", "exceptional", "extensive", "significant", "hands-on", "hands",
        "working", "years", "year", "months", "plus", "bonus", "nice", "preferred", "required",
        "requirement", "requirements", "ideal", "desired", "senior", "junior", "intermediate",
        "grasp", "mastery", "guru", "awareness", "opinions", "interest", "keen", "passion",
        "passionate", "love", "enjoy", "excited", "excitement", "eager", "willingness", "willing",
        "desire", "obsessive", "quick", "study", "prior", "previous", "professional", "production",
        "modern", "contemporary", "latest", "complex", "large", "largescale", "large-scale",
        "robust", "reliable", "efficient", "effective", "effectively", "high-quality", "quality",
        "best", "key", "core", "major", "common", "general", "overall", "relevant", "related",
        "similar", "equivalent", "emerging", "critical", "various", "different", "diverse", "broad",
        "wide", "whole", "entire", "full", "end-to-end", "day-to-day", "fast-paced", "fast-moving",
        "talented", "highly", "closely", "proactively", "proactive", "continuously", "successfully",
        "clearly",
        // doing words
        "build", "building", "built", "develop", "developing", "developed", "create", "creating",
        "maintain", "maintaining", "implement", "implementing", "support", "supporting", "improve",
        "improving", "improvement", "improvements", "enhance", "enhancing", "drive", "driving",
        "help", "helping", "assist", "use", "utilize", "leverage", "write", "writing", "owning",
        "lead", "leading", "define", "defining", "participate", "participating", "contribute",
        "contributing", "collaborate", "collaborating", "collaboration", "partner", "partnering",
        "work", "works", "ensure", "ensuring", "provide", "providing", "deliver", "delivering",
        "perform", "performing", "manage", "managing", "operate", "operating", "handle", "handling",
        "solve", "solving", "make", "making", "take", "taking", "keep", "keeping", "get", "set",
        "learn", "learning", "grow", "growing", "share", "sharing", "bring", "join", "embed",
        "evangelize", "promote", "execute", "administer", "identify", "report", "respond", "act",
        "think", "stay", "follow", "focus", "focused", "explain", "excel", "thrive", "influencing",
        "influence", "improving", "shape", "apply", "seeking", "looking", "hire", "hiring", "need",
        "needs", "want", "offer", "create", "extensible", "specialize", "specializing", "involved",
        "including", "intelligible", "flexible", "performant", "compelling", "continued",
        "strategic", "tactical",
        // people and places
        "team", "teams", "teammates", "engineer", "engineers", "developer", "developers", "company",
        "companies", "customer", "customers", "client", "clients", "stakeholder", "stakeholders",
        "people", "colleagues", "co-workers", "coworkers", "member", "members", "manager",
        "managers", "director", "role", "position", "job", "candidate", "organization",
        "organisation", "department", "startup", "individual", "individuals", "world", "industry",
        "field", "opportunity", "opportunities", "environment", "environments", "day", "days",
        "weeks", "hours", "time", "future", "part", "things", "thing", "something", "everything",
        "anything", "way", "ways", "variety", "portfolio", "number", "lot", "lots", "areas", "area",
        "aspects", "aspect", "needs", "goals", "goal", "mission", "success", "impact", "value",
        "values",
        // soft skills
        "communication", "communicate", "communicating", "verbal", "written", "spoken", "english",
        "fluency", "fluent", "detail", "detail-oriented", "ownership", "tenacity", "independently",
        "independent", "self-motivated", "self-driven", "self-organized", "mindset", "attitude",
        "humble", "autonomy", "curious", "curiosity", "energetic", "dedicated", "diligent",
        "friendly", "helpful", "optimism", "genuine", "care", "player", "problem-solving",
        "results-driven", "impact-oriented", "organized", "motivated", "creative", "creativity",
        "initiative", "eye", "focus", "priorities",
        // business words and their initials: the company's trade, not a
        // subject of the notes
        "saas", "b2b", "b2c", "poc", "mvp", "kpi", "kpis", "okr", "okrs", "roi", "oss", "startup",
        "enterprise", "fintech", "ecommerce", "e-commerce", "marketplace",
        // where: continents and regions (the company's place or market)
        "europe", "european", "africa", "african", "asia", "asian", "america", "american",
        "americas", "emea", "apac", "latam", "nordics", "nordic", "worldwide", "global",
        // soft skills and language levels (CEFR)
        "teamwork", "a1", "a2", "b1", "b2", "c1", "c2",
        // spoken languages: asked of the person, not studied in the notes
        "german", "polish", "french", "spanish", "italian", "dutch", "portuguese", "russian",
        "ukrainian", "czech", "swedish", "danish", "norwegian", "finnish", "greek", "turkish",
        "hebrew", "arabic", "hindi", "chinese", "mandarin", "cantonese", "japanese", "korean",
        "romanian", "hungarian", "bilingual", "multilingual", "native"};
    return words;
}

/// A token of a line: its text as written, and whether a phrase ends before it.
struct Token {
    std::string text;
    bool cut = false;   ///< a phrase boundary before this token
    bool start = false; ///< first word of the line, a sentence or a label's text
    bool paren = false; ///< inside parentheses
};

bool has_alpha(std::string_view s) {
    for (char c : s)
        if (std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
            return true;
    return false;
}

/// Strips what surrounds a word: quotes, brackets, a sentence's full stop, a
/// possessive "'s".  Returns whether something that ends a phrase was there.
bool strip(std::string& t, bool& ends_sentence) {
    bool cut = false;
    ends_sentence = false;
    while (!t.empty() && std::string_view("([{\"'`").find(t.front()) != std::string_view::npos) {
        t.erase(0, 1);
        cut = true;
    }
    while (!t.empty() &&
           std::string_view(")]}\"'`,;:!?.").find(t.back()) != std::string_view::npos) {
        if (t.back() == '.' || t.back() == '!' || t.back() == '?' || t.back() == ':')
            ends_sentence = true;
        t.pop_back();
        cut = true;
    }
    for (std::string_view poss : {"'s", "\xE2\x80\x99s"})
        if (t.size() > poss.size() && t.compare(t.size() - poss.size(), poss.size(), poss) == 0)
            t.erase(t.size() - poss.size());
    // "e.g" and "i.e" keep their inner dots; a bare trailing dot was removed.
    return cut;
}

/// "RHEL/CentOS" and "HTML/CSS" are alternatives; "CI/CD", "TCP/IP" and
/// "I/O" are one name (a part under three letters), but three or more parts
/// are a list ("iptables/pf/nftables").
std::vector<std::string> slash_parts(const std::string& t) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t i = 0; i <= t.size(); ++i)
        if (i == t.size() || t[i] == '/') {
            parts.push_back(t.substr(start, i - start));
            start = i + 1;
        }
    if (parts.size() == 1) return parts;
    for (const std::string& p : parts)
        if ((p.size() < 3 && parts.size() == 2) || !has_alpha(p)) return {t};
    return parts;
}

/// "Database Mastery", "Infrastructure as Code (IaC)": a short label in
/// title case before ": ", whose capitals say nothing.
bool title_label(std::string_view label) {
    std::vector<std::string> ws = schema::words(label);
    if (ws.empty() || ws.size() > 5) return false;
    size_t start = 0;
    for (size_t i = 0; i <= label.size(); ++i) {
        if (i < label.size() && label[i] != ' ') continue;
        std::string w(label.substr(start, i - start));
        start = i + 1;
        if (w.empty() || function_words().count(ascii_lower(w)) || !has_alpha(w)) continue;
        if (!std::isupper(static_cast<unsigned char>(w[0])) && w[0] != '(') return false;
    }
    return true;
}

std::vector<Token> tokens(std::string_view line) {
    std::vector<Token> out;
    bool cut = true, start = true;
    // "Database Mastery: You're a SQL guru": a short label before ": ".
    size_t colon = line.find(": ");
    size_t label_end =
        colon != std::string_view::npos && title_label(line.substr(0, colon)) ? colon : 0;
    size_t i = 0;
    int depth = 0; // of parentheses
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
            ++i;
        size_t j = i;
        while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j])))
            ++j;
        if (j == i) break;
        std::string raw(line.substr(i, j - i));
        bool in_label = label_end && i < label_end; // its capitals are title case
        i = j;
        depth += raw.front() == '(';
        bool paren = depth > 0;
        if (raw.back() == ')' || (raw.size() > 1 && raw[raw.size() - 2] == ')'))
            depth = depth > 0 ? depth - 1 : 0;
        bool ends = false;
        std::string t = raw;
        bool had_front =
            !t.empty() && std::string_view("([{\"'`").find(t.front()) != std::string_view::npos;
        strip(t, ends);
        if (had_front) cut = true;
        if (t.empty() || t == "&" || t == "-" || t == "and/or") {
            cut = true;
            continue;
        }
        std::vector<std::string> parts = slash_parts(t);
        for (size_t k = 0; k < parts.size(); ++k) {
            out.push_back({parts[k], cut || k > 0, start || in_label, paren});
            cut = false;
            start = false;
        }
        cut = raw.back() != t.back(); // something stripped at the end cuts
        if (ends) start = true;
    }
    return out;
}

/// A name by its spelling: an inner capital (GitHub, iOS), all capitals
/// (AWS, EKS), letters with digits (S3, IPv6) or with . + # (Node.js, C++).
bool strong_name(const std::string& t) {
    size_t upper = 0, alpha = 0;
    bool digit = false, inner_upper = false, sign = false;
    for (size_t i = 0; i < t.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        if (std::isalpha(c)) {
            ++alpha;
            if (std::isupper(c)) {
                ++upper;
                if (i > 0) inner_upper = true;
            }
        } else if (std::isdigit(c)) {
            digit = true;
        } else if (c == '.' || c == '+' || c == '#') {
            sign = true;
        }
    }
    if (alpha == 0) return false;
    return inner_upper || (upper == alpha && alpha >= 2) || digit || sign;
}

/// Capitals and digits only, at most four ("ECS", "S3", "EC2").
bool initials(const std::string& t) {
    return !t.empty() && t.size() <= 4 && std::all_of(t.begin(), t.end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) ||
               std::isdigit(static_cast<unsigned char>(c));
    });
}

bool capitalised(const std::string& t) {
    return !t.empty() && std::isupper(static_cast<unsigned char>(t[0]));
}

/// True when the line capitalises its function words and filler ("Experience
/// With The ..."), past its first word: its capitals say nothing.  A list of
/// names ("Terraform, Ansible, Chef") is not title case, nor are initials
/// ("SaaS", "KPIs"), nor a job title in
/// a sentence ("As a Senior DevOps Engineer, you ...").
bool title_case(const std::vector<Token>& ts) {
    size_t caps = 0;
    for (size_t i = 1; i < ts.size(); ++i) {
        std::string low = ascii_lower(ts[i].text);
        bool title = role_word(low) || low == "senior" || low == "junior";
        bool plain = (function_words().count(low) || filler_words().count(low)) && !title;
        caps += plain && capitalised(ts[i].text) && !ts[i].start && !strong_name(ts[i].text);
    }
    return caps >= 2;
}

/// A token that is a name by its spelling, or by a capital not a sentence's
/// (and not a filler word: "B2" of a language level).
bool name_token(const Token& t) {
    return (strong_name(t.text) || (capitalised(t.text) && !t.start)) &&
           !filler_word(ascii_lower(t.text));
}

/// True when token `i` is a word in lower case standing alone as an item of
/// a list of names ("Chef, Puppet or cfengine", "oVirt, libvirt, kvm") or
/// inside brackets ("DNS (bind)", "(python, perl)"): an example, so a name
/// written in lower case.  `prev_name`: the item before it was a name or a
/// word of the field ("prototypal inheritance, curry").  Verbs ("research,
/// code, diagnose") are no items.
bool leading_verb(const std::string& low);

bool lower_list_name(const std::vector<Token>& ts, size_t i, bool prev_name) {
    const Token& t = ts[i];
    std::string low = ascii_lower(t.text);
    auto joiner = [](const Token& x) {
        std::string l = ascii_lower(x.text);
        return l == "and" || l == "or";
    };
    bool alone = i + 1 == ts.size() || ts[i + 1].cut || joiner(ts[i + 1]);
    bool joined = i > 0 && joiner(ts[i - 1]) && !t.cut;
    if (!(t.cut || joined) || !alone || low != t.text || low.size() < 3 || !has_alpha(low))
        return false;
    // tools are named in ASCII: a capital outside it ("Ÿ") is no lower case
    for (char c : low)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    // "reviewed", "shipping", "carefully": verbs and adverbs, not tools
    for (std::string_view end : {"ed", "ing", "ly"})
        if (low.size() > end.size() + 2 &&
            low.compare(low.size() - end.size(), end.size(), end) == 0)
            return false;
    if (function_words().count(low) || filler_word(low) || technical_word(low) || broad_word(low) ||
        practice_word(low) || leading_verb(low))
        return false;
    bool after_name = t.cut && prev_name;
    if (joined && i > 1 && name_token(ts[i - 2])) after_name = true;
    size_t n = i + 1 < ts.size() && joiner(ts[i + 1]) ? i + 2 : i + 1;
    bool before_name = n < ts.size() && (ts[n].cut || n == i + 2) && name_token(ts[n]) &&
                       (n + 1 == ts.size() || ts[n + 1].cut || joiner(ts[n + 1]));
    return (t.cut && t.paren) || after_name || before_name;
}

/// A word that is a number, a count or a range ("500+", "24x7", "2021").
bool number_like(const std::string& t) {
    return !t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || !has_alpha(t));
}

/// A common-word run trimmed at both ends to its technical words; "" if none.
std::string technical_part(const std::string& run) {
    std::vector<std::string> ws;
    size_t start = 0;
    for (size_t i = 0; i <= run.size(); ++i)
        if (i == run.size() || run[i] == ' ') {
            if (i > start) ws.push_back(run.substr(start, i - start));
            start = i + 1;
        }
    // A word is kept when it is a field word, or half of a listed compound
    // written apart ("load balancing", "reverse proxies", "rolling updates"):
    // the pair is one skill, not its technical half or nothing.
    auto compound_at = [&](size_t i) { // ws[i] and ws[i + 1]
        return i + 1 < ws.size() && compound_word(ascii_lower(ws[i]), ascii_lower(ws[i + 1]));
    };
    auto kept = [&](size_t i) {
        return technical_word(ascii_lower(ws[i])) || compound_at(i) ||
               (i > 0 && compound_at(i - 1));
    };
    size_t b = 0, e = ws.size();
    while (b < e && !kept(b))
        ++b;
    while (e > b && !kept(e - 1))
        --e;
    // "release management", "test plans": the practice is the skill
    if (e < ws.size() && practice_word(ascii_lower(ws[e]))) ++e; // none when no field word
    // "automated testing", "functional programming": a kind of testing or
    // of programming is a subject to study, where the area alone is not
    if (e == b + 1 && b > 0 &&
        (ascii_lower(ws[b]) == "testing" || ascii_lower(ws[b]) == "programming"))
        --b;
    std::string out;
    for (size_t i = b; i < e; ++i)
        out += (out.empty() ? "" : " ") + ws[i];
    return out;
}

/// "on call" is "on-call": "on" would cut it as a function word.
void join_on_call(std::vector<Token>& ts) {
    std::vector<Token> out; // built anew: erasing in place was quadratic ("on call" x 32,000)
    out.reserve(ts.size());
    for (size_t i = 0; i < ts.size(); ++i) {
        if (i + 1 < ts.size() && ascii_lower(ts[i].text) == "on" &&
            ascii_lower(ts[i + 1].text).rfind("call", 0) == 0 && !ts[i + 1].cut) {
            out.push_back(ts[i]);
            out.back().text += "-" + ts[++i].text;
        } else {
            out.push_back(std::move(ts[i]));
        }
    }
    ts = std::move(out);
}

/// "infrastructure as code", "policy as code": one practice, which "as"
/// would cut into a word and "code".
void join_as_code(std::vector<Token>& ts) {
    std::vector<Token> out;
    out.reserve(ts.size());
    for (size_t i = 0; i < ts.size(); ++i) {
        out.push_back(std::move(ts[i]));
        if (i + 2 < ts.size() && !ts[i + 1].cut && !ts[i + 2].cut &&
            ascii_lower(ts[i + 1].text) == "as" && ascii_lower(ts[i + 2].text) == "code" &&
            has_alpha(out.back().text) && !function_words().count(ascii_lower(out.back().text))) {
            out.back().text += " as " + ts[i + 2].text;
            i += 2;
        }
    }
    ts = std::move(out);
}

/// Verbs a posting's bullets start with ("Automate ...", "Respond to ..."),
/// in any of their forms: a capital there is the sentence's, not a name's.
bool leading_verb(const std::string& low) {
    static const std::unordered_set<std::string> verbs = {
        "act",        "add",          "administer",  "advocate",    "analyze",    "analyse",
        "architect",  "assess",       "assist",      "audit",       "automate",   "build",
        "champion",   "coach",        "collaborate", "communicate", "configure",  "contribute",
        "coordinate", "create",       "debug",       "define",      "deliver",    "deploy",
        "design",     "detect",       "develop",     "diagnose",    "document",   "drive",
        "embed",      "enable",       "enhance",     "ensure",      "establish",  "evaluate",
        "evangelize", "execute",      "expand",      "explore",     "facilitate", "fix",
        "guide",      "handle",       "help",        "identify",    "implement",  "improve",
        "influence",  "install",      "integrate",   "investigate", "join",       "keep",
        "lead",       "learn",        "leverage",    "maintain",    "manage",     "mentor",
        "migrate",    "model",        "monitor",     "own",         "partner",    "participate",
        "perform",    "plan",         "prepare",     "prevent",     "prioritize", "promote",
        "provide",    "provision",    "recommend",   "reduce",      "refactor",   "remediate",
        "report",     "research",     "resolve",     "respond",     "review",     "run",
        "scale",      "secure",       "set",         "share",       "ship",       "shape",
        "solve",      "streamline",   "support",     "take",        "test",       "track",
        "train",      "troubleshoot", "tune",        "update",      "upgrade",    "use",
        "utilize",    "validate",     "work",        "write",       "be",         "have",
        "get",        "make",         "bring",       "give",        "coordinate", "operate",
        "optimize",   "optimise",     "architect",   "oversee",     "apply"};
    if (verbs.count(low)) return true;
    auto stem_in = [&](const std::string& base) { return !base.empty() && verbs.count(base); };
    auto cut = [&](size_t n) { return low.size() > n + 2 ? low.substr(0, low.size() - n) : ""; };
    if (low.size() > 4 && low.compare(low.size() - 3, 3, "ing") == 0)
        return stem_in(cut(3)) || stem_in(cut(3) + "e");
    if (low.size() > 3 && low.compare(low.size() - 2, 2, "ed") == 0)
        return stem_in(cut(2)) || stem_in(cut(1));
    return low.size() > 3 && low.back() == 's' && stem_in(cut(1));
}

} // namespace

bool role_word(const std::string& low) {
    static const std::unordered_set<std::string> words = {"engineer",      "engineers",
                                                          "developer",     "developers",
                                                          "administrator", "administrators",
                                                          "manager",       "managers",
                                                          "architect",     "architects",
                                                          "team",          "teams",
                                                          "lead",          "department",
                                                          "specialist",    "specialists",
                                                          "consultant",    "consultants",
                                                          "analyst",       "analysts",
                                                          "professional",  "professionals",
                                                          "designer",      "designers",
                                                          "cto",           "ceo",
                                                          "cio",           "vp",
                                                          "founder",       "founders"};
    return words.count(low) > 0;
}

bool practice_word(const std::string& low) {
    static const std::unordered_set<std::string> words = {
        "management", "reporting", "analysis",   "planning",  "plans",
        "tracking",   "selection", "assessment", "reduction", "scanning"};
    return words.count(low) > 0;
}

bool filler_word(const std::string& w) {
    if (filler_words().count(w) || function_words().count(w)) return true;
    if (w.find('-') == std::string::npos) return false;
    // "customer-impacting", "high-quality": filler when every part is
    for (const std::string& part : schema::words(w))
        if (!filler_words().count(part) && !function_words().count(part)) return false;
    return true;
}

/// The line with full-width and typographic punctuation written as ASCII
/// ("Kubernetes、Docker", "Linux，Shell", "Kubernetes — Docker"): they cut
/// phrases as commas and dashes do.  A bracket opened right after a word
/// ("LDAP(OpenLDAP)") is set apart from it.
std::string ascii_punctuation(std::string_view line) {
    static const std::pair<std::string_view, std::string_view> kSame[] = {
        {"\xE3\x80\x81", ", "},  // 、
        {"\xEF\xBC\x8C", ", "},  // ，
        {"\xEF\xBC\x9B", "; "},  // ；
        {"\xEF\xBC\x9A", ": "},  // ：
        {"\xE3\x80\x82", ". "},  // 。
        {"\xEF\xBC\x88", " ("},  // （
        {"\xEF\xBC\x89", ") "},  // ）
        {"\xE2\x80\x94", " - "}, // —
        {"\xE2\x80\x93", " - "}, // –
    };
    std::string out;
    for (size_t i = 0; i < line.size();) {
        bool replaced = false;
        for (const auto& [from, to] : kSame)
            if (line.compare(i, from.size(), from) == 0) {
                out += to;
                i += from.size();
                replaced = true;
                break;
            }
        if (replaced) continue;
        if (line[i] == '(' && i > 0 && i + 1 < line.size() &&
            std::isalpha(static_cast<unsigned char>(line[i - 1])) &&
            std::isalpha(static_cast<unsigned char>(line[i + 1])))
            out += ' ';
        out += line[i++];
    }
    return out;
}

std::vector<SkillName> skill_names(std::string_view raw_line) {
    const std::string line = ascii_punctuation(raw_line);
    std::vector<Token> ts = tokens(line);
    join_on_call(ts);
    join_as_code(ts);
    const bool caps_mean_nothing = title_case(ts);
    std::vector<SkillName> out;
    std::set<std::string> seen;
    SkillName run;
    bool last_strong = false, last_name = false;
    auto flush = [&] {
        if (!run.name) run.text = technical_part(run.text);
        if (!run.text.empty()) {
            run.words = schema::words(run.text);
            if (!run.words.empty() && seen.insert(ascii_lower(run.text)).second) out.push_back(run);
        }
        run = SkillName{};
    };
    bool role = false; // inside "as a <role>": up to a cut, or a function word after its words
    for (size_t i = 0; i < ts.size(); ++i) {
        const Token& t = ts[i];
        std::string low = ascii_lower(t.text);
        if (t.cut) {
            if (role) run = SkillName{}; // the role's words are no skill
            flush();
            role = false;
        }
        if (low == "as" && i + 1 < ts.size() &&
            (ascii_lower(ts[i + 1].text) == "a" || ascii_lower(ts[i + 1].text) == "an")) {
            flush(); // "experience as a Linux system administrator": a role
            role = true;
            continue;
        }
        if (role && (function_words().count(low) || filler_word(low)) && !run.text.empty()) {
            role = false; // "as a member of a team": the role ends at "of"
            run = SkillName{};
        }
        if (role) {
            if (!function_words().count(low)) run.text += " " + t.text; // the role's words
            continue;
        }
        if (role_word(low)) {
            run = SkillName{}; // "DevOps Engineer", "Cloud Operations team"
            continue;
        }
        // "end-to-end testing": a kind of testing, though "end-to-end" alone
        // is job-advert filler ("own features end-to-end")
        bool kind = i + 1 < ts.size() && !ts[i + 1].cut && technical_word(low) &&
                    ascii_lower(ts[i + 1].text) == "testing";
        if (number_like(t.text) || (filler_word(low) && !kind)) {
            flush();
            last_name = false;
            continue;
        }
        bool strong = strong_name(t.text);
        // A first word is a name when it is no verb and no common word of
        // the field: "Ansible playbooks", "Terraform modules for AWS", "-
        // Prometheus and Helm"; not "Automate provisioning", "Networking".
        bool alone = i + 1 == ts.size() || ts[i + 1].cut || ascii_lower(ts[i + 1].text) == "and" ||
                     ascii_lower(ts[i + 1].text) == "or";
        // "Extending and maintaining", "Crawled and archived": a verb's
        // -ing or -ed form opening a sentence, not a name ("Spring" is short)
        bool verb_form = (low.size() > 6 && low.compare(low.size() - 3, 3, "ing") == 0) ||
                         (low.size() > 5 && low.compare(low.size() - 2, 2, "ed") == 0);
        bool first = capitalised(t.text) && !caps_mean_nothing && t.start && !leading_verb(low) &&
                     !technical_word(low) && !verb_form;
        bool name = strong || (capitalised(t.text) && !caps_mean_nothing && !t.start) || first;
        // "Chef, Puppet or cfengine": a name in lower case, if the notes do
        // not write it as a word of the language (gaps.cpp)
        bool listed = !name && lower_list_name(ts, i, last_name);
        name = name || listed;
        last_name = name || technical_word(low);
        // Not standing alone, its capital may be the sentence's ("Filling in
        // for IT"): a skill only if the notes know it (gaps.cpp).  A capital
        // on the next word too (a plain word, not a title-case label's, not
        // initials: "Understands REST") makes it a name of two words ("React
        // Router", "Google Maps"), whatever the notes know.
        bool pair = !alone && capitalised(ts[i + 1].text) && !ts[i + 1].start &&
                    !strong_name(ts[i + 1].text) && !filler_word(ascii_lower(ts[i + 1].text));
        bool maybe = first && !strong && !alone && !pair;
        // "Kubernetes" | "administration"; "AWS" | "DevOps" (two names), not "Amazon EKS"
        // "AWS ECS", "GCP IAM": a cloud's own service by its initials, one
        // name ("AWS DevOps" stays two)
        bool vendor = (run.text == "AWS" || run.text == "GCP") && initials(t.text);
        // "GCP networking", "JavaScript testing": a name and one word of the
        // field after it are one skill, the name's side of that subject
        bool field = technical_word(low) || broad_word(low);
        if (!name && field && run.name && !run.compound && !run.maybe && !run.initial &&
            run.text.find(' ') == std::string::npos && !run.text.empty() &&
            (i + 1 == ts.size() || ts[i + 1].cut || !technical_word(ascii_lower(ts[i + 1].text)))) {
            run.compound = true;
            run.text += " " + t.text;
            last_strong = false;
            continue;
        }
        if (run.compound) flush();
        if (!run.text.empty() && (run.name != name || (strong && last_strong && !vendor))) flush();
        last_strong = strong;
        if (run.text.empty()) {
            run.maybe = maybe;
            run.initial = (first && !strong) || listed;
        }
        run.name = name;
        run.text += (run.text.empty() ? "" : " ") + t.text;
    }
    if (role) run = SkillName{};
    flush();
    return out;
}

} // namespace crib
