// quiz.cpp - crib quiz: the deck and the review session (see quiz.hpp).
#include "prep/quiz.hpp"

#include "common/text.hpp"
#include "output/editor.hpp"
#include "output/shown_path.hpp"
#include "output/styled.hpp"
#include "search/search.hpp"
#include "writer/index_run.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <istream>
#include <limits>
#include <map>
#include <ostream>
#include <set>

namespace crib {

namespace {

/// Ids ("file:line") of the passages a query and topics select, with their
/// rank in the search's order (best first); `searched_for` is set to the
/// correction searched instead of the query, if one was.
std::map<std::string, size_t> selected_ids(const DeckRequest& req,
                                           std::optional<std::string>& searched_for) {
    SearchRequest s;
    s.db = req.db;
    s.query = req.query;
    s.topics = req.topics;
    s.limit = std::numeric_limits<unsigned>::max() / 2; // every hit (as crib -n all)
    s.all = true;                                       // every copy is its own card
    s.facets = s.related = s.snippets = false;
    std::map<std::string, size_t> ids;
    SearchResult r = search(s);
    if (r.partial) return ids; // passages with some of the words are not the cards asked for
    if (r.searched_corrected && r.corrected) searched_for = r.corrected;
    for (const Hit& h : r.hits)
        ids.emplace(h.id, ids.size());
    return ids;
}

} // namespace

Deck load_deck(const DeckRequest& req, ReviewStore& store) {
    const PathDisplay paths = load_path_display({req.db});
    // A name no root resolves (a remote index) stays as stored: resolving it
    // against the current folder would key it differently in every folder.
    const KeyFile key_file = [&paths](const std::string& stored) {
        std::string abs = paths.absolute(stored);
        if (abs.empty() || abs.front() != '/') return abs;
        // The folder resolved, the file name kept: a note that is a symlink
        // (home-manager relinks on every edit) keeps its key.
        std::error_code ec;
        std::filesystem::path p(abs);
        std::filesystem::path dir = std::filesystem::weakly_canonical(p.parent_path(), ec);
        return ec ? abs : (dir / p.filename()).string();
    };
    std::vector<Card> cards = make_cards(all_passages(req.db), key_file);
    std::vector<std::string> keys;
    for (const Card& c : cards)
        keys.push_back(c.key);
    store.claim(keys); // cards answered before the store kept them per index
    std::vector<CardAnchor> anchors;
    for (const auto& [key, c] : store.cards())
        anchors.push_back(c.anchor);
    Reconciled rec = reconcile(anchors, cards, key_file);
    store.rekey(rec.moved);
    auto stored = store.cards();
    bool filter = !req.query.empty() || !req.topics.empty();
    Deck deck;
    std::map<std::string, size_t> ids =
        filter ? selected_ids(req, deck.searched_for) : std::map<std::string, size_t>{};
    deck.gone = rec.gone;
    for (CardAnchor& g : deck.gone)
        g.file = paths.shown(g.file); // relative to the current folder when below it
    // Keys from before they named files by absolute path move silently: only
    // a reworded question is worth a word.
    deck.moved = std::count_if(rec.moved.begin(), rec.moved.end(),
                               [](const Rekey& r) { return reworded(r); });
    const DeckTitles titles = deck_titles(cards);
    const std::vector<FilePlace> places = file_places(cards);
    for (size_t i = 0; i < cards.size(); ++i) {
        Card& c = cards[i];
        CardFront front = card_front(c.passage, places[i], titles);
        if (front.why != NotCard::none || (filter && !ids.count(passage_id(c.passage)))) continue;
        DeckCard dc;
        dc.front = std::move(front.front);
        dc.context = std::move(front.context);
        auto it = stored.find(c.key);
        dc.known = it != stored.end();
        if (dc.known) dc.stored = it->second;
        dc.stored.anchor = CardAnchor{c.key, c.file, c.passage.question, c.passage.line};
        dc.card = std::move(c);
        deck.cards.push_back(std::move(dc));
    }
    // Cards for a query come best match first, as the search lists them
    // (new cards are taken in deck order); a topic alone keeps note order.
    if (!req.query.empty())
        std::stable_sort(
            deck.cards.begin(), deck.cards.end(), [&](const DeckCard& a, const DeckCard& b) {
                return ids.at(passage_id(a.card.passage)) < ids.at(passage_id(b.card.passage));
            });
    return deck;
}

std::vector<size_t> session_order(const Deck& deck, const Moment& now, const SessionOptions& o) {
    std::vector<size_t> due, fresh;
    for (size_t i = 0; i < deck.cards.size(); ++i) {
        const CardState& s = deck.cards[i].stored.state;
        if (s.phase == Phase::fresh) {
            if (fresh.size() < o.new_limit) fresh.push_back(i);
        } else if (is_due(s, now, o.params)) {
            due.push_back(i);
        }
    }
    // Most overdue first: learning cards (due in seconds) by time, review
    // cards by day, a learning card's day taken from its time.
    auto due_day = [&](size_t i) {
        const CardState& s = deck.cards[i].stored.state;
        return s.phase == Phase::review ? s.due
                                        : day_number(std::time_t(s.due), o.params.rollover_hour);
    };
    std::stable_sort(due.begin(), due.end(),
                     [&](size_t a, size_t b) { return due_day(a) < due_day(b); });
    due.insert(due.end(), fresh.begin(), fresh.end());
    return due;
}

std::time_t quiz_clock() {
    const char* fixed = std::getenv("CRIB_NOW");
    if (fixed && *fixed) return std::time_t(std::strtoll(fixed, nullptr, 10));
    return std::time(nullptr);
}

namespace {

/// Set by SIGINT during a terminal session.
volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_interrupt(int) {
    interrupted = 1;
}

/// Reads answers: single keys from a terminal, else one line per key.  On a
/// terminal, Ctrl-C (between keys too) ends the session like q: the answers
/// given are stored and the summary is printed.
class Keys {
  public:
    Keys(std::istream& in, bool tty) : in_(in), tty_(tty) {
        if (!tty_) return;
        interrupted = 0;
        struct sigaction sa {};
        sa.sa_handler = on_interrupt; // no SA_RESTART: a waiting read() returns
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &saved_action_);
    }
    ~Keys() {
        if (tty_) sigaction(SIGINT, &saved_action_, nullptr);
    }
    Keys(const Keys&) = delete;
    Keys& operator=(const Keys&) = delete;

    /// '\n' for Enter, a lower-case key, or 0 at the end of input.
    char next() { return tty_ ? next_key() : next_line(); }

  private:
    char next_key() {
        termios saved{};
        if (tcgetattr(STDIN_FILENO, &saved) != 0) return next_line();
        termios raw = saved;
        // No ISIG either: Ctrl-C arrives as a key (quit) instead of killing
        // crib with the terminal left in this mode.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
        char c = 0;
        ssize_t n = interrupted ? -1 : ::read(STDIN_FILENO, &c, 1);
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        if (interrupted) return 'q';
        if (n != 1 || c == 4) return 0;    // end of input or Ctrl-D
        if (c == 3 || c == 28) return 'q'; // Ctrl-C, Ctrl-backslash
        return c == '\r' ? '\n' : char(std::tolower(static_cast<unsigned char>(c)));
    }

    char next_line() {
        std::string line;
        if (!std::getline(in_, line)) return 0;
        size_t b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos) return '\n';
        std::string w = line.substr(b, line.find_last_not_of(" \t\r") + 1 - b);
        for (auto& ch : w)
            ch = char(std::tolower(static_cast<unsigned char>(ch)));
        static const std::pair<const char*, char> words[] = {
            {"again", '1'}, {"hard", '2'}, {"good", '3'}, {"easy", '4'},
            {"quit", 'q'},  {"skip", 's'}, {"open", 'o'}};
        for (const auto& [name, key] : words)
            if (w == name) return key;
        return w.size() == 1 ? w[0] : '?';
    }

    std::istream& in_;
    bool tty_;
    struct sigaction saved_action_ {};
};

std::string styled(const std::string& text, Style s, bool color) {
    StyledText t;
    t.add(text, s);
    return render(t, color);
}

/// "[due, 3 left] content/k8s.md:12  Kubernetes › Pods" and the question.
std::string question_block(const DeckCard& c, const SessionProgress& progress,
                           const SessionOptions& o) {
    const Passage& p = c.card.passage;
    const char* what =
        c.stored.state.phase == Phase::fresh ? "new" : phase_name(c.stored.state.phase);
    StyledText h;
    h.add(progress_label(what, progress) + " ", Style::dim);
    h.add(sanitize(shown_file(o.print, p.file)), Style::path);
    h.add(":");
    h.add(std::to_string(p.line), Style::line);
    // A front that carries its headings ("Docker › Example") is not told them twice.
    std::string path = heading_path(p.headings, sanitize);
    if (!path.empty() && heading_path(p.headings) != c.context) h.add("  " + path, Style::dim);
    std::string out = "\n";
    out += wrap(h, o.print.width, "", "    ", o.print.color);
    StyledText q;
    q.add(sanitize(c.question()), Style::bold);
    out += wrap(q, o.print.width, "", "", o.print.color);
    if (!p.topics.empty()) {
        StyledText t;
        t.add("topics:", Style::dim);
        for (const auto& s : p.topics) {
            t.add(" ", Style::dim);
            t.add(sanitize(s), Style::dim);
        }
        out += wrap(t, o.print.width, "", "    ", o.print.color);
    }
    return out;
}

/// The note's path as it can be opened from here.
std::string openable(const std::string& db, const Passage& p) {
    if (::access(p.file.c_str(), F_OK) == 0 || db.empty()) return p.file;
    try {
        auto records = read_file_records(Xapian::Database(db));
        if (auto it = records.find(p.file); it != records.end()) return it->second.abs;
    } catch (const Xapian::Error&) {
    }
    return p.file;
}

/// Opens the passage in $VISUAL / $EDITOR (else vi) and waits for it.
void open_in_editor(const std::string& path, int line, std::ostream& out) {
    Editor ed = find_editor();
    out.flush();
    pid_t pid = fork();
    if (pid == 0) {
        // Keys come from a pipe: the editor gets the terminal, not the script.
        if (!isatty(STDIN_FILENO)) {
            int tty = ::open("/dev/tty", O_RDONLY);
            if (tty >= 0) dup2(tty, STDIN_FILENO), close(tty);
        }
        exec_editor(ed, path, line);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) == 127)
        out << "crib: could not run the editor " << sanitize(ed.command) << "\n";
}

/// What the reader did with one card.
enum class Outcome { graded, skipped, quit };

/// The keys while the question shows.
const std::vector<std::string> kRevealKeys = {"Enter: show the answer", "s skip", "q quit"};
/// The keys besides the grades while the answer shows.
const std::vector<std::string> kOtherKeys = {"s skip", "o open", "q quit"};

/// A prompt line (or lines, on a narrow terminal), dim.
std::string prompt(const std::vector<std::string>& items, const SessionOptions& o) {
    return styled(fit_items(items, o.print.width), Style::dim, o.print.color);
}

/// Shows one card and takes its answer; the answer is stored before returning.
Outcome drill(DeckCard& c, const SessionProgress& progress, ReviewStore& store, Keys& keys,
              std::ostream& out, const SessionOptions& o, SessionSummary& sum) {
    out << question_block(c, progress, o) << prompt(kRevealKeys, o);
    out.flush();
    char k = keys.next();
    if (k == 0 || k == 'q') return Outcome::quit;
    if (k == 's') return Outcome::skipped;
    out << "\n" << render_markdown(c.card.passage.answer, o.print, "    ") << "\n";
    for (;;) {
        std::vector<std::string> keys_shown =
            grade_choices(c.stored.state, moment_at(quiz_clock(), o.params), o.params);
        keys_shown.insert(keys_shown.end(), kOtherKeys.begin(), kOtherKeys.end());
        out << prompt(keys_shown, o);
        out.flush();
        k = keys.next();
        if (k == 0 || k == 'q') return Outcome::quit;
        if (k == 's') return Outcome::skipped;
        if (k == 'o') {
            open_in_editor(openable(o.db, c.card.passage), c.card.passage.line, out);
            continue;
        }
        if (k < '1' || k > '4') {
            out << "crib: press 1, 2, 3 or 4 (or s, o, q)\n";
            continue;
        }
        Grade g = Grade(k - '0');
        Moment now = moment_at(quiz_clock(), o.params);
        StoredCard after = c.stored;
        after.state = answer(c.stored.state, g, now, o.params);
        after.last_review = now.seconds;
        store.record(after, g, now);
        c.stored = after;
        c.known = true;
        ++sum.answers[int(g)];
        out << styled("next in " + describe_interval(seconds_until_due(after.state, now, o.params)),
                      Style::dim, o.print.color)
            << "\n";
        return Outcome::graded;
    }
}

} // namespace

std::string progress_label(const char* phase, const SessionProgress& p) {
    std::string out = "[";
    out.append(phase).append(", ").append(std::to_string(p.left)).append(" left");
    if (p.learning) out.append(", ").append(std::to_string(p.learning)).append(" learning");
    return out.append("]");
}

std::vector<std::string> grade_choices(const CardState& s, const Moment& now,
                                       const SchedulerParams& params) {
    static const char* const names[] = {"again", "hard", "good", "easy"};
    std::vector<std::string> out;
    for (int g = 1; g <= 4; ++g) {
        long long wait = seconds_until_due(answer(s, Grade(g), now, params), now, params);
        out.push_back(std::to_string(g) + " " + names[g - 1] + " " +
                      (wait < params.learn_ahead ? "<" : "") + describe_interval(wait));
    }
    return out;
}

std::string fit_items(const std::vector<std::string>& items, int width) {
    std::string out, line;
    for (const std::string& item : items) {
        if (!line.empty() && width > 0 && columns(line) + 2 + columns(item) > size_t(width)) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : "  ") + item;
    }
    return out + line + "\n";
}

SessionSummary run_session(Deck& deck, ReviewStore& store, std::istream& in, std::ostream& out,
                           const SessionOptions& o) {
    SessionSummary sum;
    Moment start = moment_at(quiz_clock(), o.params);
    std::deque<size_t> queue;
    for (size_t i : session_order(deck, start, o))
        queue.push_back(i);
    Keys keys(in, o.terminal);
    std::vector<bool> shown(deck.cards.size(), false);
    while (!queue.empty()) {
        size_t i = queue.front();
        queue.pop_front();
        ++sum.shown;
        // Cards not shown yet count down; learning cards that come back
        // are counted apart (they once counted as "left" again).
        SessionProgress progress;
        for (size_t j : queue)
            ++(shown[j] ? progress.learning : progress.left);
        ++(shown[i] ? progress.learning : progress.left);
        shown[i] = true;
        Outcome r = drill(deck.cards[i], progress, store, keys, out, o, sum);
        if (r == Outcome::quit) {
            sum.quit = true;
            break;
        }
        if (r == Outcome::skipped) ++sum.skipped;
        // Cards still learning come back once the others are done (Anki's
        // learn-ahead: their steps are minutes away).
        Phase ph = deck.cards[i].stored.state.phase;
        if (r == Outcome::graded && (ph == Phase::learning || ph == Phase::relearning))
            queue.push_back(i);
    }
    return sum;
}

} // namespace crib
