// index_run.hpp - walk note files, re-index what changed, delete what
// vanished, in transactions that each leave a complete index.
//
// This is also the update entry point `crib` calls to refresh a stale index.
#pragma once

#include "common/error.hpp"

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// What to index and how.
struct IndexOptions {
    std::string db;                 ///< database directory
    std::vector<std::string> roots; ///< files/folders; empty = the remembered roots
    std::vector<std::string>
        default_roots;    ///< used when no roots are given or remembered (config `notes`)
    bool rebuild = false; ///< start from scratch (roots = exactly `roots`)
    /// --exclude patterns (writer/exclude.hpp), remembered with the roots:
    /// added to the remembered ones, or replacing them with --rebuild PATH...
    std::vector<std::string> exclude;
    /// Drop the passages (and the memory) of remembered roots that no longer
    /// exist; without it they are kept, in case the folder was moved or unmounted.
    bool prune = false;
    bool wait = false;               ///< wait for another writer instead of failing
    uint64_t max_size = 16ull << 20; ///< larger files are skipped
    std::string taxonomy;            ///< topics file given explicitly ("" = not given)
    std::string synonyms;            ///< synonyms file given explicitly ("" = not given)
    /// Used when not given and the index remembers none (the discovered
    /// defaults); the files a run used are remembered in the index, so an
    /// update (crib's refresh, crib-index without options) keeps them.
    std::string default_taxonomy, default_synonyms;
    unsigned threads = 0;          ///< parser threads (0 = one per core)
    size_t batch_passages = 50000; ///< passages per transaction
    /// Bytes of old passage records an update reads ahead for the parsers, at
    /// most; past them the writer reads a file's passages when it replaces them.
    size_t held_bytes = 32u << 20;
};

/// A file that was not indexed, and why.
struct Skipped {
    std::string path;
    std::string reason;
};

/// What a run did.
struct IndexStats {
    size_t files_seen = 0;      ///< candidate note files found under the roots
    size_t files_indexed = 0;   ///< parsed and (re)written
    size_t files_unchanged = 0; ///< skipped by size/mtime or hash
    size_t files_removed = 0;   ///< vanished or excluded; passages deleted
    size_t passages = 0;        ///< passages written this run
    size_t questions = 0;       ///< of which questions
    size_t total_passages = 0;  ///< passages in the index after the run
    std::vector<Skipped> skipped;
    std::vector<std::string> other_files; ///< files under the roots that are not notes (type)
    std::vector<std::string> warnings;    ///< "path: decoded as windows-1252"
    std::vector<std::string> not_indexed; ///< files left for next time (interrupted)
    double seconds = 0;
    bool interrupted = false;
    bool interrupted_waiting = false; ///< while --wait waited for the lock: nothing written
    bool wrote = false;               ///< anything committed
    size_t files_committed = 0;       ///< files changed by the commits made so far
    size_t passages_committed = 0;    ///< passages added by the commits made so far
    bool writing = false;             ///< the write transaction began
    /// The changed files came from the stored stat list, without a walk of the roots.
    bool planned_from_list = false;
    /// Remembered roots that no longer exist, whose passages were kept
    /// (moved or unmounted; crib-index --prune drops them).
    std::vector<std::string> vanished_roots;
};

/// Progress callbacks (from the writing thread).
class IndexObserver {
  public:
    virtual ~IndexObserver() = default;
    /// After each changed file: files done / to do, passages so far.
    virtual void progress(size_t /*done*/, size_t /*total*/, size_t /*passages*/) {}
};

/// Another process holds the write lock.
struct IndexLocked : Error {
    using Error::Error;
};
/// Bad usage (no roots known, unreadable taxonomy, ...).
struct IndexUsageError : Error {
    using Error::Error;
};

/// The system refused a resource the run needs (threads); nothing was written.
struct IndexResourceError : Error {
    using Error::Error;
};

/// The system refused a write (disk full, quota, I/O error); the message
/// says what earlier commits kept.
struct IndexWriteError : Error {
    using Error::Error;
};

/// Set by SIGINT/SIGTERM handlers; the run stops at its next commit point.
std::atomic<bool>& interrupt_requested();

/// While alive (run_index() holds one while it runs): Xapian 1.4 lets a
/// DatabaseError out of a noexcept function inside its own commit when the
/// disk fills at some points of it, and std::terminate would abort (exit
/// 134, the work folders of a first build left behind).  Such a refused
/// write ends the process as every other one does instead: "PROGRAM: " and
/// the message IndexWriteError carries, the work folders of `db` removed,
/// exit 2.  Any other std::terminate goes on to the handler before.
class FailedWriteGuard {
  public:
    /// `stats` (the run's) says whether writing began and what was committed.
    FailedWriteGuard(const std::string& db, const IndexStats& stats);
    ~FailedWriteGuard();
    FailedWriteGuard(const FailedWriteGuard&) = delete;
    FailedWriteGuard& operator=(const FailedWriteGuard&) = delete;
    /// From the terminate handler: when the exception being handled is a
    /// write refused while writing, say so and _exit(2); else return.
    void end_process() const;

  private:
    std::string db_;
    const IndexStats* stats_;
    const FailedWriteGuard* before_;
};

/// Run an indexing pass.  Throws IndexLocked, IndexVersionError, IndexUsageError,
/// IndexResourceError, IndexDamagedError, IndexWriteError, Xapian::Error.
IndexStats run_index(const IndexOptions& opt, IndexObserver* obs = nullptr);

/// One indexed file as recorded in the database metadata.
struct FileRecord {
    std::string display; ///< path as shown (root as given + path below it)
    std::string abs;     ///< absolute path, for stat
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    std::string hash;
    size_t passages = 0;
};

/// A root as given on the command line and made absolute.
struct Root {
    std::string given;
    std::string abs;
};

std::map<std::string, FileRecord> read_file_records(const Xapian::Database& db);
std::vector<Root> read_roots(const Xapian::Database& db);
/// The --exclude patterns the index remembers (writer/exclude.hpp).
std::vector<std::string> read_excludes(const Xapian::Database& db);

/// Cheap freshness check (stat + directory listing only): has any indexed
/// file changed or vanished, or has a new note file appeared under a root?
bool index_is_stale(const Xapian::Database& db, uint64_t max_size = 16ull << 20);

/// A note file found under a root.
struct NoteFile {
    std::string display; ///< root as given + path below it
    std::string abs;     ///< absolute path
    std::string folder;  ///< first folder below the root ("" at the root)
    uint64_t size = 0;   ///< its size when the walk stat'ed it
};

/// Why a file's bytes are not indexed as notes: "binary file", or "not text (no
/// extension)" for a file without an extension (counted as another file, not a
/// skip, by indexing); empty when they are text.
std::string not_text_reason(const std::string& path, std::string_view bytes);

/// The note files under `paths` (files are taken whatever their name;
/// folders are walked for note file names, hidden entries and what `exclude`
/// matches skipped).
std::vector<NoteFile> list_note_files(const std::vector<std::string>& paths,
                                      std::vector<Skipped>& skipped,
                                      const std::vector<std::string>& exclude = {});

/// Why a file over --max-size is skipped, as indexing and --dump say it:
/// "larger than 16 MiB (--max-size)".
std::string too_large_reason(uint64_t max_size);

/// True for file names crib-index picks up when walking a folder.
bool is_note_file_name(const std::string& name);

} // namespace crib
