// subcommands.cpp - crib quiz / crib gaps: option structs -> quiz.* / gaps.*.
#include "subcommands.hpp"

#include "common/config.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "invocation.hpp"
#include "output/output.hpp"
#include "output/printer.hpp"
#include "output/shown_path.hpp"
#include "output/styled.hpp"
#include "prep/gaps.hpp"
#include "prep/gaps_input.hpp"
#include "prep/quiz.hpp"
#include "refresh.hpp"
#include "search/search.hpp"

#include <xapian.h>

#include <algorithm>

#include <unistd.h>

#include <iostream>

namespace crib {

namespace {

/// How to print, from the global options and the config.
PrintOptions print_options(const RawFlags& g, const Config& cfg) {
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
std::string db_path(const RawFlags& g, const Config& cfg) {
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

/// Query words as one string.
std::string join_words(const std::vector<std::string>& words) {
    return join(words, ' ');
}

void print_config_errors(const Config& cfg) {
    for (const auto& e : cfg.errors)
        std::cerr << "crib: " << terminal_safe(e) << "\n";
}

// ---- crib quiz ------------------------------------------------------------

int quiz_stats_mode(const Deck& deck, const ReviewStore& store, const std::string& format,
                    const PrintOptions& po) {
    Moment now = moment_at(quiz_clock(), SchedulerParams{});
    QuizStats s = quiz_stats(deck, store, now);
    if (format == "json")
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
        std::cerr << "crib: nothing to review"
                  << (f.words.empty() ? "" : " for " + quoted(join(f.words, ' '))) << ": "
                  << deck.cards.size() << " card(s), none due and none new"
                  << (f.new_limit == 0 ? " allowed" : "") << "\n";
        return 1;
    }
    SessionSummary s = run_session(deck, store, std::cin, std::cout, so);
    StyledText summary; // wrapped between words: at 40 columns "eas/y 0" was cut mid-word
    summary.add(
        "answered " + std::to_string(s.answers[1] + s.answers[2] + s.answers[3] + s.answers[4]) +
        ": again " + std::to_string(s.answers[1]) + ", hard " + std::to_string(s.answers[2]) +
        ", good " + std::to_string(s.answers[3]) + ", easy " + std::to_string(s.answers[4]) +
        (s.skipped ? "; skipped " + std::to_string(s.skipped) : ""));
    std::cout << "\n" << wrap(summary, po.width, "", "", po.color);
    std::cout.flush();
    return 0;
}

} // namespace

int run_quiz(const QuizFlags& f, const RawFlags& g) {
    if (g.format == "json" && !f.stats) {
        std::cerr << "crib: quiz --format json goes with --stats\n";
        return 2;
    }
    Config cfg = load_config();
    print_config_errors(cfg);
    return guarded([&] {
        std::string db = db_path(g, cfg);
        if (!g.no_update) refresh_now({db}, {});
        if (auto unknown = unknown_topics(db, f.topics); !unknown.empty()) {
            // A selection of nothing printed zeros and exit 0, as if drilled.
            std::cerr << "crib: no topic named " << terminal_safe(unknown.front())
                      << " (crib --topics lists them)\n";
            return 2;
        }
        ReviewStore store(reviews_path(g.reviews, cfg.reviews), index_identity(db));
        Deck deck = load_deck(DeckRequest{db, join_words(f.words), f.topics}, store);
        if (deck.searched_for) // the cards of a corrected search: said, as search says it
            std::cerr << "crib: " << correction_notice(*deck.searched_for, join_words(f.words))
                      << "\n";
        report_gone(deck);
        PrintOptions po = print_options(g, cfg);
        const PathDisplay paths = load_path_display({db});
        po.paths = &paths; // shown as search shows them: relative below the current folder
        if (f.stats) return quiz_stats_mode(deck, store, g.format, po);
        if (!f.exporting.empty()) return quiz_export_mode(deck, store, f);
        return quiz_session_mode(deck, store, f, po, db);
    });
}

int run_gaps(const GapsFlags& f, const RawFlags& g) {
    Config cfg = load_config();
    print_config_errors(cfg);
    JobInput job;
    if (!read_job_description(f.file, std::cin, job)) {
        std::cerr << "crib: cannot read "
                  << (f.file == "-" ? std::string("standard input") : terminal_safe(f.file)) << ": "
                  << job.why << "\n";
        return 2;
    }
    if (job.html)
        std::cerr << "crib: "
                  << (f.file == "-" ? std::string("standard input") : terminal_safe(f.file))
                  << " is HTML: read as its text (tags removed; line numbers are of that text)\n";
    return guarded([&] {
        std::string db = db_path(g, cfg);
        if (!g.no_update) refresh_now({db}, {});
        std::vector<Requirement> rs = find_gaps(db, job.text);
        bool any = std::any_of(rs.begin(), rs.end(),
                               [](const Requirement& r) { return r.verdict != Verdict::skip; });
        if (!any) { // said on stderr; JSON still gets its document (empty requirements)
            std::cerr << "crib: no requirements found in "
                      << (f.file == "-" ? std::string("standard input") : terminal_safe(f.file))
                      << " (no line names a skill; -v says why each was skipped)\n";
            if (g.format == "json")
                emit(format_gaps_json(rs));
            else if (f.verbose)
                emit(format_gaps_human(rs, print_options(g, cfg), true));
            flush_output();
            return 1;
        }
        PrintOptions po = print_options(g, cfg);
        const PathDisplay paths = load_path_display({db});
        po.paths = &paths;
        emit(g.format == "json" ? format_gaps_json(rs) : format_gaps_human(rs, po, f.verbose));
        flush_output();
        return 0;
    });
}

} // namespace crib
