// --full: a note's Markdown rendered for the terminal through the one cmark
// wrapper: headings and bold stand out, lists keep their markers, code
// blocks are indented and verbatim, links show their URL.
#include "common/text.hpp"
#include "formats/formats.hpp"
#include "formats/markdown.hpp"
#include "output/printer.hpp"
#include "output/styled.hpp"

#include <algorithm>

#include <optional>
#include <utility>
#include <vector>

namespace crib {

namespace {

using md::Node;
using md::NodeType;

/// Nesting deeper than this (quotes, list items) renders at this depth's
/// indentation: a 30,000-deep quote must not build 30,000-column prefixes
/// (quadratic memory) nor be unreadable.
constexpr size_t max_indent_depth = 16;

/// Trims a trailing run of blank lines down to one newline.
void trim_blank_tail(std::string& out) {
    while (out.size() >= 2 && out.compare(out.size() - 2, 2, "\n\n") == 0)
        out.pop_back();
}

/// A byte that belongs to a word: ASCII letters and digits, any non-ASCII.
bool word_byte(unsigned char c) {
    return c >= 0x80 || std::isalnum(c) || c == '_';
}

/// True if every byte of `s` is a word byte (it is one word, or empty).
bool all_word_bytes(const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return word_byte(static_cast<unsigned char>(c)); });
}

/// Where `text` holds an entry of `match` that is no word ("2>&1", "-it",
/// "c++"), as a token (not inside a longer word); by start, longest first.
std::vector<std::pair<size_t, size_t>> literal_spans(const std::string& text,
                                                     const std::vector<std::string>& match) {
    std::vector<std::pair<size_t, size_t>> out;
    const std::string hay = ascii_lower(text);
    auto word_at = [&hay](size_t i) { return word_byte(static_cast<unsigned char>(hay[i])); };
    for (const std::string& m : match) {
        if (m.empty() || all_word_bytes(m)) continue;
        const bool front = word_byte(static_cast<unsigned char>(m.front()));
        const bool back = word_byte(static_cast<unsigned char>(m.back()));
        for (size_t at = hay.find(m); at != std::string::npos; at = hay.find(m, at + 1)) {
            size_t end = at + m.size();
            if ((at == 0 || !front || !word_at(at - 1)) &&
                (end >= hay.size() || !back || !word_at(end)))
                out.emplace_back(at, end);
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    return out;
}

/// Appends `text` to `t` in `style`, with whole words of `match` (lower
/// case) as matches, and its entries that are no word ("2>&1") where the
/// text holds them whole: never their letters on their own.
void add_matched(StyledText& t, const std::string& text, Style style,
                 const std::vector<std::string>& match) {
    if (match.empty()) return t.add(text, style);
    const std::vector<std::pair<size_t, size_t>> literals = literal_spans(text, match);
    size_t done = 0, k = 0;
    auto mark = [&](size_t from, size_t to) {
        t.add(text.substr(done, from - done), style);
        t.add(text.substr(from, to - from), Style::match);
        done = to;
    };
    for (size_t i = 0; i < text.size();) {
        while (k < literals.size() && literals[k].first < i)
            ++k;
        if (k < literals.size() && literals[k].first == i) {
            mark(i, literals[k].second);
            i = literals[k].second;
            continue;
        }
        if (!word_byte(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < text.size() && word_byte(static_cast<unsigned char>(text[end])))
            ++end;
        std::string word = ascii_lower(text.substr(i, end - i));
        if (std::find(match.begin(), match.end(), word) != match.end()) mark(i, end);
        i = end;
    }
    t.add(text.substr(done), style);
}

/// Lines of a paragraph (its soft breaks as newlines).
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    for (size_t start = 0; start <= text.size();) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        out.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

/// A GFM table's delimiter row: "|---|:--:|", "--- | ---".
bool delimiter_row(const std::string& line) {
    std::string t(trim(line));
    return t.find('-') != std::string::npos && t.find('|') != std::string::npos &&
           t.find_first_not_of("|:- \t") == std::string::npos;
}

/// The cells of a table row, trimmed ("| a | b |" -> a, b).
std::vector<std::string> cells_of(const std::string& line) {
    std::string t(trim(line));
    if (!t.empty() && t.front() == '|') t.erase(0, 1);
    if (!t.empty() && t.back() == '|') t.pop_back();
    std::vector<std::string> out;
    for (size_t start = 0; start <= t.size();) {
        size_t bar = t.find('|', start);
        if (bar == std::string::npos) bar = t.size();
        out.emplace_back(trim(std::string_view(t).substr(start, bar - start)));
        start = bar + 1;
    }
    return out;
}

/// A GFM table (header row, delimiter row, body rows; cmark without the
/// table extension leaves it a paragraph) as aligned columns, header bold.
/// Empty when `lines` is not a table.
std::string table(const std::vector<std::string>& lines, const std::string& prefix,
                  const std::vector<std::string>& match, bool color) {
    if (lines.size() < 2 || lines[0].find('|') == std::string::npos || !delimiter_row(lines[1]))
        return "";
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < lines.size(); ++i)
        if (i != 1) rows.push_back(cells_of(lines[i]));
    std::vector<size_t> width;
    for (const auto& row : rows)
        for (size_t c = 0; c < row.size(); ++c) {
            if (width.size() <= c) width.push_back(0);
            width[c] = std::max(width[c], columns(row[c]));
        }
    std::string out;
    for (size_t r = 0; r < rows.size(); ++r) {
        StyledText t;
        for (size_t c = 0; c < rows[r].size(); ++c) {
            add_matched(t, rows[r][c], r == 0 ? Style::bold : Style::none, match);
            if (c + 1 < rows[r].size()) t.add(std::string(width[c] - columns(rows[r][c]) + 2, ' '));
        }
        out += prefix + render(t, color) + "\n";
        if (r == 0) {
            std::string rule;
            for (size_t c = 0; c < width.size(); ++c) {
                for (size_t k = 0; k < std::max<size_t>(width[c], 1); ++k)
                    rule += "\xE2\x94\x80";
                if (c + 1 < width.size()) rule += "  ";
            }
            StyledText ru;
            ru.add(rule, Style::dim);
            out += prefix + render(ru, color) + "\n";
        }
    }
    return out;
}

/// Walks the cmark tree with explicit stacks, never recursion, so nesting depth
/// is bounded by memory (linear in the input), not by the call stack.
class Renderer {
  public:
    Renderer(const PrintOptions& o, std::string indent, const RenderOptions& ro)
        : opt_(o), ro_(ro), base_(std::move(indent)) {}

    std::string run(const std::string& text) {
        md::Document doc(text);
        blocks(doc.root());
        trim_blank_tail(out_);
        return out_;
    }

  private:
    /// One container whose children are being rendered inline.
    struct InlineFrame {
        Node next;             ///< next child to render
        Style style;           ///< style its text inherits
        Node link;             ///< the link this frame renders (null otherwise)
        size_t link_start = 0; ///< where the link text starts in the StyledText
    };

    /// After a link's text: its URL, unless the text already is the URL.
    void finish_link(const InlineFrame& f, StyledText& t) {
        if (f.link.null()) return;
        std::string url = sanitize(f.link.url());
        if (!url.empty() && t.text.compare(f.link_start, std::string::npos, url) != 0)
            t.add(" <" + url + ">", Style::dim);
    }

    void inlines(Node n, StyledText& t, Style base) {
        std::vector<InlineFrame> stack{{n.first_child(), base, Node(nullptr), 0}};
        while (!stack.empty()) {
            Node c = stack.back().next;
            if (c.null()) {
                finish_link(stack.back(), t);
                stack.pop_back();
                continue;
            }
            stack.back().next = c.next();
            Style inherited = stack.back().style;
            switch (c.type()) {
            case NodeType::text:
                add_matched(t, sanitize(c.literal()), inherited, ro_.match);
                break;
            case NodeType::code:
                add_matched(t, sanitize(c.literal()), Style::code, ro_.match);
                break;
            case NodeType::softbreak:
                t.add(soft_newlines_ ? "\n" : " ");
                break;
            case NodeType::linebreak:
                hard_breaks_.push_back(t.text.size());
                t.add("\n");
                break;
            case NodeType::emph:
                stack.push_back({c.first_child(), Style::italic, Node(nullptr), 0});
                break;
            case NodeType::strong:
                stack.push_back({c.first_child(), Style::bold, Node(nullptr), 0});
                break;
            case NodeType::link:
                stack.push_back({c.first_child(), Style::link, c, t.text.size()});
                break;
            case NodeType::image:
                break; // images are noise in a terminal
            case NodeType::html_inline:
                break;
            default:
                stack.push_back({c.first_child(), inherited, Node(nullptr), 0});
            }
        }
    }

    void para(Node n, const std::string& first, const std::string& rest, Style st = Style::none) {
        StyledText t;
        hard_breaks_.clear();
        soft_newlines_ = true; // lines as written: a table, or a plain-text note's lines
        inlines(n, t, st);
        soft_newlines_ = false;
        if (st == Style::none) {
            std::string tab = table(lines_of(t.text), rest, ro_.match, opt_.color);
            if (!tab.empty()) return void(out_ += tab);
        }
        if (!ro_.keep_line_breaks)
            for (char& c : t.text)
                if (c == '\n' && !hard_break_at(size_t(&c - t.text.data()))) c = ' ';
        if (t.text.empty()) return;
        out_ += wrap(t, opt_.width, first, rest, opt_.color);
    }

    void code_block(Node c, const std::string& rest) {
        std::string code = sanitize(c.literal());
        size_t start = 0;
        while (start < code.size()) {
            size_t nl = code.find('\n', start);
            if (nl == std::string::npos) nl = code.size();
            StyledText t;
            t.add(code.substr(start, nl - start), Style::code);
            out_ += rest + "    " + render(t, opt_.color) + "\n";
            start = nl + 1;
        }
    }

    void html_block(Node c, const std::string& lead, const std::string& rest) {
        std::string text = sanitize(c.literal());
        bool in_tag = false;
        std::string plain;
        for (char ch : text) {
            if (ch == '<')
                in_tag = true;
            else if (ch == '>')
                in_tag = false;
            else if (!in_tag)
                plain += ch;
        }
        size_t a = plain.find_first_not_of(" \n\t"), b = plain.find_last_not_of(" \n\t");
        if (a == std::string::npos) return;
        StyledText t;
        t.add(plain.substr(a, b - a + 1));
        out_ += wrap(t, opt_.width, lead, rest, opt_.color);
    }

    /// One container whose block children are being rendered.
    struct BlockFrame {
        Node next;         ///< next child to render
        std::string first; ///< prefix of its first line
        std::string rest;  ///< prefix of every later line
        size_t depth = 0;  ///< quotes and list items around it
        bool first_pending = true;
        bool list = false; ///< children are list items
        bool ordered = false;
        int number = 0; ///< next ordered-list number
    };

    /// The frame rendering `c`'s children with prefixes first/rest; an
    /// indenting container past max_indent_depth gets `flat` ones instead.
    static BlockFrame child(Node c, const BlockFrame& parent,
                            std::pair<std::string, std::string> grown,
                            std::pair<std::string, std::string> flat) {
        bool clamp = parent.depth >= max_indent_depth;
        auto& [first, rest] = clamp ? flat : grown;
        return {c.first_child(), std::move(first), std::move(rest), parent.depth + 1};
    }

    /// The next list item of a list frame: its own frame with the marker.
    BlockFrame item_frame(Node item, BlockFrame& list) {
        std::string marker = list.ordered ? std::to_string(list.number++) + ". " : "• ";
        return child(item, list,
                     {list.rest + marker, list.rest + std::string(columns(marker), ' ')},
                     {list.rest + marker, list.rest});
    }

    void blocks(Node root) {
        std::vector<BlockFrame> stack{{root.first_child(), base_, base_}};
        while (!stack.empty()) {
            BlockFrame& f = stack.back();
            Node c = f.next;
            if (c.null()) {
                stack.pop_back();
                continue;
            }
            f.next = c.next();
            if (f.list) {
                BlockFrame item = item_frame(c, f);
                stack.push_back(std::move(item));
                continue;
            }
            std::string lead = f.first_pending ? f.first : f.rest;
            f.first_pending = false;
            if (auto pushed = block(c, f, lead)) stack.push_back(std::move(*pushed));
        }
    }

    /// Renders a leaf block, or returns the frame for a container's children.
    std::optional<BlockFrame> block(Node c, const BlockFrame& f, const std::string& lead) {
        const std::string& rest = f.rest;
        switch (c.type()) {
        case NodeType::paragraph:
            para(c, lead, rest);
            break;
        case NodeType::heading:
            para(c, lead, rest, Style::heading);
            break;
        case NodeType::code_block:
            code_block(c, rest);
            break;
        case NodeType::html_block:
            html_block(c, lead, rest);
            break;
        case NodeType::thematic_break:
            out_ += rest + "────\n";
            break;
        case NodeType::block_quote:
            return child(c, f, {lead + "│ ", rest + "│ "}, {lead, rest});
        case NodeType::list: {
            BlockFrame l{c.first_child(), rest, rest, f.depth};
            l.list = true;
            l.ordered = c.list_ordered();
            l.number = l.ordered ? c.list_start() : 0;
            return l;
        }
        default:
            return BlockFrame{c.first_child(), lead, rest, f.depth};
        }
        return std::nullopt;
    }

    /// Was the newline at byte `at` of `t` a hard line break in the note?
    bool hard_break_at(size_t at) const {
        return std::binary_search(hard_breaks_.begin(), hard_breaks_.end(), at); // pushed in order
    }

    PrintOptions opt_;
    RenderOptions ro_;
    std::string base_;
    std::string out_;
    bool soft_newlines_ = false;      ///< soft breaks render as newlines (while in para())
    std::vector<size_t> hard_breaks_; ///< offsets of hard breaks in the paragraph being built
};

} // namespace

std::string render_markdown(const std::string& markdown, const PrintOptions& opt,
                            const std::string& indent, const RenderOptions& ro) {
    return Renderer(opt, indent, ro).run(markdown);
}

RenderOptions render_options_for(const Passage& p, std::vector<std::string> match) {
    RenderOptions ro;
    ro.keep_line_breaks = format_for(p.file, "").name == "text";
    ro.match = std::move(match);
    return ro;
}

std::vector<std::string> matched_words(const std::string& text, const std::vector<Span>& spans) {
    std::vector<std::string> out;
    auto add = [&out](std::string w) {
        if (!w.empty() && std::find(out.begin(), out.end(), w) == out.end())
            out.push_back(std::move(w));
    };
    for (const Span& sp : spans) {
        if (sp.end > text.size() || sp.start >= sp.end) continue;
        // A span's words, split at spaces; a piece that is no word ("2>&1",
        // "-it": a literal word of the query) is kept whole, as its letters
        // alone ("2", "it") were never what matched.
        std::string span = text.substr(sp.start, sp.end - sp.start);
        for (size_t i = 0; i < span.size();) {
            size_t end = span.find_first_of(" \t\n", i);
            if (end == std::string::npos) end = span.size();
            std::string piece = ascii_lower(span.substr(i, end - i));
            if (std::any_of(piece.begin(), piece.end(),
                            [](char c) { return word_byte(static_cast<unsigned char>(c)); }))
                add(piece);
            i = end + 1;
        }
    }
    return out;
}

} // namespace crib
