// spelling.hpp - the "did you mean" correction of a query.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>

namespace crib {

/// The query with each word the notes lack replaced by the spelling table's
/// suggestion, the rest of the text as typed; "" when no word was replaced.
/// `unknown(word)` (the word in lower case) says whether the notes lack a
/// word: Xapian's own correction asks whether the word as typed is a term,
/// which in a stems-only index no word is, so it "corrected" words the notes
/// have ("bloom filtr" -> "block filter").  Operators, field names, the
/// values of boolean fields (topic:, file:) and wildcards are left alone.
std::string correct_spelling(const Xapian::Database& db, std::string_view query,
                             const std::function<bool(const std::string&)>& unknown);

} // namespace crib
