// snippet.hpp - MSet::snippet with the schema's stemmer, turned into plain
// text plus highlighted byte spans.  No ANSI, no JSON here.
#pragma once

#include "search/search.hpp"

#include <xapian.h>

#include <string>
#include <vector>

namespace crib {

/// The stemmer snippets use: the schema's, after taking diacritics off
/// (fold_diacritics()), so that "naive" marks "naïve"; the terms a snippet
/// marks must be folded too (search.cpp's marking match).
Xapian::Stem snippet_stemmer();

/// Plain text with the byte ranges of matched words.
struct Highlighted {
    std::string text;
    std::vector<Span> spans;
};

/// The best `length`-byte fragment of `text` for the query behind `mset`,
/// cropped at word boundaries with "…" where cut (if `crop`; otherwise the
/// whole text is returned, highlighted).  Only the query's words weigh
/// (no SNIPPET_BACKGROUND_MODEL: it looks every other word's frequency up
/// in the index, a block read each, which was 70% of a query's reads).
Highlighted highlight(const Xapian::MSet& mset, const std::string& text, size_t length,
                      const Xapian::Stem& stem, bool crop);

/// An answer's snippet: a prose fragment, or lines of code.
struct AnswerSnippet {
    Highlighted text; ///< prose: one line, cropped; code: up to kCodeLines lines, newlines kept
    bool code = false;
};

/// Code lines shown when code is the best match.
constexpr size_t kCodeLines = 3;

/// The snippet of a Markdown answer.  Prose (outside fenced code and table
/// rows) is preferred; when only code or a table matches the query, the
/// first matching line and the ones after it (up to kCodeLines, within the
/// block) are shown as code, each on its own line.
AnswerSnippet answer_snippet(const Xapian::MSet& mset, const std::string& answer, size_t length,
                             const Xapian::Stem& stem);

/// True if `snippet` shows one of `literals` (query words Xapian cannot
/// mark: "==", "2>&1", "-p"), or there are none.
bool shows_literal(const std::string& snippet, const std::vector<std::string>& literals);

/// The snippet of an answer around the first place one of `literals` stands:
/// the prose around it, else its code line and the ones after it.  Empty
/// text when it stands nowhere in the answer (only in the question).
AnswerSnippet literal_snippet(const Xapian::MSet& mset, const std::string& answer,
                              const std::vector<std::string>& literals, size_t length,
                              const Xapian::Stem& stem);

/// Turn text with \x01 ... \x02 markers into plain text and spans.
Highlighted parse_markers(const std::string& marked);

} // namespace crib
