#include "formats/markdown.hpp"

#include "common/text.hpp"

#include <cmark.h>

#include <cstdlib>

namespace crib::md {

NodeType Node::type() const {
    switch (cmark_node_get_type(n_)) {
    case CMARK_NODE_DOCUMENT:
        return NodeType::document;
    case CMARK_NODE_BLOCK_QUOTE:
        return NodeType::block_quote;
    case CMARK_NODE_LIST:
        return NodeType::list;
    case CMARK_NODE_ITEM:
        return NodeType::item;
    case CMARK_NODE_CODE_BLOCK:
        return NodeType::code_block;
    case CMARK_NODE_HTML_BLOCK:
        return NodeType::html_block;
    case CMARK_NODE_PARAGRAPH:
        return NodeType::paragraph;
    case CMARK_NODE_HEADING:
        return NodeType::heading;
    case CMARK_NODE_THEMATIC_BREAK:
        return NodeType::thematic_break;
    case CMARK_NODE_TEXT:
        return NodeType::text;
    case CMARK_NODE_SOFTBREAK:
        return NodeType::softbreak;
    case CMARK_NODE_LINEBREAK:
        return NodeType::linebreak;
    case CMARK_NODE_CODE:
        return NodeType::code;
    case CMARK_NODE_HTML_INLINE:
        return NodeType::html_inline;
    case CMARK_NODE_EMPH:
        return NodeType::emph;
    case CMARK_NODE_STRONG:
        return NodeType::strong;
    case CMARK_NODE_LINK:
        return NodeType::link;
    case CMARK_NODE_IMAGE:
        return NodeType::image;
    default:
        return NodeType::other;
    }
}

int Node::start_line() const {
    return cmark_node_get_start_line(n_);
}
int Node::end_line() const {
    return cmark_node_get_end_line(n_);
}
int Node::heading_level() const {
    return type() == NodeType::heading ? cmark_node_get_heading_level(n_) : 0;
}
bool Node::list_ordered() const {
    return cmark_node_get_list_type(n_) == CMARK_ORDERED_LIST;
}
int Node::list_start() const {
    return cmark_node_get_list_start(n_);
}

static std::string or_empty(const char* s) {
    return s ? std::string(s) : std::string();
}

std::string Node::literal() const {
    return or_empty(cmark_node_get_literal(n_));
}
std::string Node::url() const {
    return or_empty(cmark_node_get_url(n_));
}
std::string Node::fence_info() const {
    return or_empty(cmark_node_get_fence_info(n_));
}
Node Node::parent() const {
    return Node(cmark_node_parent(n_));
}
Node Node::first_child() const {
    return Node(cmark_node_first_child(n_));
}
Node Node::next() const {
    return Node(cmark_node_next(n_));
}

// Iterative (cmark's iterator), not recursive: a heading of 100,000 nested
// emphasis runs must not overflow the stack.
std::string Node::plain_text() const {
    std::string out;
    cmark_iter* it = cmark_iter_new(n_);
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> guard(it, cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* c = cmark_iter_get_node(it);
        if (c == n_) continue;
        switch (Node(c).type()) {
        case NodeType::text:
        case NodeType::code:
            out += Node(c).literal();
            break;
        case NodeType::softbreak:
        case NodeType::linebreak:
            out += ' ';
            break;
        case NodeType::html_inline:
        case NodeType::image:
            cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
            break; // skip alt text
        default:
            break;
        }
    }
    return out;
}

Document::Document(std::string_view text)
    : root_(cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT)) {}

Document::~Document() {
    cmark_node_free(root_);
}

std::string Document::html() const {
    std::unique_ptr<char, void (*)(void*)> s(cmark_render_html(root_, CMARK_OPT_DEFAULT),
                                             std::free);
    return s ? std::string(s.get()) : std::string();
}

void Document::raw_html_as_text(const std::function<std::string(std::string_view)>& to_text) {
    std::vector<cmark_node*> raw;
    {
        std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(root_),
                                                              cmark_iter_free);
        for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
            cmark_node* n = cmark_iter_get_node(it.get());
            cmark_node_type t = cmark_node_get_type(n);
            if (ev == CMARK_EVENT_ENTER &&
                (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE))
                raw.push_back(n);
        }
    }
    for (cmark_node* n : raw) { // replaced after the walk: the iterator is done with them
        const char* lit = cmark_node_get_literal(n);
        std::string text = to_text(lit ? lit : "");
        bool block = cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK;
        if (block && trim(text).empty()) {
            cmark_node_free(n); // unlinks it
            continue;
        }
        cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(t, std::string(block ? trim(text) : text).c_str());
        cmark_node* put = t;
        if (block) {
            put = cmark_node_new(CMARK_NODE_PARAGRAPH);
            cmark_node_append_child(put, t);
        }
        cmark_node_replace(n, put);
        cmark_node_free(n);
    }
}

void Document::walk(const std::function<void(Node, bool)>& fn) const {
    cmark_iter* it = cmark_iter_new(root_);
    // RAII for the iterator: freed even if fn throws.
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> guard(it, cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        fn(Node(cmark_iter_get_node(it)), ev == CMARK_EVENT_ENTER);
}

static bool inside_item(Node n) {
    for (Node p = n.parent(); !p.null(); p = p.parent())
        if (p.type() == NodeType::item) return true;
    return false;
}

std::vector<Block> outline(std::string_view text) {
    Document doc(text);
    std::vector<Block> blocks;
    doc.walk([&](Node n, bool entering) {
        if (!entering) return;
        NodeType t = n.type();
        if (t == NodeType::heading) {
            blocks.push_back({t, n.start_line(), n.end_line(), n.heading_level(), inside_item(n),
                              n.plain_text()});
        } else if (t == NodeType::code_block) {
            blocks.push_back({t, n.start_line(), n.end_line(), 0, inside_item(n), {}});
        }
    });
    return blocks;
}

} // namespace crib::md
