// --full: a note's Markdown rendered for the terminal through the one cmark
// wrapper: headings and bold stand out, lists keep their markers, code
// blocks are indented and verbatim, links show their URL.
#include "markdown.hpp"
#include "printer.hpp"
#include "styled.hpp"

namespace crib {

namespace {

using md::Node;
using md::NodeType;

class Renderer {
public:
    Renderer(const PrintOptions& o, std::string indent) : opt_(o), base_(std::move(indent)) {}

    std::string run(const std::string& text) {
        md::Document doc(text);
        blocks(doc.root(), base_, base_);
        while (out_.size() >= 2 && out_.substr(out_.size() - 2) == "\n\n") out_.pop_back();
        return out_;
    }

private:
    void inlines(Node n, StyledText& t, Style inherited) {
        for (Node c = n.first_child(); !c.null(); c = c.next()) {
            switch (c.type()) {
            case NodeType::text: t.add(sanitize(c.literal()), inherited); break;
            case NodeType::code: t.add(sanitize(c.literal()), Style::code); break;
            case NodeType::softbreak: t.add(" "); break;
            case NodeType::linebreak: t.add("\n"); break;
            case NodeType::emph: inlines(c, t, Style::italic); break;
            case NodeType::strong: inlines(c, t, Style::bold); break;
            case NodeType::link: {
                size_t before = t.text.size();
                inlines(c, t, Style::link);
                std::string url = sanitize(c.url());
                if (!url.empty() && url != t.text.substr(before)) t.add(" <" + url + ">", Style::dim);
                break;
            }
            case NodeType::image: break; // images are noise in a terminal
            case NodeType::html_inline: break;
            default: inlines(c, t, inherited);
            }
        }
    }

    void para(Node n, const std::string& first, const std::string& rest, Style st = Style::none) {
        StyledText t;
        inlines(n, t, st);
        if (t.text.empty()) return;
        out_ += wrap(t, opt_.width, first, rest, opt_.color);
    }

    void blocks(Node parent, const std::string& first, const std::string& rest) {
        bool is_first = true;
        for (Node c = parent.first_child(); !c.null(); c = c.next()) {
            const std::string& lead = is_first ? first : rest;
            is_first = false;
            switch (c.type()) {
            case NodeType::paragraph: para(c, lead, rest); break;
            case NodeType::heading: para(c, lead, rest, Style::heading); break;
            case NodeType::code_block: {
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
                break;
            }
            case NodeType::html_block: {
                std::string text = sanitize(c.literal());
                StyledText t;
                bool in_tag = false;
                std::string plain;
                for (char ch : text) {
                    if (ch == '<') in_tag = true;
                    else if (ch == '>') in_tag = false;
                    else if (!in_tag) plain += ch;
                }
                size_t a = plain.find_first_not_of(" \n\t"), b = plain.find_last_not_of(" \n\t");
                if (a != std::string::npos) {
                    t.add(plain.substr(a, b - a + 1));
                    out_ += wrap(t, opt_.width, lead, rest, opt_.color);
                }
                break;
            }
            case NodeType::thematic_break: out_ += rest + "────\n"; break;
            case NodeType::block_quote: blocks(c, lead + "│ ", rest + "│ "); break;
            case NodeType::list: {
                int number = c.list_ordered() ? c.list_start() : 0;
                for (Node item = c.first_child(); !item.null(); item = item.next()) {
                    std::string marker = c.list_ordered() ? std::to_string(number++) + ". " : "• ";
                    blocks(item, rest + marker, rest + std::string(columns(marker), ' '));
                }
                break;
            }
            default: blocks(c, lead, rest);
            }
        }
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
