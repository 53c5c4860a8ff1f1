// quiz_stats.cpp - crib quiz --stats: counts, streak, answers per day.
#include "common/json.hpp"
#include "prep/quiz.hpp"
#include "output/styled.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace crib {

namespace {

/// Days in a row with answers, ending today, or yesterday when today has none yet.
int streak(const std::vector<DayCount>& days, long long today) {
    std::map<long long, int> by_day;
    for (const DayCount& d : days)
        by_day[d.day] = d.reviews;
    long long day = by_day.count(today) ? today : today - 1;
    int n = 0;
    while (by_day.count(day))
        ++n, --day;
    return n;
}

/// The last kStatsDays days, zeros included, oldest first.
std::vector<DayCount> last_days(const std::vector<DayCount>& days, long long today) {
    std::map<long long, int> by_day;
    for (const DayCount& d : days)
        by_day[d.day] = d.reviews;
    std::vector<DayCount> out;
    for (long long day = today - kStatsDays + 1; day <= today; ++day)
        out.push_back(DayCount{day, by_day.count(day) ? by_day[day] : 0});
    return out;
}

void count(QuizStats::Topic& t, bool reviewed, bool due, bool fresh) {
    ++t.cards;
    t.reviewed += reviewed;
    t.due += due;
    t.fresh += fresh;
}

/// One column per day: "·" for none, else a block from ▁ to █ scaled to the busiest day.
std::string chart(const std::vector<DayCount>& days) {
    static const char* const blocks[] = {"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83",
                                         "\xE2\x96\x84", "\xE2\x96\x85", "\xE2\x96\x86",
                                         "\xE2\x96\x87", "\xE2\x96\x88"};
    int most = 1;
    for (const DayCount& d : days)
        most = std::max(most, d.reviews);
    std::string out;
    for (const DayCount& d : days)
        out += d.reviews == 0 ? "\xC2\xB7" : blocks[std::min(7, (d.reviews * 8 - 1) / most)];
    return out;
}

} // namespace

std::string day_date(long long day) {
    std::time_t t = std::time_t(day * 86400 + 43200); // noon UTC of that day
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

QuizStats quiz_stats(const Deck& deck, const ReviewStore& store, const Moment& now) {
    QuizStats s;
    SchedulerParams params;
    std::map<std::string, QuizStats::Topic> topics;
    for (const DeckCard& c : deck.cards) {
        const CardState& st = c.stored.state;
        bool fresh = st.phase == Phase::fresh, due = is_due(st, now, params);
        bool reviewed = st.reps > 0;
        ++s.cards;
        s.reviewed += reviewed;
        s.due += due;
        s.fresh += fresh;
        s.lapses += size_t(st.lapses);
        for (const auto& t : c.card.passage.topics)
            count(topics[t], reviewed, due, fresh);
    }
    s.by_topic.assign(topics.begin(), topics.end());
    std::stable_sort(s.by_topic.begin(), s.by_topic.end(),
                     [](auto& a, auto& b) { return a.second.cards > b.second.cards; });
    auto days = store.reviews_per_day();
    s.reviews = store.review_count();
    s.streak_days = streak(days, now.day);
    s.per_day = last_days(days, now.day);
    s.gone = deck.gone;
    return s;
}

std::string format_stats_human(const QuizStats& s, const Moment& now, bool with_chart, bool color) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "cards %zu   reviewed %zu   due %zu   new %zu   lapses %zu   answers %lld\n",
                  s.cards, s.reviewed, s.due, s.fresh, s.lapses, s.reviews);
    std::string out = line;
    out += "streak: " + std::to_string(s.streak_days) + (s.streak_days == 1 ? " day\n" : " days\n");
    if (with_chart && !s.per_day.empty()) {
        int most = 0;
        for (const DayCount& d : s.per_day)
            most = std::max(most, d.reviews);
        out += "answers per day, " + day_date(s.per_day.front().day) + " to " + day_date(now.day) +
               " (most " + std::to_string(most) + "):\n  " + chart(s.per_day) + "\n";
    }
    if (!s.by_topic.empty()) out += "by topic (cards, reviewed, due, new):\n";
    for (const auto& [name, t] : s.by_topic) {
        std::snprintf(line, sizeof line, "  %-24s %5zu %5zu %5zu %5zu\n", sanitize(name).c_str(),
                      t.cards, t.reviewed, t.due, t.fresh);
        out += line;
    }
    if (!s.gone.empty())
        out += std::to_string(s.gone.size()) +
               " card(s) whose passage is gone (history kept; it returns if the question does):\n";
    for (const CardAnchor& g : s.gone) {
        StyledText t;
        t.add("  ");
        t.add(sanitize(g.file), Style::path);
        t.add(":" + std::to_string(g.line) + "  " + sanitize(g.question));
        out += render(t, color) + "\n";
    }
    return out;
}

std::string format_stats_json(const QuizStats& s, const Moment& now) {
    auto n = [](size_t v) { return static_cast<long long>(v); };
    JsonWriter w;
    w.begin_object()
        .key("version")
        .value(1)
        .key("cards")
        .value(n(s.cards))
        .key("reviewed")
        .value(n(s.reviewed))
        .key("due")
        .value(n(s.due))
        .key("new")
        .value(n(s.fresh))
        .key("lapses")
        .value(n(s.lapses))
        .key("reviews")
        .value(s.reviews)
        .key("streak_days")
        .value(s.streak_days)
        .key("today")
        .value(day_date(now.day))
        .key("by_topic")
        .begin_object();
    for (const auto& [name, t] : s.by_topic)
        w.key(name)
            .begin_object()
            .key("cards")
            .value(n(t.cards))
            .key("reviewed")
            .value(n(t.reviewed))
            .key("due")
            .value(n(t.due))
            .key("new")
            .value(n(t.fresh))
            .end_object();
    w.end_object().key("per_day").begin_array();
    for (const DayCount& d : s.per_day)
        w.begin_object()
            .key("date")
            .value(day_date(d.day))
            .key("reviews")
            .value(d.reviews)
            .end_object();
    w.end_array().key("gone").begin_array();
    for (const CardAnchor& g : s.gone)
        w.begin_object()
            .key("file")
            .path(g.file)
            .key("line")
            .value(g.line)
            .key("question")
            .value(g.question)
            .end_object();
    w.end_array().end_object();
    return w.str() + "\n";
}

} // namespace crib
