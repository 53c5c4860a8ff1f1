// file_record.hpp - what the index remembers of each note file, and the one
// encoding of that record.
//
// Each file indexed or skipped has a metadata entry "crib.file." + hash of its
// shown path (file_key()) holding, tab-separated: size, mtime (ns), content
// hash or skip record, passage count, absolute path, shown path (last, so it
// may hold tabs).  A skip record is the skip kind, ':' and the reason
// ("skipped-size:larger than 16 MiB (--max-size)"); records written before
// reasons were kept hold the kind alone.
#pragma once

#include "writer/index_run.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace crib {

/// Skip kinds (FileRecord::hash of a file with no passages indexed).
inline const std::string kSkipped = "skipped";
inline const std::string kSkippedForSize = "skipped-size";
/// Skipped because it could not be read (permissions): retried as soon as it
/// is readable, though chmod leaves size and mtime alone.
inline const std::string kSkippedUnreadable = "skipped-unreadable";
/// Skip reason of a file without an extension whose content is not text.
inline const std::string kNotText = "not text (no extension)";

/// The record hash that remembers why a file was skipped (see above).
std::string skip_hash(const std::string& why);
/// The skip kind of a record hash (kSkipped...), or "" for an indexed file.
std::string skip_kind(const std::string& hash);
/// Why a file with this skip hash was skipped; "" for an indexed file and
/// for a record without a reason.
std::string skip_reason(const std::string& hash);
/// The stat list's flag for a file with this record hash (stat_list.hpp).
char list_flag(const std::string& hash);
/// A file skipped as unreadable that can be read now.
bool readable_again(const FileRecord& r);
/// The metadata key of a file's record.
std::string file_key(const std::string& display);
/// The record as stored.
std::string encode_record(const FileRecord& r);
/// A stored record; nullopt when it does not decode.
std::optional<FileRecord> decode_record(const std::string& v);

} // namespace crib
