// note_file.hpp - one note file's bytes to passages, exactly as indexing
// reads it: the one path that crib-index's runs and `crib-index --dump` share
// (they had drifted apart once: --dump ignored --max-size).
#pragma once

#include "formats/notes_parser.hpp"
#include "index/topics.hpp"

#include <cstdint>
#include <string>

namespace crib {

/// Which file to read, and how.
struct NoteFileRequest {
    std::string abs;                 ///< the path to open
    std::string display;             ///< the path as stored and shown
    std::string folder;              ///< first folder below its root (a topic hint)
    uint64_t size = 0;               ///< its size as the walk stat'ed it
    uint64_t max_size = 16ull << 20; ///< larger files are skipped (--max-size)
    const Taxonomy* taxonomy = nullptr;
    /// The content hash stored for the file, when it has one: bytes that hash
    /// to it are not parsed again (`unchanged` is set instead).
    const std::string* old_hash = nullptr;
};

/// What reading one note file gave.
struct ParsedNoteFile {
    /// Why it was not parsed: too large, unreadable, not a regular file, not
    /// text, or its format's reader could read none of it (a notebook that is
    /// not valid JSON) ("" when it was read).
    std::string skip;
    bool not_text = false;  ///< `skip` is a not-text reason (binary, or no extension and not text)
    bool unchanged = false; ///< its bytes hash to `old_hash`: not parsed
    std::string hash;       ///< hash_hex() of its bytes (when read)
    uint64_t size = 0;      ///< bytes read
    ParseResult parsed;     ///< passages with topics assigned, and the parser's warnings
};

/// Reads, checks and parses one note file (see ParsedNoteFile).  Never throws for
/// what a file holds; the parser's own errors propagate.
ParsedNoteFile parse_note_file(const NoteFileRequest& req);

} // namespace crib
