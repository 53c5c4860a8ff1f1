// spelling.hpp - the "did you mean" correction of a query.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>

namespace crib {

/// A spelling correction of a query.
struct Correction {
    std::string text;              ///< the corrected query; "" when no word was replaced
    bool changed = false;          ///< some word was replaced
    bool changed_excluded = false; ///< an excluded word ("-dokcer", "NOT dokcer") was replaced
};

/// Edits a word may be off by and still be corrected, by its length in
/// letters, as Meilisearch bounds typos: none under 5 letters, one for 5-8,
/// two from 9 ("taint" is not "point", "ls" not "tls").
unsigned typo_budget(std::string_view word);

/// The query with each word the notes lack replaced by the spelling table's
/// suggestion, the rest of the text as typed.  `unknown(word)` (the word in
/// lower case) says whether the notes lack a word: Xapian's own correction
/// asks whether the word as typed is a term, which in a stems-only index no
/// word is, so it "corrected" words the notes have ("bloom filtr" -> "block
/// filter").  Operators, field names, the values of boolean fields (topic:,
/// file:) and wildcards are left alone; words are runs of Unicode word
/// characters, so quotes and apostrophes (also typographic) stay as typed.
/// A word is corrected within typo_budget() edits only, to the closest
/// candidate and, among equally close ones, the one the notes use most.
Correction correct_spelling(const Xapian::Database& db, std::string_view query,
                            const std::function<bool(const std::string&)>& unknown);

} // namespace crib
