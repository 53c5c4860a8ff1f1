// reader_text.cpp - plain-text notes (.txt, files without an extension).
//
// Plain text has no heading syntax except the setext habit ("Title" over a
// line of '=' or '-'); a line of dashes elsewhere separates entries, and a
// '#' line is a question, a title or an answer bullet (the detectors decide).
#include "formats/note_text.hpp"
#include "formats/readers.hpp"
#include "common/text.hpp"

#include <map>

namespace crib {

namespace {

/// Number of code points (continuation bytes not counted).
size_t width(std::string_view s) {
    size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

/// A reST/setext adornment: one punctuation character repeated, at least 3.
char adornment(std::string_view line, bool rst) {
    std::string_view t = line;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
        t.remove_suffix(1);
    if (t.size() < 3 || is_space(t[0])) return 0;
    char c = t[0];
    std::string_view allowed = rst ? "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" : "=-~";
    if (allowed.find(c) == std::string_view::npos) return 0;
    for (char d : t)
        if (d != c) return 0;
    return c;
}

/// A plain-text title is short and does not end like a sentence.
bool plain_title(std::string_view t) {
    t = trim(t);
    if (t.empty() || width(t) > 80 || !has_word_char(t)) return false;
    char last = t.back();
    if (last == '.' || last == ',' || last == ';' || last == ':') return false;
    size_t words = 1;
    for (char c : t)
        words += c == ' ';
    return words <= 10;
}

} // namespace

std::vector<int> underlined_titles(const std::vector<std::string_view>& lines,
                                   const std::vector<bool>& skip, TitleRules rules) {
    int n = static_cast<int>(lines.size());
    std::vector<int> level(n, 0);
    std::map<std::pair<char, bool>, int> styles; // (char, overlined) -> level
    auto blank = [&](int i) { return i < 0 || i >= n || trim(lines[i]).empty(); };
    auto skipped = [&](int i) { return i < static_cast<int>(skip.size()) && skip[i]; };
    for (int i = 0; i + 1 < n; ++i) {
        std::string_view title = lines[i];
        if (blank(i) || skipped(i) || skipped(i + 1) || level[i] != 0) continue;
        if (!rules.rst && indent_of(title) > 0) continue;
        if (adornment(title, rules.rst)) continue;
        char c = adornment(lines[i + 1], rules.rst);
        if (!c) continue;
        size_t tw = width(trim(title)), uw = width(trim(lines[i + 1]));
        bool over = i > 0 && adornment(lines[i - 1], rules.rst) == c && !skipped(i - 1);
        if (rules.rst) {
            if (uw < tw && !(over && uw + 2 >= tw)) continue;
        } else {
            if (!plain_title(title) || uw * 2 < tw || uw > tw * 2 + 20) continue;
            if (!blank(i - 1) && !over) continue;
        }
        if (!blank(i + 2) && !rules.rst && adornment(lines[i + 2], false)) continue;
        auto [it, fresh] =
            styles.emplace(std::make_pair(c, over), static_cast<int>(styles.size()) + 1);
        (void)fresh;
        level[i] = it->second;
        level[i + 1] = -1;
        if (over) level[i - 1] = -1;
        ++i;
    }
    return level;
}

Outline read_text(std::string_view text) {
    Outline out;
    out.bare_titles = true;
    std::vector<std::string_view> lines = split_lines(text);
    std::vector<bool> code = markdown_code_lines(text);
    code.resize(lines.size());
    std::vector<int> titles = underlined_titles(lines, code, {.rst = false});
    for (size_t i = 0; i < lines.size(); ++i) {
        int src = static_cast<int>(i) + 1;
        std::string_view t = lines[i];
        size_t len = 0;
        if (code[i]) {
            out.add(src, LineKind::code, std::string(t));
        } else if (titles[i] > 0) {
            out.add(src, LineKind::heading,
                    std::string(titles[i], '#') + " " + std::string(trim(t)), titles[i]);
        } else if (titles[i] < 0) {
            out.add(src, LineKind::underline, std::string(t));
        } else if (is_separator(t, &len)) {
            out.add(src, LineKind::separator, std::string(t), 1);
        } else if (!ltrim(t).empty() && ltrim(t)[0] == '#') {
            out.add(src, LineKind::hash_line, std::string(t));
        } else {
            out.add(src, LineKind::text, std::string(t));
        }
    }
    return out;
}

} // namespace crib
