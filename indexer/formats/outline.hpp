// outline.hpp - the one model every note format is read into.
//
// A reader (reader_*.cpp, chosen by formats.hpp) turns a file's text into an
// Outline: a sequence of lines, each with its kind (heading, code, separator,
// card, ...), its source line in the file, and its text rewritten as Markdown
// (an org "** TODO Why? :k8s:" heading becomes "## Why?", a reST literal block
// becomes a fenced code block).  The question/answer detectors (detectors.cpp)
// read only this model, never the format, and answers keep the Markdown text
// so that snippets and the --full renderer show every format the same way.
#pragma once

#include <string>
#include <vector>

namespace crib {

/// What a line of the outline is.
enum class LineKind {
    text,      ///< prose, list items, tables, labels: the detectors classify it further
    heading,   ///< a title of the format's own heading syntax; `level` is 1 (outermost)..n
    underline, ///< a heading's setext/reST underline or overline: part of the heading
    code,      ///< verbatim (fenced, indented, src/listing/literal blocks incl. their fences)
    separator, ///< a rule between entries; `level` 1 = ends a passage, 0 = thematic break only
    hash_line, ///< plain-text "# ..." line: a question, a title, or an answer bullet
    meta,      ///< format metadata (front matter, #+KEYWORDS, drawers, attributes): not text
    card,      ///< the front of a flash card (Anki/CSV row): always a question
    comment,   ///< a comment of code written as prose (a notebook cell of '#' comments), the
               ///< text without its marker: read for numbered questions and answer labels only
    term,      ///< a description-list term ("What is X?::"), `level` its depth 1..n: the
               ///< text below it (indented lines) is its answer
};

/// One line of the outline.
struct OutlineLine {
    int source_line = 0; ///< 1-based line of the file this text comes from
    LineKind kind = LineKind::text;
    int level = 0;                 ///< heading level, or separator strength (see LineKind)
    std::string text;              ///< the line as Markdown (a heading as "## Title")
    std::vector<std::string> tags; ///< tags the format attaches to this line (org heading, card)
};

/// A whole file as the detectors see it.
struct Outline {
    std::vector<OutlineLine> lines;
    std::vector<std::string> file_tags; ///< front matter / #+FILETAGS / notebook tags
    std::string title; ///< document title (#+TITLE, reST title, = Title); may be empty
    /// A short line alone between blank lines starts a section ("Requirements"
    /// in a pasted job description).  True for plain text, where titles have no syntax.
    bool bare_titles = false;
    std::vector<std::string> warnings; ///< what the reader could not read ("not a valid notebook")
    /// The reader could read nothing of the file (its last warning says
    /// why): the file is skipped and listed, not indexed as empty.
    bool unread = false;

    /// Append a line (readers build the outline with this).
    void add(int source_line, LineKind kind, std::string text, int level = 0) {
        lines.push_back({source_line, kind, level, std::move(text), {}});
    }
};

} // namespace crib
