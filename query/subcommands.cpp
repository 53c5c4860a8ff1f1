// subcommands.cpp - finding `crib quiz` / `crib gaps` on the command line and
// their flags (CLI11) -> option structs -> quiz.* / gaps.*.
#include "subcommands.hpp"

#include "common/config.hpp"
#include "prep/gaps.hpp"
#include "prep/gaps_input.hpp"
#include "output/output.hpp"
#include "common/paths.hpp"
#include "invocation.hpp"
#include "refresh.hpp"
#include "prep/quiz.hpp"
#include "search/search.hpp"
#include "output/shown_path.hpp"
#include "common/text.hpp"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <unistd.h>

#include <cstring>
#include <iostream>
#include <set>

namespace crib {

namespace {

/// The options every mode takes, each with a value.
bool global_with_value(const std::string& a) {
    static const std::set<std::string> names = {"--db",     "--reviews", "--color",
                                                "--colour", "--format",  "-f"};
    return names.count(a) > 0;
}

/// "--db=x", "-fjson": a global option with its value attached.
bool global_attached(const std::string& a) {
    size_t eq = a.find('=');
    if (a.rfind("--", 0) == 0 && eq != std::string::npos) return global_with_value(a.substr(0, eq));
    return a.size() > 2 && a.rfind("-f", 0) == 0;
}

/// Index of the subcommand's name in argv, or -1.
int find_subcommand(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (global_with_value(a)) {
            ++i;
            continue;
        }
        if (global_attached(a)) continue;
        if (a == "quiz" || a == "gaps") return i;
        return -1; // "--", another option, or a query word
    }
    return -1;
}

/// Options every mode takes.
struct GlobalOptions {
    std::vector<std::string> dbs; ///< --db as given (quiz and gaps read one index)
    std::string reviews, color, format;
};

void add_global_options(CLI::App& app, GlobalOptions& g, const std::vector<std::string>& formats) {
    app.add_option("--db", g.dbs,
                   "Database directory, one (default: config db, $CRIB_DB, "
                   "~/.local/share/crib/index)");
    std::string list;
    for (const auto& f : formats)
        list += (list.empty() ? "" : ", ") + f;
    app.add_option("-f,--format", g.format, "Output: " + list)->check(CLI::IsMember(formats));
    app.add_option("--color,--colour", g.color,
                   "auto, always or never (NO_COLOR and TERM=dumb respected)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
}

/// How to print, from the global options and the config.
PrintOptions print_options(const GlobalOptions& g, const Config& cfg) {
    Surroundings env = read_surroundings();
    PrintOptions po;
    std::string mode = !g.color.empty() ? g.color : !cfg.color.empty() ? cfg.color : "auto";
    po.color = g.format != "plain" && want_color(mode, env);
    po.width = env.tty ? env.width : 0;
    po.terminal = env.tty;
    return po;
}

/// The one index quiz and gaps read (the first the config names); throws
/// for several --db.
std::string db_path(const GlobalOptions& g, const Config& cfg) {
    if (g.dbs.size() > 1)
        throw std::runtime_error("quiz and gaps read one index: give one --db (several are for "
                                 "searching)");
    return resolve_db(g.dbs, cfg, default_db_path()).specs.front();
}


/// Runs fn, turning errors into a "crib: ..." line and exit status 2, and a
/// reader that went away (a closed pipe) into a quiet 0, as a search does.
template <class F> int guarded(F&& fn) {
    try {
        return fn();
    } catch (const OutputClosed&) {
        return 0; // `crib gaps job.txt | head`: a closed pipe is not an error
    } catch (const Xapian::Error& e) {
        std::cerr << "crib: " << terminal_safe(e.get_description()) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "crib: " << terminal_safe(e.what()) << "\n";
    }
    return 2;
}

/// Parses argv without the subcommand's name; 0 parsed, else the exit status.
int parse(CLI::App& app, int argc, char** argv, int skip) {
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i)
        if (i != skip) args.push_back(argv[i]);
    try {
        app.parse(int(args.size()), args.data());
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 3 : 2; // 3: --help printed
    }
    return 0;
}

/// The query words left after the options ("--" dropped).
std::string query_words(CLI::App& app) {
    std::string q;
    for (const auto& w : app.remaining())
        if (w != "--" || !q.empty()) q += (q.empty() ? "" : " ") + w;
    return q;
}

void print_config_errors(const Config& cfg) {
    for (const auto& e : cfg.errors)
        std::cerr << "crib: " << terminal_safe(e) << "\n";
}

// ---- crib quiz ------------------------------------------------------------

struct QuizFlags {
    GlobalOptions g;
    std::vector<std::string> topics;
    size_t new_limit = 20;
    bool stats = false, no_update = false;
    std::vector<std::string> exporting; ///< FORMAT FILE
    bool force = false;                 ///< --export may replace any file but the store
};

void add_quiz_options(CLI::App& app, QuizFlags& f) {
    add_global_options(app, f.g, {"human", "plain", "json"});
    app.add_option("--reviews", f.g.reviews,
                   "Review store (default: config reviews, "
                   "~/.local/share/crib/reviews.sqlite)");
    app.add_option("-t,--topic", f.topics, "Only cards with this topic (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--new", f.new_limit, "New cards per session (default 20)")
        ->check(CLI::Range(0, 1000000));
    app.add_flag(
        "--stats", f.stats,
        "Print counts (reviewed, due, new, lapses, by topic, streak) instead of a session");
    app.add_option("--export", f.exporting,
                   "Write the cards as FORMAT (anki: Anki's text import) to FILE (- for stdout)")
        ->expected(2)
        ->type_name("anki FILE");
    app.add_flag("--force", f.force,
                 "Let --export replace an existing file that is not an earlier export");
    app.add_flag("--no-update", f.no_update, "Do not check whether notes changed since indexing");
}

int quiz_stats_mode(const Deck& deck, const ReviewStore& store, const QuizFlags& f,
                    const PrintOptions& po) {
    Moment now = moment_at(quiz_clock(), SchedulerParams{});
    QuizStats s = quiz_stats(deck, store, now);
    if (f.g.format == "json")
        emit(format_stats_json(s, now));
    else
        emit(format_stats_human(s, now, po.terminal, po.color));
    flush_output();
    return 0;
}

int quiz_export_mode(const Deck& deck, const ReviewStore& store, const QuizFlags& f) {
    if (f.exporting[0] != "anki") {
        std::cerr << "crib: --export takes anki, not '" << terminal_safe(f.exporting[0]) << "'\n";
        return 2;
    }
    std::string text = export_anki(deck);
    if (f.exporting[1] == "-") {
        emit(text);
        flush_output();
        return deck.cards.empty() ? 1 : 0;
    }
    write_export(ExportTarget{f.exporting[1], store.path(), f.force}, text);
    std::cerr << "crib: wrote " << deck.cards.size() << " cards to "
              << terminal_safe(f.exporting[1]) << "\n";
    return deck.cards.empty() ? 1 : 0;
}

void report_gone(const Deck& deck) {
    if (deck.moved)
        std::cerr << "crib: " << deck.moved << " card(s) followed their reworded question\n";
    if (!deck.gone.empty())
        std::cerr << "crib: " << deck.gone.size()
                  << " card(s) whose passage is gone are kept (crib quiz --stats lists them)\n";
}

int quiz_session_mode(Deck& deck, ReviewStore& store, const QuizFlags& f, const PrintOptions& po,
                      const std::string& db) {
    SessionOptions so;
    so.new_limit = f.new_limit;
    so.terminal = isatty(STDIN_FILENO);
    so.print = po;
    so.db = db;
    if (session_order(deck, moment_at(quiz_clock(), so.params), so).empty()) {
        std::cerr << "crib: nothing to review: " << deck.cards.size()
                  << " card(s), none due and none new" << (f.new_limit == 0 ? " allowed" : "")
                  << "\n";
        return 1;
    }
    SessionSummary s = run_session(deck, store, std::cin, std::cout, so);
    std::cout << "\nanswered " << (s.answers[1] + s.answers[2] + s.answers[3] + s.answers[4])
              << ": again " << s.answers[1] << ", hard " << s.answers[2] << ", good "
              << s.answers[3] << ", easy " << s.answers[4];
    if (s.skipped) std::cout << "; skipped " << s.skipped;
    std::cout << "\n";
    std::cout.flush();
    return 0;
}

int run_quiz(int argc, char** argv, int name) {
    CLI::App app{"crib quiz: drill the questions of your notes with spaced repetition (SM-2 as "
                 "Anki runs it).\n\n"
                 "Examples:\n"
                 "  crib quiz                       due cards, then up to 20 new ones\n"
                 "  crib quiz -t kubernetes         only cards about kubernetes\n"
                 "  crib quiz --new 5 docker        cards matching a query, 5 new at most\n"
                 "  crib quiz --stats               reviewed, due, new, lapses, streak\n"
                 "  crib quiz --export anki k8s.txt   the cards for Anki's File > Import\n",
                 "crib quiz"};
    app.prefix_command();
    app.footer(
        "Keys: Enter shows the answer, then 1 again, 2 hard, 3 good, 4 easy; s skips, o "
        "opens the note\nin $VISUAL/$EDITOR, q quits.  When standard input is not a "
        "terminal the same keys are\nread one per line.  Options go before the query words.");
    QuizFlags f;
    add_quiz_options(app, f);
    if (int rc = parse(app, argc, argv, name)) return rc == 3 ? 0 : rc;
    if (f.g.format == "json" && !f.stats) {
        std::cerr << "crib: quiz --format json goes with --stats\n";
        return 2;
    }
    Config cfg = load_config();
    print_config_errors(cfg);
    return guarded([&] {
        std::string db = db_path(f.g, cfg);
        if (!f.no_update) refresh_now({db}, {});
        ReviewStore store(reviews_path(f.g.reviews, cfg.reviews));
        Deck deck = load_deck(DeckRequest{db, query_words(app), f.topics}, store);
        report_gone(deck);
        PrintOptions po = print_options(f.g, cfg);
        const PathDisplay paths = load_path_display({db});
        po.paths = &paths; // shown as search shows them: relative below the current folder
        if (f.stats) return quiz_stats_mode(deck, store, f, po);
        if (!f.exporting.empty()) return quiz_export_mode(deck, store, f);
        return quiz_session_mode(deck, store, f, po, db);
    });
}

// ---- crib gaps ------------------------------------------------------------

int run_gaps(int argc, char** argv, int name) {
    CLI::App app{
        "crib gaps: what a job description asks that your notes do not cover.\n\n"
        "Examples:\n"
        "  crib gaps job.txt               checklist: covered or to study, best passages\n"
        "  pbpaste | crib gaps -           the description from standard input\n"
        "  crib gaps --format json job.md | jq '.requirements[] | select(.covered | not)'\n",
        "crib gaps"};
    app.footer("A requirement is covered when its best 3 passages hold at least half of its key "
               "terms,\neach weighted by how rare it is in the notes (see crib(1)).");
    GlobalOptions g;
    std::string file;
    bool no_update = false;
    add_global_options(app, g, {"human", "plain", "json"});
    app.add_option("--reviews", g.reviews,
                   "Review store (accepted everywhere; gaps does not use it)");
    app.add_flag("--no-update", no_update, "Do not check whether notes changed since indexing");
    app.add_option("file", file, "Job description file, or - for standard input")->required();
    if (int rc = parse(app, argc, argv, name)) return rc == 3 ? 0 : rc;
    Config cfg = load_config();
    print_config_errors(cfg);
    JobInput job;
    if (!read_job_description(file, std::cin, job)) {
        std::cerr << "crib: cannot read "
                  << (file == "-" ? std::string("standard input") : terminal_safe(file)) << ": "
                  << job.why << "\n";
        return 2;
    }
    const std::string& text = job.text;
    return guarded([&] {
        std::string db = db_path(g, cfg);
        if (!no_update) refresh_now({db}, {});
        std::vector<Requirement> rs = find_gaps(db, text);
        if (rs.empty()) {
            std::cerr << "crib: no requirements found in " << terminal_safe(file)
                      << " (bullets, or lines under a Requirements or Responsibilities heading)\n";
            return 1;
        }
        PrintOptions po = print_options(g, cfg);
        const PathDisplay paths = load_path_display({db});
        po.paths = &paths;
        emit(g.format == "json" ? format_gaps_json(rs) : format_gaps_human(rs, po));
        flush_output();
        return 0;
    });
}

} // namespace

int run_subcommand(int argc, char** argv) {
    int name = find_subcommand(argc, argv);
    if (name < 0) return -1;
    if (std::strcmp(argv[name], "quiz") == 0) return run_quiz(argc, argv, name);
    return run_gaps(argc, argv, name);
}

} // namespace crib
