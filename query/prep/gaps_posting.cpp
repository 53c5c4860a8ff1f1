// gaps_posting.cpp - a job posting's lines, sections and skip reasons (see
// gaps_posting.hpp).
#include "prep/gaps_posting.hpp"

#include "prep/gaps_skills.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"

#include <xapian.h>

#include <initializer_list>

namespace crib {

namespace {

/// What a section holds, by its heading (notes: under a question heading).
enum class Section { neutral, requirements, company, notes };

/// True if the lower-cased `text` (padded with spaces) holds a word
/// starting with one of `marks` (" salar" finds "salary" and "salaries").
bool has_any(const std::string& padded, std::initializer_list<const char*> marks) {
    for (const char* m : marks)
        if (padded.find(m) != std::string::npos) return true;
    return false;
}

/// " text " lower-cased, punctuation but - and + turned to spaces, so marks
/// can be matched at word starts.
std::string padded_lower(std::string_view text) {
    std::string out = " ";
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        bool keep = std::isalnum(u) || c == '-' || c == '+' || c == '$' || c == '%' || u >= 0x80;
        out += keep ? char(std::tolower(u)) : ' ';
    }
    return out + " ";
}

Section section_of(const std::string& heading) {
    if (!heading.empty() && heading.back() == '?') return Section::notes;
    std::string h = padded_lower(heading);
    // Company text first: "You have these important work traits" is not a
    // list of skills, nor "What work here offers".
    if (has_any(h, {" benefit",
                    " perk",
                    " offer",
                    " compensation",
                    " salar",
                    " values",
                    " about us",
                    " about the team",
                    " about the company",
                    " who we are",
                    " why join",
                    " why you",
                    " why should",
                    " culture",
                    " life at",
                    " apply",
                    " hiring process",
                    " interview process",
                    " recruit",
                    " in touch",
                    " contact",
                    " equal opportunit",
                    " diversity",
                    " reward",
                    " enjoy",
                    " trait",
                    " location",
                    " important",
                    " you will find",
                    " you ll find",
                    " you will get",
                    " you ll get",
                    " in return",
                    " why work",
                    " working at",
                    " working here"}))
        return Section::company;
    if (h.rfind(" about ", 0) == 0 &&
        !has_any(h, {" about you", " about the role", " about the job", " about this role",
                     " about the position"}))
        return Section::company; // "About BlaBlaCar"
    if (has_any(h, {" requirement", " responsibilit", " qualification",  " skill",
                    " experience",  " what you",      " you will",       " you ll",
                    " you'll",      " must have",     " nice to have",   " nice-to-have",
                    " must-have",   " preferred",     " duties",         " job description",
                    " the role",    " about the job", " task",           " expectation",
                    " stack",       " looking for",   " about you",      " you have",
                    " you bring",   " bring",         " differentiator", " bonus",
                    " plus",        " brownie",       " get ready",      " you need"}))
        return Section::requirements;
    return Section::neutral;
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
    // "Nice to have (optional, but a plus)": the remark in brackets says nothing
    if (!l.empty() && l.back() == ')' && l.rfind(" (") != std::string_view::npos)
        l = trim(l.substr(0, l.rfind(" (")));
    if (l.empty() || std::string_view(".!,;").find(l.back()) != std::string_view::npos) return "";
    if (l.find(',') != std::string_view::npos) return ""; // "Terraform, Ansible": a list
    std::string_view name = l.back() == ':' ? l.substr(0, l.size() - 1) : l;
    size_t n = schema::words(name).size();
    // a longer one only when it opens a company section ("What you will
    // find in our team"): "Experience with Kubernetes and Terraform" is an item
    if (n == 0 || (n > 5 && (n > 10 || section_of(std::string(name)) != Section::company)))
        return "";
    return std::string(trim(name));
}

/// A list item that only labels the items below it ("1. Languages:",
/// "- Frameworks & Libraries:"): a sub-heading.
bool label_item(std::string_view text) {
    return !text.empty() && text.back() == ':' && schema::words(text).size() <= 5;
}

/// The place under the title and company name ("San Francisco, CA",
/// "Poland, Remote"): a short line with a comma or brackets, among the first
/// three, when every line before it was the title or a heading.
bool place_line(std::string_view l, bool bullet, const std::vector<PostingLine>& before) {
    if (bullet || before.empty() || before.size() > 2 || schema::words(l).size() > 6) return false;
    for (const PostingLine& p : before)
        if (p.skip != "title" && p.skip != "heading") return false;
    return l.find_first_of(",(") != std::string_view::npos &&
           std::string_view(".!?;:").find(l.back()) == std::string_view::npos;
}

/// A line of nothing but =, - or _ (a setext underline or a separator).
bool rule_line(std::string_view l) {
    return !l.empty() && l.find_first_not_of("=-_* ") == std::string_view::npos;
}

/// A line's words of a kind that is no requirement, as "reason: marks".
/// `strong` marks skip a line anywhere; the others only outside a
/// requirement section, where "hybrid cloud", "Office add-ins" and "HTTP 401"
/// are skills (the review of issue 24 found 20 labelled requirements skipped).
struct SkipRule {
    const char* reason;
    bool strong;
    std::initializer_list<const char*> marks;
};

const SkipRule kSkipRules[] = {
    {"equal opportunity",
     true,
     {" equal opportunit", " equal employment", " discriminat", " regardless of", " without regard",
      " veteran", " sexual orientation", " gender identity"}},
    {"benefits",
     true,
     {" salar", " compensation", " $", " 401 k ", " 401k", " vacation", " parental leave",
      " health insurance", " paid time off", " per year", " per annum", " perks", " benefits"}},
    {"benefits",
     false,
     {" insurance", " holiday", " stock", " equity", " pto ", " relocation", " meal", " retirement",
      " bonus ", " paid ", " wework", " co-working", " coworking"}},
    {"hiring process",
     true,
     {" to apply", " apply now", " how to apply", " apply at", " apply via", " apply here",
      " resume ", " cv ", " video-call", " video call", " hiring process", " recruiter",
      " coding assignment", " coding challenge", " take-home", " home assignment",
      " interview process", " technical interview"}},
    // "email us", "by email": how to apply; "Email, Calendaring, Git" names a
    // service to run
    {"hiring process",
     false,
     {" email us", " email your", " by email", " via email", " email to ", " email at ",
      " agencies", " contact "}},
    {"degree",
     true,
     {" bachelor", " master s", " masters", " degree in", " s degree", " degree or",
      " university degree", " phd", " diploma"}},
    // "a certificate in project management", not "certificate-based VPN" or
    // "TLS certificates"
    {"certification",
     true,
     {" certification", " certified", " certificate in ", " certificate of ",
      " certificate program"}},
    {"where and when",
     true,
     {" remote work", " work remotely", " remote-first", " full remote", " fully remote",
      " 100% remote", " time zone", " timezone", " business hours", " full-time", " full time",
      " part-time"}},
    {"where and when", false, {" onsite", " on-site", " hybrid", " office"}},
};

/// An e-mail address ("jobs@example.com"): how to apply.
bool has_email(std::string_view text) {
    size_t at = text.find('@');
    return at != std::string_view::npos && at > 0 && text.find('.', at) != std::string_view::npos &&
           std::isalnum(static_cast<unsigned char>(text[at - 1]));
}

/// A padded lower-case line with "hybrid" before a word of the field
/// ("Cloud / Hybrid infrastructure", "hybrid cloud") put out of reach of the
/// where-and-when marks: there it is a technology, not a way of working.
std::string without_hybrid_tech(std::string l) {
    for (size_t at = l.find(" hybrid "); at != std::string::npos; at = l.find(" hybrid ", at + 1)) {
        size_t start = at + 8, end = l.find(' ', start);
        std::string next = l.substr(start, end == std::string::npos ? end : end - start);
        if (technical_word(next) || broad_word(next)) l.replace(at + 1, 6, "tech-hybrid");
    }
    return l;
}

/// Why a line says nothing to study, by what it says; "" when it may.
std::string content_skip(std::string_view text, bool prose, Section section) {
    std::string l = without_hybrid_tech(padded_lower(text));
    // "Company: Acme, headquartered in ...": the employer's card
    if (l.rfind(" company ", 0) == 0 && text.substr(0, 8) == "Company:") return "company text";
    for (const SkipRule& r : kSkipRules)
        if ((r.strong || section != Section::requirements) && has_any(l, r.marks)) return r.reason;
    if (has_email(text)) return "hiring process";
    if (prose && section != Section::requirements &&
        has_any(l, {" we are a",       " we re a",
                    " we are the",     " we re the",
                    " is the leading", " the world s",
                    " our mission",    " our customers",
                    " our products",   " our product ",
                    " founded",        " headquarter",
                    " we serve",       " we bring",
                    " we believe",     " million",
                    " billion",        " our team is",
                    " join us",        " reports to",
                    " based in",       " consulting company",
                    " employees"}) &&
        !stack_prose(text))
        return "company text";
    return "";
}

/// True when a line names a role ("Engineer", "Frontend-Engineer",
/// "Administrator"): what a job title names.
bool names_role(std::string_view l) {
    std::string word;
    for (size_t i = 0; i <= l.size(); ++i) {
        if (i < l.size() && std::isalpha(static_cast<unsigned char>(l[i]))) {
            word += char(std::tolower(static_cast<unsigned char>(l[i])));
            continue;
        }
        if (role_word(word)) return true;
        word.clear();
    }
    return false;
}

/// Words a first line naming a role may have and still be the job's title.
constexpr size_t kTitleWords = 20;

/// The first line names the job when it reads like a title: no bullet, no
/// sentence, and a few words without a list ("Experience with Kubernetes,
/// Terraform and AWS" alone on stdin is a requirement) or a role with the
/// stack beside it ("DevOps Engineer (Linux, AWS, Chef) for a 10-Person
/// Company").
bool title_line(std::string_view l, bool bullet) {
    if (bullet || l.back() == '.') return false;
    size_t n = schema::words(l).size();
    return (n <= 8 && l.find(',') == std::string_view::npos) || (n <= kTitleWords && names_role(l));
}

} // namespace

bool stack_prose(std::string_view text) {
    return has_any(padded_lower(text),
                   {" built on ", " built with ", " working on a", " written in ", " powered by ",
                    " our stack", " tech stack"});
}

bool company_prose(std::string_view text) {
    return has_any(padded_lower(text),
                   {" our ",          " we ",        " us ",       " company",  " organization",
                    " organisation",  " clients",    " customers", " product ", " products",
                    " mission",       " vision",     " journey",   " culture",  " mindset",
                    " embrace",       " educat",     " evangeliz", " advocat",  " learn about",
                    " best practice", " background", " passion",   " feedback"});
}

/// The text after a bullet that is a symbol and a space ("✅ ", "👉 ", "→ ",
/// "– ", "▪ "): postings pasted from chats and web pages use any of them.
/// A variation selector after the symbol is part of it.  "" if none.
std::string symbol_bullet_text(std::string_view l) {
    Xapian::Utf8Iterator it(l.data(), l.size()), end;
    if (it == end) return "";
    auto cat = Xapian::Unicode::get_category(*it);
    if (cat != Xapian::Unicode::OTHER_SYMBOL && cat != Xapian::Unicode::MATH_SYMBOL &&
        cat != Xapian::Unicode::DASH_PUNCTUATION)
        return "";
    for (++it; it != end; ++it) {
        auto c = Xapian::Unicode::get_category(*it);
        if (c != Xapian::Unicode::NON_SPACING_MARK && c != Xapian::Unicode::FORMAT &&
            c != Xapian::Unicode::ENCLOSING_MARK)
            break;
    }
    if (it == end || *it != ' ') return "";
    return std::string(trim(l.substr(size_t(it.raw() - l.data()))));
}

/// A symbol-bulleted line as an item: under Requirements any; elsewhere a
/// short one, not after a dash ("🤝 As an engineer at Dwarves, you will
/// work ..." is the company's prose, "– Adam Pisoni, co-founder" a quote's
/// author).  "" when it is no item.
std::string symbol_item(std::string_view l, Section section) {
    std::string text = symbol_bullet_text(l);
    if (text.empty() || section == Section::requirements) return text;
    bool dash = Xapian::Unicode::get_category(*Xapian::Utf8Iterator(l.data(), l.size())) ==
                Xapian::Unicode::DASH_PUNCTUATION;
    return dash || schema::words(text).size() > 12 ? "" : text;
}

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

std::vector<PostingLine> read_posting(std::string_view text) {
    std::vector<PostingLine> out;
    Section section = Section::neutral;
    std::vector<Section> pl_sections;
    int n = 0;
    for (std::string_view raw : split_lines(text)) {
        ++n;
        std::string_view l = trim(raw);
        if (l.empty() || rule_line(l)) continue;
        PostingLine pl{n, bullet_text(l), ""};
        if (pl.text.empty()) pl.text = symbol_item(l, section);
        bool bullet = !pl.text.empty();
        if (!bullet) pl.text = std::string(l);
        bool label = bullet && label_item(pl.text);
        std::string h = bullet ? (label ? heading_name(pl.text) : "") : heading_name(l);
        // Under "Requirements", "Kubernetes and Helm" is an item, not a heading.
        if (!h.empty() && section == Section::requirements && l.back() != ':' && l[0] != '#' &&
            section_of(h) == Section::neutral)
            h.clear();
        if (out.empty() && title_line(l, bullet) &&
            (h.empty() || section_of(h) == Section::neutral)) {
            pl.skip = "title"; // the first line names the job
        } else if (!h.empty()) {
            Section next = section_of(h);
            // "COPY:" under "4. What is ADD vs COPY?" is still the notes, and
            // "1. Languages:" under "Requirements" still requirements
            if (next != Section::neutral || (section != Section::notes && !label)) section = next;
            pl.skip = "heading";
        } else if (section == Section::neutral && place_line(l, bullet, out)) {
            pl.skip = "where and when";
        } else if (pl.text.back() == '?' && schema::words(pl.text).size() <= 15 &&
                   !(bullet && section == Section::requirements)) {
            section = Section::notes; // "4. What is ADD vs COPY?": a question asked
            pl.skip = "question";
        } else if (section == Section::company) {
            pl.skip = "company text";
        } else {
            pl.skip = content_skip(pl.text, !bullet, section);
        }
        pl.item = bullet || section == Section::requirements;
        pl.bullet = bullet;
        pl_sections.push_back(section);
        out.push_back(std::move(pl));
    }
    // Notes with a posting pasted in them: lines under a question heading
    // ("What is ADD vs COPY?") are the notes, not requirements, once the
    // text has a requirement section.
    bool any = false;
    for (Section s : pl_sections)
        any = any || s == Section::requirements;
    if (any)
        for (size_t i = 0; i < out.size(); ++i)
            if (out[i].skip.empty() && pl_sections[i] == Section::notes)
                out[i].skip = "notes, not requirements";
    return out;
}

} // namespace crib
