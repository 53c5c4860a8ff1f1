// notes_parser.hpp - split a notes file into passages.
//
// Handles the styles people keep notes in: numbered "N.question ?" lines,
// dash-separated entries whose first paragraph is the question, Markdown
// headings, <details><summary> blocks, bullet questions with nested answers,
// Q:/A: labels, bare "...?" lines, quizzes, and "Scenario" sub-questions.
// Code (fenced or indented) is never split.  Any bytes in, passages out.
#pragma once

#include "passage.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// What the parser found, plus notes for the user.
struct ParseResult {
    std::vector<Passage> passages;
    std::vector<std::string> warnings; ///< e.g. "decoded as windows-1252"
};

/// Options for parse_notes.
struct ParseOptions {
    /// Treat '#' lines as Markdown headings (true for .md/.markdown files).
    /// Plain-text notes use '#' as an answer bullet, so it is off for .txt.
    bool markdown = true;
};

/// True for files parsed as Markdown (by extension).
bool is_markdown_path(std::string_view path);

/// Parse raw file bytes; `file` is copied into each passage.
ParseResult parse_notes(std::string_view bytes, const std::string& file, const ParseOptions& opt);

/// Parse with options chosen from the file name.
ParseResult parse_notes(std::string_view bytes, const std::string& file);

/// Clean a raw question/heading line for display: numbering, list markers,
/// Q./Question: labels, Markdown and HTML markup, trailing ":-" removed.
std::string clean_question(std::string_view raw);

/// Text of an answer as it is indexed: images, HTML tags, link targets,
/// emoji shortcodes removed; Markdown punctuation is harmless to the tokenizer.
std::string indexable_text(std::string_view answer);

/// Answer text for display in a snippet: indexable_text() without Markdown
/// emphasis and code markers.
std::string snippet_text(std::string_view answer);

} // namespace crib
