// stat_list.hpp - what the last complete index run saw on disk, kept in one
// compact metadata value so that crib's freshness check is one stat per
// folder and one fstatat per note file, with no folder listings and no
// decoding of the per-file records.
//
// A folder whose mtime is unchanged has the same entries as when it was
// walked (creating, removing or renaming an entry updates it), so it need
// not be listed again; its note files are still stat'ed, because an edit in
// place changes the file and not its folder.  A folder modified within a
// second of the walk may have changed again in the same timestamp tick: it is
// recorded as "racy" and listed by the check.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// Collects the folders and note files of one walk and encodes them.
class StatListBuilder {
  public:
    StatListBuilder() = default;
    /// Moves keep no iterator into the other builder's folders.
    StatListBuilder(StatListBuilder&& other) noexcept : dirs_(std::move(other.dirs_)) {}
    StatListBuilder& operator=(StatListBuilder&& other) noexcept {
        dirs_ = std::move(other.dirs_);
        last_ = dirs_.end();
        return *this;
    }
    /// A folder that was walked; `mtime_ns` taken before it was listed.
    void add_dir(const std::string& abs, int64_t mtime_ns);
    /// Stop checking the entries of a walked folder (the index folder, which
    /// every commit changes); no effect on a folder that was not added.
    void uncheck_dir(const std::string& abs);
    /// A note file with the size and mtime its record holds, and its flag:
    /// '-' indexed, 'u' skipped as unreadable (checked for readability
    /// again), 's' skipped for its size (retried under a larger --max-size),
    /// 'x' skipped for its content (binary, not UTF-8 text).
    void add_file(const std::string& abs, uint64_t size, int64_t mtime_ns, char flag);
    /// add_file() of the file `name` in the folder `dir` (an absolute path).
    void add_file_in(const std::string& dir, std::string_view name, uint64_t size, int64_t mtime_ns,
                     char flag);
    /// The encoded list; folders modified at or after `racy_after_ns` are
    /// marked racy.  "" when a path cannot be encoded (a newline or tab in it).
    std::string encode(int64_t racy_after_ns) const;

  private:
    struct File {
        std::string name;
        uint64_t size;
        int64_t mtime_ns;
        char flag;
    };
    struct Dir {
        int64_t mtime_ns = 0;
        char kind = 'P'; ///< 'D' walked, 'U' unchecked, 'P' only the parent of a root file
        std::vector<File> files;
    };
    std::map<std::string, Dir> dirs_;
    std::map<std::string, Dir>::iterator last_ = dirs_.end(); ///< folder of the last file added
};

/// Result of comparing a stored list with the disk.
enum class Freshness {
    fresh,   ///< every folder and file as recorded
    stale,   ///< something changed, appeared or vanished
    unknown, ///< no usable list (older index, interrupted run): check the slow way
};

/// Compare an encoded list with the disk (stat calls, and listings of racy folders only).
Freshness check_stat_list(const std::string& encoded);

/// What an encoded list says about its note files.
struct StatListFiles {
    size_t files = 0;            ///< note files recorded
    bool size_skip_fits = false; ///< a file skipped for its size is not larger than max_size
    size_t skipped = 0;          ///< files skipped (flags u, s, x)
};

/// Count the note files of an encoded list, against a --max-size limit.
StatListFiles stat_list_files(const std::string& encoded, uint64_t max_size);

/// A note file whose size or mtime is not what the list holds, or that the
/// list does not hold at all (new in a folder that changed).
struct ChangedFile {
    std::string abs;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
};

/// The disk against an encoded list, file by file (diff_stat_list).
struct StatListDiff {
    std::vector<ChangedFile> changed; ///< new or changed note files
    std::vector<std::string> gone;    ///< recorded note files no longer there (absolute paths)
    /// Every folder as now, and the files that did not change: the list to
    /// store; only made when something changed (empty for a no-op).
    StatListBuilder unchanged;
    size_t files = 0;           ///< note files now present, changed or not
    bool folders_moved = false; ///< a folder's mtime is not the recorded one
};

/// Compare an encoded list with the disk file by file, listing only the
/// folders whose entries may have changed (mtime moved, or racy): what a
/// one-file update needs instead of a walk.  nullopt when only a walk can
/// tell: no usable list, a folder that cannot be opened, a new subfolder, a
/// path that is no longer a regular file, a file recorded as skipped (every
/// walk says its skip again).  Large lists are compared in two
/// halves on two threads, as check_stat_list does; a no-op costs what the
/// check costs.
std::optional<StatListDiff> diff_stat_list(const std::string& encoded);

/// The current wall-clock time in nanoseconds, as file mtimes count it.
int64_t now_ns();

} // namespace crib
