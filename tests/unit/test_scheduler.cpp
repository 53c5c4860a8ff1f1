// The scheduler against the rules of Anki's v2 scheduler (anki/schedv2.py,
// default deck options, no fuzz), worked by hand from that code, and the
// Anki manual's example (ease 250%, interval 10 days, Good -> 25 days).
#include "prep/scheduler.hpp"

#include <catch2/catch.hpp>

using namespace crib;

namespace {

const SchedulerParams kAnki{};
constexpr long long kDay0 = 20000; // an arbitrary day number

Moment on_day(long long day, long long extra_seconds = 0) {
    return Moment{day * 86400 + 5 * 3600 + extra_seconds, day};
}

/// A review card with this interval and ease, due today.
CardState review(int interval, int ease, long long due = kDay0) {
    CardState c;
    c.phase = Phase::review;
    c.interval = interval;
    c.ease = ease;
    c.due = due;
    return c;
}

/// Answers `grades` one after another, each on the day the card is due
/// (learning steps on the same day); returns the intervals after each.
std::vector<int> intervals_for(const std::vector<Grade>& grades) {
    CardState c;
    Moment now = on_day(kDay0);
    std::vector<int> out;
    for (Grade g : grades) {
        c = answer(c, g, now, kAnki);
        if (c.phase == Phase::review) {
            out.push_back(c.interval);
            now = on_day(c.due);
        } else {
            out.push_back(0); // still (re)learning, minutes away
            now.seconds = c.due;
        }
    }
    return out;
}

} // namespace

TEST_CASE("new cards walk the learning steps 1m, 10m, then graduate at 1 day", "[scheduler]") {
    Moment now = on_day(kDay0);
    CardState c = answer(CardState{}, Grade::good, now, kAnki);
    CHECK(c.phase == Phase::learning);
    CHECK(c.due == now.seconds + 600);
    c = answer(c, Grade::good, now, kAnki);
    CHECK(c.phase == Phase::review);
    CHECK(c.interval == 1);
    CHECK(c.ease == 2500);
    CHECK(c.due == kDay0 + 1);
    CHECK(c.reps == 2);
}

TEST_CASE("learning: Again restarts, Hard waits halfway, Easy graduates at 4 days", "[scheduler]") {
    Moment now = on_day(kDay0);
    CardState c = answer(CardState{}, Grade::again, now, kAnki);
    CHECK(c.due == now.seconds + 60);
    c = answer(c, Grade::hard, now, kAnki);
    CHECK(c.due == now.seconds + 330); // (60 + 600) / 2
    c = answer(c, Grade::good, now, kAnki);
    CHECK(c.step == 1);
    c = answer(c, Grade::hard, now, kAnki);
    CHECK(c.due == now.seconds + 600); // last step: its own length
    c = answer(c, Grade::again, now, kAnki);
    CHECK(c.step == 0);
    c = answer(c, Grade::easy, now, kAnki);
    CHECK(c.phase == Phase::review);
    CHECK(c.interval == 4);
    CHECK(c.ease == 2500);
}

TEST_CASE("Good every time gives Anki's 1, 3, 7, 17, 42, 105 days", "[scheduler]") {
    std::vector<Grade> goods(7, Grade::good);
    CHECK(intervals_for(goods) == std::vector<int>{0, 1, 3, 7, 17, 42, 105});
}

TEST_CASE("intervals for grade sequences", "[scheduler]") {
    using G = Grade;
    struct Case {
        std::vector<Grade> grades;
        std::vector<int> intervals;
    };
    auto c = GENERATE(values<Case>({
        // Easy at once (ease stays 250%), then Good: 4 days, then 4 * 2.5 = 10
        {{G::easy, G::good}, {4, 10}},
        // Hard on a 1-day card: max(1*1.2, 1+1) = 2; ease 235% -> 2*2.35 = 4.7 -> 4
        {{G::good, G::good, G::hard, G::good}, {0, 1, 2, 4}},
        // Easy on a 1-day card: max(1*2.5*1.3 = 3.25 -> 3, Good 3 + 1) = 4
        {{G::good, G::good, G::easy}, {0, 1, 4}},
        // A lapse: relearning, back at max(1, 3 * 0) = 1 day, ease 230%: then
        // max(1 * 2.3 -> 2, Hard 2 + 1) = 3
        {{G::good, G::good, G::good, G::again, G::good, G::good}, {0, 1, 3, 0, 1, 3}},
        // Easy out of relearning: one day more
        {{G::good, G::good, G::good, G::again, G::easy}, {0, 1, 3, 0, 2}},
    }));
    CHECK(intervals_for(c.grades) == c.intervals);
}

TEST_CASE("the Anki manual's example: interval 10 days at 250%, Good gives 25 days",
          "[scheduler]") {
    CardState c = answer(review(10, 2500), Grade::good, on_day(kDay0), kAnki);
    CHECK(c.interval == 25);
    CHECK(c.ease == 2500);
    CHECK(c.due == kDay0 + 25);
    CardState h = answer(review(10, 2500), Grade::hard, on_day(kDay0), kAnki);
    CHECK(h.interval == 12);
    CHECK(h.ease == 2350);
    CardState e = answer(review(10, 2500), Grade::easy, on_day(kDay0), kAnki);
    CHECK(e.interval == 32); // 10 * 2.5 * 1.3 = 32.5
    CHECK(e.ease == 2650);
}

TEST_CASE("late reviews count the days overdue: half for Good, all for Easy", "[scheduler]") {
    // Due kDay0, answered 4 days late.
    CardState g = answer(review(10, 2500), Grade::good, on_day(kDay0 + 4), kAnki);
    CHECK(g.interval == 30); // (10 + 2) * 2.5
    CHECK(g.due == kDay0 + 4 + 30);
    CardState e = answer(review(10, 2500), Grade::easy, on_day(kDay0 + 4), kAnki);
    CHECK(e.interval == 45); // (10 + 4) * 2.5 * 1.3 = 45.5
}

TEST_CASE("a review answered before it is due counts no days late (Anki's _daysLate)",
          "[scheduler]") {
    // Due kDay0, answered 4 days early: the days are not taken off.
    CardState g = answer(review(10, 2500), Grade::good, on_day(kDay0 - 4), kAnki);
    CHECK(g.interval == 25); // 10 * 2.5, not (10 - 2) * 2.5
    CardState e = answer(review(10, 2500), Grade::easy, on_day(kDay0 - 4), kAnki);
    CHECK(e.interval == 32); // 10 * 2.5 * 1.3 = 32.5
}

TEST_CASE("lapses lower the ease by 20 points, never below 130%", "[scheduler]") {
    CardState c = answer(review(30, 2500), Grade::again, on_day(kDay0), kAnki);
    CHECK(c.phase == Phase::relearning);
    CHECK(c.lapses == 1);
    CHECK(c.ease == 2300);
    CHECK(c.interval == 1);
    CHECK(c.due == on_day(kDay0).seconds + 600);
    CardState floor = answer(review(30, 1300), Grade::again, on_day(kDay0), kAnki);
    CHECK(floor.ease == 1300);
    CardState hard = answer(review(30, 1350), Grade::hard, on_day(kDay0), kAnki);
    CHECK(hard.ease == 1300);
}

TEST_CASE("intervals stop at the maximum", "[scheduler]") {
    CardState c = answer(review(30000, 2500), Grade::good, on_day(kDay0), kAnki);
    CHECK(c.interval == 36500);
}

TEST_CASE("due: review cards by day, learning cards by clock with 20 min learn-ahead",
          "[scheduler]") {
    Moment now = on_day(kDay0);
    CHECK(is_due(review(3, 2500, kDay0), now, kAnki));
    CHECK_FALSE(is_due(review(3, 2500, kDay0 + 1), now, kAnki));
    CHECK_FALSE(is_due(CardState{}, now, kAnki));
    CardState l = answer(CardState{}, Grade::good, now, kAnki); // due in 10 min
    CHECK(is_due(l, now, kAnki));
    l.due = now.seconds + 3600;
    CHECK_FALSE(is_due(l, now, kAnki));
}

TEST_CASE("days turn over at the rollover hour", "[scheduler]") {
    setenv("TZ", "UTC", 1);
    tzset();
    // 1970-01-02 03:59 UTC is still day 0 with a 04:00 rollover; 04:00 is day 1.
    CHECK(day_number(86400 + 3 * 3600 + 59 * 60, 4) == 0);
    CHECK(day_number(86400 + 4 * 3600, 4) == 1);
    CHECK(day_number(86400 + 4 * 3600, 0) == 1);
    unsetenv("TZ");
    tzset();
}

TEST_CASE("intervals read as people say them", "[scheduler]") {
    CHECK(describe_interval(60) == "1m");
    CHECK(describe_interval(330) == "5.5m");
    CHECK(describe_interval(3 * 86400) == "3d");
    CHECK(describe_interval(60 * 86400) == "2mo");
}
