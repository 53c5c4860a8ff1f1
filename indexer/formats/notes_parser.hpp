// notes_parser.hpp - split a notes file into passages.
//
// bytes -> decoded UTF-8 text -> the format's reader (formats.hpp) -> one
// Outline -> the question/answer detectors (detectors.hpp) -> passages.
// Any bytes in, passages out.
#pragma once

#include "formats/formats.hpp"
#include "formats/note_text.hpp"
#include "formats/passage.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// What the parser found, plus notes for the user.
struct ParseResult {
    std::vector<Passage> passages;
    std::vector<std::string> warnings; ///< e.g. "decoded as windows-1252"
    std::string format;                ///< the name of the format it was read as
    /// Why the format's reader could read nothing of the file ("not a valid
    /// notebook: ..."); "" when it read it.  Such a file is skipped.
    std::string unread;
};

/// Parse raw file bytes as `format`; `file` is copied into each passage.
ParseResult parse_notes(std::string_view bytes, const std::string& file, const NoteFormat& format);

/// Parse with the format chosen from the file name and content (format_for).
ParseResult parse_notes(std::string_view bytes, const std::string& file);

} // namespace crib
