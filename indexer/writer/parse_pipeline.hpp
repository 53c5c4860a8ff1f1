// parse_pipeline.hpp - bytes to passages on worker threads: each changed
// file read, parsed (writer/note_file.hpp) and turned into Xapian documents
// (index/document.hpp) by a pool of threads, handed back to the one writer
// thread in file order (write_index in index_run.cpp).
#pragma once

#include "index/document.hpp"
#include "writer/file_record.hpp"
#include "writer/index_run.hpp"
#include "writer/walk.hpp"
#include "writer/writers.hpp"

#include <xapian.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace crib {

class Taxonomy;
class Synonyms;

/// Work for one changed file, done on a worker thread.
struct FileJob {
    Candidate cand;
    const FileRecord* old = nullptr; ///< what the index holds of it (null: new, or re-parse)
    /// An update's passages in the index: those parsed again unchanged are
    /// not built again (BuiltPassage::held).
    HeldPassages held;
};

/// One file as the writer thread receives it.
struct FileResult {
    FileRecord record;
    std::vector<BuiltPassage> docs;
    size_t questions = 0;
    bool same_content = false; ///< hash equal to the recorded one: only metadata changes
    std::string skip;          ///< non-empty: not indexed, and why
    std::vector<std::string> warnings;
};

/// What every job reads (owned by the run).
struct Shared {
    const IndexOptions* opt;
    const Taxonomy* tax;
    const Synonyms* syn; ///< null: no synonym groups
};

/// One job on the calling thread: read, parse, build its documents.
FileResult process(const FileJob& job, const Shared& sh, Xapian::TermGenerator& tg);

/// Runs `process` on worker threads and hands results back in order.
class Pipeline {
  public:
    /// Starts `threads` workers over `jobs` (kept by reference); throws
    /// IndexResourceError when the system refuses a thread.
    Pipeline(const std::vector<FileJob>& jobs, const Shared& sh, unsigned threads);
    ~Pipeline();
    /// Blocks until result i is ready, and moves it out.
    FileResult take(size_t i);

  private:
    void stop_and_join();
    void work();

    const std::vector<FileJob>& jobs_;
    Shared sh_;
    std::vector<FileResult> results_;
    std::vector<char> ready_;
    std::vector<std::thread> workers_;
    std::mutex m_;
    std::condition_variable cv_;
    size_t next_ = 0, consumed_ = 0, window_ = 8;
    bool stop_ = false;
};

} // namespace crib
