// cards.cpp - which passages are flash cards (see cards.hpp).
#include "prep/cards.hpp"

#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "index/schema.hpp"

#include <xapian.h>

#include <algorithm>
#include <map>

namespace crib {

const std::set<std::string> kGenericTitleWords = {
    "a",
    "about",
    "advanced",
    "advantages",
    "alternative",
    "alternatives",
    "also",
    "an",
    "and",
    "answer",
    "answers",
    "approach",
    "approaches",
    "background",
    "basic",
    "basics",
    "benefits",
    "best",
    "case",
    "cases",
    "code",
    "comparison",
    "conclusion",
    "conclusions",
    "cons",
    "considerations",
    "context",
    "definition",
    "definitions",
    "demo",
    "description",
    "detail",
    "details",
    "disadvantages",
    "drawbacks",
    "easier",
    "easy",
    "en",
    "example",
    "examples",
    "exercise",
    "exercises",
    "explanation",
    "faq",
    "features",
    "follow",
    "followups",
    "further",
    "general",
    "hard",
    "harder",
    "how",
    "implementation",
    "important",
    "intro",
    "introduction",
    "key",
    "level",
    "limitations",
    "link",
    "links",
    "main",
    "medium",
    "misc",
    "miscellaneous",
    "more",
    "note",
    "notes",
    "of",
    "offs",
    "other",
    "others",
    "output",
    "overview",
    "part",
    "point",
    "points",
    "practice",
    "practices",
    "prerequisites",
    "problem",
    "problems",
    "pros",
    "question",
    "questions",
    "reading",
    "reference",
    "references",
    "related",
    "requirements",
    "resources",
    "result",
    "results",
    "ru",
    "same",
    "sample",
    "samples",
    "see",
    "solution",
    "solutions",
    "source",
    "sources",
    "step",
    "steps",
    "summary",
    "syntax",
    "table",
    "takeaway",
    "takeaways",
    "task",
    "tasks",
    "the",
    "tip",
    "tips",
    "todo",
    "trade",
    "tradeoffs",
    "tricks",
    "ups",
    "usage",
    "use",
    "vs",
    "what",
    "when",
    "why",
};

const std::set<std::string> kIntroTitles = {
    "about",
    "about this repo",
    "acknowledgements",
    "acknowledgments",
    "changelog",
    "contents",
    "contributing",
    "contributors",
    "credits",
    "foreword",
    "intro",
    "introduction",
    "license",
    "preface",
    "readme",
    "table of contents",
    "toc",
};

const std::set<std::string> kPointerTitles = {
    "bibliography", "external links", "follow ups",   "followups",  "further reading",
    "links",        "read more",      "reference",    "references", "resources",
    "see also",     "sources",        "useful links",
};

namespace {

/// Lower-case words of a title joined by single spaces.
std::string normalised(const std::string& title) {
    std::string out;
    for (const std::string& w : schema::words(title))
        out += (out.empty() ? "" : " ") + w;
    return out;
}

/// True if `s` at `i` starts with `prefix`, ASCII case ignored.
bool starts_at(std::string_view s, size_t i, std::string_view prefix) {
    if (s.size() - i < prefix.size()) return false;
    for (size_t k = 0; k < prefix.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(s[i + k])) != prefix[k]) return false;
    return true;
}

/// The end of a link or URL starting at `i` (npos if none starts there).
size_t link_end(std::string_view s, size_t i) {
    if (starts_at(s, i, "[[")) { // [[wikilink]]
        size_t e = s.find("]]", i + 2);
        return e == std::string_view::npos ? e : e + 2;
    }
    if (s[i] == '[' || starts_at(s, i, "![")) { // [text](url), [text][ref], ![alt](src)
        size_t close = s.find(']', i);
        if (close == std::string_view::npos || close + 1 >= s.size()) return std::string_view::npos;
        char open = s[close + 1];
        if (open != '(' && open != '[') return std::string_view::npos;
        size_t e = s.find(open == '(' ? ')' : ']', close + 2);
        return e == std::string_view::npos ? e : e + 1;
    }
    if (starts_at(s, i, "<a ") || starts_at(s, i, "<a>")) { // <a href=..>text</a>
        size_t e = s.find("</a>", i);
        if (e == std::string_view::npos) e = s.find("</A>", i);
        return e == std::string_view::npos ? e : e + 4;
    }
    if (starts_at(s, i, "<http")) { // <https://...>
        size_t e = s.find('>', i);
        return e == std::string_view::npos ? e : e + 1;
    }
    bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
    if (word_start &&
        (starts_at(s, i, "http://") || starts_at(s, i, "https://") || starts_at(s, i, "www."))) {
        size_t e = i;
        while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e])) && s[e] != ')' &&
               s[e] != '>')
            ++e;
        return e;
    }
    return std::string_view::npos;
}

/// Words that may stand beside links in a list that only points elsewhere
/// ("See: [docs](...)", "Reference: <url>", "[a](..) and [b](..)").
const std::set<std::string> kLinkGlue = {
    "see",  "also", "reference", "references", "source", "sources", "link",          "links",
    "more", "read", "here",      "docs",       "and",    "or",      "the",           "at",
    "in",   "on",   "via",       "back",       "to",     "top",     "documentation", "official"};

/// The text of a Markdown link "[text](url)" when it is a sentence (ends
/// with '.' or '。': an answer written as a link), else "".
std::string sentence_text(std::string_view link) {
    if (link.empty() || link[0] != '[' || link.rfind("[[", 0) == 0) return "";
    size_t close = link.find(']');
    std::string_view text = trim(link.substr(1, close - 1));
    bool cut = ends_with(text, "..") || ends_with(text, "\xE2\x80\xA6"); // "...", "…": cut short
    bool sentence = !cut && (ends_with(text, ".") || ends_with(text, "\xE3\x80\x82"));
    return sentence ? std::string(text) : std::string();
}

/// A line without its links and URLs (a link whose text is a sentence
/// keeps that text); `links` counts them.
std::string without_links(std::string_view line, int& links) {
    std::string out;
    for (size_t i = 0; i < line.size();) {
        size_t e = link_end(line, i);
        if (e != std::string_view::npos) {
            ++links;
            out += ' ' + sentence_text(line.substr(i, e - i)) + ' ';
            i = e;
            continue;
        }
        out += line[i++];
    }
    return out;
}

/// True if a line (links removed) says nothing but glue words.
bool says_nothing(const std::string& rest) {
    for (const std::string& w : schema::words(strip_tags(rest)))
        if (!kLinkGlue.count(w)) return false;
    return true;
}

/// True if a fence's info string is a query, not content (Obsidian Dataview).
bool query_fence(std::string_view info) {
    std::string lang = ascii_lower(trim(info));
    return lang.rfind("dataview", 0) == 0 || lang == "query";
}

/// The answer is only a question (a heading over a question's translation).
bool only_question(const std::string& answer) {
    std::string prose(trim(prose_text(strip_quote_markers(answer))));
    if (prose.empty() || prose.find("\n\n") != std::string::npos) return false;
    return ends_with(prose, "?") || ends_with(prose, "\xEF\xBC\x9F"); // '?' or full-width
}

/// True if a title heads a list of pointers: "Related Questions", "See
/// also", "References".
bool pointer_title(const std::string& title) {
    std::string t = normalised(title);
    return kPointerTitles.count(t) || t == "related" || t.rfind("related ", 0) == 0;
}

/// True if the passage is, or sits under, a list of pointers.
bool under_pointers(const Passage& p) {
    return pointer_title(p.question) ||
           std::any_of(p.headings.begin(), p.headings.end(), pointer_title);
}

/// True if the front names only a link or a URL.
bool link_front(const std::string& question) {
    int links = 0;
    std::string rest = without_links(question, links);
    return links > 0 && says_nothing(rest);
}

/// True if the title says nothing by itself: all its words are generic, or it
/// is a template's heading.
bool generic_title(const std::string& title, const DeckTitles& titles) {
    std::vector<std::string> words = schema::words(title);
    if (titles.templates.count(normalised(title))) return true;
    for (const std::string& w : words)
        if (!kGenericTitleWords.count(w) && w.find_first_not_of("0123456789") != std::string::npos)
            return false;
    return true;
}

/// The nearest headings above `p` that say something (up to two, outermost
/// first), or its parent question for a sub-question.
std::string context_of(const Passage& p, const DeckTitles& titles) {
    if (p.kind == "question" && !p.parent_question.empty()) return p.parent_question;
    std::vector<std::string> picked;
    for (auto h = p.headings.rbegin(); h != p.headings.rend() && picked.size() < 2; ++h)
        if (!generic_title(*h, titles) && has_word_char(*h)) picked.insert(picked.begin(), *h);
    return heading_path(picked);
}

} // namespace

bool only_links(const std::string& answer) {
    int links = 0;
    bool in_fence = false, query = false;
    for (std::string_view line : split_lines(answer)) {
        std::string_view t = trim(line);
        if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
            query = !in_fence && query_fence(t.substr(3));
            links += query; // a Dataview query lists other notes
            in_fence = !in_fence;
            continue;
        }
        if (in_fence && !query) return false; // code says something
        if (in_fence) continue;
        if (!says_nothing(without_links(t, links))) return false;
    }
    return links > 0;
}

std::vector<FilePlace> file_places(const std::vector<Card>& cards) {
    std::vector<FilePlace> out(cards.size());
    for (size_t begin = 0, end; begin < cards.size(); begin = end) {
        const std::string& file = cards[begin].passage.file;
        for (end = begin; end < cards.size() && cards[end].passage.file == file;)
            ++end;
        size_t first = begin;
        while (first < end &&
               cards[first].passage.answer.find_first_not_of(" \t\r\n") == std::string::npos)
            ++first;
        if (first == end) continue;
        out[first].opening = true;
        out[first].more = end - begin > 1;
    }
    return out;
}

size_t title_words(const std::string& title) {
    size_t words = 0, cjk = 0;
    bool in_word = false;
    for (Xapian::Utf8Iterator it(title); it != Xapian::Utf8Iterator(); ++it) {
        if (schema::is_cjk(*it) && Xapian::Unicode::is_wordchar(*it)) {
            ++cjk;
            in_word = false;
        } else if (Xapian::Unicode::is_wordchar(*it)) {
            words += !in_word;
            in_word = true;
        } else {
            in_word = false;
        }
    }
    return words + (cjk + 1) / 2;
}

DeckTitles deck_titles(const std::vector<Card>& cards) {
    std::map<std::string, std::set<std::string>> files; // short title -> files it heads
    for (const Card& c : cards)
        if (title_words(c.passage.question) <= 2)
            files[normalised(c.passage.question)].insert(c.passage.file);
    DeckTitles out;
    for (const auto& [title, in] : files)
        if (!title.empty() && in.size() >= kTemplateFiles) out.templates.insert(title);
    return out;
}

/// True for the one section crib-index makes of a note in which nothing
/// read as a question or a title: no heading above it, titled with the
/// file's name ("arrays_lists" of arrays_lists.ipynb).
bool whole_file(const Passage& p) {
    if (p.kind != "section" || !p.headings.empty()) return false;
    return !base_name(p.file).empty() && p.question == name_stem(p.file);
}

CardFront card_front(const Passage& p, const FilePlace& place, const DeckTitles& titles) {
    CardFront c;
    c.front = p.question;
    if (whole_file(p))
        c.why = NotCard::whole_file; // its front would be a file name, not a question
    else if (!has_word_char(strip_tags(p.answer)))
        c.why = NotCard::no_answer; // "", "-", "[...]"
    else if (only_links(p.answer) || under_pointers(p))
        c.why = NotCard::links_only;
    else if (only_question(p.answer))
        c.why = NotCard::question_answer;
    else if (link_front(p.question))
        c.why = NotCard::link_front;
    else if (kIntroTitles.count(normalised(p.question)) ||
             (p.kind != "question" && place.opening && place.more && p.headings.empty() &&
              title_words(p.question) <= kIntroTitleWords))
        c.why = NotCard::intro;
    if (c.why != NotCard::none || title_words(p.question) > 2) return c;
    c.context = context_of(p, titles);
    if (!c.context.empty())
        c.front = c.context + std::string(kPathSeparator) + p.question;
    else if (generic_title(p.question, titles))
        c.why = NotCard::generic;
    return c;
}

} // namespace crib
