// crib: search interview notes indexed by crib-index.
//
// Raw flags -> Options -> SearchRequest -> Printer.  main() alone picks exit
// codes: 0 something matched, 1 nothing matched, 2 error.
#include "config.hpp"
#include "formats.hpp"
#include "index_run.hpp"
#include "output.hpp"
#include "paths.hpp"
#include "printer.hpp"
#include "search.hpp"
#include "styled.hpp"
#include "subcommands.hpp"
#include "text.hpp"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <future>
#include <utility>
#include <vector>
#include <iostream>
#include <limits>
#include <system_error>

namespace {

struct Options {
    std::vector<std::string> words;
    std::vector<std::string> dbs; ///< --db, repeatable: several indexes searched as one
    std::string format, color, sort = "relevance", show;
    std::vector<std::string> topics;
    std::string open_id;
    bool open = false, list_topics = false, files = false, count = false, null_sep = false;
    bool vimgrep = false, full = false, all = false, no_update = false, stats = false;
    bool no_related = false, no_facets = false;
    std::string limit_text; ///< -n as given ("" = not given; a number or "all")
    long long limit = -1;   ///< -1 = not given, else hits to show (kNoLimit for "all")
    size_t offset = 0;
};

/// -n "all" for every hit.
constexpr long long kNoLimit = std::numeric_limits<Xapian::doccount>::max() / 2;

/// "all" or a decimal number up to a billion; false for anything else ("-1", "abc").
bool parse_limit(const std::string& s, long long& out) {
    if (s == "all") return out = kNoLimit, true;
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = std::stoll(s);
    if (out > 1000000000) out = kNoLimit;
    return true;
}

/// "crib: no matches for ..." on stderr, with what could help: the spelling
/// suggestion, or the topic list when a -t topic does not exist.
void say_no_matches(const crib::SearchResult& r, const std::vector<std::string>& topics,
                    const crib::IndexSet& db) {
    std::string msg = "crib: no matches";
    if (!r.query.empty()) msg += " for \"" + r.query + "\"";
    if (!topics.empty()) {
        msg += " with topic";
        for (const auto& t : topics)
            msg += " " + t;
    }
    if (r.corrected) msg += " (did you mean: " + *r.corrected + "?)";
    std::vector<std::string> missing;
    if (!topics.empty()) {
        auto known = crib::list_topics(db);
        for (const auto& t : topics) {
            bool found = false;
            for (const auto& [name, n] : known)
                found = found || name == crib::ascii_lower(t);
            if (!found) missing.push_back(t);
        }
    }
    if (!missing.empty())
        msg += "; no topic named " + missing.front() + " (crib --topics lists them)";
    std::cerr << crib::terminal_safe(msg) << "\n";
}

int terminal_width() {
    struct winsize w;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 20) return w.ws_col;
    return 80;
}

bool want_color(const std::string& mode, bool tty) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    if (no && *no) return false;
    if (term && std::string(term) == "dumb") return false;
    return tty;
}

crib::Format pick_format(const Options& o, bool tty, const std::string& color_mode) {
    if (o.count) return crib::Format::count;
    if (o.files) return crib::Format::files;
    if (o.vimgrep) return crib::Format::vimgrep;
    const std::string& f = o.format;
    if (f == "json") return crib::Format::json;
    if (f == "jsonl") return crib::Format::jsonl;
    if (f == "grep") return crib::Format::grep;
    if (f == "vimgrep") return crib::Format::vimgrep;
    if (f == "plain") return crib::Format::plain;
    if (f == "human") return crib::Format::human;
    // Like rg: plain into a pipe, unless colour was asked for explicitly.
    return tty || color_mode == "always" ? crib::Format::human : crib::Format::plain;
}

/// The freshness check's outcome (found on its own thread, beside the search).
struct Staleness {
    bool stale = false;
    std::string error; ///< the check failed: said once, the search goes on
};

/// Have the notes changed since the index was written (stat only)?  Never throws.
Staleness check_staleness(const std::string& db) {
    Staleness s;
    try {
        Xapian::Database rdb(db);
        s.stale = crib::index_is_stale(rdb);
    } catch (const Xapian::DatabaseOpeningError&) {
        // no index yet: search() reports it
    } catch (const std::exception& e) {
        s.error = e.what();
    } catch (const Xapian::Error& e) {
        s.error = e.get_description();
    }
    return s;
}

/// Start the check on a thread (or, without threads, when it is asked for).
std::future<Staleness> start_check(const std::string& db) {
    try {
        return std::async(std::launch::async, check_staleness, db);
    } catch (const std::system_error&) {
        return std::async(std::launch::deferred, check_staleness, db);
    }
}

/// Re-index a stale index; never fatal.  True when the index changed.
bool update_index(const std::string& db, bool human) {
    try {
        crib::IndexOptions io; // the index's own roots and data files
        io.db = db;
        io.default_taxonomy = crib::find_data_file("crib-topics.conf", "CRIB_TOPICS");
        io.default_synonyms = crib::find_data_file("crib-synonyms.conf", "CRIB_SYNONYMS");
        crib::IndexStats s = crib::run_index(io);
        if (human && s.wrote)
            std::cerr << "crib: notes changed; re-indexed " << s.files_indexed
                      << " file(s), removed " << s.files_removed << "\n";
        return s.wrote;
    } catch (const crib::IndexLocked&) {
        std::cerr << "crib: another crib-index is updating the index; results may be stale\n";
    } catch (const crib::SchemaMismatch&) {
        // search() refuses the index too, with the same hint: say it once
    } catch (const Xapian::DatabaseOpeningError&) {
        // no index yet: search() reports it
    } catch (const std::exception& e) {
        std::cerr << "crib: could not refresh the index: " << crib::terminal_safe(e.what()) << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "crib: could not refresh the index: "
                  << crib::terminal_safe(e.get_description()) << "\n";
    }
    return false;
}

/// Wait for the freshness check: say why it failed, or update a stale index.
/// True when the index changed (the search must run again).
bool finish_refresh(std::future<Staleness>& check, const std::string& db, bool human) {
    Staleness s = check.get();
    if (!s.error.empty()) {
        std::cerr << "crib: could not refresh the index: " << crib::terminal_safe(s.error) << "\n";
        return false;
    }
    return s.stale && update_index(db, human);
}

/// Wait for every index's check; true when any index changed.
bool finish_refreshes(std::vector<std::pair<std::string, std::future<Staleness>>>& checks, bool human) {
    bool changed = false;
    for (auto& [spec, check] : checks)
        if (check.valid()) changed = finish_refresh(check, spec, human) || changed;
    return changed;
}

/// The file of a passage as a path that works from here: the path as shown
/// if it exists, else the absolute path crib-index recorded.  Throws
/// IndexUsage for a passage of a remote index (its file is on another machine).
std::string openable_path(const std::string& db, const crib::Passage& p) {
    if (crib::is_remote(db))
        throw std::runtime_error(p.file + " is in the remote index " + db +
                                 "; --open works on local indexes (crib --show prints it)");
    if (::access(p.file.c_str(), F_OK) == 0) return p.file;
    try {
        auto records = crib::read_file_records(Xapian::Database(db));
        auto it = records.find(p.file);
        if (it != records.end()) return it->second.abs;
    } catch (const Xapian::Error&) {
    }
    return p.file;
}

int open_editor(const crib::Passage& p, const std::string& path) {
    const char* ed = std::getenv("VISUAL");
    if (!ed || !*ed) ed = std::getenv("EDITOR");
    if (!ed || !*ed) ed = "vi";
    std::string line = "+" + std::to_string(p.line);
    // sh -c allows EDITOR="code -w" style values; the path is passed as an argument.
    execlp("sh", "sh", "-c", (std::string(ed) + " \"$1\" \"$2\"").c_str(), "sh", line.c_str(),
           path.c_str(), static_cast<char*>(nullptr));
    std::perror("crib: cannot start editor");
    return 2;
}

int run(const Options& o, const crib::Config& cfg) {
    // --db as given (each time); else the config's db and the dbs searched with it.
    crib::IndexSet db = o.dbs;
    if (db.specs.empty()) {
        db.specs.push_back(!cfg.db.empty() ? cfg.db : crib::default_db_path());
        db.specs.insert(db.specs.end(), cfg.dbs.begin(), cfg.dbs.end());
    }
    bool tty = isatty(STDOUT_FILENO);
    crib::PrintOptions po;
    const std::string color_mode = !o.color.empty()     ? o.color
                                   : !cfg.color.empty() ? cfg.color
                                                        : "auto";
    po.color = want_color(color_mode, tty);
    po.width = tty ? terminal_width() : 0;
    po.full = o.full;
    po.null_sep = o.null_sep;
    po.terminal = tty;

    if (o.list_topics) {
        auto topics = crib::list_topics(db);
        for (const auto& [name, n] : topics)
            crib::emit(crib::terminal_safe(name) + "\t" + std::to_string(n) + "\n");
        return topics.empty() ? 1 : 0;
    }
    if (!o.show.empty()) {
        auto p = crib::lookup(db, o.show);
        if (!p) {
            std::cerr << "crib: no passage with id " << crib::terminal_safe(o.show)
                      << " (ids look like file:line)\n";
            return 1;
        }
        crib::emit(crib::format_passage(*p, po));
        return 0;
    }
    std::vector<std::string> words = o.words;
    if (o.open && !o.open_id.empty()) {
        std::string spec;
        if (auto p = crib::lookup(db, o.open_id, &spec)) return open_editor(*p, openable_path(spec, *p));
        // "crib --open statefulset": not an id, so the first query word.
        words.insert(words.begin(), o.open_id);
    }

    crib::SearchRequest req;
    req.db = db;
    for (const auto& w : words)
        req.query += (req.query.empty() ? "" : " ") + w;
    req.topics = o.topics;
    req.limit = o.limit >= 0 ? size_t(o.limit) : cfg.limit > 0 ? size_t(cfg.limit) : 10;
    req.offset = o.offset;
    req.sort =
        o.sort == "file" ? crib::SearchRequest::Sort::file : crib::SearchRequest::Sort::relevance;
    req.all = o.all;
    crib::Format fmt = pick_format(o, tty, color_mode);
    bool light = fmt == crib::Format::files || fmt == crib::Format::count ||
                 fmt == crib::Format::grep || fmt == crib::Format::vimgrep;
    req.related = !o.no_related && !light && !o.open;
    req.facets = !o.no_facets && !light && !o.open;
    req.snippets = !light && !o.open;
    // Machine formats list every hit unless -n is given (a pipe into fzf or
    // wc wants them all); people get a page.
    bool lists = fmt == crib::Format::grep || fmt == crib::Format::vimgrep ||
                 fmt == crib::Format::jsonl || fmt == crib::Format::files;
    if (lists && o.limit < 0) req.limit = size_t(kNoLimit);
    if (fmt == crib::Format::count) req.limit = 0;
    if (fmt == crib::Format::files) req.all = true; // every file with a match, duplicates included
    // The freshness checks (a stat per note file) run beside the search: when
    // nothing changed, as usual, the results are ready when they are done.
    // Remote indexes are refreshed by whoever serves them.
    std::vector<std::pair<std::string, std::future<Staleness>>> checks;
    if (!o.no_update)
        for (const std::string& spec : db.specs)
            if (!crib::is_remote(spec)) checks.emplace_back(spec, start_check(spec));
    const bool human_fmt = fmt == crib::Format::human || fmt == crib::Format::plain;

    auto t0 = std::chrono::steady_clock::now();
    crib::SearchResult r;
    try {
        r = crib::search(req);
    } catch (...) {
        finish_refreshes(checks, human_fmt); // their messages, as before the search's error
        throw;
    }
    if (finish_refreshes(checks, human_fmt)) r = crib::search(req);
    bool nothing = r.total == 0 && r.hits.empty();
    if (nothing && (o.open || fmt == crib::Format::human || fmt == crib::Format::plain))
        say_no_matches(r, req.topics, db);
    if (o.open) {
        if (r.hits.empty()) return 1;
        const crib::Hit& top = r.hits.front();
        return open_editor(top.passage, openable_path(db.several() ? top.index : db.specs.front(), top.passage));
    }
    bool human = fmt == crib::Format::human || fmt == crib::Format::plain;
    if (r.searched_corrected && r.corrected && !human) // machine formats: the note goes to stderr
        std::cerr << "crib: searched for \"" << crib::sanitize(*r.corrected)
                  << "\" (corrected from \"" << crib::sanitize(r.query) << "\")\n";
    auto printer = crib::make_printer(fmt, po);
    crib::print_result(*printer, r);
    crib::flush_output();
    if (o.stats) {
        double total =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        const auto& t = r.timings;
        std::fprintf(stderr,
                     "crib: open %.2f parse %.2f match %.2f facets %.2f snippets %.2f related %.2f "
                     "total %.2f ms\n",
                     t.open, t.parse, t.match, t.facets, t.snippets, t.related, total);
    }
    return r.total > 0 || !r.hits.empty() ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // EPIPE is handled in output.cpp: quiet exit
    if (int rc = crib::run_subcommand(argc, argv); rc >= 0) return rc; // crib quiz, crib gaps
    CLI::App app{"crib: search your interview notes.\n\n"
                 "Examples:\n"
                 "  crib what is a statefulset          ranked answers, matches highlighted\n"
                 "  crib -t kubernetes scaling          only passages about kubernetes\n"
                 "  crib 'q:docker NOT compose'         question field, boolean syntax\n"
                 "  crib --format grep k8s | fzf        path:line:question lines\n"
                 "  crib --format json ec2 | jq .hits[0].question\n"
                 "  crib --show notes/k8s.md:12         one whole passage\n"
                 "  crib --open statefulset             top hit in $VISUAL/$EDITOR at its line\n"
                 "  crib quiz -t kubernetes             drill the questions (crib quiz --help)\n"
                 "  crib gaps job.txt                   what a job asks that the notes miss\n",
                 "crib"};
    Options o;
    // Options come first: from the first query word on, everything is query
    // text ("crib what does ls -l do", "crib docker run -it"); "--" also ends options.
    app.prefix_command();
    app.footer("Query words: crib [OPTIONS] [--] WORDS...  Xapian query syntax (\"phrase\", AND, "
               "OR, NOT,\n"
               "-word, kube*, q:, a:, topic:, file:, kind:).  Options go before the words: from "
               "the first\n"
               "word on everything is query text (crib what does ls -l do).");
    app.add_option("--db", o.dbs,
                   "Index folder or tcp://HOST:PORT; repeat to search several as one (default: config "
                   "db and dbs, $CRIB_DB, ~/.local/share/crib/index)")
        ->allow_extra_args(false);
    app.add_option("-f,--format", o.format,
                   "Output: human, plain, grep, vimgrep, json, jsonl (default human on a terminal, "
                   "plain otherwise)")
        ->check(CLI::IsMember({"human", "plain", "grep", "vimgrep", "json", "jsonl"}));
    app.add_flag("--vimgrep", o.vimgrep, "path:line:col:question lines for Vim's quickfix");
    app.add_flag("-l,--files-with-matches", o.files, "Print only the files that have matches");
    app.add_flag("-c,--count", o.count, "Print only the number of matching passages");
    app.add_flag("-0,--null", o.null_sep, "End -l / grep lines with NUL (for xargs -0)");
    app.add_option("-n,--limit", o.limit_text,
                   "Hits to show: a number or 'all' (default 10 for people; grep, vimgrep, jsonl "
                   "and -l list all; 0 = only counts)");
    app.add_option("--offset", o.offset, "Skip this many hits first")
        ->check(CLI::Range(0, 1000000));
    app.add_option("--sort", o.sort, "relevance or file (path, then line)")
        ->check(CLI::IsMember({"relevance", "file"}));
    app.add_option("-t,--topic", o.topics, "Only passages with this topic (repeatable)")
        ->allow_extra_args(false); // "-t kubernetes scaling": scaling is a query word
    app.add_flag("--topics", o.list_topics, "List every topic with its passage count");
    app.add_option("--show", o.show, "Print one whole passage by id (file:line)");
    app.add_option("--open", o.open_id,
                   "Open a passage (id, or the top hit of the query) in $VISUAL/$EDITOR")
        ->expected(0, 1);
    app.add_flag("--full", o.full, "Show whole answers rendered from Markdown instead of snippets");
    app.add_flag("--all", o.all, "Show duplicate questions separately instead of collapsing them");
    app.add_option("--color,--colour", o.color,
                   "auto, always or never (NO_COLOR and TERM=dumb respected)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_flag("--no-update", o.no_update, "Do not check whether notes changed since indexing");
    app.add_flag("--no-related", o.no_related, "Skip related questions");
    app.add_flag("--no-facets", o.no_facets, "Skip topic counts");
    app.add_flag("--stats", o.stats, "Print time spent per stage to stderr");
    app.set_version_flag("--version", "crib " CRIB_VERSION);
    try {
        app.parse(argc, argv);
        o.words = app.remaining();
        if (!o.words.empty() && o.words.front() == "--") o.words.erase(o.words.begin());
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    o.open = app.count("--open") > 0;
    if (!o.limit_text.empty() && !parse_limit(o.limit_text, o.limit)) {
        std::cerr << "crib: -n takes a number from 0 or 'all', not '"
                  << crib::terminal_safe(o.limit_text) << "'\n";
        return 2;
    }
    crib::Config cfg = crib::load_config();
    for (const auto& e : cfg.errors)
        std::cerr << "crib: " << crib::terminal_safe(e) << "\n";
    for (const auto& e : crib::apply_type_add(cfg.type_add))
        std::cerr << "crib: " << crib::terminal_safe(e) << "\n";
    try {
        if (o.words.empty() && o.topics.empty() && !o.list_topics && o.show.empty() &&
            o.open_id.empty()) {
            std::cerr << "crib: no query given (try: crib what is a statefulset; crib --help)\n";
            return 2;
        }
        return run(o, cfg);
    } catch (const crib::NoIndex& e) {
        std::cerr << "crib: " << crib::terminal_safe(e.what()) << "\n";
    } catch (const crib::QueryError& e) {
        std::cerr << "crib: " << crib::terminal_safe(e.what()) << "\n";
    } catch (const crib::IndexVersionError& e) {
        std::cerr << "crib: " << crib::terminal_safe(e.what()) << "\n";
    } catch (const crib::IndexDamagedError& e) {
        std::cerr << "crib: " << crib::terminal_safe(e.what()) << "\n";
    } catch (const Xapian::DatabaseCorruptError& e) {
        std::cerr << "crib: the index is damaged (" << crib::terminal_safe(e.get_msg())
                  << "); run: crib-index --rebuild PATH...\n";
    } catch (const Xapian::DatabaseVersionError& e) {
        std::cerr << "crib: the index was made by another Xapian version; run: crib-index "
                     "--rebuild PATH...\n";
    } catch (const Xapian::DatabaseOpeningError& e) {
        std::cerr << "crib: cannot open the index: " << crib::terminal_safe(e.get_msg()) << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "crib: " << crib::terminal_safe(e.get_description()) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "crib: " << crib::terminal_safe(e.what()) << "\n";
    }
    return 2;
}
