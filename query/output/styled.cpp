#include "output/styled.hpp"

#include "common/text.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace crib {

void StyledText::add(std::string_view s, Style st) {
    size_t start = text.size();
    text += s;
    if (st != Style::none && !s.empty()) spans.push_back({start, text.size(), st});
}

std::string sanitize(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            out += "\xEF\xBF\xBD";
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) { // C1 controls (CSI is U+009B)
            out += "\xEF\xBF\xBD";
            ++i;
        } else if (size_t n = bidi_control_at(s, i)) { // U+202E and the like reorder the line
            out += "\xEF\xBF\xBD";
            i += n - 1;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string style_on(Style s) {
    switch (s) {
    case Style::match:
        return "\033[1;31m";
    case Style::bold:
        return "\033[1m";
    case Style::italic:
        return "\033[3m";
    case Style::code:
        return "\033[36m";
    case Style::path:
        return "\033[35m";
    case Style::line:
        return "\033[32m";
    case Style::dim:
        return "\033[2m";
    case Style::heading:
        return "\033[1;4m";
    case Style::link:
        return "\033[4;34m";
    case Style::none:
        return "";
    }
    return "";
}

namespace {

/// The code point starting at byte `i` of `s` (a lead byte; U+FFFD for a
/// broken sequence).
unsigned code_point_at(std::string_view s, size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c >> 5 == 6 ? 2 : c >> 4 == 14 ? 3 : c >> 3 == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0xFFFD;
    unsigned cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return cp;
}

} // namespace

size_t cell_width(unsigned cp) {
    if (cp >= 0x0300 && cp <= 0x036F) return 0; // combining marks
    if (cp == 0x200B || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F)) return 0;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
                (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
}

size_t columns(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) n += cell_width(code_point_at(s, i));
    return n;
}

namespace {

/// Where the set of active styles changes: from at[k] on, styles[k] apply
/// (in the order the spans were added).  Built once per text in
/// O(spans log spans), so rendering is linear in text and spans rather than
/// their product (a note of 30,000 emphasised words took seconds).
struct StyleRuns {
    std::vector<size_t> at;
    std::vector<std::vector<Style>> styles;
};

StyleRuns style_runs(const StyledText& t) {
    std::vector<std::pair<size_t, size_t>> edges; // (position, span index)
    for (size_t i = 0; i < t.spans.size(); ++i) {
        if (t.spans[i].start >= t.spans[i].end) continue;
        edges.push_back({t.spans[i].start, i});
        edges.push_back({t.spans[i].end, i});
    }
    std::sort(edges.begin(), edges.end());
    StyleRuns runs{{0}, {{}}};
    std::set<size_t> active;
    for (size_t k = 0; k < edges.size();) {
        size_t pos = edges[k].first;
        for (; k < edges.size() && edges[k].first == pos; ++k) {
            size_t i = edges[k].second;
            if (t.spans[i].start == pos)
                active.insert(i);
            else
                active.erase(i);
        }
        std::vector<Style> now;
        for (size_t i : active)
            now.push_back(t.spans[i].style);
        runs.at.push_back(pos);
        runs.styles.push_back(std::move(now));
    }
    return runs;
}

/// columns(s) > n, looking at no more than n + 1 code points (a long
/// paragraph is wrapped in linear time).
bool wider_than(std::string_view s, size_t n) {
    size_t cols = 0;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 &&
            (cols += cell_width(code_point_at(s, i))) > n)
            return true;
    return false;
}

/// Render bytes [from, to) of t with escapes.
std::string render_range(const StyledText& t, const StyleRuns& runs, size_t from, size_t to,
                         bool color) {
    if (!color || t.spans.empty()) return t.text.substr(from, to - from);
    std::string out;
    const std::vector<Style>* cur = nullptr;
    size_t k = std::upper_bound(runs.at.begin(), runs.at.end(), from) - runs.at.begin() - 1;
    for (size_t i = from; i < to;) {
        while (k + 1 < runs.at.size() && runs.at[k + 1] <= i)
            ++k;
        const std::vector<Style>& now = runs.styles[k];
        if (cur ? now != *cur : !now.empty()) {
            if (cur && !cur->empty()) out += style_off();
            for (Style s : now)
                out += style_on(s);
            cur = &now;
        }
        size_t next = k + 1 < runs.at.size() ? std::min(runs.at[k + 1], to) : to;
        out.append(t.text, i, next - i);
        i = next;
    }
    if (cur && !cur->empty()) out += style_off();
    return out;
}

} // namespace

std::string render(const StyledText& t, bool color) {
    return render_range(t, style_runs(t), 0, t.text.size(), color);
}

std::string wrap(const StyledText& t, int width, const std::string& first, const std::string& rest,
                 bool color) {
    std::string out;
    const std::string& s = t.text;
    const StyleRuns runs = style_runs(t);
    size_t line_start = 0;
    bool first_line = true;
    while (line_start <= s.size()) {
        const std::string& prefix = first_line ? first : rest;
        size_t avail =
            width > 0 ? std::max<size_t>(20, size_t(width) - std::min<size_t>(columns(prefix),
                                                                              size_t(width) - 20))
                      : std::string::npos;
        size_t nl = s.find('\n', line_start);
        size_t para_end = nl == std::string::npos ? s.size() : nl;
        size_t end = para_end;
        if (width > 0 &&
            wider_than(std::string_view(s).substr(line_start, para_end - line_start), avail)) {
            // Find the last space that keeps the line within avail columns.
            size_t cols = 0, last_space = std::string::npos, i = line_start;
            for (; i < para_end; ++i) {
                if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
                    cols += cell_width(code_point_at(s, i));
                if (cols > avail) break;
                if (s[i] == ' ') last_space = i;
            }
            end = last_space != std::string::npos && last_space > line_start ? last_space : i;
            while (end > line_start && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
                --end;
            if (end == line_start) end = para_end;
        }
        out += prefix;
        out += render_range(t, runs, line_start, end, color);
        out += '\n';
        first_line = false;
        if (end >= s.size()) break;
        line_start = end + 1; // skip the space or newline we broke at
        if (end < para_end && s[end] != ' ') line_start = end;
    }
    return out;
}

} // namespace crib
