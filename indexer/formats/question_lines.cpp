// question_lines.cpp - what one line of an outline looks like to the detectors:
// a list item, a numbered line, an answer label, an interrogative start, noise.
#include "formats/question_lines.hpp"

#include "common/text.hpp"
#include "formats/note_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace crib::detect {

bool is_long_dash_separator(std::string_view t) {
    size_t n = 0;
    t = trim(t);
    return !t.empty() && t[0] == '-' && is_separator(t, &n) && n >= 8;
}

bool is_noise_line(std::string_view t) {
    t = trim(t);
    if (t.empty()) return false;
    std::string low = ascii_lower(t);
    if (low == "copy code" || low == "save to grepper" || low == "copy" ||
        low == "copy to clipboard")
        return true;
    if (low.find("back to top") != std::string::npos ||
        t.find("\xE2\x86\xA5") != std::string_view::npos)
        return true;
    if (is_separator(t)) return true;
    // Image-only / tag-only lines.
    std::string rest = std::string(trim(strip_links(strip_tags(t))));
    if (rest.empty()) return true;
    // Table-of-contents lines: a bullet made only of links to anchors.
    std::string_view v = ltrim(t);
    if (v.size() > 2 && (v[0] == '*' || v[0] == '-' || v[0] == '+' || is_digit(v[0]))) {
        if (t.find("](#") != std::string_view::npos) {
            std::string without = strip_links(t);
            std::string_view w = trim(without);
            // nothing but the bullet/number and the link texts
            size_t links = 0, pos = 0;
            while ((pos = t.find("](#", pos)) != std::string_view::npos) {
                ++links;
                ++pos;
            }
            if (links >= 1 && t.find("](http") == std::string_view::npos && trim(t).back() == ')')
                return !w.empty();
        }
    }
    return false;
}

namespace {

const std::array<std::string_view, 26> kInterrogatives = {
    "what",    "what's",   "whats",  "why",           "how",       "when",  "where",
    "which",   "who",      "whom",   "whose",         "is",        "are",   "can",
    "could",   "do",       "does",   "did",           "should",    "would", "will",
    "explain", "describe", "define", "differentiate", "difference"};

} // namespace

namespace {

/// "#k8s", "#nested/tag": a tag token.
bool is_tag(std::string_view tok) {
    return tok.size() > 1 && tok[0] == '#' && is_alpha(tok[1]) &&
           tok.find_first_of("?\xEF") == std::string_view::npos;
}

} // namespace

bool asks(std::string_view cleaned) {
    std::string_view v = trim(cleaned);
    // Trailing tags ("Why? #k8s"), not "... with id #7?".
    for (size_t sp;
         (sp = v.find_last_of(" \t")) != std::string_view::npos && is_tag(v.substr(sp + 1));)
        v = trim(v.substr(0, sp));
    while (!v.empty() && std::string_view("*_`\"'=").find(v.back()) != std::string_view::npos)
        v.remove_suffix(1);
    // "Why? (2 marks)", "为什么？（3）": a remark after the question.
    for (std::string_view close : {")", "\xEF\xBC\x89"}) { // ')' and '）'
        if (!ends_with(v, close)) continue;
        std::string_view open = close == ")" ? "(" : "\xEF\xBC\x88";
        size_t at = v.rfind(open);
        if (at != std::string_view::npos && at > 0) v = trim(v.substr(0, at));
        break;
    }
    return ends_with(v, "?") || ends_with(v, "\xEF\xBC\x9F"); // '？'
}

std::string first_word(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && !is_alpha(s[i]))
        ++i;
    size_t j = i;
    while (j < s.size() && (is_alpha(s[j]) || s[j] == '\''))
        ++j;
    return ascii_lower(s.substr(i, j - i));
}

/// "Explain ...", "Describe ...", "What ..." without a question mark: an
/// instruction that asks, as numbered question lists write them.
bool starts_imperative(std::string_view cleaned) {
    static const std::array<std::string_view, 24> verbs = {
        "explain", "describe", "define", "compare", "contrast",  "differentiate",
        "list",    "name",     "write",  "design",  "implement", "discuss",
        "outline", "tell",     "give",   "walk",    "what",      "why",
        "how",     "when",     "where",  "which",   "who",       "whats"};
    std::string w = first_word(cleaned);
    return std::find(verbs.begin(), verbs.end(), w) != verbs.end();
}

/// A request at the start asks too: "介绍一下 CMS,G1 收集器。", "简述 TCP 握手".
static bool starts_cjk_request(std::string_view v) {
    static const std::array<std::string_view, 8> requests = {
        "\xE4\xBB\x8B\xE7\xBB\x8D\xE4\xB8\x80\xE4\xB8\x8B", // 介绍一下
        "\xE7\xAE\x80\xE8\xBF\xB0",                         // 简述
        "\xE8\xAF\xB4\xE8\xAF\xB4",                         // 说说
        "\xE8\xB0\x88\xE8\xB0\x88",                         // 谈谈
        "\xE8\xAE\xB2\xE8\xAE\xB2",                         // 讲讲
        "\xE8\xA7\xA3\xE9\x87\x8A\xE4\xB8\x80\xE4\xB8\x8B", // 解释一下
        "\xE8\xAF\xB7\xE4\xBB\x8B\xE7\xBB\x8D",             // 请介绍
        "\xE8\xAF\xB7\xE8\xA7\xA3\xE9\x87\x8A"};            // 请解释
    for (std::string_view w : requests)
        if (v.substr(0, w.size()) == w) return true;
    return false;
}

/// True if `v` holds one of `words`; in a sentence ("这也就解释了为什么byte...。")
/// only at its start ("如何判断对象是否死亡（两种方法）。").
template <size_t N>
static bool holds_question_word(std::string_view v, const std::array<std::string_view, N>& words) {
    bool sentence = v.find("\xE3\x80\x82") != std::string_view::npos; // '。'
    for (std::string_view w : words) {
        size_t at = v.find(w);
        if (at != std::string_view::npos && (!sentence || at == 0)) return true;
    }
    return false;
}

/// True if the text holds a question word of Chinese, Japanese or Korean
/// (which write no space before it: "什么是 inode", "inode とは", "무엇").
bool has_cjk_question_word(std::string_view cleaned) {
    static const std::array<std::string_view, 19> words = {
        "\xE4\xBB\x80\xE4\xB9\x88",              // 什么
        "\xE4\xB8\xBA\xE4\xBB\x80\xE4\xB9\x88",  // 为什么
        "\xE4\xB8\xBA\xE4\xBD\x95",              // 为何
        "\xE4\xBD\x95\xE8\xB0\x93",              // 何谓
        "\xE5\x93\xAA\xE4\xB8\xAA",              // 哪个
        "\xE5\x93\xAA\xE5\x87\xA0",              // 哪几
        "\xE5\xA6\x82\xE4\xBD\x95",              // 如何
        "\xE6\x80\x8E\xE4\xB9\x88",              // 怎么
        "\xE6\x80\x8E\xE6\xA0\xB7",              // 怎样
        "\xE5\x8C\xBA\xE5\x88\xAB",              // 区别
        "\xE5\x93\xAA\xE4\xBA\x9B",              // 哪些
        "\xE5\x90\x97",                          // 吗
        "\xE3\x81\xA8\xE3\x81\xAF",              // とは
        "\xE3\x81\xAA\xE3\x81\x9C",              // なぜ
        "\xE3\x81\xA9\xE3\x81\x86",              // どう
        "\xE3\x81\xA7\xE3\x81\x99\xE3\x81\x8B",  // ですか
        "\xEB\xAC\xB4\xEC\x97\x87",              // 무엇
        "\xEC\x99\x9C",                          // 왜
        "\xEC\x96\xB4\xEB\x96\xBB\xEA\xB2\x8C"}; // 어떻게
    std::string_view v = ltrim(cleaned);
    return holds_question_word(v, words) || starts_cjk_request(v);
}

bool cjk_line_asks(std::string_view cleaned) {
    static const std::array<std::string_view, 10> inside = {"\xE4\xBB\x80\xE4\xB9\x88",  // 什么
                                                            "\xE4\xB8\xBA\xE4\xBD\x95",  // 为何
                                                            "\xE4\xBD\x95\xE8\xB0\x93",  // 何谓
                                                            "\xE5\xA6\x82\xE4\xBD\x95",  // 如何
                                                            "\xE6\x80\x8E\xE4\xB9\x88",  // 怎么
                                                            "\xE6\x80\x8E\xE6\xA0\xB7",  // 怎样
                                                            "\xE5\x93\xAA\xE4\xBA\x9B",  // 哪些
                                                            "\xE5\x93\xAA\xE4\xB8\xAA",  // 哪个
                                                            "\xE5\x93\xAA\xE5\x87\xA0",  // 哪几
                                                            "\xE5\xA4\x9A\xE5\xB0\x91"}; // 多少
    std::string_view v = trim(cleaned);
    if (starts_cjk_request(v) || holds_question_word(v, inside)) return true;
    // A particle or a phrase that ends a question: "...吗", "...呢", "...ですか", "...とは".
    for (std::string_view end :
         {"\xE5\x90\x97", "\xE5\x91\xA2", "\xE3\x81\xA7\xE3\x81\x99\xE3\x81\x8B",
          "\xE3\x81\xA8\xE3\x81\xAF"})
        if (ends_with(v, end)) return true;
    return false;
}

bool starts_interrogative(std::string_view cleaned) {
    std::string w = first_word(cleaned);
    return std::find(kInterrogatives.begin(), kInterrogatives.end(), w) != kInterrogatives.end() ||
           has_cjk_question_word(cleaned);
}

/// "Answer:", "**Answer:**", "A:", "A :", "Ans:", "Ans -" at the start of a line.
bool is_answer_label(std::string_view t) {
    std::string s = strip_emphasis(trim(t));
    std::string_view v = ltrim(s);
    if (v.size() >= 2 && (v[0] == '-' || v[0] == '*') && is_space(v[1]))
        return false; // quiz options
    for (std::string_view label : {"answer", "ans", "a"}) {
        if (!istarts_with(v, label)) continue;
        std::string_view rest = ltrim(v.substr(label.size()));
        if (!rest.empty() && (rest[0] == ':' || (rest[0] == '-' && label != "a") ||
                              (rest[0] == '.' && label == "ans")))
            return true;
    }
    return false;
}

/// The line without a leading answer label ("**Answer:**", "Ans -" with a
/// capital, and after a "Q:" question also "A:", "A." and lower case); the
/// line itself when it has none ("a: 1" in YAML, "answer: 42 is the key").
std::string strip_answer_label(std::string_view line, bool dotted_a) {
    std::string_view v = ltrim(line);
    size_t em = 0;
    while (em < v.size() && em < 2 && (v[em] == '*' || v[em] == '_'))
        ++em;
    std::string_view open = v.substr(0, em);
    for (std::string_view label : {"answer", "ans", "a"}) {
        if (!istarts_with(v.substr(em), label)) continue;
        bool capital = em < v.size() && v[em] >= 'A' && v[em] <= 'Z';
        if (!dotted_a && (label == "a" || !capital)) continue; // only after "Q:"
        std::string_view rest = v.substr(em + label.size());
        bool closed = em && rest.substr(0, em) == open; // "**Answer**:"
        if (closed) rest.remove_prefix(em);
        rest = ltrim(rest);
        char c = rest.empty() ? 0 : rest[0];
        bool dot = c == '.' && (label == "ans" || (dotted_a && label == "a")) &&
                   (rest.size() == 1 || is_space(rest[1]));
        if (!(c == ':' || (c == '-' && label != "a") || dot)) continue;
        rest.remove_prefix(1);
        if (em && !closed && rest.substr(0, em) == open) { // "**Answer:**"
            rest.remove_prefix(em);
            closed = true;
        }
        rest = ltrim(rest);
        return (closed || !em ? "" : std::string(open)) + std::string(rest);
    }
    return std::string(line);
}

/// Leading "Q:", "Q :", "Q1.", "Question:" label; returns the rest or nullopt.
bool question_label(std::string_view t, std::string& rest) {
    std::string s = strip_emphasis(trim(t));
    std::string_view v = ltrim(s);
    if (v.size() >= 2 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && is_space(v[1]))
        v = ltrim(v.substr(2));
    bool is_q = istarts_with(v, "question") || (!v.empty() && v[0] == 'Q');
    if (!is_q) return false;
    std::string copy(v);
    bool labelled = false;
    if (!strip_leading_marker(copy, nullptr, &labelled) || !labelled) return false;
    // "Q. " must be followed by text or end; "Q.js" is not a label.
    rest = copy;
    return true;
}

bool is_list_item(std::string_view line, int* indent, char* marker) {
    int ind = indent_of(line);
    std::string_view v = ltrim(line);
    if (indent) *indent = ind;
    if (v.size() >= 2 && (v[0] == '*' || v[0] == '-' || v[0] == '+') && is_space(v[1])) {
        if (marker) *marker = v[0];
        return true;
    }
    return false;
}

/// Numbered list line "12. text" / "12)text" / "#1. text" / "7 - text"; sets the text.
bool numbered_line(std::string_view line, std::string_view& text) {
    std::string_view v = ltrim(line);
    while (!v.empty() && v[0] == '#')
        v.remove_prefix(1);
    v = ltrim(v);
    if (size_t dash = dash_number_length(v)) {
        text = v.substr(dash);
        return true;
    }
    size_t j = 0;
    while (j < v.size() && j < 4 && is_digit(v[j]))
        ++j;
    if (!j) return false;
    size_t k = j;
    while (k < v.size() && is_space(v[k]))
        ++k;
    if (k >= v.size() || (v[k] != '.' && v[k] != ')')) return false;
    if (k + 1 < v.size() && is_digit(v[k + 1])) return false; // "2.5"
    text = ltrim(v.substr(k + 1));
    return true;
}

bool entry_number(std::string_view t) {
    t = ltrim(t);
    size_t k = 0;
    while (k < t.size() && k < 2 && t[k] >= 'A' && t[k] <= 'Z')
        ++k;
    size_t digits = k;
    while (k < t.size() && k - digits < 3 && is_digit(t[k]))
        ++k;
    if (k == digits || k >= t.size() || (t[k] != '.' && t[k] != ')')) return false;
    return k + 1 == t.size() || is_space(t[k + 1]);
}

bool comment_number(std::string_view t) {
    return entry_number(t) || colon_number(t);
}

bool colon_number(std::string_view t) {
    t = ltrim(t);
    size_t k = 0;
    while (k < t.size() && k < 3 && is_digit(t[k]))
        ++k;
    return k > 0 && k + 1 < t.size() && t[k] == ':' && is_space(t[k + 1]);
}

HeadingLabel heading_label(std::string_view cleaned) {
    std::string_view v = trim(cleaned);
    bool language = false;
    // "Question (EN)": a two-letter language code in brackets at the end.
    if (v.size() > 5 && v.substr(v.size() - 5, 2) == " (" && v.back() == ')' &&
        std::isupper(static_cast<unsigned char>(v[v.size() - 3])) &&
        std::isupper(static_cast<unsigned char>(v[v.size() - 2]))) {
        v = trim(v.substr(0, v.size() - 5));
        language = true;
    }
    std::string low = ascii_lower(v);
    if (low == "question") return HeadingLabel::question;
    if (low == "answer" || low == "answers" || low == "solution") return HeadingLabel::answer;
    bool one_word = !v.empty() && v.find(' ') == std::string_view::npos;
    return language && one_word ? HeadingLabel::language : HeadingLabel::none;
}

bool bold_only(std::string_view t) {
    std::string_view v = trim(t);
    return v.size() >= 4 && v.substr(0, 2) == "**" && ends_with(v, "**");
}

/// Body of a top-level bullet that is bold from end to end: "- <b>Q</b>",
/// "* **Q**", "- <strong>Q</strong>", "- __Q__".  Empty if the line is not one.
std::string_view bold_bullet_body(std::string_view line) {
    int indent = 0;
    if (!is_list_item(line, &indent) || indent > 1) return {};
    std::string_view body = trim(ltrim(line).substr(2));
    std::string low = ascii_lower(body.substr(0, 8));
    std::string_view tail = body.size() >= 9 ? body.substr(body.size() - 9) : body;
    std::string low_tail = ascii_lower(tail);
    bool html = (low.rfind("<b>", 0) == 0 && ends_with(low_tail, "</b>")) ||
                (low.rfind("<strong>", 0) == 0 && ends_with(low_tail, "</strong>"));
    bool md = body.size() >= 5 && ((body.substr(0, 2) == "**" && ends_with(body, "**")) ||
                                   (body.substr(0, 2) == "__" && ends_with(body, "__")));
    return html || md ? body : std::string_view{};
}

bool title_like(std::string_view cleaned) {
    if (cleaned.empty() || cleaned.size() > 80) return false;
    char last = cleaned.back();
    if (last == '.' || last == ',' || last == ';' || last == '!') return false;
    size_t words = std::count(cleaned.begin(), cleaned.end(), ' ') + 1;
    return words <= 8 && has_word_char(cleaned);
}

// "- A: x", "* b) x", "C. x": a multiple-choice option (A-F).
bool is_option_line(std::string_view t) {
    std::string_view v = ltrim(t);
    if (v.size() >= 2 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && is_space(v[1]))
        v = ltrim(v.substr(2));
    if (v.size() < 3) return false;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
    return c >= 'A' && c <= 'F' && (v[1] == ':' || v[1] == ')' || v[1] == '.') && is_space(v[2]);
}

// The markers a heading line carries: "## Q. x" is labelled, "### 11. x" and
// "## Question 3: x" count as numbered / labelled.  The first strip removes the
// '#'s (or the list number of "1. ### Q").
void heading_markers(std::string_view raw, bool& numbered, bool& labelled) {
    std::string s(raw);
    strip_leading_marker(s);
    strip_leading_marker(s, &numbered, &labelled);
}

// "#tag", "#k8s/pods" (a nested tag also yields its parents: "k8s") in a line.
void add_hash_tags(std::string_view t, std::vector<std::string>& tags) {
    for (size_t pos = t.find('#'); pos != std::string_view::npos; pos = t.find('#', pos + 1)) {
        if (pos > 0 && !is_space(t[pos - 1])) continue;
        size_t e = pos + 1;
        while (e < t.size() && (is_alpha(t[e]) || is_digit(t[e]) || t[e] == '-' || t[e] == '_' ||
                                (t[e] == '/' && e > pos + 1)))
            ++e;
        while (e > pos + 1 && t[e - 1] == '/')
            --e;
        if (e - pos < 3 || !is_alpha(t[pos + 1])) continue;
        if (e < t.size() && !is_space(t[e]) && t[e] != ',' && t[e] != '.') continue;
        std::string tag = ascii_lower(t.substr(pos + 1, e - pos - 1));
        for (size_t slash = tag.find('/'); slash != std::string::npos;
             slash = tag.find('/', slash + 1))
            tags.push_back(tag.substr(0, slash));
        tags.push_back(tag);
    }
}

} // namespace crib::detect
