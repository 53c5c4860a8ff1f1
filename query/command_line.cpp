// command_line.cpp - the one CLI11 app: global options, search flags, and the
// quiz and gaps subcommands, then the checks CLI11 cannot express.
#include "command_line.hpp"

#include "common/text.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <set>

namespace crib {

namespace {

/// The options every mode takes, as given on one side of a subcommand's name.
struct Globals {
    std::vector<std::string> dbs;
    std::string format, color, reviews;
    bool no_update = false;
};

/// The formats quiz and gaps print.
const std::vector<std::string> kPrepFormats = {"human", "plain", "json"};

/// Declares the global options on `app` (the top level or a subcommand);
/// returns them, so the top level can tell them from its search flags.
std::set<const CLI::Option*> add_global_options(CLI::App& app, Globals& g,
                                                const std::vector<std::string>& formats,
                                                const std::string& format_help) {
    std::set<const CLI::Option*> added;
    added.insert(
        app.add_option("--db", g.dbs,
                       "Index folder or tcp://HOST:PORT; repeat to search several as one "
                       "(default: config db and dbs, $CRIB_DB, "
                       "${XDG_DATA_HOME:-~/.local/share}/crib/index); quiz and gaps read one")
            ->allow_extra_args(false));
    added.insert(
        app.add_option("-f,--format", g.format, format_help)->check(CLI::IsMember(formats)));
    added.insert(app.add_option("--color,--colour", g.color,
                                "auto, always or never (NO_COLOR and TERM=dumb respected)")
                     ->check(CLI::IsMember({"auto", "always", "never"})));
    added.insert(app.add_option("--reviews", g.reviews,
                                "Review store of crib quiz (default: config reviews, "
                                "${XDG_DATA_HOME:-~/.local/share}/crib/reviews.sqlite)"));
    added.insert(app.add_flag("--no-update", g.no_update,
                              "Do not check whether notes changed since indexing"));
    return added;
}

/// The global options from both sides of the subcommand's name into `raw`:
/// every --db counts, otherwise the later value wins.
void merge_globals(const Globals& before, const Globals& after, RawFlags& raw) {
    raw.dbs = before.dbs;
    raw.dbs.insert(raw.dbs.end(), after.dbs.begin(), after.dbs.end());
    raw.format = !after.format.empty() ? after.format : before.format;
    raw.color = !after.color.empty() ? after.color : before.color;
    raw.reviews = !after.reviews.empty() ? after.reviews : before.reviews;
    raw.no_update = before.no_update || after.no_update;
}

void add_search_options(CLI::App& app, RawFlags& o) {
    app.add_flag("--vimgrep", o.vimgrep, "path:line:col:question lines for Vim's quickfix");
    app.add_flag("-l,--files-with-matches", o.files, "Print only the files that have matches");
    app.add_flag("-c,--count", o.count, "Print only the number of matching passages");
    app.add_flag("-0,--null", o.null_sep, "End -l / grep lines with NUL (for xargs -0)");
    app.add_option("-n,--limit", o.limit,
                   "Hits to show: a number or 'all' (default 10 for people; grep, vimgrep, jsonl "
                   "and -l list all; 0 = only counts)");
    app.add_option("--offset", o.offset, "Skip this many hits first")
        ->check(CLI::Range(0, 1000000));
    app.add_option("--sort", o.sort, "relevance or file (path, then line)")
        ->check(CLI::IsMember({"relevance", "file"}));
    app.add_option("-t,--topic", o.topics, "Only passages with this topic, or tag (repeatable)")
        ->allow_extra_args(false); // "-t kubernetes scaling": scaling is a query word
    app.add_flag("--topics", o.list_topics, "List every topic with its passage count");
    app.add_option("--show", o.show, "Print one whole passage by id (file:line)");
    app.add_option("--open", o.open_id,
                   "Open a passage (id, or the top hit of the query) in $VISUAL/$EDITOR")
        ->expected(0, 1);
    app.add_flag("--full", o.full, "Show whole answers rendered from Markdown instead of snippets");
    app.add_flag("--all", o.all, "Show duplicate questions separately instead of collapsing them");
    app.add_flag("-i,--interactive", o.interactive,
                 "Pick a hit in fzf (preview: the whole passage); Enter opens it in "
                 "$VISUAL/$EDITOR at its line");
    app.add_flag("-q,--quiet", o.quiet, "Print nothing; exit 0 if something matched, 1 if not");
    app.add_flag("-w,--word-regexp", o.whole_word,
                 "Only passages where a query word occurs as a whole word (not only its stem or "
                 "part of a longer word)");
    app.add_flag("-F,--fixed-strings", o.literal,
                 "Only passages that contain the query literally, as one phrase (2>&1, ls -l)");
    app.add_flag(
        "--explain", o.explain,
        "Show the parts of each hit's score (BM25, question-coverage bonus, matched terms)");
    app.add_flag("--no-pager", o.no_pager,
                 "Never page (default: long human output on a terminal goes through $PAGER, "
                 "else less -R)");
    app.add_flag("--unanswered", o.unanswered,
                 "Only questions the notes leave unanswered (all of them without a query)");
    app.add_flag("--no-related", o.no_related, "Skip related questions");
    app.add_flag("--no-facets", o.no_facets, "Skip topic counts");
    app.add_flag("--stats", o.stats, "Print time spent per stage to stderr");
}

CLI::App* add_quiz(CLI::App& app, QuizFlags& f, Globals& g) {
    CLI::App* quiz = app.add_subcommand(
        "quiz", "Drill the questions of your notes with spaced repetition (crib quiz --help)");
    quiz->description(
        "crib quiz: drill the questions of your notes with spaced repetition (SM-2 as "
        "Anki runs it).\n\n"
        "Examples:\n"
        "  crib quiz                       due cards, then up to 20 new ones\n"
        "  crib quiz -t kubernetes         only cards about kubernetes\n"
        "  crib quiz --new 5 docker        cards matching a query, 5 new at most\n"
        "  crib quiz --stats               reviewed, due, new, lapses, streak\n"
        "  crib quiz --export anki k8s.txt   the cards for Anki's File > Import\n");
    quiz->prefix_command(); // the query words, and everything after them
    quiz->footer(
        "Keys: Enter shows the answer, then 1 again, 2 hard, 3 good, 4 easy, each with the "
        "interval it\ngives (\"3 good <10m\": back in this session); s skips, o opens the note "
        "in $VISUAL/$EDITOR,\nq quits.  When standard input is not a terminal the same keys are "
        "read one per line.\n[new, 5 left, 13 learning]: cards not yet shown, and learning cards "
        "that come back.\nAn unknown -t topic is an error (exit 2).  Options go before the query "
        "words.");
    add_global_options(*quiz, g, kPrepFormats, "Output: human, plain, json (json with --stats)");
    quiz->add_option("-t,--topic", f.topics,
                     "Only cards with this topic (repeatable; an unknown topic: exit 2)")
        ->allow_extra_args(false);
    quiz->add_option("--new", f.new_limit, "New cards per session (default 20)")
        ->check(CLI::Range(0, 1000000));
    quiz->add_flag(
        "--stats", f.stats,
        "Print counts (reviewed, due, new, lapses, by topic, streak) instead of a session");
    quiz->add_option("--export", f.exporting,
                     "Write the cards as FORMAT (anki: Anki's text import) to FILE (- for stdout)")
        ->expected(2)
        ->allow_extra_args(false) // the query words after FILE are the query's
        ->type_name("anki FILE");
    quiz->add_flag("--force", f.force,
                   "Let --export replace an existing file that is not an earlier export");
    return quiz;
}

CLI::App* add_gaps(CLI::App& app, GapsFlags& f, Globals& g) {
    CLI::App* gaps = app.add_subcommand(
        "gaps", "What a job description asks that your notes do not cover (crib gaps --help)");
    gaps->description(
        "crib gaps: what a job description asks that your notes do not cover.\n\n"
        "Examples:\n"
        "  crib gaps job.txt               checklist: covered or to study, best passages\n"
        "  pbpaste | crib gaps -           the description from standard input\n"
        "  crib gaps --format json job.md | jq '.study_next[].skill'\n");
    gaps->footer("Each line naming skills is judged skill by skill: a skill is covered when a "
                 "passage\nis about it (its question or heading path, or said again and again in "
                 "answers);\na line is covered, partial or missing (see crib(1)).");
    add_global_options(*gaps, g, kPrepFormats, "Output: human, plain, json");
    gaps->add_flag("-v,--verbose", f.verbose, "Also list the lines skipped, with the reason");
    gaps->add_option("file", f.file, "Job description file, or - for standard input");
    return gaps;
}

/// Search flags given with quiz or gaps ("crib -n 3 quiz") are a mistake,
/// not something to ignore; "crib -- quiz" searches for the word.
/// Returns the message, "" when there is none.
std::string search_flag_given(const CLI::App& app, const std::set<const CLI::Option*>& globals,
                              const std::string& sub) {
    for (const CLI::Option* opt : app.get_options())
        if (opt->count() > 0 && globals.count(opt) == 0)
            return opt->get_name() + " before '" + sub + "' is a search option; crib " + sub +
                   "'s own options go after its name (crib -- " + sub + " searches for the word)";
    return "";
}

/// An option of quiz's own after its query words ("crib quiz kubernetes
/// --export anki k.txt" searched those words and wrote nothing): a mistake,
/// said with where it goes.  Words after "--" are query text.  Returns the
/// message, "" when there is none.
std::string option_after_words(const CLI::App& quiz) {
    std::vector<std::string> words = quiz.remaining();
    for (const std::string& w : words) {
        if (w.size() < 3 || w.compare(0, 2, "--") != 0) continue;
        std::string name =
            w.substr(2, w.find('=') == std::string::npos ? std::string::npos : w.find('=') - 2);
        for (const CLI::Option* opt : quiz.get_options()) {
            const auto& names = opt->get_lnames();
            if (std::find(names.begin(), names.end(), name) == names.end()) continue;
            return "--" + name +
                   " after the query words: crib quiz's options go before them (crib "
                   "quiz --" +
                   name + " ... " + words.front() + "; after -- it is a query word)";
        }
    }
    return "";
}

/// The format quiz and gaps print, when it came from the top level; "" when fine.
std::string prep_format_wrong(const RawFlags& raw, const std::string& sub) {
    for (const auto& f : kPrepFormats)
        if (raw.format.empty() || raw.format == f) return "";
    return sub + " prints human, plain or json, not " + raw.format;
}

/// argv up to the first "--" (what CLI11 parses: it would still take a
/// subcommand's name after "--") and the words after it.
void split_at_dashes(int argc, char** argv, std::vector<std::string>& head,
                     std::vector<std::string>& tail) {
    int i = 1;
    for (; i < argc && std::string(argv[i]) != "--"; ++i)
        head.push_back(argv[i]);
    for (++i; i < argc; ++i)
        tail.push_back(argv[i]);
}

/// The words of a mode: what CLI11 left, then everything after "--".  A
/// word that is not UTF-8 is read as Windows-1252, as notes are, and said
/// once: JSON, people and the search had each read "\xE9t\xE9" their own way.
/// Not `query` (gaps' file after "--"): a file name is kept as its bytes.
std::vector<std::string> words_of(const CLI::App& app, const std::vector<std::string>& tail,
                                  bool query = true) {
    std::vector<std::string> words = app.remaining();
    words.insert(words.end(), tail.begin(), tail.end());
    if (!query) return words;
    bool fixed = false;
    for (std::string& w : words)
        if (!valid_utf8(w)) {
            w = from_cp1252(w);
            fixed = true;
        }
    if (fixed)
        std::cerr << "crib: the query is not UTF-8; read as Windows-1252: \""
                  << terminal_safe(join(words, ' ')) << "\"\n";
    return words;
}

/// gaps' one file: given as its argument, or the first word after "--".
std::string gaps_file(std::vector<std::string> rest, GapsFlags& f) {
    if (f.file.empty() && !rest.empty()) {
        f.file = rest.front();
        rest.erase(rest.begin());
    }
    if (f.file.empty()) return "gaps needs a job description: a file, or - for standard input";
    if (!rest.empty()) return "gaps reads one job description, not " + rest.front() + " as well";
    return "";
}

/// After CLI11: which command, its words, and what CLI11 cannot check.
/// Returns "" or the message for a usage error.
std::string finish(const CLI::App& app, const std::set<const CLI::Option*>& globals,
                   const std::vector<std::string>& tail, CommandLine& out) {
    const CLI::App* quiz = app.get_subcommand("quiz");
    const CLI::App* gaps = app.get_subcommand("gaps");
    out.search.open = app.count("--open") > 0;
    out.search.show_given = app.count("--show") > 0;
    if (!quiz->parsed() && !gaps->parsed()) {
        out.search.words = words_of(app, tail);
        return "";
    }
    std::string sub = quiz->parsed() ? "quiz" : "gaps";
    out.command = quiz->parsed() ? Command::quiz : Command::gaps;
    if (std::string why = search_flag_given(app, globals, sub); !why.empty()) return why;
    if (std::string why = prep_format_wrong(out.search, sub); !why.empty()) return why;
    // gaps' file name is its bytes: read as Windows-1252, "caf\xE9.txt" was
    // a file that does not exist, and the notice was said twice.
    if (gaps->parsed()) return gaps_file(words_of(*gaps, tail, false), out.gaps);
    if (std::string why = option_after_words(*quiz); !why.empty()) return why;
    out.quiz.words = words_of(*quiz, tail);
    return "";
}

} // namespace

int parse_command_line(int argc, char** argv, CommandLine& out) {
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
    // Options come first: from the first query word on, everything is query
    // text ("crib what does ls -l do", "crib docker run -it"); "--" also ends options.
    app.prefix_command();
    app.require_subcommand(0, 1);
    app.footer(
        "Query words: crib [OPTIONS] [--] WORDS...  A passage matches with every word (its\n"
        "stem, a synonym, a short typo fixed); when none has them all, those with some are\n"
        "shown as partial, exit 1.  Xapian syntax: \"phrase\", AND, OR, NOT, kube*, q:, a:,\n"
        "topic:, tag:, file:, kind:.  Options go before the words: from the first word on\n"
        "everything is query text (crib docker run -p finds \"-p\").  --db, --reviews,\n"
        "--format, --color and --no-update may also follow quiz or gaps.");
    Globals before, after;
    auto globals = add_global_options(
        app, before, {"human", "plain", "grep", "vimgrep", "json", "jsonl"},
        "Output: human, plain, grep, vimgrep, json, jsonl (default human on a terminal, plain "
        "otherwise)");
    add_search_options(app, out.search);
    add_quiz(app, out.quiz, after);
    add_gaps(app, out.gaps, after);
    app.set_version_flag("--version", "crib " CRIB_VERSION);
    std::vector<std::string> head, tail;
    split_at_dashes(argc, argv, head, tail);
    std::reverse(head.begin(), head.end()); // CLI11 takes a vector back to front
    try {
        app.parse(head);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    merge_globals(before, after, out.search);
    if (std::string why = finish(app, globals, tail, out); !why.empty()) {
        std::cerr << "crib: " << why << "\n";
        return 2;
    }
    return -1;
}

} // namespace crib
