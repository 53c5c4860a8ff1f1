// crib-index: split note files into passages and index them with Xapian.
//
// main() alone decides exit codes: 0 done, 2 error, 3 done but some files
// were skipped, 130 interrupted (what was committed stays).
#include "common/config.hpp"
#include "common/json.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "formats/formats.hpp"
#include "formats/notes_parser.hpp"
#include "formats/passage_stats.hpp"
#include "index/document.hpp"
#include "index/passage_json.hpp"
#include "index/schema.hpp"
#include "index/topics.hpp"
#include "watch/watch.hpp"
#include "writer/check.hpp"
#include "writer/index_run.hpp"
#include "writer/note_file.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>

#if defined(__SANITIZE_ADDRESS__)
// Xapian::Database::check (crib-index --check) trips ASan's new/delete size
// check inside libxapian, which is built without ASan; the mismatch is not
// in crib's code.  Everything else ASan checks stays on.
extern "C" const char* __asan_default_options() {
    return "new_delete_type_mismatch=0";
}
#endif

namespace {

struct Options {
    std::string db;
    std::vector<std::string> paths;
    std::vector<std::string> exclude; ///< --exclude GLOB, repeatable
    bool rebuild = false, wait = false, dump = false, quiet = false, types = false, check = false;
    bool stats = false;
    bool prune = false, watch = false;
    int verbose = 0;
    std::string format = "text";
    std::string max_size = "16M";
    std::string topics, synonyms;
    unsigned threads = 0;
    size_t batch = 50000;
};

/// Largest --max-size: files are read into memory whole.
constexpr double kMaxSizeLimit = 1024.0 * double(1ull << 30);

/// --max-size: a decimal number (a fraction allowed) with an optional unit
/// K/M/G (powers of 1024), from 1 byte to 1024G.  Anything else ("inf",
/// "1e30G", "0", "-0", "0x10", " 5") is an error, not a size.
uint64_t parse_size(const std::string& s) {
    std::string shown;
    for (char c : s.substr(0, 40))
        shown += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    const std::invalid_argument bad("bad --max-size '" + shown +
                                    "': give a size from 1 byte to 1024G, such as 16M, 500K or 1G");
    auto digits_from = [&](size_t i) {
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
            ++i;
        return i;
    };
    size_t pos = digits_from(0);
    if (pos == 0) throw bad;
    if (pos < s.size() && s[pos] == '.') {
        size_t end = digits_from(pos + 1);
        if (end == pos + 1) throw bad; // "1." has no fraction
        pos = end;
    }
    double v = std::strtod(s.substr(0, pos).c_str(), nullptr);
    std::string unit = s.substr(pos);
    double mult = 1;
    if (unit == "k" || unit == "K" || unit == "KiB")
        mult = double(1ull << 10);
    else if (unit == "m" || unit == "M" || unit == "MiB")
        mult = double(1ull << 20);
    else if (unit == "g" || unit == "G" || unit == "GiB")
        mult = double(1ull << 30);
    else if (!unit.empty())
        throw bad;
    double bytes = v * mult;
    if (!(bytes >= 1) || bytes > kMaxSizeLimit) throw bad;
    return static_cast<uint64_t>(bytes);
}

/// A progress bar on stderr, only on a terminal and only after 0.5 s.
class Progress : public crib::IndexObserver {
  public:
    explicit Progress(bool enabled) : enabled_(enabled), t0_(std::chrono::steady_clock::now()) {}
    void progress(size_t done, size_t total, size_t passages) override {
        if (!enabled_) return;
        double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
        if (el < 0.5 || (done != total && el - last_ < 0.1)) return;
        last_ = el;
        double rate = passages / std::max(el, 1e-6);
        double eta = done ? el * double(total - done) / double(done) : 0;
        int width = 30, fill = total ? int(width * done / total) : width;
        std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu files, %zu passages, %.0f/s, ETA %.1fs ", fill,
                     "##############################", width - fill, "", done, total, passages,
                     rate, eta);
        shown_ = true;
    }
    void clear() {
        if (shown_) std::fprintf(stderr, "\r\033[K");
    }

  private:
    bool enabled_, shown_ = false;
    double last_ = 0;
    std::chrono::steady_clock::time_point t0_;
};

std::string resolve_data(const std::string& given, const char* name, const char* env) {
    return given.empty() ? crib::find_data_file(name, env) : given;
}

/// --dump --stats: one line per file, its passages, questions and largest passage.
void print_stats(const std::string& file, const std::vector<crib::Passage>& passages, bool json) {
    crib::PassageStats s = crib::passage_stats(passages);
    if (!json) {
        std::cout << crib::quote_path(file) << ": " << crib::stats_text(s) << "\n";
        return;
    }
    std::string out = "{\"file\":";
    crib::json_string(out, file);
    std::cout << out << "," << crib::stats_json_fields(s) << "}\n";
}

int dump(const Options& o) {
    std::vector<crib::Skipped> skipped;
    auto files = crib::list_note_files(o.paths, skipped, o.exclude);
    std::string tax_path = resolve_data(o.topics, "crib-topics.conf", "CRIB_TOPICS");
    crib::Taxonomy tax = tax_path.empty() ? crib::Taxonomy() : crib::Taxonomy::load(tax_path);
    const uint64_t max_size = parse_size(o.max_size);
    for (const auto& f : files) {
        crib::NoteFileRequest req{.abs = f.abs,
                                  .display = f.display,
                                  .folder = f.folder,
                                  .size = f.size, // as the walk stat'ed it
                                  .max_size = max_size,
                                  .taxonomy = &tax};
        crib::ParsedNoteFile nf = crib::parse_note_file(req);
        if (nf.not_text) {
            // As indexing: a binary note file is skipped; a file without an
            // extension found in a folder is another file, not a note, unless
            // it was named on the command line.
            bool named = std::find(o.paths.begin(), o.paths.end(), f.display) != o.paths.end();
            if (named || nf.skip == "binary file") skipped.push_back({f.display, nf.skip});
            continue;
        }
        if (!nf.skip.empty()) {
            skipped.push_back({f.display, nf.skip});
            continue;
        }
        const crib::ParseResult& pr = nf.parsed;
        for (const auto& w : pr.warnings)
            std::cerr << "crib-index: " << crib::terminal_safe(f.display + ": " + w) << "\n";
        if (o.stats) {
            print_stats(f.display, pr.passages, o.format == "json");
            continue;
        }
        for (const auto& p : pr.passages) {
            if (o.format == "json") {
                std::cout << crib::dump_json(p) << "\n";
            } else {
                std::cout << crib::quote_path(p.file) << ":" << p.line << "-" << p.end_line << " ["
                          << p.kind << "] " << (p.parent_line ? "  " : "")
                          << crib::terminal_safe(p.question) << "\n";
            }
        }
    }
    for (const auto& s : skipped)
        std::cerr << "crib-index: skipped " << crib::terminal_safe(s.path + ": " + s.reason)
                  << "\n";
    if (!std::cout.flush() && errno != EPIPE) // /dev/full, a full disk: not "done"
        throw crib::Error(std::string("write error: ") + std::strerror(errno));
    return skipped.empty() ? 0 : 3;
}

/// --check: read the whole index; 0 when whole, 2 when damaged.
int check(const std::string& db) {
    crib::CheckReport r = crib::check_index(db);
    if (!r.damage.empty()) {
        std::cerr << "crib-index: "
                  << crib::terminal_safe(crib::schema::damaged_error(db, r.damage)) << "\n";
        return 2;
    }
    std::printf("index %s is whole: %zu passages, %zu files, checked in %.2f s\n",
                crib::terminal_safe(db).c_str(), r.passages, r.files, r.seconds);
    return 0;
}

void on_signal(int) {
    crib::interrupt_requested() = true;
}

/// "1 passage", "2 passages".
std::string counted(size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string summary(const crib::IndexStats& s) {
    std::ostringstream o;
    if (s.files_indexed || s.wrote)
        o << "indexed " << counted(s.files_indexed, "file") << ", "
          << counted(s.passages, "passage") << " (" << counted(s.questions, "question") << ")";
    else
        o << "index up to date";
    o << " in " << std::fixed;
    o.precision(2);
    o << s.seconds << " s";
    if (s.files_unchanged) o << "; " << s.files_unchanged << " unchanged";
    if (s.files_removed) o << "; " << s.files_removed << " removed";
    if (!s.other_files.empty())
        o << "; " << s.other_files.size() << " other file" << (s.other_files.size() == 1 ? "" : "s")
          << " not notes (-v lists them)";
    o << "; " << counted(s.total_passages, "passage") << " in index";
    if (!s.skipped.empty()) {
        o << "; " << s.skipped.size() << " skipped: ";
        for (size_t i = 0; i < s.skipped.size() && i < 3; ++i)
            o << (i ? ", " : "") << s.skipped[i].path << " (" << s.skipped[i].reason << ")";
        if (s.skipped.size() > 3) o << ", ... (-v lists all)";
    }
    return o.str();
}

/// --watch: index, then keep the index fresh until SIGINT/SIGTERM (exit 0).
int watch(const crib::IndexOptions& io, const Options& o) {
    crib::WatchOptions w;
    w.report = [&](const crib::IndexStats& s) {
        if (!o.quiet && (s.wrote || s.files_removed || !s.skipped.empty()))
            std::cerr << crib::terminal_safe(summary(s)) << "\n";
        for (const auto& root : s.vanished_roots)
            std::cerr << "crib-index: " << crib::terminal_safe(root)
                      << " is gone (moved or unmounted?); its passages are kept\n";
        if (s.interrupted_waiting)
            std::cerr << "crib-index: stopped while waiting for another crib-index; the changes "
                         "are left for the next run (or crib's own check)\n";
        else if (s.interrupted)
            std::cerr << "crib-index: stopped during an update; " << s.not_indexed.size()
                      << " changed file(s) left for the next run (or crib's own check)\n";
    };
    w.warn = [](const std::string& why) {
        std::cerr << "crib-index: update failed (retried at the next change): "
                  << crib::terminal_safe(why) << "\n";
    };
    w.note = [](const std::string& what) {
        std::cerr << "crib-index: " << crib::terminal_safe(what) << "\n";
    };
    w.started = [&] {
        if (!o.quiet)
            std::cerr << "crib-index: watching the notes of " << crib::terminal_safe(io.db)
                      << " (Ctrl-C stops)\n";
    };
    crib::watch_index(io, w);
    if (!o.quiet) std::cerr << "crib-index: stopped watching\n";
    return 0;
}

int run(const Options& o) {
    crib::Config cfg = crib::load_config();
    for (const auto& e : cfg.errors)
        std::cerr << "crib-index: " << crib::terminal_safe(e) << "\n";
    for (const auto& e : crib::apply_type_add(cfg.type_add))
        std::cerr << "crib-index: " << crib::terminal_safe(e) << "\n";
    if (!o.exclude.empty() && (o.check || o.types)) // it would be silently ignored
        throw crib::IndexUsageError(
            "--exclude chooses the notes to index: not with --check or --types");
    if (o.types) {
        std::cout << crib::describe_formats();
        return 0;
    }
    if (o.watch && (o.dump || o.check || o.types))
        throw crib::IndexUsageError(
            "--watch updates an index: not with --dump, --check or --types");
    if (o.stats && !o.dump) throw crib::IndexUsageError("--stats goes with --dump");
    if (o.dump) {
        if (o.paths.empty()) throw crib::IndexUsageError("--dump needs PATH...");
        for (const auto& p : o.paths) // named explicitly: a missing one is an error, not a skip
            if (::access(p.c_str(), F_OK) != 0)
                throw crib::IndexUsageError("--dump: cannot open " + p + ": " +
                                            std::strerror(errno));
        return dump(o);
    }
    crib::IndexOptions io;
    io.db = !o.db.empty() ? o.db : !cfg.db.empty() ? cfg.db : crib::default_db_path();
    if (o.check) {
        if (!o.paths.empty() || o.rebuild)
            throw crib::IndexUsageError("--check takes no paths and no --rebuild");
        return check(io.db);
    }
    io.roots = o.paths;
    io.exclude = o.exclude;
    io.default_roots = cfg.notes;
    io.rebuild = o.rebuild;
    io.prune = o.prune;
    io.wait = o.wait;
    io.max_size = parse_size(o.max_size);
    io.taxonomy = o.topics;
    io.synonyms = o.synonyms;
    io.default_taxonomy = crib::find_data_file("crib-topics.conf", "CRIB_TOPICS");
    io.default_synonyms = crib::find_data_file("crib-synonyms.conf", "CRIB_SYNONYMS");
    io.threads = o.threads;
    io.batch_passages = o.batch;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    if (o.watch) return watch(io, o);
    Progress bar(!o.quiet && isatty(STDERR_FILENO));
    crib::IndexStats s = crib::run_index(io, &bar);
    bar.clear();
    if (s.interrupted_waiting) {
        std::cerr << "crib-index: interrupted while waiting for another crib-index; nothing "
                     "written\n";
        return 130;
    }
    if (!o.quiet) std::cerr << crib::terminal_safe(summary(s)) << "\n";
    for (const auto& root : s.vanished_roots) // said even with -q: passages kept on purpose
        std::cerr << "crib-index: " << crib::terminal_safe(root)
                  << " is gone (moved or unmounted?); its passages are kept until it comes back "
                     "or crib-index --prune\n";
    if (o.verbose) {
        if (s.planned_from_list)
            std::cerr << "crib-index: files compared with the stored file list; no folder walked\n";
        for (const auto& k : s.skipped)
            std::cerr << "skipped " << crib::terminal_safe(k.path + ": " + k.reason) << "\n";
        for (const auto& f : s.other_files)
            std::cerr << "not a note: " << crib::terminal_safe(f) << "\n";
        for (const auto& w : s.warnings)
            std::cerr << "note: " << crib::terminal_safe(w) << "\n";
    }
    if (s.interrupted) {
        std::cerr << "crib-index: interrupted; committed what was done, " << s.not_indexed.size()
                  << " changed file(s) not indexed (run crib-index again)\n";
        return 130;
    }
    return s.skipped.empty() ? 0 : 3;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"crib-index: index interview notes for crib.\n\n"
                 "Examples:\n"
                 "  crib-index ~/notes              index (or update) a folder\n"
                 "  crib-index                      update the folders indexed before\n"
                 "  crib-index --rebuild ~/notes    start over with exactly these roots\n"
                 "  crib-index --dump notes.md      show how a file splits into passages\n",
                 "crib-index"};
    Options o;
    app.add_option(
        "paths", o.paths,
        "Note files and folders (--types lists the formats); default: the remembered ones");
    app.add_option("--db", o.db,
                   "Database directory (default: config db, $CRIB_DB, "
                   "${XDG_DATA_HOME:-~/.local/share}/crib/index)");
    app.add_flag("--rebuild", o.rebuild,
                 "Re-index everything; the given paths replace the remembered roots");
    app.add_option("--exclude", o.exclude,
                   "Leave out files and folders matching this glob (a name, or a path below the "
                   "root with /); repeatable, remembered with the roots")
        ->type_name("GLOB")
        ->allow_extra_args(false) // "--exclude X notes": notes is a path
        ->check(
            [](const std::string& g) {
                return g.empty() || g.find('\n') != std::string::npos
                           ? std::string("an --exclude pattern is one non-empty line")
                           : std::string();
            },
            "");
    app.add_flag("--prune", o.prune,
                 "Forget remembered roots that no longer exist, and their passages");
    app.add_flag("--wait", o.wait, "Wait for another crib-index to finish instead of failing");
    app.add_flag("--watch", o.watch,
                 "Index, then keep the index fresh as notes change (inotify) until Ctrl-C; crib "
                 "skips its own freshness check meanwhile");
    app.add_flag("--dump", o.dump, "Print the passages found, write no database");
    app.add_flag("--stats", o.stats,
                 "With --dump: per file, the passages, questions and largest passage found");
    app.add_flag("--check", o.check, "Read the whole index and report damage (exit 2) or none");
    app.add_flag("--types", o.types, "List the note formats and the extensions each reads");
    app.add_option("--format", o.format, "--dump format")->check(CLI::IsMember({"text", "json"}));
    app.add_option("--max-size", o.max_size, "Skip files larger than this (default 16M)");
    app.add_option("--topics", o.topics,
                   "Topic taxonomy file (default: crib-topics.conf, see README)");
    app.add_option("--synonyms", o.synonyms, "Synonyms file (default: crib-synonyms.conf)");
    app.add_option("-j,--threads", o.threads, "Parser threads (default: one per core)");
    app.add_option("--batch-size", o.batch,
                   "Passages per commit (default 50000); each commit is a complete state")
        ->check(CLI::PositiveNumber);
    app.add_flag("-q,--quiet", o.quiet, "No progress and no summary");
    app.add_flag("-v,--verbose", o.verbose, "List every skipped file and decoding note");
    app.set_version_flag("--version", "crib-index " CRIB_VERSION);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    try {
        return run(o);
    } catch (const crib::Error& e) {
        std::cerr << "crib-index: " << crib::terminal_safe(e.message()) << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "crib-index: "
                  << crib::terminal_safe(
                         crib::xapian_error(e, "move it away and run crib-index --rebuild PATH...")
                             .message())
                  << "\n";
    } catch (const std::exception& e) {
        std::cerr << "crib-index: " << crib::terminal_safe(e.what()) << "\n";
    }
    return 2;
}
