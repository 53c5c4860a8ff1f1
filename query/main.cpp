// crib: search interview notes indexed by crib-index.
//
// Raw flags -> Options -> SearchRequest -> Printer.  main() alone picks exit
// codes: 0 something matched, 1 nothing matched, 2 error.
#include "command_line.hpp"
#include "common/config.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "formats/formats.hpp"
#include "invocation.hpp"
#include "output/editor.hpp"
#include "output/interactive.hpp"
#include "output/output.hpp"
#include "output/pager.hpp"
#include "output/printer.hpp"
#include "output/shown_path.hpp"
#include "output/styled.hpp"
#include "refresh.hpp"
#include "search/search.hpp"
#include "search/text_filter.hpp"

#include <xapian.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <utility>
#include <vector>

namespace {

/// "crib: no matches for ..." on stderr, with what could help: the spelling
/// suggestion, or the topic list when a -t topic does not exist.
void say_no_matches(const crib::SearchResult& r, const std::vector<std::string>& topics,
                    const crib::IndexSet& db) {
    std::string msg = "crib: no matches";
    if (!r.query.empty()) msg += " for " + crib::quoted(r.query);
    if (!topics.empty()) {
        msg += " with topic";
        for (const auto& t : topics)
            msg += " " + t;
    }
    if (r.corrected) msg += " (did you mean: " + *r.corrected + "?)";
    if (!r.apart.empty()) msg += "; the words occur apart: crib " + crib::collapse_space(r.apart);
    std::vector<std::string> missing = crib::unknown_topics(db, topics);
    if (!missing.empty())
        msg += "; no topic named " + missing.front() + " (crib --topics lists them)";
    std::cerr << crib::terminal_safe(msg) << "\n";
}

int terminal_rows() {
    struct winsize w;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_row > 0) return w.ws_row;
    return 24;
}

/// Human output on a terminal taller than it is goes through $PAGER, as
/// git's does; collected until finish() so short output is not paged.  An
/// error before finish() drops the page (the message goes to stderr).
struct Paging {
    bool on;
    explicit Paging(bool enable) : on(enable) {
        if (on) crib::start_paging();
    }
    void finish() {
        if (on) crib::finish_paging(terminal_rows());
        on = false;
    }
    ~Paging() {
        if (on) crib::capture_output(nullptr);
    }
    Paging(const Paging&) = delete;
    Paging& operator=(const Paging&) = delete;
};

/// The file of a passage as a path that works from here: as shown (relative
/// to the current folder when below it, else absolute).  Throws for a passage
/// of a remote index (its file is on another machine).
std::string openable_path(const std::string& spec, const crib::PathDisplay& paths,
                          const crib::Passage& p) {
    if (crib::is_remote(spec))
        throw std::runtime_error(p.file + " is in the remote index " + spec +
                                 "; --open works on local indexes (crib --show prints it)");
    return paths.shown(p.file, spec);
}

int open_editor(const crib::Passage& p, const std::string& path) {
    crib::Editor ed = crib::find_editor();
    std::string first = ed.command.substr(0, ed.command.find_first_of(" \t"));
    if (!crib::runnable(first)) {
        std::cerr << "crib: cannot start the editor " << crib::terminal_safe(first) << " ("
                  << ed.from << "): not found or not executable; set VISUAL or EDITOR\n";
        return 2;
    }
    crib::exec_editor(ed, path, p.line);
    std::perror("crib: cannot start editor");
    return 2;
}

/// This program's own path (for fzf's preview command).
std::string self_path() {
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, size_t(n)) : "crib";
}

/// crib -i: choose a hit in fzf and open it at its line; 1 when none is chosen.
int pick_and_open(const crib::SearchResult& r, const crib::PrintOptions& po,
                  const crib::IndexSet& db, bool color) {
    if (r.hits.empty()) return 1;
    crib::PickOptions pick{self_path(), db.specs, color};
    int chosen = crib::pick_hit(r, po, pick);
    if (chosen < 0) return 1;
    const crib::Hit& h = r.hits[size_t(chosen)];
    return open_editor(
        h.passage, openable_path(db.several() ? h.index : db.specs.front(), *po.paths, h.passage));
}

/// --stats: milliseconds per stage on stderr.
void print_stats(const crib::Timings& t, std::chrono::steady_clock::time_point t0) {
    double total =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "crib: open %.2f parse %.2f match %.2f facets %.2f snippets %.2f related %.2f "
                 "total %.2f ms\n",
                 t.open, t.parse, t.match, t.facets, t.snippets, t.related, total);
}

/// --topics: every topic with its passage count.
int run_topics(const crib::Invocation& inv) {
    auto topics = crib::list_topics(inv.request.db);
    for (const auto& [name, n] : topics)
        crib::emit(crib::terminal_safe(name) + "\t" + std::to_string(n) + "\n");
    return topics.empty() ? 1 : 0;
}

/// --show ID: one whole passage, in the chosen format.
int run_show(const crib::Invocation& inv) {
    Paging paging(inv.page);
    if (inv.id.empty()) { // --show '': not "no query given"
        std::cerr << "crib: --show needs an id (" << crib::no_passage_reason(inv.request.db, inv.id)
                  << ")\n";
        return 2;
    }
    auto p = crib::lookup(inv.request.db, inv.id);
    if (!p) {
        // "file:99999" is an id all right: say what is missing, not its form.
        std::cerr << "crib: no passage with id " << crib::terminal_safe(inv.id) << " ("
                  << crib::terminal_safe(crib::no_passage_reason(inv.request.db, inv.id)) << ")\n";
        return 1;
    }
    crib::make_printer(inv.format, inv.print)->passage(*p);
    paging.finish();
    return 0;
}

/// The hits of a streamed search on their way to the printer: held while
/// the freshness check runs (at most kHeld of them, then it is waited for),
/// printed as they come once the index is known to be current.  A stale
/// index is updated, the held hits dropped and the search run again.
class StreamGate {
  public:
    /// Thrown out of the search when the index was stale and is updated.
    struct Again {};
    StreamGate(crib::Refresh& refresh, crib::Printer& printer)
        : refresh_(refresh), printer_(printer) {}
    void operator()(crib::Hit&& h) {
        if (!open_ && held_.size() < kHeld && !refresh_.checked()) {
            held_.push_back(std::move(h));
            return;
        }
        if (!open_ && settle()) throw Again{};
        printer_.hit(h);
    }
    /// After the search: true when it must run again on the updated index.
    bool finish() { return !open_ && settle(); }

  private:
    /// Learns whether the index is current: if so, prints the held hits.
    bool settle() {
        open_ = true;
        if (refresh_.finish()) return true;
        for (const crib::Hit& h : held_)
            printer_.hit(h);
        held_.clear();
        return false;
    }
    static constexpr size_t kHeld = 200; ///< bounds the memory of what waits
    crib::Refresh& refresh_;
    crib::Printer& printer_;
    std::vector<crib::Hit> held_;
    bool open_ = false;
};

/// The search itself, each hit straight to `stream` when one is given
/// (jsonl, grep, vimgrep, -l), beside the freshness check of `refresh`.
crib::SearchResult search_beside(crib::SearchRequest req, crib::Refresh& refresh,
                                 crib::Printer* stream) {
    if (!stream) {
        crib::SearchResult r = crib::search(req);
        return refresh.finish() ? crib::search(req) : r;
    }
    StreamGate gate(refresh, *stream);
    req.stream = [&gate](crib::Hit&& h) { gate(std::move(h)); };
    try {
        crib::SearchResult r = crib::search(req);
        if (!gate.finish()) return r;
    } catch (const StreamGate::Again&) {
    }
    req.stream = [stream](crib::Hit&& h) { stream->hit(h); }; // the index is current now
    return crib::search(req);
}

/// The search every other mode starts with (after refreshing the index);
/// says on stderr when nothing matched and someone is reading.  With
/// `stream`, the hits of a full match go to that printer as they are made.
crib::SearchResult run_search_request(const crib::Invocation& inv,
                                      crib::Printer* stream = nullptr) {
    const crib::SearchRequest& req = inv.request;
    // The freshness checks (a stat per note file) run beside the search: when
    // nothing changed, as usual, the results are ready when they are done.
    // Remote indexes are refreshed by whoever serves them.
    crib::Refresh refresh(inv.refresh ? req.db.specs : std::vector<std::string>{},
                          {.human = inv.refresh_says});
    crib::SearchResult r;
    try {
        r = search_beside(req, refresh, stream);
    } catch (...) {
        refresh.finish(); // its messages come before the search's error
        throw;
    }
    bool human = inv.format == crib::Format::human || inv.format == crib::Format::plain;
    if (!inv.quiet && r.total == 0 && r.hits.empty()) {
        if (human || inv.mode != crib::Mode::search) {
            say_no_matches(r, req.topics, req.db);
        } else if (auto missing = crib::unknown_topics(req.db, req.topics); !missing.empty()) {
            // -c, grep, JSON: stdout stays the data, the reason goes to stderr
            // (crib -c -t nosuchtopic docker printed a bare 0).
            std::cerr << "crib: no topic named " << crib::terminal_safe(missing.front())
                      << " (crib --topics lists them)\n";
        } else if (!r.apart.empty()) {
            std::cerr << "crib: no passage has the phrase; the words occur apart: crib "
                      << crib::terminal_safe(crib::collapse_space(r.apart)) << "\n";
        }
    }
    return r;
}

/// True for the formats printed a line per hit with nothing before the
/// first (jsonl, grep, vimgrep, -l): their hits are printed as they are made.
bool streamed(const crib::Invocation& inv) {
    using F = crib::Format;
    return !inv.quiet && !inv.page &&
           (inv.format == F::jsonl || inv.format == F::grep || inv.format == F::vimgrep ||
            inv.format == F::files);
}

/// crib QUERY: the hits in the chosen format.
int run_search(const crib::Invocation& inv) {
    auto t0 = std::chrono::steady_clock::now();
    std::unique_ptr<crib::Printer> printer = crib::make_printer(inv.format, inv.print);
    crib::SearchResult r = run_search_request(inv, streamed(inv) ? printer.get() : nullptr);
    // A partial result lists the passages with the most words, but none
    // matched: exit 1, as grep does when no line has the pattern.
    int rc = (r.total > 0 || !r.hits.empty()) && !r.partial ? 0 : 1;
    if (inv.quiet) return rc;
    bool human = inv.format == crib::Format::human || inv.format == crib::Format::plain;
    for (const std::string& note : r.notes)
        std::cerr << "crib: " << crib::terminal_safe(note) << "\n";
    if (r.searched_corrected && r.corrected && !human) // machine formats: the note goes to stderr
        std::cerr << "crib: " << crib::correction_notice(*r.corrected, r.query) << "\n";
    if (r.partial && inv.format == crib::Format::count)
        std::cerr << "crib: no passage has all "
                  << (r.of == 1 ? "of it" : std::to_string(r.of) + " words") << "; " << r.total
                  << (r.of == 1 ? " have some of it" : " have some of them")
                  << " (crib without -c lists the best)\n";
    else if (r.partial && !human) // grep and -l lines cannot say what each hit lacks
        std::cerr << "crib: "
                  << crib::partial_notice(r, inv.format == crib::Format::json ||
                                                 inv.format == crib::Format::jsonl)
                  << "\n";
    else if (!r.exact && inv.format == crib::Format::count) // as people see "about N"
        std::cerr << "crib: about " << r.total
                  << ": too many passages match to count them exactly (an estimate)\n";
    Paging paging(inv.page);
    crib::print_result(*printer, r); // after streamed hits: only the end (hits empty)
    paging.finish();
    crib::flush_output();
    if (inv.stats) print_stats(r.timings, t0);
    return rc;
}

/// --open [ID | QUERY...]: the passage with that id, else the top hit.
int run_open(const crib::Invocation& inv) {
    const crib::IndexSet& db = inv.request.db;
    if (!inv.id.empty()) {
        std::string spec;
        if (auto p = crib::lookup(db, inv.id, &spec))
            return open_editor(*p, openable_path(spec, *inv.print.paths, *p));
    }
    crib::Invocation search = inv; // "crib --open statefulset": not an id, so the first query word
    if (!inv.id.empty())
        search.request.query = inv.id + (inv.request.query.empty() ? "" : " " + inv.request.query);
    crib::SearchResult r = run_search_request(search);
    if (r.hits.empty()) return 1;
    if (r.searched_corrected && r.corrected) // opened as found, but not as typed: said
        std::cerr << "crib: " << crib::correction_notice(*r.corrected, r.query) << "\n";
    if (r.partial) { // the top passage lacks some of the words: not the one asked for
        std::cerr << "crib: " << crib::partial_notice(r, false) << "; not opening a guess\n";
        return 1;
    }
    const crib::Hit& top = r.hits.front();
    return open_editor(top.passage, openable_path(db.several() ? top.index : db.specs.front(),
                                                  *inv.print.paths, top.passage));
}

/// -i: pick among the hits in fzf, open the one chosen.
int run_interactive(const crib::Invocation& inv) {
    crib::SearchResult r = run_search_request(inv);
    if (r.partial) std::cerr << "crib: " << crib::partial_notice(r) << "\n";
    return pick_and_open(r, inv.print, inv.request.db, inv.color_preview);
}

/// The modes, as ninja's kTools: one row each.
struct ModeRow {
    crib::Mode mode;
    int (*run)(const crib::Invocation&);
};
constexpr ModeRow kModes[] = {
    {crib::Mode::search, run_search}, {crib::Mode::show, run_show},
    {crib::Mode::open, run_open},     {crib::Mode::interactive, run_interactive},
    {crib::Mode::topics, run_topics},
};

int run(crib::Invocation inv) {
    const crib::PathDisplay paths = crib::load_path_display(inv.request.db.specs);
    inv.print.paths = &paths;
    for (const ModeRow& row : kModes)
        if (row.mode == inv.mode) return row.run(inv);
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // EPIPE is handled in output.cpp: quiet exit
    crib::CommandLine cl;
    if (int rc = crib::parse_command_line(argc, argv, cl); rc >= 0) return rc;
    if (cl.command == crib::Command::quiz) return crib::run_quiz(cl.quiz, cl.search);
    if (cl.command == crib::Command::gaps) return crib::run_gaps(cl.gaps, cl.search);
    const crib::RawFlags& o = cl.search;
    crib::Config cfg = crib::load_config();
    for (const auto& e : cfg.errors)
        std::cerr << "crib: " << crib::terminal_safe(e) << "\n";
    for (const auto& e : crib::apply_type_add(cfg.type_add))
        std::cerr << "crib: " << crib::terminal_safe(e) << "\n";
    try {
        int rc = run(crib::make_invocation(o, cfg, crib::read_surroundings()));
        crib::flush_output();
        return rc;
    } catch (const crib::OutputClosed&) {
        return 0; // `crib x | head -1`: a closed pipe is not an error
    } catch (const crib::Error& e) {
        std::cerr << "crib: " << crib::terminal_safe(e.message()) << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "crib: "
                  << crib::terminal_safe(
                         crib::xapian_error(e, "run: crib-index --rebuild PATH...").message())
                  << "\n";
    } catch (const std::exception& e) {
        std::cerr << "crib: " << crib::terminal_safe(e.what()) << "\n";
    }
    return 2;
}
