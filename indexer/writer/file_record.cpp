// file_record.cpp - see file_record.hpp.
#include "writer/file_record.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace crib {


/// The record hash that remembers that a file was skipped: the kind, then
/// after a ':' the reason, so that later runs report it again ("binary
/// file").  Records from before the reason was kept hold the kind alone.
std::string skip_hash(const std::string& why) {
    const std::string& kind = why.rfind("larger than", 0) == 0 ? kSkippedForSize
                              : why.rfind("cannot read", 0) == 0 || why.rfind("read error", 0) == 0
                                  ? kSkippedUnreadable
                                  : kSkipped;
    std::string reason = why;
    std::replace_if(
        reason.begin(), reason.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
    return kind + ":" + reason;
}

/// The skip kind of a record hash (kSkipped...), or "" for an indexed file.
std::string skip_kind(const std::string& hash) {
    std::string kind = hash.substr(0, hash.find(':'));
    return kind == kSkipped || kind == kSkippedForSize || kind == kSkippedUnreadable ? kind : "";
}

/// Why a file with this skip hash was skipped; "" for an indexed file, and
/// for a record written before reasons were kept (such a file is reported
/// again once it changes, as before).
std::string skip_reason(const std::string& hash) {
    size_t colon = hash.find(':');
    return skip_kind(hash).empty() || colon == std::string::npos ? "" : hash.substr(colon + 1);
}

/// The stat list's flag for a file with this record hash (stat_list.hpp).
char list_flag(const std::string& hash) {
    std::string kind = skip_kind(hash);
    if (kind == kSkipped && !skip_reason(hash).empty() && skip_reason(hash) != kNotText) return 'x';
    return kind == kSkippedUnreadable ? 'u' : kind == kSkippedForSize ? 's' : '-';
}

/// A file skipped as unreadable that can be read now.
bool readable_again(const FileRecord& r) {
    return skip_kind(r.hash) == kSkippedUnreadable && ::access(r.abs.c_str(), R_OK) == 0;
}

std::string file_key(const std::string& display) {
    return std::string(schema::kFileKeyPrefix) + hash_hex(display);
}

std::string encode_record(const FileRecord& r) {
    std::ostringstream o;
    o << r.size << '\t' << r.mtime_ns << '\t' << r.hash << '\t' << r.passages << '\t' << r.abs
      << '\t' << r.display;
    return o.str();
}

std::optional<FileRecord> decode_record(const std::string& v) {
    FileRecord r;
    std::vector<std::string> f;
    size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        size_t tab = v.find('\t', start);
        if (tab == std::string::npos) return std::nullopt;
        f.push_back(v.substr(start, tab - start));
        start = tab + 1;
    }
    r.size = std::strtoull(f[0].c_str(), nullptr, 10);
    r.mtime_ns = std::strtoll(f[1].c_str(), nullptr, 10);
    r.hash = f[2];
    r.passages = std::strtoull(f[3].c_str(), nullptr, 10);
    r.abs = f[4];
    r.display = v.substr(start);
    return r;
}

std::map<std::string, FileRecord> read_file_records(const Xapian::Database& db) {
    std::map<std::string, FileRecord> out;
    for (auto k = db.metadata_keys_begin(schema::kFileKeyPrefix);
         k != db.metadata_keys_end(schema::kFileKeyPrefix); ++k)
        if (auto r = decode_record(db.get_metadata(*k))) out[r->display] = *r;
    return out;
}

std::string too_large_reason(uint64_t max_size) {
    return "larger than " + size_text(max_size) + " (--max-size)";
}

} // namespace crib
