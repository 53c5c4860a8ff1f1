// quiz.hpp - crib quiz: the indexed passages drilled as flash cards.
//
// The deck is every passage that is a card (cards.hpp: a question a person
// would ask and an answer; or those of them a query and -t pick);
// review state lives in the ReviewStore (reviews.hpp), scheduling is SM-2 as
// Anki runs it (scheduler.hpp).  A session shows due cards first (most
// overdue first), then up to `new_limit` new ones in file order; cards still
// learning come back in the same session.  No CLI11 here: the subcommand's
// flags are parsed in subcommands.cpp.
#pragma once

#include "output/printer.hpp"
#include "prep/card_key.hpp"
#include "prep/cards.hpp"
#include "prep/reviews.hpp"
#include "prep/scheduler.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// Which cards, from where.
struct DeckRequest {
    std::string db;                  ///< the index
    std::string query;               ///< words as for a search; "" = every passage
    std::vector<std::string> topics; ///< -t filters
};

/// A card with what the store knows of it.
struct DeckCard {
    Card card;
    StoredCard stored;   ///< state.phase == fresh and reps == 0 when never answered
    bool known = false;  ///< the store has a row for it
    std::string front;   ///< card_front(): the question with its context; "" = the question
    std::string context; ///< the headings or parent question put in front, "" for none

    /// What the card asks: the front, else the passage's question.
    const std::string& question() const { return front.empty() ? card.passage.question : front; }
};

/// The selected cards and the stored cards whose passage is gone.
struct Deck {
    std::vector<DeckCard> cards;
    std::vector<CardAnchor> gone;
    size_t moved = 0; ///< stored cards re-keyed to a reworded question
    /// The words searched instead of the query when it was corrected
    /// ("docker swarm" for "dokcer swarm"): the cards are that search's.
    std::optional<std::string> searched_for;
};

/// Builds the deck: every passage of the index keyed as a card, stored cards
/// of this index matched (unclaimed ones of the same key claimed, reworded
/// questions re-keyed in the store), then the passages that are cards
/// (card_front()) and that the request selects.
Deck load_deck(const DeckRequest& req, ReviewStore& store);

/// How a session runs.
struct SessionOptions {
    size_t new_limit = 20; ///< new cards per session (Anki's default per day)
    bool terminal = false; ///< standard input is a terminal: single keys
    PrintOptions print;    ///< colour and width for questions and answers
    SchedulerParams params;
    std::string db; ///< the index (o: its file records find a note's path)
};

/// What a session did.
struct SessionSummary {
    int shown = 0;
    int answers[5] = {0, 0, 0, 0, 0}; ///< by Grade (index 1..4)
    int skipped = 0;
    bool quit = false;
};

/// The cards a session starts with, in order: due (most overdue first), then
/// at most `new_limit` new ones in file and line order.
std::vector<size_t> session_order(const Deck& deck, const Moment& now, const SessionOptions& o);

/// Where a session stands when a card shows: cards not yet shown this
/// session (this one included when it is one of them) and learning cards
/// that come back before the session ends (this one included when it is
/// one of them).  The first count goes down by one per card.
struct SessionProgress {
    size_t left = 0;
    size_t learning = 0;
};

/// "[new, 5 left]", "[new, 5 left, 13 learning]", "[relearning, 0 left, 1
/// learning]": the tag in front of a card.
std::string progress_label(const char* phase, const SessionProgress& p);

/// The grade keys with the interval each answer gives at `now`, compact as
/// Anki shows them on its buttons: "1 again <1m", "2 hard <5.5m", "3 good
/// <10m", "4 easy 4d" ("<" under the learn-ahead time: the card comes back in
/// this session).
std::vector<std::string> grade_choices(const CardState& s, const Moment& now,
                                       const SchedulerParams& params);

/// Items laid out on lines of at most `width` columns (0: one line), two
/// spaces between items, a line broken only between items (an item wider
/// than the line stands alone); every line ends with '\n'.
std::string fit_items(const std::vector<std::string>& items, int width);

/// Runs a session reading keys from `in` (single keys on a terminal, else
/// lines: Enter reveals, then 1-4, s, o or q) and writing to `out`; every
/// answer is stored before the next card shows.  Ends at q or end of input.
SessionSummary run_session(Deck& deck, ReviewStore& store, std::istream& in, std::ostream& out,
                           const SessionOptions& o);

/// "now" for quiz: $CRIB_NOW (unix seconds, for tests and demos) else the clock.
std::time_t quiz_clock();

/// crib quiz --stats as numbers.
struct QuizStats {
    struct Topic {
        size_t cards = 0, reviewed = 0, due = 0, fresh = 0;
    };
    size_t cards = 0, reviewed = 0, due = 0, fresh = 0, lapses = 0;
    long long reviews = 0; ///< answers ever given (whole store)
    int streak_days = 0;   ///< days in a row with answers, ending today (or yesterday)
    std::vector<std::pair<std::string, Topic>> by_topic; ///< most cards first
    std::vector<DayCount> per_day;                       ///< the last kStatsDays days, oldest first
    std::vector<CardAnchor> gone;
};

/// Days of history --stats shows per day.
constexpr int kStatsDays = 30;

/// Counts for the deck at `now`.
QuizStats quiz_stats(const Deck& deck, const ReviewStore& store, const Moment& now);

/// --stats for people: counts, a chart of answers per day (Unicode blocks,
/// when `chart`), topics, gone cards.
std::string format_stats_human(const QuizStats& s, const Moment& now, bool chart, bool color);

/// --stats --format json (see README "crib quiz").
std::string format_stats_json(const QuizStats& s, const Moment& now);

/// The first lines of every --export anki file: Anki's #separator, #html and
/// #tags column headers, then `#crib:quiz --export anki`, a header Anki
/// ignores that marks the file as crib's (write_export replaces such a file
/// without --force).
extern const char* const kAnkiExportHeader;

/// How an exported front starts when the passage has a heading path: the
/// path goes in this div, small, above the question (crib-index reading the
/// file back drops it).
extern const std::string kAnkiPathOpen;

/// --export anki: kAnkiExportHeader, then one note per card: the front with
/// its heading path (kAnkiPathOpen), the answer as HTML by cmark, the topics
/// as tags.
std::string export_anki(const Deck& deck);

/// True if `head` (a file's first bytes) starts with kAnkiExportHeader: an
/// earlier export of crib's.
bool is_crib_export(std::string_view head);

/// Where --export writes, and what it must not overwrite.
struct ExportTarget {
    std::string path;   ///< the file named on the command line
    std::string store;  ///< the review store: refused, with its -wal, -shm and -journal
    bool force = false; ///< replace an existing file that is not an earlier export
};

/// Writes `text` to `t.path` through a temporary file in the same folder,
/// renamed over it (a symlink's target is replaced, the link kept), so the
/// file is whole or untouched.  Throws std::runtime_error, saying why, for
/// the review store or its companions (same inode), for anything but a
/// regular file, and, without force, for an existing file that is not an
/// earlier export.
void write_export(const ExportTarget& t, const std::string& text);

/// "2026-12-01" for a day number.
std::string day_date(long long day);

} // namespace crib
