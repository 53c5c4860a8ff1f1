// text_filter.hpp - -w (whole words) and -F (literal phrase): checks on a
// passage's text made after the Xapian match, for queries the index cannot
// answer exactly ("2>&1", "ls -l", "pod" but not "pods").  No Xapian here.
#pragma once

#include "formats/passage.hpp"

#include <string>
#include <vector>

namespace crib {

/// What a passage's text (headings, question, answer) must contain.
struct TextFilter {
    std::string phrase;              ///< -F: this text literally ("" = not asked)
    bool whole_word = false;         ///< -w: matches bounded by non-word characters
    std::vector<std::string> words;  ///< -w without -F: at least one of these (lower case)
    std::vector<std::string> tokens; ///< every one of these as written ("-p"; lower case)
};

/// A filter for the query as typed: -F keeps the whole query as a phrase;
/// -w alone takes its words (operators, field names, negated and wildcard
/// words left out).
TextFilter make_text_filter(const std::string& query, bool literal, bool whole_word);

/// Does the passage pass?  Case-insensitive (ASCII); runs of white space in
/// the text and the phrase compare equal.
bool passes(const TextFilter& f, const Passage& p);

/// Where the literal word `token` (lower case: "2>&1", "-p") stands in
/// `text` as passes() requires it: [start, end) byte ranges, ASCII case
/// ignored.
std::vector<std::pair<size_t, size_t>> token_spans(const std::string& text,
                                                   const std::string& token);

/// The query Xapian runs for -F: the phrase's words, all required, no
/// syntax; its last word, which the phrase may cut ("ls -l" in "ls -la"),
/// only as a prefix of three letters or more ("ls -l" -> "ls", "rolling
/// updat" -> "rolling AND updat*"), whole with -w; "" when no word is left
/// (every passage is then checked).  The first word is matched from its
/// start: "ls -l" does not find "tools -l" (grep -F would).
std::string literal_query(const std::string& phrase, bool whole_word = false);

} // namespace crib
