#include "writer/writers.hpp"

#include "writer/compact.hpp"

#include "index/schema.hpp"

#include <filesystem>
#include <stdexcept>

namespace crib {

void SpellingBatch::add(const std::vector<std::string>& words) {
    for (const std::string& w : words)
        ++counts_[w];
}

void SpellingBatch::flush(Xapian::WritableDatabase& db) {
    for (const auto& [word, n] : counts_)
        db.add_spelling(word, n);
    counts_.clear();
}

namespace {
/// Files queued for the second writer before the run's thread waits.
constexpr size_t kQueuedFiles = 4;

/// Take a stored passage's words back out of the spelling table (Xapian
/// does not do that for us; without it the table only grows).  A record
/// that does not decode added nothing this version can name.
void unspell(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
    Passage p;
    if (!decode_passage(doc.get_data(), p)) return;
    for (const std::string& w : spelling_words(p))
        db.remove_spelling(w, 1);
}

/// Remove one passage and its words' spelling counts.
void delete_passage(Xapian::WritableDatabase& db, Xapian::docid id) {
    unspell(db, db.get_document(id));
    db.delete_document(id);
}

} // namespace

QueueWriter::QueueWriter(const std::string& path, size_t batch)
    : db_(path, Xapian::DB_CREATE_OR_OVERWRITE), batch_(batch), thread_([this] { run(); }) {}

QueueWriter::~QueueWriter() {
    {
        std::lock_guard<std::mutex> lk(m_);
        done_ = cancelled_ = true;
        queue_.clear();
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    // Dropped before finish() (a failed or interrupted build; its folder goes
    // next): Xapian's destructor would commit what is pending all the same,
    // one more commit on a full disk after a failed one.  In a transaction it
    // cancels instead (as ~FullBuild does for main_).  After finish() db_ is
    // closed and this throws.
    try {
        db_.begin_transaction(false);
    } catch (const Xapian::Error&) {
    }
}

void QueueWriter::add(std::vector<BuiltPassage> docs) {
    std::unique_lock<std::mutex> lk(m_);
    cv_.wait(lk, [&] { return queue_.size() < kQueuedFiles || error_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(std::move(docs));
    lk.unlock();
    cv_.notify_all();
}

void QueueWriter::close_input() {
    {
        std::lock_guard<std::mutex> lk(m_);
        done_ = true;
    }
    cv_.notify_all();
}

void QueueWriter::finish() {
    close_input();
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
    db_.close();
}

void QueueWriter::run() {
    for (;;) {
        std::vector<BuiltPassage> docs;
        {
            std::unique_lock<std::mutex> lk(m_);
            cv_.wait(lk, [&] { return done_ || !queue_.empty(); });
            if (queue_.empty() && cancelled_) return;
            if (queue_.empty()) break; // all written: the last commit follows
            docs = std::move(queue_.front());
            queue_.pop_front();
        }
        cv_.notify_all();
        try {
            write(docs);
        } catch (...) {
            std::lock_guard<std::mutex> lk(m_);
            error_ = std::current_exception();
            queue_.clear();
            cv_.notify_all();
            return;
        }
    }
    try {
        spelling_.flush(db_);
        db_.commit();
    } catch (...) {
        std::lock_guard<std::mutex> lk(m_);
        error_ = std::current_exception();
    }
}

void QueueWriter::write(const std::vector<BuiltPassage>& docs) {
    for (const BuiltPassage& d : docs) {
        db_.add_document(d.doc);
        spelling_.add(d.spelling);
        terms_ += d.doc.termlist_count();
    }
    in_batch_ += docs.size();
    if (in_batch_ >= batch_ || terms_ >= kFullBuildTerms) { // bounded memory and merges
        spelling_.flush(db_);
        db_.commit();
        in_batch_ = terms_ = 0;
    }
}

FullBuild::FullBuild(const std::string& db, size_t batch)
    : db_(db), main_path_(work_folder(db, "build-1")), second_path_(work_folder(db, "build-2")),
      main_(main_path_, Xapian::DB_CREATE_OR_OVERWRITE),
      second_(std::make_unique<QueueWriter>(second_path_, batch)) {}

FullBuild::~FullBuild() {
    second_.reset(); // its thread stops before its folder goes
    std::error_code ec;
    // main_ goes with its folder: it is never to be committed again.  After a
    // failed write (a full disk) a second commit, which close() and Xapian's
    // destructor make, threw out of this destructor or aborted inside Xapian
    // 1.4 (exit 134, not the exit 2 that names the failure).  With a
    // transaction open, both cancel instead of committing.
    try {
        main_.begin_transaction(false);
    } catch (const Xapian::Error&) { // one is open already, or main_ is closed
    }
    try {
        main_.close();
    } catch (const Xapian::Error&) {
    }
    std::filesystem::remove_all(main_path_, ec);
    std::filesystem::remove_all(second_path_, ec);
}

void FullBuild::add(std::vector<BuiltPassage> docs, SpellingBatch& spelling) {
    // 3:2 for the second thread: the run's own also takes results, writes the
    // file records and runs the final merge.
    if (2 * second_docs_ <= 3 * main_docs_) {
        second_docs_ += docs.size();
        second_->add(std::move(docs));
        return;
    }
    main_docs_ += docs.size();
    for (const BuiltPassage& d : docs) {
        main_.add_document(d.doc);
        spelling.add(d.spelling);
        main_terms_ += d.doc.termlist_count();
    }
}

Xapian::doccount FullBuild::finish() {
    second_->finish();
    Xapian::doccount n = main_.get_doccount();
    main_.close();
    n += Xapian::Database(second_path_).get_doccount();
    compact_into({main_path_, second_path_}, db_);
    return n;
}

/// Delete a file's passages and their spelling counts.
void delete_file(Xapian::WritableDatabase& db, const std::string& display) {
    std::string term = schema::file_term(display);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        unspell(db, db.get_document(*p));
    db.delete_document(term);
}

HeldPassages held_passages(const Xapian::Database& db, const std::string& display) {
    std::string term = schema::file_term(display);
    HeldPassages held; // record -> passage
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        held.emplace(db.get_document(*p).get_data(), *p);
    return held;
}

/// Write a changed file's passages over its old ones, keeping each passage
/// whose stored record is byte-identical (writers.hpp).
void replace_file(Xapian::WritableDatabase& db, const std::vector<BuiltPassage>& docs,
                  SpellingBatch& spelling, HeldPassages old) {
    for (const BuiltPassage& d : docs) {
        auto same = old.find(d.doc.get_data());
        if (same != old.end()) {
            old.erase(same);
            continue;
        }
        if (d.held) // never written: it has no terms
            throw std::logic_error("a passage not built is not in the index");
        db.add_document(d.doc);
        spelling.add(d.spelling);
    }
    for (const auto& [data, id] : old)
        delete_passage(db, id);
}

} // namespace crib
