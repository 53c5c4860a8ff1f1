// document.hpp - Passage <-> Xapian::Document.
//
// Question words go into the XQ field and the unprefixed space with weight
// kQuestionWdf; answer words into XA and the unprefixed space; a position gap
// separates the two so no phrase runs from question into answer.
#pragma once

#include "passage.hpp"
#include "synonyms.hpp"

#include <xapian.h>

namespace crib {

/// Build the document for a passage.  `tg` must be configured by
/// schema::configure_term_generator; it is reset here.
Xapian::Document make_document(const Passage& p, Xapian::TermGenerator& tg, const Synonyms* syn);

/// Serialise / parse the document data (length-prefixed fields, version tag).
std::string encode_passage(const Passage& p);
/// Returns false if `data` is not a crib passage record.
bool decode_passage(std::string_view data, Passage& p);

/// The passage stored in a document (empty Passage if the data is foreign).
Passage passage_of(const Xapian::Document& doc);

} // namespace crib
