#include "snippet.hpp"

#include "text.hpp"

namespace crib {

namespace {
constexpr char kOpen = '\x01';
constexpr char kClose = '\x02';

/// MSet::snippet escapes &, < and > for HTML; we print text, so undo that.
std::string unescape_html(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            if (s.compare(i, 5, "&amp;") == 0) { out += '&'; i += 4; continue; }
            if (s.compare(i, 4, "&lt;") == 0) { out += '<'; i += 3; continue; }
            if (s.compare(i, 4, "&gt;") == 0) { out += '>'; i += 3; continue; }
            if (s.compare(i, 6, "&quot;") == 0) { out += '"'; i += 5; continue; }
        }
        out += s[i];
    }
    return out;
}
} // namespace

Highlighted parse_markers(const std::string& marked) {
    Highlighted h;
    h.text.reserve(marked.size());
    size_t open = std::string::npos;
    for (char c : marked) {
        if (c == kOpen) {
            open = h.text.size();
        } else if (c == kClose) {
            if (open != std::string::npos && h.text.size() > open) {
                // Adjacent matched words merge into one span.
                if (!h.spans.empty() && h.spans.back().end == open) h.spans.back().end = h.text.size();
                else h.spans.push_back({open, h.text.size()});
            }
            open = std::string::npos;
        } else {
            h.text += c;
        }
    }
    return h;
}

Highlighted highlight(const Xapian::MSet& mset, const std::string& text, size_t length,
                      const Xapian::Stem& stem, bool crop) {
    std::string flat = collapse_space(text);
    for (char& c : flat)
        if (c == kOpen || c == kClose) c = ' ';
    if (flat.empty()) return {};
    size_t len = crop ? length : flat.size() + 16;
    unsigned flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;
    std::string marked = mset.snippet(flat, len, stem, flags, std::string(1, kOpen),
                                      std::string(1, kClose), "\xE2\x80\xA6");
    return parse_markers(unescape_html(marked));
}

} // namespace crib
