// gaps_print.cpp - crib gaps output: the human checklist and the JSON shape
// documented in README ("crib gaps").
#include "prep/gaps.hpp"
#include "common/json.hpp"
#include "output/styled.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace crib {

namespace {

std::string percent(double share) {
    return std::to_string(int(std::lround(share * 100))) + "%";
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

/// "[x] 122  text (82%)" and its best passages.
std::string checklist_item(const Requirement& r, const PrintOptions& opt) {
    const bool color = opt.color;
    const int width = opt.width;
    StyledText t;
    t.add(r.covered ? "[x] " : "[ ] ", r.covered ? Style::bold : Style::match);
    t.add(std::to_string(r.req.line), Style::line);
    t.add("  " + sanitize(r.req.text) + " ");
    t.add("(" + percent(r.coverage) + ")", Style::dim);
    std::string out = wrap(t, width, "", "         ", color);
    for (const GapPassage& p : r.best) {
        StyledText b;
        b.add("    ");
        b.add(sanitize(shown_id(opt, p.id)), Style::path);
        b.add("  " + sanitize(p.question));
        out += wrap(b, width, "", "         ", color);
    }
    if (!r.covered && !r.missing.empty()) {
        StyledText m;
        m.add("    missing: " + sanitize(joined(r.missing)), Style::dim);
        out += wrap(m, width, "", "         ", color);
    }
    return out;
}

/// "aws 12, kubernetes 4": topics of the passages covering requirements.
std::string topic_counts(const std::vector<Requirement>& rs) {
    std::map<std::string, int> counts;
    for (const Requirement& r : rs)
        if (r.covered)
            for (const GapPassage& p : r.best)
                for (const auto& t : p.topics)
                    ++counts[t];
    std::vector<std::pair<std::string, int>> v(counts.begin(), counts.end());
    std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    std::string out;
    for (const auto& [t, n] : v)
        out += (out.empty() ? "" : ", ") + sanitize(t) + " " + std::to_string(n);
    return out;
}

} // namespace

std::string format_gaps_human(const std::vector<Requirement>& rs, const PrintOptions& opt) {
    const bool color = opt.color;
    const int width = opt.width;
    size_t covered = 0;
    for (const Requirement& r : rs)
        covered += r.covered;
    std::string out;
    for (const Requirement& r : rs)
        out += checklist_item(r, opt);
    out += "\n" + std::to_string(covered) + " of " + std::to_string(rs.size()) +
           " requirements covered (at least " + percent(kCoveredShare) +
           " of their key terms, weighted by rarity, in the best " + std::to_string(kBestPassages) +
           " passages)\n";
    std::string topics = topic_counts(rs);
    if (!topics.empty()) out += "topics covering them: " + topics + "\n";
    if (covered == rs.size()) return out;
    out += "\nto study:\n";
    for (const Requirement& r : rs) {
        if (r.covered) continue;
        StyledText t;
        t.add("  " + std::to_string(r.req.line), Style::line);
        t.add("  " + sanitize(r.req.text));
        out += wrap(t, width, "", "         ", color);
    }
    return out;
}

std::string format_gaps_json(const std::vector<Requirement>& rs) {
    JsonWriter w;
    w.begin_object()
        .key("version")
        .value(1)
        .key("threshold")
        .value(kCoveredShare)
        .key("requirements")
        .begin_array();
    for (const Requirement& r : rs) {
        w.begin_object()
            .key("line")
            .value(r.req.line)
            .key("text")
            .value(r.req.text)
            .key("covered")
            .value(r.covered)
            .key("coverage")
            .value(std::round(r.coverage * 1000) / 1000)
            .key("terms")
            .strings(r.terms)
            .key("missing")
            .strings(r.missing)
            .key("best")
            .begin_array();
        for (const GapPassage& p : r.best)
            w.begin_object()
                .key("id")
                .path(p.id)
                .key("question")
                .value(p.question)
                .key("score")
                .value(p.score)
                .end_object();
        w.end_array().end_object();
    }
    w.end_array().end_object();
    return w.str() + "\n";
}

} // namespace crib
