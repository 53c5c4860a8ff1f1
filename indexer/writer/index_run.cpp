#include "writer/index_run.hpp"
#include "writer/file_record.hpp"
#include "writer/note_file.hpp"
#include "writer/parse_pipeline.hpp"
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
#include "writer/exclude.hpp"
#include "writer/stat_list.hpp"
#include "writer/writers.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
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
    std::string roots, exclude, topics_path, synonyms_path, synonyms;
    bool current_schema = false;
};

/// True when this run's roots, schema and data files are those of the last run.
bool same_state(const Xapian::Database& db, const RunState& now) {
    return now.current_schema && now.roots == db.get_metadata(schema::kRootsKey) &&
           now.exclude == db.get_metadata(schema::kExcludeKey) &&
           now.synonyms == db.get_metadata(schema::kSynonymsKey) &&
           now.topics_path == db.get_metadata(schema::kTopicsPathKey) &&
           now.synonyms_path == db.get_metadata(schema::kSynonymsPathKey);
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
                                      std::vector<Skipped>& skipped,
                                      const std::vector<std::string>& exclude) {
    std::vector<NoteFile> out;
    for (const Candidate& c :
         walk(merge_roots({}, paths, true), skipped, nullptr, nullptr, exclude))
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

std::vector<std::string> read_excludes(const Xapian::Database& db) {
    return decode_excludes(db.get_metadata(schema::kExcludeKey));
}

namespace {

/// What a run holds before it looks at the notes: the index (damage and
/// schema version dealt with), its data files, and the roots to walk.
struct RunSetup {
    Xapian::WritableDatabase db;
    std::string tax_path, syn_path;
    Taxonomy tax;
    Synonyms syn;
    std::vector<Root> roots;
    std::vector<std::string> exclude; ///< remembered and given --exclude patterns
    RunState state;
};

/// Opens the index for writing: a damaged one or one of another schema is
/// refused, or made anew with --rebuild; picks the data files and the roots.
RunSetup open_run(const IndexOptions& opt) {
    RunSetup s;
    s.db = open_writable(opt, false);
    remove_compaction_leftovers(opt.db); // a compaction killed before its exchange
    // Damage first: reading metadata from a truncated table fails raw.
    if (std::string damage = schema::table_damage(opt.db, s.db.get_doccount()); !damage.empty()) {
        if (!opt.rebuild) throw IndexDamagedError(schema::damaged_error(opt.db, damage));
        s.db.close();
        s.db = open_writable(opt, true);
    }
    // Data files: given > remembered by the index > discovered defaults.
    auto pick = [&](const std::string& given, const char* key, const std::string& fallback) {
        if (!given.empty()) return given;
        std::string stored = s.db.get_metadata(key);
        return !stored.empty() && ::access(stored.c_str(), R_OK) == 0 ? stored : fallback;
    };
    s.tax_path = pick(opt.taxonomy, schema::kTopicsPathKey, opt.default_taxonomy);
    s.syn_path = pick(opt.synonyms, schema::kSynonymsPathKey, opt.default_synonyms);
    if (!s.tax_path.empty()) s.tax = Taxonomy::load(s.tax_path);
    if (!s.syn_path.empty()) s.syn = Synonyms::load(s.syn_path);

    const schema::SchemaState version = schema::check_schema(s.db);
    if (version.kind == schema::SchemaState::other ||
        version.kind == schema::SchemaState::garbled) {
        if (!opt.rebuild) throw IndexVersionError(schema::schema_error(version, opt.db));
        s.db.close();
        s.db = open_writable(opt, true);
    }
    std::vector<Root> old_roots = read_roots(s.db);
    std::vector<std::string> given =
        opt.roots.empty() && old_roots.empty() ? opt.default_roots : opt.roots;
    if (given.empty() && old_roots.empty())
        throw IndexUsageError("no notes to index: give a file or folder (crib-index PATH...)");
    // --rebuild with no paths rebuilds the remembered roots; with paths, they replace them.
    s.roots = merge_roots(old_roots, given, opt.rebuild && !given.empty());
    // The patterns go with the roots: --rebuild PATH... starts over with those given.
    s.exclude = merge_excludes(opt.rebuild && !given.empty() ? std::vector<std::string>{}
                                                             : read_excludes(s.db),
                               opt.exclude);
    if (opt.prune) // forget roots that are gone; their passages go below
        s.roots.erase(std::remove_if(s.roots.begin(), s.roots.end(), root_gone), s.roots.end());
    s.state = {encode_roots(s.roots),
               encode_excludes(s.exclude),
               s.tax_path,
               s.syn_path,
               s.syn.fingerprint(),
               version.kind == schema::SchemaState::current};
    return s;
}

/// What the walk found to do: files to (re)parse, files gone, and the
/// stat list the next freshness check reads.
struct RunPlan {
    RunPlan() = default;
    RunPlan(const RunPlan&) = delete;          // jobs and removed point into records
    RunPlan(RunPlan&&) = default;              // a map's nodes keep their places when moved
    std::map<std::string, FileRecord> records; ///< what the index holds (jobs point into it)
    std::vector<FileJob> jobs;
    std::vector<const FileRecord*> removed;
    bool full_build = false;  ///< --rebuild or a first run: compacted when complete
    bool reparse_all = false; ///< every file parsed again (--rebuild, changed synonyms)
    StatListBuilder seen;     ///< files as seen, for the next freshness check
    int64_t walk_started = 0;
    bool list_ok = false;      ///< every folder was read: the stat list can be trusted
    bool list_current = false; ///< the stored stat list still matches the disk

    /// The stat list to store ("" when the next check must walk).
    std::string stat_list(bool interrupted) const {
        // Folders changed within a second of the walk may change again unseen in the same tick.
        return list_ok && !interrupted ? seen.encode(walk_started - 1000000000) : std::string();
    }
};

/// Walks the roots and compares each file with its record: unchanged files
/// are counted (and their skips said again), the others become jobs; files
/// gone from a present root are to be removed.
RunPlan plan_run(const IndexOptions& opt, RunSetup& setup, IndexStats& stats) {
    Xapian::WritableDatabase& db = setup.db;
    RunPlan plan;
    plan.records = read_file_records(db);
    plan.full_build = opt.rebuild || plan.records.empty();
    // Changed synonyms change the group terms of every passage: re-parse all.
    plan.reparse_all =
        opt.rebuild ||
        (!plan.records.empty() && setup.syn.fingerprint() != db.get_metadata(schema::kSynonymsKey));
    plan.walk_started = now_ns();
    std::vector<Candidate> cands =
        walk(setup.roots, stats.skipped, &stats.other_files, &plan.seen, setup.exclude);
    plan.seen.uncheck_dir(db_folder(opt.db));
    // The stat list sees every note file of a folder, so one with excluded
    // files is checked by a walk; an unreadable folder is walked every time.
    plan.list_ok = setup.exclude.empty() && stats.skipped.empty();
    stats.files_seen = cands.size();
    std::unordered_set<std::string> present;
    for (Candidate& c : cands) {
        present.insert(c.display);
        auto it = plan.records.find(c.display);
        const FileRecord* old = it == plan.records.end() ? nullptr : &it->second;
        bool same_stat = old && old->size == c.st.size && old->mtime_ns == c.st.mtime_ns;
        // A file skipped for its size is retried when the limit now allows it.
        bool retry_size =
            old && skip_kind(old->hash) == kSkippedForSize && c.st.size <= opt.max_size;
        bool retry_read = old && readable_again(*old); // e.g. after chmod 644
        if (same_stat && !plan.reparse_all && !retry_size && !retry_read) {
            plan.seen.add_file(c.abs, c.st.size, c.st.mtime_ns, list_flag(old->hash));
            // A file skipped before and unchanged is still not in the index:
            // every run says so (and exits 3), not only the one that met it.
            std::string reason = skip_reason(old->hash);
            if (reason.empty() || reason == kNotText)
                ++stats.files_unchanged;
            else
                stats.skipped.push_back({c.display, reason});
            continue;
        }
        plan.jobs.push_back({std::move(c), plan.reparse_all ? nullptr : old});
    }
    // A remembered root that is gone entirely was more likely moved or
    // unmounted than emptied: its passages stay until it comes back or
    // --prune.  Single files that vanish under a present root still go.
    // (A root that was a single file is such a file.)
    std::vector<const Root*> gone;
    if (!opt.rebuild && !opt.prune)
        for (const Root& root : setup.roots)
            if (root_gone(root)) gone.push_back(&root);
    std::set<std::string> kept_under; // vanished roots that still have passages
    auto under_gone_root = [&](const FileRecord& rec) {
        for (const Root* g : gone)
            if (rec.abs.rfind(g->abs + "/", 0) == 0) return kept_under.insert(g->given), true;
        return false;
    };
    for (const auto& [display, rec] : plan.records)
        if (!present.count(display) && !under_gone_root(rec) &&
            !hidden_from_walk(rec.abs, setup.roots))
            plan.removed.push_back(&rec);
    stats.vanished_roots.assign(kept_under.begin(), kept_under.end());
    return plan;
}

/// The note file at `abs` as walk() would have found it: shown path and top
/// folder from the first root that holds it.  False when no root does.
bool candidate_of(const std::vector<Root>& roots, const ChangedFile& f, Candidate& c) {
    for (const Root& root : roots)
        if (candidate_under(root, f.abs, c)) {
            c.st = {.ok = true, .regular = true, .size = f.size, .mtime_ns = f.mtime_ns};
            return true;
        }
    return false;
}

/// The plan of an update read from the stored stat list instead of a walk:
/// every recorded file is stat'ed, only folders whose entries changed are
/// listed, and only the records of changed and vanished files are read, so a
/// one-file update costs one file, not the tree (issue 26).  nullopt when
/// the run must walk: --rebuild, other roots, schema or data files, changed
/// synonyms, a skipped file to report again, or a change only a walk can see.
/// A no-op run is such a plan with nothing to do: one stat per file and folder.
std::optional<RunPlan> plan_from_list(const IndexOptions& opt, RunSetup& setup, IndexStats& stats) {
    Xapian::WritableDatabase& db = setup.db;
    // An index without passages is built whole (and compacted) by the walk.
    if (opt.rebuild || !same_state(db, setup.state) || db.get_doccount() == 0) return std::nullopt;
    RunPlan plan;
    plan.walk_started = now_ns();
    std::optional<StatListDiff> diff = diff_stat_list(db.get_metadata(schema::kStatListKey));
    if (!diff) return std::nullopt;
    std::vector<std::pair<Candidate, bool>> files; // (file, gone)
    for (const ChangedFile& f : diff->changed)
        if (files.emplace_back(Candidate{}, false);
            !candidate_of(setup.roots, f, files.back().first))
            return std::nullopt;
    for (const std::string& abs : diff->gone) {
        // A root that was a single file and is gone: walk() says so, every run.
        for (const Root& root : setup.roots)
            if (root.abs == abs) return std::nullopt;
        if (files.emplace_back(Candidate{}, true);
            !candidate_of(setup.roots, {abs, 0, 0}, files.back().first))
            return std::nullopt;
    }
    for (const auto& [c, gone] : files)
        if (auto rec = decode_record(db.get_metadata(file_key(c.display))))
            plan.records.emplace(c.display, std::move(*rec));
    for (auto& [c, gone] : files) {
        auto it = plan.records.find(c.display);
        const FileRecord* old = it == plan.records.end() ? nullptr : &it->second;
        if (gone && old) plan.removed.push_back(old);
        if (!gone) plan.jobs.push_back({std::move(c), old});
    }
    plan.seen = std::move(diff->unchanged);
    plan.list_ok = true;
    plan.list_current = !diff->folders_moved;
    stats.files_seen = diff->files;
    stats.files_unchanged = diff->files - diff->changed.size();
    stats.planned_from_list = true;
    return plan;
}

/// An update reads what the index holds of each changed file before the
/// parsers start, so that what is parsed again unchanged is not built again:
/// an appended question builds one passage, not the file (issue 26).  At
/// most `budget` bytes of records (IndexOptions::held_bytes): beyond, the
/// writer reads a file's passages when it replaces them (and all of them are
/// built), so that memory stays bounded when many files changed.
void hold_old_passages(const Xapian::Database& db, RunPlan& plan, size_t budget) {
    if (plan.full_build || plan.reparse_all) return;
    size_t bytes = 0;
    for (FileJob& job : plan.jobs) {
        if (!job.old || !job.old->passages) continue;
        job.held = held_passages(db, job.cand.display);
        for (const auto& [record, id] : job.held)
            bytes += record.size();
        if (bytes > budget) return;
    }
}

/// The writing half of a run: results in file order into the index (or a
/// full build's fresh databases), a commit whenever a batch is full, each
/// commit a complete state per file.
class RunWriter {
  public:
    RunWriter(const IndexOptions& opt, Xapian::WritableDatabase& out, FullBuild* build,
              RunPlan& plan, IndexStats& stats)
        : opt_(opt), out_(out), build_(build), plan_(plan), stats_(stats) {}

    /// Starts the first transaction with the run's metadata.
    void begin(const RunSetup& setup) {
        out_.begin_transaction();
        stats_.writing = true;
        // Roots and data files first: an interrupted run's committed files stay
        // covered by a remembered root, and the next run resumes from them.
        out_.set_metadata(schema::kRootsKey, setup.state.roots);
        out_.set_metadata(schema::kExcludeKey, setup.state.exclude);
        // The version goes into the first commit: an index with passages and no
        // version is then damaged, never a first run that was killed.
        out_.set_metadata(schema::kVersionKey, std::to_string(schema::kSchemaVersion));
        out_.set_metadata(schema::kTopicsPathKey, setup.tax_path);
        out_.set_metadata(schema::kSynonymsPathKey, setup.syn_path);
        // Until the last commit the list would claim files not yet indexed.
        out_.set_metadata(schema::kStatListKey, "");
    }

    /// One file's result: skipped (and remembered as such; false), unchanged,
    /// or written.  The job's held passages are taken (its parser is done).
    bool add(FileJob& job, FileResult& r) {
        const std::string& display = job.cand.display;
        stats_.warnings.insert(stats_.warnings.end(), r.warnings.begin(), r.warnings.end());
        if (!r.skip.empty()) {
            skipped(job, r);
            return false;
        }
        if (r.same_content) {
            ++stats_.files_unchanged;
        } else {
            written(job, r);
        }
        out_.set_metadata(file_key(display), encode_record(r.record));
        plan_.seen.add_file(job.cand.abs, r.record.size, r.record.mtime_ns, '-');
        commit_if_due();
        return true;
    }

    /// The files gone, the synonym table, the stat list, and the last commit.
    void finish(const Synonyms& syn) {
        if (!stats_.interrupted) {
            for (const FileRecord* rec : plan_.removed) {
                if (!build_) {
                    delete_file(out_, rec->display);
                    out_.set_metadata(file_key(rec->display), "");
                }
                if (rec->passages) ++stats_.files_removed;
            }
            if (syn.fingerprint() != out_.get_metadata(schema::kSynonymsKey)) syn.apply(out_);
            out_.set_metadata(schema::kStatListKey, plan_.stat_list(stats_.interrupted));
        }
        spelling_.flush(out_);
        out_.commit_transaction();
        stats_.wrote = true;
    }

  private:
    void skipped(const FileJob& job, const FileResult& r) {
        const std::string& display = job.cand.display;
        if (r.skip == kNotText)
            stats_.other_files.push_back(display);
        else
            stats_.skipped.push_back({display, r.skip});
        auto old = plan_.records.find(display);
        if (old != plan_.records.end() && old->second.passages) { // excluded now: its passages go
            if (!build_) delete_file(out_, display);
            ++stats_.files_removed;
        }
        // Remember the skip (size, mtime) so an unchanged bad file is
        // not retried, and not seen as new, on every run.
        FileRecord rec = r.record;
        rec.hash = skip_hash(r.skip);
        rec.passages = 0;
        out_.set_metadata(file_key(display), encode_record(rec));
        plan_.seen.add_file(job.cand.abs, rec.size, rec.mtime_ns, list_flag(rec.hash));
    }

    void written(FileJob& job, FileResult& r) {
        const std::string& display = job.cand.display;
        bool had = !build_ && plan_.records.count(display);
        if (had && plan_.reparse_all) delete_file(out_, display);
        size_t n = r.docs.size();
        if (build_) {
            build_->add(std::move(r.docs), spelling_);
        } else if (had && !plan_.reparse_all) {
            replace_file(out_, r.docs, spelling_,
                         job.held.empty() ? held_passages(out_, display) : std::move(job.held));
        } else {
            for (const BuiltPassage& d : r.docs) {
                out_.add_document(d.doc);
                spelling_.add(d.spelling);
            }
        }
        ++stats_.files_indexed;
        stats_.passages += n;
        stats_.questions += r.questions;
        in_txn_ += n + 1;
    }

    void commit_if_due() {
        if (build_ ? in_txn_ < full_build_batch(opt_.batch_passages) && !build_->commit_due()
                   : in_txn_ < opt_.batch_passages)
            return;
        spelling_.flush(out_);
        out_.commit_transaction();
        if (build_) {
            build_->committed();
        } else { // a full build reaches the index only when it is swapped in
            stats_.files_committed = stats_.files_indexed + stats_.files_removed;
            stats_.passages_committed = stats_.passages;
        }
        out_.begin_transaction();
        in_txn_ = 0;
    }

    const IndexOptions& opt_;
    Xapian::WritableDatabase& out_;
    FullBuild* build_; ///< null: writing into the index itself
    RunPlan& plan_;
    IndexStats& stats_;
    SpellingBatch spelling_;
    size_t in_txn_ = 0; ///< documents and records since the last commit
};

/// Seconds since `t0`, into stats, and stats returned.
IndexStats& done(IndexStats& stats, std::chrono::steady_clock::time_point t0) {
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return stats;
}

/// The body of run_index; `stats` says what was committed if it throws.
IndexStats& write_index(const IndexOptions& opt, IndexObserver* obs, IndexStats& stats) {
    auto t0 = std::chrono::steady_clock::now();
    RunSetup setup = open_run(opt);
    Xapian::WritableDatabase& db = setup.db;
    std::optional<RunPlan> listed = plan_from_list(opt, setup, stats);
    RunPlan plan = listed ? std::move(*listed) : plan_run(opt, setup, stats);
    if (plan.jobs.empty() && plan.removed.empty() && same_state(db, setup.state)) {
        // Nothing to write; the stored list is rewritten only when it no
        // longer matches the disk (a non-note file came or went).
        if (!plan.list_current) refresh_stat_list(db, plan.stat_list(stats.interrupted));
        stats.total_passages = db.get_doccount();
        return done(stats, t0);
    }
    hold_old_passages(db, plan, opt.held_bytes);
    unsigned threads =
        opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    // A full build on two or more threads writes two fresh databases beside
    // the index and swaps their merge in at the end (writers.hpp).
    std::unique_ptr<FullBuild> build;
    if (plan.full_build && threads >= 2 && plan.jobs.size() >= 2 && can_compact(opt.db))
        build = std::make_unique<FullBuild>(opt.db, full_build_batch(opt.batch_passages));
    RunWriter writer(opt, build ? build->main() : db, build.get(), plan, stats);
    writer.begin(setup);
    {
        Pipeline pipe(plan.jobs, {&opt, &setup.tax, setup.syn_path.empty() ? nullptr : &setup.syn},
                      threads);
        for (size_t i = 0; i < plan.jobs.size(); ++i) {
            if (interrupt_requested()) {
                stats.interrupted = true;
                for (size_t k = i; k < plan.jobs.size(); ++k)
                    stats.not_indexed.push_back(plan.jobs[k].cand.display);
                break;
            }
            FileResult r = pipe.take(i);
            if (writer.add(plan.jobs[i], r) && obs)
                obs->progress(i + 1, plan.jobs.size(), stats.passages);
        }
    }
    if (build) build->close_input(); // its last commit beside ours
    writer.finish(setup.syn);
    if (build) {
        finish_full_build(std::move(build), plan.jobs, !plan.records.empty(), stats);
        stats.total_passages = stats.wrote ? stats.total_passages : db.get_doccount();
    } else {
        stats.total_passages = db.get_doccount();
        if (plan.full_build && !stats.interrupted && stats.files_indexed)
            compact_after_build(opt.db, stats);
    }
    db.close();
    return done(stats, t0);
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

/// True for a DatabaseError that is a write the system refused (run_index()).
bool write_refused(const Xapian::DatabaseError& e) {
    return e.get_msg().rfind("EOF", 0) != 0 && e.get_type() == std::string("DatabaseError");
}

/// The guard of the run writing now, for terminate_while_writing().
std::atomic<const FailedWriteGuard*> g_writing{nullptr};
std::terminate_handler g_next_handler = nullptr;

/// The message of a write `e` refused while the run of `db` with `stats`
/// wrote, or "" when `e` is something else (FailedWriteGuard).
std::string failed_write_message(const std::string& db, const IndexStats& stats,
                                 const std::exception_ptr& e) {
    try {
        if (e) std::rethrow_exception(e);
    } catch (const Xapian::DatabaseError& x) {
        if (stats.writing && write_refused(x)) return write_failure(db, x, stats);
    } catch (...) {
    }
    return {};
}

/// See FailedWriteGuard.
[[noreturn]] void terminate_while_writing() {
    if (const FailedWriteGuard* g = g_writing.load()) g->end_process();
    if (g_next_handler) g_next_handler();
    std::abort();
}

} // namespace

FailedWriteGuard::FailedWriteGuard(const std::string& db, const IndexStats& stats)
    : db_(db), stats_(&stats) {
    static std::once_flag installed;
    std::call_once(installed, [] { g_next_handler = std::set_terminate(terminate_while_writing); });
    before_ = g_writing.exchange(this);
}

FailedWriteGuard::~FailedWriteGuard() {
    g_writing.store(before_);
}

void FailedWriteGuard::end_process() const {
    const std::string why = failed_write_message(db_, *stats_, std::current_exception());
    if (why.empty()) return;
    const std::string msg = std::string(program_invocation_short_name) + ": " + why + "\n";
    [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, msg.data(), msg.size());
    remove_compaction_leftovers(db_);
    ::_exit(2);
}

IndexStats run_index(const IndexOptions& opt, IndexObserver* obs) {
    IndexStats stats;
    FailedWriteGuard guard(opt.db, stats);
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
        if (!stats.writing || !write_refused(e)) throw;
        throw IndexWriteError(write_failure(opt.db, e, stats));
    }
}

} // namespace crib
