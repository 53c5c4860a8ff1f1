// snippet.hpp - MSet::snippet with the schema's stemmer, turned into plain
// text plus highlighted byte spans.  No ANSI, no JSON here.
#pragma once

#include "search.hpp"

#include <xapian.h>

#include <string>
#include <vector>

namespace crib {

/// Plain text with the byte ranges of matched words.
struct Highlighted {
    std::string text;
    std::vector<Span> spans;
};

/// The best `length`-byte fragment of `text` for the query behind `mset`,
/// cropped at word boundaries with "…" where cut (if `crop`; otherwise the
/// whole text is returned, highlighted).
Highlighted highlight(const Xapian::MSet& mset, const std::string& text, size_t length,
                      const Xapian::Stem& stem, bool crop);

/// Turn text with \x01 ... \x02 markers into plain text and spans.
Highlighted parse_markers(const std::string& marked);

} // namespace crib
