// markdown.hpp - the one RAII wrapper around cmark.
//
// The notes parser asks it for block structure with source lines (headings,
// code blocks); the --full terminal renderer walks the node tree.  Nothing
// else in crib includes cmark.h.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct cmark_node;

namespace crib::md {

/// Block and inline node types crib cares about (others map to `other`).
enum class NodeType {
    document,
    block_quote,
    list,
    item,
    code_block,
    html_block,
    paragraph,
    heading,
    thematic_break,
    text,
    softbreak,
    linebreak,
    code,
    html_inline,
    emph,
    strong,
    link,
    image,
    other
};

/// A borrowed view of one cmark node; valid while its Document lives.
class Node {
  public:
    explicit Node(cmark_node* n) : n_(n) {}
    NodeType type() const;
    int start_line() const;         ///< 1-based source line
    int end_line() const;           ///< 1-based source line
    int heading_level() const;      ///< 1-6 for headings, 0 otherwise
    bool list_ordered() const;      ///< for lists: numbered?
    int list_start() const;         ///< for ordered lists: first number
    std::string literal() const;    ///< text of text/code/code_block/html nodes
    std::string url() const;        ///< link/image destination
    std::string fence_info() const; ///< info string of fenced code
    Node parent() const;
    Node first_child() const;
    Node next() const;
    bool null() const { return n_ == nullptr; }
    /// Plain text of all inline descendants (text, code, soft breaks as spaces; HTML dropped).
    std::string plain_text() const;

  private:
    cmark_node* n_;
};

/// An owned parsed document.
class Document {
  public:
    /// Parse Markdown text (any UTF-8; cmark never fails on input).
    explicit Document(std::string_view text);
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;
    Node root() const { return Node(root_); }

    /// Visit every node depth-first; `entering` is false on the way out of a container.
    void walk(const std::function<void(Node, bool entering)>& fn) const;

    /// The document as HTML through cmark's renderer (raw HTML in the text
    /// is left out: cmark's safe default).
    std::string html() const;

    /// Replace each raw HTML block and inline with a text node of
    /// `to_text(its HTML)` (a block as a paragraph; dropped when empty), so
    /// html() keeps what it says, escaped, instead of leaving it out.
    void raw_html_as_text(const std::function<std::string(std::string_view)>& to_text);

  private:
    cmark_node* root_;
};

/// One block of interest with its source lines.
struct Block {
    NodeType type;
    int start_line;
    int end_line;
    int level = 0;        ///< heading level
    bool in_list = false; ///< heading sits inside a list item ("1. ### Q")
    std::string text;     ///< heading plain text
};

/// Headings and code blocks of a document, in source order.
std::vector<Block> outline(std::string_view text);

} // namespace crib::md
