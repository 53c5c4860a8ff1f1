// formats.hpp - the table of note formats crib reads.
//
// One row per format: its name, the file extensions it claims, an optional
// content sniffer (an Anki export is a ".txt" whose first line is
// "#separator:..."), and the reader that turns its text into an Outline.
// Everything that asks "is this a note, and how is it read?" (the folder walk,
// the parser, `crib-index --types`, the completions' list) reads this table.
#pragma once

#include "formats/outline.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// Reads decoded UTF-8 text into the shared outline model.
using OutlineReader = Outline (*)(std::string_view text);

/// One note format.
struct NoteFormat {
    std::string_view name;                    ///< "markdown", "org", ... (for --types and config)
    std::vector<std::string_view> extensions; ///< lower case, without the dot
    /// True if text with this (other format's) extension is really this format;
    /// null when the format is chosen by extension only.
    bool (*sniff)(std::string_view head) = nullptr;
    OutlineReader read = nullptr;
    std::string_view description; ///< one line for --types
};

/// All formats, in the order --types lists them.
const std::vector<NoteFormat>& note_formats();

/// The format named `name`, or nullptr.
const NoteFormat* format_named(std::string_view name);

/// Map one more extension (without the dot, any case) to a format, as the
/// config's `type-add = ext:format` does; false if the format is unknown.
/// Call before indexing starts (not thread-safe against readers).
bool add_extension(std::string_view ext, std::string_view format);

/// Apply the config's type-add pairs; returns an error message per unknown format.
std::vector<std::string>
apply_type_add(const std::vector<std::pair<std::string, std::string>>& pairs);

/// The --types listing: one line per format ("org  .org  Emacs org-mode").
std::string describe_formats();

/// How a file name alone classifies a file.
enum class NameClass {
    note,  ///< its extension belongs to a format
    maybe, ///< no extension: a note if its content is text (decided after reading);
           ///< well-known project files (LICENSE, Makefile, Dockerfile...) are `other`
    other, ///< an extension no format claims: not a note
};

/// Classify a file name (the last path component or a whole path).
NameClass classify_name(std::string_view name);

/// The format to read a file with: by extension, then refined by content
/// sniffing; plain text for files without a known extension.
const NoteFormat& format_for(std::string_view name, std::string_view text);

} // namespace crib
