// note_file.cpp - see note_file.hpp.
#include "writer/note_file.hpp"

#include "common/text.hpp"
#include "writer/index_run.hpp"

namespace crib {

ParsedNoteFile parse_note_file(const NoteFileRequest& req) {
    ParsedNoteFile f;
    if (req.size > req.max_size) {
        f.skip = too_large_reason(req.max_size);
        return f;
    }
    std::string bytes, why;
    if (!read_regular_file(req.abs, req.max_size, bytes, why)) {
        f.skip = why;
        return f;
    }
    if (std::string not_text = not_text_reason(req.abs, bytes); !not_text.empty()) {
        f.skip = not_text;
        f.not_text = true;
        return f;
    }
    f.hash = hash_hex(bytes);
    f.size = bytes.size();
    if (req.old_hash && *req.old_hash == f.hash) {
        f.unchanged = true;
        return f;
    }
    f.parsed = parse_notes(bytes, req.display);
    if (!f.parsed.unread.empty()) { // nothing of it read: listed as skipped, never an empty note
        f.skip = f.parsed.unread;
        return f;
    }
    if (req.taxonomy) assign_topics(f.parsed.passages, *req.taxonomy, req.folder);
    return f;
}

} // namespace crib
