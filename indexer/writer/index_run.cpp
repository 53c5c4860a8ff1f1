#include "writer/index_run.hpp"
#include "writer/file_record.hpp"
#include "writer/note_file.hpp"
#include "writer/walk.hpp"

#include "common/text.hpp"
#include "formats/formats.hpp"
#include "formats/notes_parser.hpp"
#include "index/document.hpp"
#include "index/schema.hpp"
#include "index/synonyms.hpp"
#include "index/topics.hpp"
#include "watch/watch_state.hpp"
#include "writer/compact.hpp"
#include "writer/stat_list.hpp"
#include "writer/writers.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace crib {

std::atomic<bool>& interrupt_requested() {
    static std::atomic<bool> flag{false};
    return flag;
}

bool is_note_file_name(const std::string& name) {
    return classify_name(name) != NameClass::other;
}

namespace {

/// Work for one changed file, done on a worker thread.
struct FileJob {
    Candidate cand;
    const FileRecord* old = nullptr;
};

struct FileResult {
    FileRecord record;
    std::vector<BuiltPassage> docs;
    size_t questions = 0;
    bool same_content = false; ///< hash equal to the recorded one: only metadata changes
    std::string skip;          ///< non-empty: not indexed, and why
    std::vector<std::string> warnings;
};

struct Shared {
    const IndexOptions* opt;
    const Taxonomy* tax;
    const Synonyms* syn;
};

FileResult process(const FileJob& job, const Shared& sh, Xapian::TermGenerator& tg) {
    FileResult r;
    const Candidate& c = job.cand;
    r.record = {c.display, c.abs, c.st.size, c.st.mtime_ns, "", 0};
    ParsedNoteFile f = parse_note_file({.abs = c.abs,
                                        .display = c.display,
                                        .folder = c.folder,
                                        .size = c.st.size,
                                        .max_size = sh.opt->max_size,
                                        .taxonomy = sh.tax,
                                        .old_hash = job.old ? &job.old->hash : nullptr});
    if (!f.skip.empty()) {
        r.skip = f.skip;
        return r;
    }
    r.record.hash = f.hash;
    r.record.size = f.size;
    if (f.unchanged) {
        r.same_content = true;
        r.record.passages = job.old->passages;
        return r;
    }
    for (const std::string& w : f.parsed.warnings)
        r.warnings.push_back(c.display + ": " + w);
    r.docs.reserve(f.parsed.passages.size());
    for (const Passage& p : f.parsed.passages) {
        r.docs.push_back(build_passage(p, tg, sh.syn));
        if (p.kind == "question") ++r.questions;
    }
    r.record.passages = f.parsed.passages.size();
    return r;
}

/// Runs `process` on worker threads and hands results back in order.
class Pipeline {
  public:
    Pipeline(const std::vector<FileJob>& jobs, const Shared& sh, unsigned threads)
        : jobs_(jobs), sh_(sh), results_(jobs.size()), ready_(jobs.size(), 0) {
        window_ = std::max<size_t>(4, threads * 4);
        try {
            for (unsigned t = 0; t < threads; ++t)
                workers_.emplace_back([this] { work(); });
        } catch (const std::system_error& e) {
            // Members are not destroyed safely with workers waiting on cv_
            // (the run hung in pthread_cond_destroy): stop those first.
            stop_and_join();
            throw IndexResourceError("cannot start " + std::to_string(threads) +
                                     " parser threads (" + e.code().message() + " after " +
                                     std::to_string(workers_.size()) +
                                     "); pass a smaller -j or raise the process limit (ulimit -u)");
        }
    }
    ~Pipeline() { stop_and_join(); }
    /// Blocks until result i is ready, and moves it out.
    FileResult take(size_t i) {
        std::unique_lock<std::mutex> lk(m_);
        cv_.wait(lk, [&] { return ready_[i] != 0; });
        FileResult r = std::move(results_[i]);
        consumed_ = i + 1;
        lk.unlock();
        cv_.notify_all();
        return r;
    }

  private:
    void stop_and_join() {
        {
            std::lock_guard<std::mutex> lk(m_);
            stop_ = true;
        }
        cv_.notify_all();
        for (auto& w : workers_)
            w.join();
    }

    void work() {
        Xapian::TermGenerator tg;
        schema::configure_term_generator(tg);
        for (;;) {
            size_t i;
            {
                std::unique_lock<std::mutex> lk(m_);
                cv_.wait(lk, [&] {
                    return stop_ || (next_ < jobs_.size() && next_ < consumed_ + window_);
                });
                if (stop_ || next_ >= jobs_.size()) return;
                i = next_++;
            }
            FileResult r;
            try {
                r = process(jobs_[i], sh_, tg);
            } catch (const std::exception& e) {
                r.record.display = jobs_[i].cand.display;
                r.skip = std::string("internal error: ") + e.what();
            } catch (const Xapian::Error& e) {
                r.record.display = jobs_[i].cand.display;
                r.skip = "internal error: " + e.get_description();
            }
            {
                std::lock_guard<std::mutex> lk(m_);
                results_[i] = std::move(r);
                ready_[i] = 1;
            }
            cv_.notify_all();
        }
    }

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

/// Take a stored passage's words back out of the spelling table (Xapian
/// does not do that for us; without it the table only grows).  A record
/// that does not decode added nothing this version can name.
void unspell(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
    Passage p;
    if (!decode_passage(doc.get_data(), p)) return;
    for (const std::string& w : spelling_words(p))
        db.remove_spelling(w, 1);
}

/// Delete a file's passages and their spelling counts.
void delete_file(Xapian::WritableDatabase& db, const std::string& display) {
    std::string term = schema::file_term(display);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        unspell(db, db.get_document(*p));
    db.delete_document(term);
}

/// Remove one passage and its words' spelling counts.
void delete_passage(Xapian::WritableDatabase& db, Xapian::docid id) {
    unspell(db, db.get_document(id));
    db.delete_document(id);
}

/// Write a changed file's passages over its old ones, keeping each passage
/// whose stored record is byte-identical: the record holds everything its
/// terms are made from, so an appended question writes one passage, not the
/// whole file.  Only when the synonyms are unchanged (they make terms too).
void replace_file(Xapian::WritableDatabase& db, const std::string& display,
                  const std::vector<BuiltPassage>& docs, SpellingBatch& spelling) {
    std::string term = schema::file_term(display);
    std::unordered_map<std::string, Xapian::docid> old; // record -> passage
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        old.emplace(db.get_document(*p).get_data(), *p);
    for (const BuiltPassage& d : docs) {
        auto same = old.find(d.doc.get_data());
        if (same != old.end()) {
            old.erase(same);
            continue;
        }
        db.add_document(d.doc);
        spelling.add(d.spelling);
    }
    for (const auto& [data, id] : old)
        delete_passage(db, id);
}

std::string encode_roots(const std::vector<Root>& roots) {
    std::string out;
    for (const Root& r : roots)
        out += r.given + "\t" + r.abs + "\n";
    return out;
}

/// SIGINT/SIGTERM came while --wait waited for another writer: nothing written.
struct WaitInterrupted {};

/// How often --wait tries the lock again, and so how soon a signal ends the wait.
constexpr auto kLockRetry = std::chrono::milliseconds(100);

Xapian::WritableDatabase open_writable(const IndexOptions& opt, bool overwrite) {
    struct stat st;
    if (::stat(opt.db.c_str(), &st) == 0 && !S_ISDIR(st.st_mode))
        throw IndexUsageError(opt.db + " is a file, not an index folder; give --db a folder");
    std::error_code ec;
    fs::create_directories(fs::path(opt.db).parent_path().empty() ? fs::path(".")
                                                                  : fs::path(opt.db).parent_path(),
                           ec);
    int flags = overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    // --wait tries again every kLockRetry rather than blocking in Xapian
    // (DB_RETRY_LOCK), whose wait no signal ends: a writer stopped with
    // SIGSTOP would leave crib-index (and --watch) deaf to SIGINT/SIGTERM.
    for (;;) {
        try {
            return Xapian::WritableDatabase(opt.db, flags);
        } catch (const Xapian::DatabaseLockError&) {
            // No lock for a reason other than another writer: name that reason.
            if (::access(opt.db.c_str(), W_OK) != 0)
                throw IndexUsageError("cannot write the index " + opt.db + ": " +
                                      std::strerror(errno));
            if (!opt.wait)
                throw IndexLocked("another crib-index is updating " + opt.db +
                                  " (or crib is refreshing it; wait for it, or pass --wait)");
        }
        if (interrupt_requested()) throw WaitInterrupted{};
        std::this_thread::sleep_for(kLockRetry);
    }
}

/// A no-op run stores its stat list only when the stored one no longer
/// matches the disk (a non-note file came or went); otherwise it writes nothing.
void refresh_stat_list(Xapian::WritableDatabase& db, const std::string& list) {
    std::string stored = db.get_metadata(schema::kStatListKey);
    if (stored == list || (!stored.empty() && check_stat_list(stored) == Freshness::fresh)) return;
    db.set_metadata(schema::kStatListKey, list);
    db.commit();
}

/// What the index remembers from its last run, next to what this run would write.
struct RunState {
    std::string roots, topics_path, synonyms_path, synonyms;
    bool current_schema = false;
};

/// True when this run's roots, schema and data files are those of the last run.
bool same_state(const Xapian::Database& db, const RunState& now) {
    return now.current_schema && now.roots == db.get_metadata(schema::kRootsKey) &&
           now.synonyms == db.get_metadata(schema::kSynonymsKey) &&
           now.topics_path == db.get_metadata(schema::kTopicsPathKey) &&
           now.synonyms_path == db.get_metadata(schema::kSynonymsPathKey);
}

/// A no-op run answered by the stored stat list, without walking the roots:
/// nothing changed on disk and no file was skipped (a skipped file is
/// reported by every run, with the reason its record keeps).
bool quick_noop(const Xapian::Database& db, const IndexOptions& opt, IndexStats& stats) {
    std::string list = db.get_metadata(schema::kStatListKey);
    StatListFiles files = stat_list_files(list, opt.max_size);
    if (files.skipped || check_stat_list(list) != Freshness::fresh) return false;
    stats.files_seen = stats.files_unchanged = files.files;
    return true;
}

/// Compact a complete full build (the writer still holds the lock); a
/// failure leaves the index as committed and is reported as a warning.
void compact_after_build(const std::string& db, IndexStats& stats) {
    if (!can_compact(db)) return;
    try {
        compact_index(db);
    } catch (const Xapian::Error& e) {
        stats.warnings.push_back("index not compacted: " + e.get_description());
    } catch (const std::exception& e) {
        stats.warnings.push_back(std::string("index not compacted: ") + e.what());
    }
}

/// Passages each writer of a full build buffers between commits at most
/// (kFullBuildTerms usually comes first): two writers held twice the memory
/// per buffered passage of one (peak RSS 520 MB instead of 278 MB on 16 MB
/// of real notes), and smaller batches cost no more CPU (bench/RESULTS.md).
size_t full_build_batch(size_t batch) {
    return std::max<size_t>(1000, batch / 8);
}

/// Swap a full build in; but an interrupted rebuild of an existing index is
/// dropped, so that the old index stays whole rather than half rebuilt.
void finish_full_build(std::unique_ptr<FullBuild> build, const std::vector<FileJob>& jobs,
                       bool had_index, IndexStats& stats) {
    if (stats.interrupted && had_index) {
        build.reset();
        stats.wrote = false;
        stats.files_indexed = stats.passages = stats.questions = stats.files_removed = 0;
        stats.not_indexed.clear();
        for (const FileJob& j : jobs)
            stats.not_indexed.push_back(j.cand.display);
        return;
    }
    stats.total_passages = build->finish();
}

/// The index folder as the walk names it (absolute, no trailing slash).
std::string db_folder(const std::string& db) {
    std::error_code ec;
    std::string abs = fs::absolute(db, ec).lexically_normal().string();
    if (abs.size() > 1 && abs.back() == '/') abs.pop_back();
    return abs;
}

std::vector<Root> merge_roots(const std::vector<Root>& old, const std::vector<std::string>& given,
                              bool replace) {
    std::vector<Root> out = replace ? std::vector<Root>{} : old;
    for (const std::string& g : given) {
        std::error_code ec;
        std::string abs = fs::absolute(g, ec).lexically_normal().string();
        if (abs.size() > 1 && abs.back() == '/') abs.pop_back();
        bool dup = false;
        for (const Root& r : out)
            dup = dup || r.abs == abs;
        if (!dup) out.push_back({g, abs});
    }
    return out;
}

} // namespace

std::vector<NoteFile> list_note_files(const std::vector<std::string>& paths,
                                      std::vector<Skipped>& skipped) {
    std::vector<NoteFile> out;
    for (const Candidate& c : walk(merge_roots({}, paths, true), skipped))
        out.push_back({c.display, c.abs, c.folder, c.st.size});
    return out;
}

std::vector<Root> read_roots(const Xapian::Database& db) {
    std::vector<Root> out;
    const std::string text = db.get_metadata(schema::kRootsKey); // the views below point into it
    for (std::string_view line : split_lines(text)) {
        size_t tab = line.find('\t');
        if (tab == std::string_view::npos) continue;
        out.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
    }
    return out;
}

namespace {

/// The freshness check without a stat list: walk the roots, compare records.
bool stale_by_walk(const Xapian::Database& db, uint64_t max_size) {
    auto records = read_file_records(db);
    std::vector<Skipped> ignored;
    auto cands = walk(read_roots(db), ignored);
    size_t matched = 0;
    for (const Candidate& c : cands) {
        auto it = records.find(c.display);
        if (it == records.end()) {
            if (c.st.size <= max_size) return true; // new file
            continue;
        }
        ++matched;
        if (it->second.size != c.st.size || it->second.mtime_ns != c.st.mtime_ns) return true;
        if (readable_again(it->second)) return true;
    }
    return matched != records.size(); // a file vanished
}

} // namespace

bool index_is_stale(const Xapian::Database& db, uint64_t max_size) {
    switch (check_stat_list(db.get_metadata(schema::kStatListKey))) {
    case Freshness::fresh:
        return false;
    case Freshness::stale:
        return true;
    case Freshness::unknown:
        break;
    }
    return stale_by_walk(db, max_size);
}

namespace {

/// The body of run_index; `stats` says what was committed if it throws.
IndexStats& write_index(const IndexOptions& opt, IndexObserver* obs, IndexStats& stats) {
    auto t0 = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db = open_writable(opt, false);
    remove_compaction_leftovers(opt.db); // a compaction killed before its exchange
    // Damage first: reading metadata from a truncated table fails raw.
    if (std::string damage = schema::table_damage(opt.db, db.get_doccount()); !damage.empty()) {
        if (!opt.rebuild) throw IndexDamagedError(schema::damaged_error(opt.db, damage));
        db.close();
        db = open_writable(opt, true);
    }
    // Data files: given > remembered by the index > discovered defaults.
    auto pick = [&](const std::string& given, const char* key, const std::string& fallback) {
        if (!given.empty()) return given;
        std::string stored = db.get_metadata(key);
        return !stored.empty() && ::access(stored.c_str(), R_OK) == 0 ? stored : fallback;
    };
    const std::string tax_path = pick(opt.taxonomy, schema::kTopicsPathKey, opt.default_taxonomy);
    const std::string syn_path = pick(opt.synonyms, schema::kSynonymsPathKey, opt.default_synonyms);
    Taxonomy tax = tax_path.empty() ? Taxonomy() : Taxonomy::load(tax_path);
    Synonyms syn = syn_path.empty() ? Synonyms() : Synonyms::load(syn_path);

    const schema::SchemaState version = schema::check_schema(db);
    bool overwrite = false;
    if (version.kind == schema::SchemaState::other ||
        version.kind == schema::SchemaState::garbled) {
        if (!opt.rebuild) throw IndexVersionError(schema::schema_error(version, opt.db));
        overwrite = true;
    }
    if (overwrite) {
        db.close();
        db = open_writable(opt, true);
    }
    std::vector<Root> old_roots = read_roots(db);
    std::vector<std::string> given =
        opt.roots.empty() && old_roots.empty() ? opt.default_roots : opt.roots;
    if (given.empty() && old_roots.empty())
        throw IndexUsageError("no notes to index: give a file or folder (crib-index PATH...)");
    // --rebuild with no paths rebuilds the remembered roots; with paths, they replace them.
    std::vector<Root> roots = merge_roots(old_roots, given, opt.rebuild && !given.empty());
    if (opt.prune) // forget roots that are gone; their passages go below
        roots.erase(std::remove_if(roots.begin(), roots.end(), root_gone), roots.end());
    RunState state{encode_roots(roots), tax_path, syn_path, syn.fingerprint(),
                   version.kind == schema::SchemaState::current};
    if (!opt.rebuild && same_state(db, state) && quick_noop(db, opt, stats)) {
        stats.total_passages = db.get_doccount();
        stats.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return stats;
    }
    auto records = read_file_records(db);
    const bool full_build = opt.rebuild || records.empty(); // compacted when complete
    // Changed synonyms change the group terms of every passage: re-parse all.
    bool reparse_all = opt.rebuild || (!records.empty() &&
                                       syn.fingerprint() != db.get_metadata(schema::kSynonymsKey));

    const int64_t walk_started = now_ns();
    StatListBuilder seen; // for the next freshness check
    std::vector<Candidate> cands = walk(roots, stats.skipped, &stats.other_files, &seen);
    seen.uncheck_dir(db_folder(opt.db));
    const bool list_ok = stats.skipped.empty(); // an unreadable folder must be walked every time
    // Folders changed within a second of the walk may change again unseen in the same tick.
    auto stat_list = [&] {
        return list_ok && !stats.interrupted ? seen.encode(walk_started - 1000000000)
                                             : std::string();
    };
    stats.files_seen = cands.size();
    std::vector<FileJob> jobs;
    std::unordered_set<std::string> present;
    for (Candidate& c : cands) {
        present.insert(c.display);
        auto it = records.find(c.display);
        const FileRecord* old = it == records.end() ? nullptr : &it->second;
        bool same_stat = old && old->size == c.st.size && old->mtime_ns == c.st.mtime_ns;
        // A file skipped for its size is retried when the limit now allows it.
        bool retry_size =
            old && skip_kind(old->hash) == kSkippedForSize && c.st.size <= opt.max_size;
        bool retry_read = old && readable_again(*old); // e.g. after chmod 644
        if (same_stat && !reparse_all && !retry_size && !retry_read) {
            seen.add_file(c.abs, c.st.size, c.st.mtime_ns, list_flag(old->hash));
            // A file skipped before and unchanged is still not in the index:
            // every run says so (and exits 3), not only the one that met it.
            std::string reason = skip_reason(old->hash);
            if (reason.empty() || reason == kNotText)
                ++stats.files_unchanged;
            else
                stats.skipped.push_back({c.display, reason});
            continue;
        }
        jobs.push_back({std::move(c), reparse_all ? nullptr : old});
    }
    // A remembered root that is gone entirely was more likely moved or
    // unmounted than emptied: its passages stay until it comes back or
    // --prune.  Single files that vanish under a present root still go.
    // (A root that was a single file is such a file.)
    std::vector<const Root*> gone;
    if (!opt.rebuild && !opt.prune)
        for (const Root& root : roots)
            if (root_gone(root)) gone.push_back(&root);
    std::set<std::string> kept_under; // vanished roots that still have passages
    auto under_gone_root = [&](const FileRecord& rec) {
        for (const Root* g : gone)
            if (rec.abs.rfind(g->abs + "/", 0) == 0) return kept_under.insert(g->given), true;
        return false;
    };
    std::vector<const FileRecord*> removed;
    for (const auto& [display, rec] : records)
        if (!present.count(display) && !under_gone_root(rec)) removed.push_back(&rec);
    stats.vanished_roots.assign(kept_under.begin(), kept_under.end());

    bool meta_changed = !same_state(db, state);
    if (jobs.empty() && removed.empty() && !meta_changed) { // nothing to write
        refresh_stat_list(db, stat_list());
        stats.total_passages = db.get_doccount();
        stats.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return stats;
    }

    unsigned threads =
        opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    Shared sh{&opt, &tax, syn_path.empty() ? nullptr : &syn};
    // A full build on two or more threads writes two fresh databases beside
    // the index and swaps their merge in at the end (writers.hpp).
    std::unique_ptr<FullBuild> build;
    if (full_build && threads >= 2 && jobs.size() >= 2 && can_compact(opt.db))
        build = std::make_unique<FullBuild>(opt.db, full_build_batch(opt.batch_passages));
    Xapian::WritableDatabase& out = build ? build->main() : db;
    size_t in_txn = 0;
    SpellingBatch spelling;
    out.begin_transaction();
    stats.writing = true;
    // Roots and data files first: an interrupted run's committed files stay
    // covered by a remembered root, and the next run resumes from them.
    out.set_metadata(schema::kRootsKey, encode_roots(roots));
    // The version goes into the first commit: an index with passages and no
    // version is then damaged, never a first run that was killed.
    out.set_metadata(schema::kVersionKey, std::to_string(schema::kSchemaVersion));
    out.set_metadata(schema::kTopicsPathKey, tax_path);
    out.set_metadata(schema::kSynonymsPathKey, syn_path);
    // Until the last commit the list would claim files not yet indexed.
    out.set_metadata(schema::kStatListKey, "");
    {
        Pipeline pipe(jobs, sh, threads);
        for (size_t i = 0; i < jobs.size(); ++i) {
            if (interrupt_requested()) {
                stats.interrupted = true;
                for (size_t k = i; k < jobs.size(); ++k)
                    stats.not_indexed.push_back(jobs[k].cand.display);
                break;
            }
            FileResult r = pipe.take(i);
            const std::string& display = jobs[i].cand.display;
            stats.warnings.insert(stats.warnings.end(), r.warnings.begin(), r.warnings.end());
            if (!r.skip.empty()) {
                if (r.skip == kNotText)
                    stats.other_files.push_back(display);
                else
                    stats.skipped.push_back({display, r.skip});
                auto old = records.find(display);
                if (old != records.end() && old->second.passages) { // excluded now: its passages go
                    if (!build) delete_file(out, display);
                    ++stats.files_removed;
                }
                // Remember the skip (size, mtime) so an unchanged bad file is
                // not retried, and not seen as new, on every run.
                FileRecord rec = r.record;
                rec.hash = skip_hash(r.skip);
                rec.passages = 0;
                out.set_metadata(file_key(display), encode_record(rec));
                seen.add_file(jobs[i].cand.abs, rec.size, rec.mtime_ns, list_flag(rec.hash));
                continue;
            }
            if (r.same_content) {
                ++stats.files_unchanged;
            } else {
                bool had = !build && records.count(display);
                if (had && reparse_all) delete_file(out, display);
                size_t n = r.docs.size();
                if (build) {
                    build->add(std::move(r.docs), spelling);
                } else if (had && !reparse_all) {
                    replace_file(out, display, r.docs, spelling);
                } else {
                    for (const BuiltPassage& d : r.docs) {
                        out.add_document(d.doc);
                        spelling.add(d.spelling);
                    }
                }
                ++stats.files_indexed;
                stats.passages += n;
                stats.questions += r.questions;
                in_txn += n + 1;
            }
            out.set_metadata(file_key(display), encode_record(r.record));
            seen.add_file(jobs[i].cand.abs, r.record.size, r.record.mtime_ns, '-');
            // Each commit leaves a complete state per file.
            if (build ? in_txn >= full_build_batch(opt.batch_passages) || build->commit_due()
                      : in_txn >= opt.batch_passages) {
                spelling.flush(out);
                out.commit_transaction();
                if (build) {
                    build->committed();
                } else { // a full build reaches the index only when it is swapped in
                    stats.files_committed = stats.files_indexed + stats.files_removed;
                    stats.passages_committed = stats.passages;
                }
                out.begin_transaction();
                in_txn = 0;
            }
            if (obs) obs->progress(i + 1, jobs.size(), stats.passages);
        }
    }
    if (!stats.interrupted) {
        for (const FileRecord* rec : removed) {
            if (!build) {
                delete_file(out, rec->display);
                out.set_metadata(file_key(rec->display), "");
            }
            if (rec->passages) ++stats.files_removed;
        }
        if (syn.fingerprint() != out.get_metadata(schema::kSynonymsKey)) syn.apply(out);
        out.set_metadata(schema::kStatListKey, stat_list());
    }
    spelling.flush(out);
    out.commit_transaction();
    stats.wrote = true;
    if (build) {
        finish_full_build(std::move(build), jobs, !records.empty(), stats);
        stats.total_passages = stats.wrote ? stats.total_passages : db.get_doccount();
    } else {
        stats.total_passages = db.get_doccount();
        if (full_build && !stats.interrupted && stats.files_indexed)
            compact_after_build(opt.db, stats);
    }
    db.close();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return stats;
}

/// A failed write (disk full, quota, I/O error) as the user needs it: the
/// system's reason, and what the commits before the failure kept.
std::string write_failure(const std::string& db, const Xapian::Error& e, const IndexStats& s) {
    const char* why = e.get_error_string();
    std::string msg = "cannot write the index " + db + " (" + (why ? std::string(why) + ": " : "") +
                      e.get_msg() + "); ";
    const std::string all = e.get_msg() + (why ? why : "");
    bool space = all.find("No space left") != std::string::npos ||
                 all.find("quota exceeded") != std::string::npos;
    std::string again =
        space ? "free space and run crib-index again" : "fix that and run crib-index again";
    if (s.files_committed == 0) return msg + "nothing was committed; " + again;
    return msg + "kept " + std::to_string(s.files_committed) + " file(s) with " +
           std::to_string(s.passages_committed) + " passages committed before the failure; " +
           again + " to index the rest";
}

} // namespace

IndexStats run_index(const IndexOptions& opt, IndexObserver* obs) {
    IndexStats stats;
    try {
        return write_index(opt, obs, stats);
    } catch (const WaitInterrupted&) {
        stats.interrupted = stats.interrupted_waiting = true; // nothing written
        return stats;
    } catch (const Xapian::DatabaseCorruptError&) {
        throw;
    } catch (const Xapian::DatabaseError& e) {
        // Once writing began, a DatabaseError is a write the system refused,
        // whether it carries the errno ("Error writing block 35: No space
        // left on device") or wraps it ("Modifications failed (...), and
        // couldn't open at the old revision").  Read errors on a damaged
        // table ("EOF reading block") stay damage.
        bool read_error = e.get_msg().rfind("EOF", 0) == 0;
        if (!stats.writing || read_error || e.get_type() != std::string("DatabaseError")) throw;
        throw IndexWriteError(write_failure(opt.db, e, stats));
    }
}

} // namespace crib
