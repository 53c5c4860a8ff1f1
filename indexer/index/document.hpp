// document.hpp - Passage <-> Xapian::Document.
//
// Question words go into the XQ field and the unprefixed space with weight
// kQuestionWdf; answer words into XA and the unprefixed space; a position gap
// separates the two so no phrase runs from question into answer.  Every word
// is indexed as its stem only ("Z" + stem, schema::kStemStrategy).
#pragma once

#include "common/error.hpp"

#include "formats/passage.hpp"
#include "index/synonyms.hpp"

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace crib {

/// The words of a passage for the spelling table: each distinct word of its
/// question, answer, entry title, heading path and compound parts, lower
/// case and unstemmed (the index itself holds only stems), without numbers
/// or words over 40 bytes.  The same passage always gives the same words, so
/// a deleted passage takes back exactly what it added.
std::vector<std::string> spelling_words(const Passage& p);

/// A passage ready to write: its document and its spelling words.
struct BuiltPassage {
    Xapian::Document doc;
    std::vector<std::string> spelling;
    /// Not built: the index holds this passage as it is (`doc` carries only
    /// its record, for replace_file to find it by).
    bool held = false;
};

/// Build the document and spelling words of a passage.  `tg` must be
/// configured by schema::configure_term_generator; it is reset here.
BuiltPassage build_passage(const Passage& p, Xapian::TermGenerator& tg, const Synonyms* syn);

/// Serialise / parse the document data (length-prefixed fields, version tag).
std::string encode_passage(const Passage& p);
/// Returns false if `data` is not a crib passage record.
bool decode_passage(std::string_view data, Passage& p);

/// A document whose data is not a passage record: the index is damaged
/// (docdata.glass lost or overwritten) or not crib's.
struct DamagedRecord : Error {
    using Error::Error;
};

/// The passage stored in a document; throws DamagedRecord if its data does
/// not decode (an empty passage would print as a hit with an empty id).
Passage passage_of(const Xapian::Document& doc);

} // namespace crib
