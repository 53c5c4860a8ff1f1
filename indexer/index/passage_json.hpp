// passage_json.hpp - one writer for a passage's JSON fields, shared by
// crib-index --dump, crib's hits and crib --show --format json.
#pragma once

#include "common/json.hpp"
#include "formats/passage.hpp"

#include <string>

namespace crib {

/// The fields every JSON form of a passage has, in this order: "file",
/// "line", "end_line", "kind", "question", "headings", "topics".  Call
/// between begin_object() and end_object().
void write_passage_fields(JsonWriter& w, const Passage& p);

/// One --dump line: the shared fields, "answer" (Markdown) and
/// "parent_line" (null or a line number).
std::string dump_json(const Passage& p);

} // namespace crib
