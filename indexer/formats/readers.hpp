// readers.hpp - one reader per note format: decoded UTF-8 text -> Outline.
//
// Each reader lives in reader_<format>.cpp; formats.cpp lists them in its table.
// A reader never throws on bad input: any text yields an outline.
#pragma once

#include "formats/outline.hpp"

#include <string_view>
#include <vector>

namespace crib {

/// Markdown (CommonMark + GFM tables) through cmark, with YAML front matter,
/// Obsidian tags, [[links]] and callouts, and Logseq `key:: value` properties.
Outline read_markdown(std::string_view text);

/// Append Markdown text whose line i (0-based) is line source_lines[i] of the
/// file (a notebook cell); lines past the map take the last mapped line.
void append_markdown(Outline& out, std::string_view text, const std::vector<int>& source_lines);

/// Plain text: setext-underlined titles, '#' answer bullets, fenced code.
Outline read_text(std::string_view text);

/// Emacs org-mode: '*' headings with TODO keywords and :tags:, #+TITLE,
/// #+FILETAGS, #+begin_src/#+begin_example blocks, drawers.
Outline read_org(std::string_view text);

/// reStructuredText: underlined (and overlined) titles, '::' literal blocks,
/// directives (code-block as code, others as text), field lists as metadata.
Outline read_rst(std::string_view text);

/// AsciiDoc: '=' titles, ----/..../```` blocks, [source] lines, :attributes:.
Outline read_asciidoc(std::string_view text);

/// Jupyter notebook (.ipynb JSON): markdown cells as Markdown, code cells as
/// code; line numbers point into the .ipynb file.
Outline read_ipynb(std::string_view text);

/// Anki "notes in plain text" export: #separator/#html/#tags column headers,
/// one card per row (front = question, back = answer).  A front that starts
/// with kAnkiPathDiv (crib quiz --export anki puts the heading path there)
/// is read without that div.
Outline read_anki(std::string_view text);

/// How the heading path div of crib's Anki export starts.
inline constexpr std::string_view kAnkiPathDiv = "<div class='crib-path'";

/// CSV with a question,answer[,tags] header or two/three columns per row.
Outline read_csv(std::string_view text);

/// Tab-separated cards (front, back, tags).
Outline read_tsv(std::string_view text);

/// Lines that cmark sees as code (fenced or indented) in Markdown-like text.
std::vector<bool> markdown_code_lines(std::string_view text);

/// How underlined titles are recognised.
struct TitleRules {
    /// reST: any punctuation adornment at least as long as the title. Otherwise
    /// (plain text) only '=', '-' and '~', a short title-like line, a blank line before.
    bool rst = false;
};

/// Underlined (optionally overlined) titles: per line, the title's level (1 =
/// the first adornment style seen, as reST assigns levels), -1 for an
/// adornment line of a title, 0 otherwise.  Lines marked in `skip` (code) are never titles.
std::vector<int> underlined_titles(const std::vector<std::string_view>& lines,
                                   const std::vector<bool>& skip, TitleRules rules);

/// True if the text starts like an Anki export ("#separator:", "#html:", ...).
bool sniff_anki(std::string_view head);

} // namespace crib
