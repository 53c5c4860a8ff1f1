// writers.hpp - the Xapian writing side of an index run: spelling counts
// batched per commit, and a full build written on two threads.
//
// Xapian writes one database from one thread, and on two cores that writer is
// the bottleneck of a full build.  A FullBuild therefore writes two fresh
// databases beside the index - the run's own thread fills one, a second
// thread the other - and merges them with the compaction that swaps the
// result in (compact.hpp).  The index itself is untouched until that
// exchange, so a kill leaves the old index whole.
#pragma once

#include "index/document.hpp"

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace crib {

/// Spelling counts of the passages added since the last flush, given to
/// Xapian as one add_spelling call per distinct word.
class SpellingBatch {
  public:
    /// Count the spelling words of one passage (spelling_words()).
    void add(const std::vector<std::string>& words);
    /// Write the counts; call before each commit.
    void flush(Xapian::WritableDatabase& db);

  private:
    std::unordered_map<std::string, Xapian::termcount> counts_;
};

/// Terms (summed over passages) each writer of a full build buffers between
/// commits.  Xapian's inverter slows as it grows, and a commit merges what
/// it holds: on real notes (250 terms a passage) 1,000 passages a commit
/// were fastest, on generated ones (35 terms) 12,500; a term budget suits
/// both (bench/RESULTS.md, 2026-12-01 session 5).
inline constexpr size_t kFullBuildTerms = 250000;

/// A database filled on its own thread from a queue of passages.
class QueueWriter {
  public:
    /// Create (overwrite) the database at `path`; commit every `batch`
    /// passages or kFullBuildTerms terms, whichever comes first.
    QueueWriter(const std::string& path, size_t batch);
    ~QueueWriter();
    /// Queue one file's passages (blocks while the queue is full).
    void add(std::vector<BuiltPassage> docs);
    /// No more passages: the thread writes what is queued and makes its last
    /// commit on its own, while the caller goes on (returns at once).
    void close_input();
    /// close_input(), then wait for the last commit; rethrows the thread's error.
    void finish();

  private:
    void run();
    void write(const std::vector<BuiltPassage>& docs);

    Xapian::WritableDatabase db_;
    size_t batch_, in_batch_ = 0, terms_ = 0;
    SpellingBatch spelling_;
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::vector<BuiltPassage>> queue_;
    bool done_ = false;      ///< no more input
    bool cancelled_ = false; ///< stop without the last commit (destructor)
    std::exception_ptr error_;
    std::thread thread_;
};

/// A full build into two fresh databases beside the index at `db`.
class FullBuild {
  public:
    /// Create both databases (the caller holds the index's write lock).
    FullBuild(const std::string& db, size_t batch);
    ~FullBuild();
    /// The database the run's own thread writes: passages, file records, metadata.
    Xapian::WritableDatabase& main() { return main_; }
    /// Write one file's passages to whichever half holds fewer so far.
    void add(std::vector<BuiltPassage> docs, SpellingBatch& spelling);
    /// No more passages for the second half: its last commit runs on its
    /// thread beside the caller's last commit of main().
    void close_input() { second_->close_input(); }
    /// True when main() holds kFullBuildTerms terms since its last commit;
    /// the caller commits and calls committed().
    bool commit_due() const { return main_terms_ >= kFullBuildTerms; }
    /// main() was committed.
    void committed() { main_terms_ = 0; }
    /// Wait for the second half's last commit and swap the merged, compacted
    /// pair in at the index path (the caller has committed main()).  Returns
    /// the passages.
    Xapian::doccount finish();

  private:
    std::string db_, main_path_, second_path_;
    Xapian::WritableDatabase main_;
    std::unique_ptr<QueueWriter> second_;
    size_t main_docs_ = 0, second_docs_ = 0, main_terms_ = 0;
};

/// Delete a file's passages and their spelling counts.
void delete_file(Xapian::WritableDatabase& db, const std::string& display);

/// The passages the index holds of a file, by their stored record (a multimap:
/// two passages of a file can have the same record, e.g. two questions on one
/// line of a notebook's JSON).
using HeldPassages = std::unordered_multimap<std::string, Xapian::docid>;

/// The passages the index holds of the file shown as `display`.
HeldPassages held_passages(const Xapian::Database& db, const std::string& display);

/// Write a changed file's passages over its old ones (`old`, from
/// held_passages()), keeping each passage whose stored record is
/// byte-identical: the record holds everything its terms are made from, so
/// an appended question writes one passage, not the whole file, and the
/// others need not even be built (BuiltPassage::held).  Only when the
/// synonyms are unchanged (they make terms too).
void replace_file(Xapian::WritableDatabase& db, const std::vector<BuiltPassage>& docs,
                  SpellingBatch& spelling, HeldPassages old);

} // namespace crib
