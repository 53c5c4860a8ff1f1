// query_parser.hpp - the query side of the index format: a Xapian
// QueryParser set up from the schema's field table, and the rewriting of
// `word*` wildcards for an index that holds stems only (schema::kStemStrategy).
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// Set stemmer, strategy and every field prefix on a query parser; `db`
/// is used for wildcards, spelling, synonyms and `file:` path matching.
/// `topic` (optional) reads topic: / t: values (the query side passes one that
/// resolves aliases through the taxonomy); without it they are plain terms.
void configure_query_parser(Xapian::QueryParser& qp, const Xapian::Database& db,
                            Xapian::FieldProcessor* topic = nullptr);

/// `word*` written for the stemmed index: Xapian 1.4's QueryParser expands a
/// wildcard over unstemmed terms, which a STEM_ALL_Z index has none of, so
/// each unquoted `word*` (also `q:word*`, `a:word*`) becomes a field that
/// configure_query_parser() expands over "Z" + the field's prefix
/// ("kube*" -> every stem starting "kube", or the stem of "kube" itself:
/// "running*" also finds "running", whose stem is "run").  Other text is
/// left as it is.  If `patterns` is given, each rewritten wildcard's
/// wildcard_term() is added to it (search marks the words they matched).
std::string stem_wildcards(std::string_view query, std::vector<std::string>* patterns = nullptr);
/// The term prefix a stem_wildcards() wildcard expands: "Z", the field's
/// prefix (`field` is "", "q" or "a") and the root in lower case.
std::string wildcard_term(std::string_view field, std::string_view root);
/// Calls `fn` with each word of the spelling table (the notes' words as
/// written: the index holds only stems) that starts with `prefix`, until it
/// returns false.  A remote index offers none.
void each_written_word(const Xapian::Database& db, const std::string& prefix,
                       const std::function<bool(const std::string&)>& fn);

/// The query as the user wrote it, from one stem_wildcards() rewrote (for
/// the spelling correction shown: "kubernets* pods" -> "kubernetes* pods").
std::string unstem_wildcards(std::string_view query);

} // namespace crib
