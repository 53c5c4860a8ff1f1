// scheduler.hpp - spaced repetition: SM-2 as Anki's v2 scheduler runs it.
//
// The algorithm is SuperMemo's SM-2 (Wozniak 1990) with Anki's changes, as
// written in Anki 2.1's anki/schedv2.py (_answerLrnCard, _nextRevIvl,
// _rescheduleLapse, _delayForRepeatingGrade), with Anki's default deck
// options and without the random "fuzz" (so intervals are reproducible):
//
//   new cards: learning steps 1 min, 10 min; Good on the last step graduates
//     with 1 day, Easy at any step graduates with 4 days; Again goes back to
//     the first step; Hard repeats the step, waiting halfway between it and
//     the next (1 min -> 5.5 min).  A graduating card gets ease 250%.
//   review cards (I = interval in days, E = ease, L = days overdue):
//     Hard  I' = max(I*1.2, I+1),           E -= 15 points
//     Good  I' = max((I + L/2)*E, Hard'+1), E unchanged
//     Easy  I' = max((I + L)*E*1.3, Good'+1), E += 15 points
//     (products truncated to whole days, at most 36500 days)
//   lapses (Again on a review card): E -= 20 points (never below 130%),
//     lapses += 1, interval becomes max(1, I*0) = 1 day after relearning
//     step 10 min; Good there returns to review with that interval, Easy
//     with one day more.
//
// Days turn over at 04:00 local time, as in Anki.
#pragma once

#include <ctime>
#include <string>
#include <vector>

namespace crib {

/// The four answers, numbered as the keys that give them.
enum class Grade { again = 1, hard = 2, good = 3, easy = 4 };

/// Anki's deck options, defaults as Anki ships them.
struct SchedulerParams {
    std::vector<int> learn_steps{60, 600}; ///< seconds: 1 min, 10 min
    std::vector<int> relearn_steps{600};   ///< seconds: 10 min
    int graduating_interval = 1;           ///< days, Good on the last step
    int easy_interval = 4;                 ///< days, Easy while learning
    int initial_ease = 2500;               ///< permille (250%)
    int min_ease = 1300;                   ///< permille
    double hard_factor = 1.2;              ///< Hard multiplies the interval
    double easy_bonus = 1.3;               ///< Easy's extra factor
    double interval_modifier = 1.0;        ///< every review interval
    double lapse_multiplier = 0.0;         ///< new interval after a lapse
    int min_lapse_interval = 1;            ///< days
    int max_interval = 36500;              ///< days
    int rollover_hour = 4;                 ///< local hour a new day starts
    int learn_ahead = 1200;                ///< seconds: learning cards due this soon are shown
};

/// Where a card is in its life.
enum class Phase { fresh, learning, review, relearning };

/// The scheduling state of one card (what the review store keeps).
struct CardState {
    Phase phase = Phase::fresh;
    int step = 0;      ///< index of the (re)learning step being waited out
    int ease = 0;      ///< permille; 0 until the card graduates
    int interval = 0;  ///< days (review and relearning cards)
    long long due = 0; ///< (re)learning: unix seconds; review: day number
    int reps = 0;      ///< answers given
    int lapses = 0;    ///< times a review card was forgotten
};

/// "Now" for the scheduler: a clock reading and the day it falls on.
struct Moment {
    long long seconds = 0; ///< unix time
    long long day = 0;     ///< day number (see day_number())
};

/// The day number of a unix time: days since the epoch in local time,
/// turning over at `rollover_hour`.
long long day_number(std::time_t t, int rollover_hour);

/// The Moment of a unix time under these parameters.
Moment moment_at(std::time_t t, const SchedulerParams& p);

/// The state after answering `g` at `now`.
CardState answer(const CardState& c, Grade g, const Moment& now, const SchedulerParams& p);

/// Whether a card is due at `now` (fresh cards are never "due"; they are new).
bool is_due(const CardState& c, const Moment& now, const SchedulerParams& p);

/// Seconds until the card is due again after an answer at `now` (review
/// cards: whole days, counted from the start of today).
long long seconds_until_due(const CardState& c, const Moment& now, const SchedulerParams& p);

/// "10m", "5.5m", "3d", "1.2y": a short human interval.
std::string describe_interval(long long seconds);

/// Phase names as stored ("new", "learning", "review", "relearning").
const char* phase_name(Phase p);
/// The Phase of a stored name; false for an unknown name.
bool parse_phase(const std::string& s, Phase& out);

} // namespace crib
