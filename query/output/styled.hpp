// styled.hpp - text with style spans, word-wrapped and rendered with or
// without ANSI escapes.  Note text is sanitised here so a note can never
// drive the terminal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crib {

enum class Style { none, match, bold, italic, code, path, line, dim, heading, link };

/// A styled byte range.
struct StyleSpan {
    size_t start, end;
    Style style;
};

/// Plain text plus styles; build with add().
struct StyledText {
    std::string text;
    std::vector<StyleSpan> spans;
    void add(std::string_view s, Style st = Style::none);
};

/// Replace control characters (C0 except \t and \n, DEL, C1, and the bidi
/// controls of bidi_control_at) with U+FFFD so escape sequences inside notes
/// are shown, not obeyed, and no note reorders the lines around it.
std::string sanitize(std::string_view s);

/// ANSI on/off sequences for a style ("" when colour is off).
std::string style_on(Style s);
inline const char* style_off() {
    return "\033[0m";
}

/// Render spans as ANSI (if `color`), no wrapping.
std::string render(const StyledText& t, bool color);

/// Word-wrap to `width` columns: first line prefixed by `first`, the rest by
/// `rest`; width <= 0 means no wrapping.
std::string wrap(const StyledText& t, int width, const std::string& first, const std::string& rest,
                 bool color);

/// Terminal cells of UTF-8 text (cell_width() of each code point: CJK takes two).
size_t columns(std::string_view s);

/// Terminal cells one code point takes: 2 for East Asian wide and
/// full-width characters (CJK, Hangul, full-width forms, most emoji), 0 for
/// combining marks and joiners, else 1.
size_t cell_width(unsigned cp);

} // namespace crib
