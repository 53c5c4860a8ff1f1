// walk.hpp - the note files under the roots: listed, stat'ed (on both cores
// when there are many), with the folders walked for the stat list.  Hidden
// folders and Xapian databases (an index kept inside the notes) are not
// walked; unreadable folders and broken links become Skipped.
#pragma once

#include "writer/index_run.hpp"
#include "writer/stat_list.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace crib {

/// What stat() said of a path.
struct StatInfo {
    bool ok = false;
    bool regular = false;
    bool dir = false;
    /// What it is when neither a file nor a folder ("FIFO", "socket",
    /// "device"), else nullptr.
    const char* special = nullptr;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    int err = 0;
};

/// `abs`'s path below the folder `root` ("" for the root itself, '/'
/// separated); false when it is neither.  The prefix is cut (lexically_relative
/// per file was half of crib's freshness check).
bool path_below(const std::string& root, const std::string& abs, std::string& rel);

/// stat() of a path (never throws; `ok` false with `err` set on failure).
StatInfo stat_path(const std::string& path);

/// A note file found under a root.
struct Candidate {
    std::string display;
    std::string abs;
    std::string folder; ///< first folder below the root ("" at the root itself)
    StatInfo st;
};

/// The shown path of `rel` below a root given as `given` ("." gives "./rel").
std::string display_join(const std::string& given, const std::string& rel);

/// The note file `abs` as walk() lists it under `root`: its shown path and
/// top folder (`st` left alone).  False when `abs` is neither `root` itself
/// nor below it.
bool candidate_under(const Root& root, const std::string& abs, Candidate& c);

/// True if a root no longer exists at all (moved, renamed, unmounted), as
/// opposed to one that cannot be read.
bool root_gone(const Root& root);

/// True if a note file the walk did not list may still be there: a folder
/// on its way from its root cannot be read (chmod 000, listed but not
/// searchable, or searchable but not listed), so it cannot be told gone and
/// its passages are kept.
bool hidden_from_walk(const std::string& abs, const std::vector<Root>& roots);

/// Walks the roots (see the file comment).  Files no format claims are
/// listed in *other, and the folders walked (with their mtimes, taken before
/// they are listed) go to *dirs, when given.  Files and folders matching
/// `exclude` (exclude.hpp) are passed by, neither notes nor other files.
std::vector<Candidate> walk(const std::vector<Root>& roots, std::vector<Skipped>& skipped,
                            std::vector<std::string>* other = nullptr,
                            StatListBuilder* dirs = nullptr,
                            const std::vector<std::string>& exclude = {});

} // namespace crib
