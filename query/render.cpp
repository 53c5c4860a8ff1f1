// --full: a note's Markdown rendered for the terminal through the one cmark
// wrapper: headings and bold stand out, lists keep their markers, code
// blocks are indented and verbatim, links show their URL.
#include "markdown.hpp"
#include "printer.hpp"
#include "styled.hpp"

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

/// Walks the cmark tree with explicit stacks, never recursion, so nesting depth
/// is bounded by memory (linear in the input), not by the call stack.
class Renderer {
  public:
    Renderer(const PrintOptions& o, std::string indent) : opt_(o), base_(std::move(indent)) {}

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
                t.add(sanitize(c.literal()), inherited);
                break;
            case NodeType::code:
                t.add(sanitize(c.literal()), Style::code);
                break;
            case NodeType::softbreak:
                t.add(" ");
                break;
            case NodeType::linebreak:
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
        inlines(n, t, st);
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

    PrintOptions opt_;
    std::string base_;
    std::string out_;
};

} // namespace

std::string render_markdown(const std::string& markdown, const PrintOptions& opt, const std::string& indent) {
    return Renderer(opt, indent).run(markdown);
}

} // namespace crib
