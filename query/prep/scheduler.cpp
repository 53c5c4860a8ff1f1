// scheduler.cpp - SM-2 as Anki's v2 scheduler runs it (see scheduler.hpp).
#include "prep/scheduler.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace crib {

namespace {

/// Seconds to wait after Hard on step `step` of `steps`: halfway between the
/// step and the next one (Anki's _delayForRepeatingGrade, where the last
/// step's "next" is the first, and a single step's is twice itself).
int repeat_delay(const std::vector<int>& steps, int step) {
    int n = int(steps.size());
    int d1 = steps[size_t(step)];
    int d2 = n == 1 ? d1 * 2 : step + 1 < n ? steps[size_t(step + 1)] : steps[0];
    return (d1 + std::max(d1, d2)) / 2;
}

/// Anki's _constrainedIvl without fuzz: truncated, above `prev`, capped.
int constrained(double ivl, int prev, const SchedulerParams& p) {
    int days = int(ivl * p.interval_modifier);
    days = std::max({days, prev + 1, 1});
    return std::min(days, p.max_interval);
}

/// Review-card interval for Hard, Good or Easy (Anki's _nextRevIvl).
int next_review_interval(const CardState& c, Grade g, long long late, const SchedulerParams& p) {
    double ease = c.ease / 1000.0;
    int hard_min = p.hard_factor > 1 ? c.interval : 0;
    int hard = constrained(c.interval * p.hard_factor, hard_min, p);
    if (g == Grade::hard) return hard;
    int good = constrained(double(c.interval + late / 2) * ease, hard, p);
    if (g == Grade::good) return good;
    return constrained(double(c.interval + late) * ease * p.easy_bonus, good, p);
}

/// Leave (re)learning for review, `days` from today.
CardState graduate(CardState c, int days, const Moment& now) {
    c.phase = Phase::review;
    c.step = 0;
    c.interval = days;
    c.due = now.day + days;
    return c;
}

/// A fresh, learning or relearning card answered.
CardState answer_learning(CardState c, Grade g, const Moment& now, const SchedulerParams& p) {
    bool relearn = c.phase == Phase::relearning;
    const std::vector<int>& steps = relearn ? p.relearn_steps : p.learn_steps;
    if (c.phase == Phase::fresh) c.phase = Phase::learning, c.step = 0;
    if (!relearn && (g == Grade::easy || (g == Grade::good && c.step + 1 >= int(steps.size())))) {
        c.ease = p.initial_ease;
        return graduate(c, g == Grade::easy ? p.easy_interval : p.graduating_interval, now);
    }
    if (relearn && (g == Grade::easy || (g == Grade::good && c.step + 1 >= int(steps.size()))))
        return graduate(c, c.interval + (g == Grade::easy ? 1 : 0), now);
    int delay = 0;
    if (g == Grade::again) c.step = 0, delay = steps[0];
    if (g == Grade::hard) delay = repeat_delay(steps, c.step);
    if (g == Grade::good) delay = steps[size_t(++c.step)];
    c.due = now.seconds + delay;
    return c;
}

/// A review card answered.
CardState answer_review(CardState c, Grade g, const Moment& now, const SchedulerParams& p) {
    if (g == Grade::again) {
        c.lapses += 1;
        c.ease = std::max(p.min_ease, c.ease - 200);
        c.interval = std::max({1, p.min_lapse_interval, int(c.interval * p.lapse_multiplier)});
        if (p.relearn_steps.empty()) return graduate(c, c.interval, now);
        c.phase = Phase::relearning;
        c.step = 0;
        c.due = now.seconds + p.relearn_steps[0];
        return c;
    }
    long long late = std::max(0LL, now.day - c.due);
    int days = next_review_interval(c, g, late, p);
    c.ease = std::max(p.min_ease, c.ease + (g == Grade::hard ? -150 : g == Grade::easy ? 150 : 0));
    return graduate(c, days, now);
}

} // namespace

long long day_number(std::time_t t, int rollover_hour) {
    std::tm local{};
    localtime_r(&t, &local);
    long long shifted = static_cast<long long>(t) + local.tm_gmtoff - rollover_hour * 3600LL;
    return shifted >= 0 ? shifted / 86400 : (shifted - 86399) / 86400;
}

Moment moment_at(std::time_t t, const SchedulerParams& p) {
    return Moment{static_cast<long long>(t), day_number(t, p.rollover_hour)};
}

CardState answer(const CardState& c, Grade g, const Moment& now, const SchedulerParams& p) {
    CardState out =
        c.phase == Phase::review ? answer_review(c, g, now, p) : answer_learning(c, g, now, p);
    out.reps = c.reps + 1;
    return out;
}

bool is_due(const CardState& c, const Moment& now, const SchedulerParams& p) {
    switch (c.phase) {
    case Phase::fresh:
        return false;
    case Phase::review:
        return c.due <= now.day;
    default:
        return c.due <= now.seconds + p.learn_ahead;
    }
}

long long seconds_until_due(const CardState& c, const Moment& now, const SchedulerParams&) {
    if (c.phase == Phase::review) return (c.due - now.day) * 86400;
    return std::max(0LL, c.due - now.seconds);
}

std::string describe_interval(long long s) {
    char buf[32];
    auto put = [&](double v, const char* unit) {
        if (std::fabs(v - std::round(v)) < 0.05)
            std::snprintf(buf, sizeof buf, "%.0f%s", v, unit);
        else
            std::snprintf(buf, sizeof buf, "%.1f%s", v, unit);
        return std::string(buf);
    };
    if (s < 60) return put(double(s), "s");
    if (s < 3600) return put(s / 60.0, "m");
    if (s < 86400) return put(s / 3600.0, "h");
    if (s < 30 * 86400) return put(s / 86400.0, "d");
    if (s < 365 * 86400) return put(s / (30 * 86400.0), "mo");
    return put(s / (365 * 86400.0), "y");
}

const char* phase_name(Phase p) {
    switch (p) {
    case Phase::fresh:
        return "new";
    case Phase::learning:
        return "learning";
    case Phase::review:
        return "review";
    case Phase::relearning:
        return "relearning";
    }
    return "new";
}

bool parse_phase(const std::string& s, Phase& out) {
    for (Phase p : {Phase::fresh, Phase::learning, Phase::review, Phase::relearning})
        if (s == phase_name(p)) return out = p, true;
    return false;
}

} // namespace crib
