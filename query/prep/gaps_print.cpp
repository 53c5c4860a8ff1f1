// gaps_print.cpp - crib gaps output: the human report and the JSON shape
// documented in README ("crib gaps").
#include "common/json.hpp"
#include "output/styled.hpp"
#include "prep/gaps.hpp"

#include <algorithm>
#include <map>

namespace crib {

namespace {

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

const char* box(Verdict v) {
    switch (v) {
    case Verdict::covered:
        return "[x] ";
    case Verdict::partial:
        return "[~] ";
    default:
        return "[ ] ";
    }
}

/// How a covered skill was found when not as written, as the checklist
/// says it after the skill's name: ` (as "Google Cloud")`, ` (each word
/// apart)`; "" when as written.
std::string how_found(const SkillEvidence& e) {
    switch (e.found) {
    case Found::as_written:
        return "";
    case Found::together:
        return " (its words in one title)";
    case Found::apart:
        return " (each word apart)";
    default:
        return " (as \"" + e.as + "\")";
    }
}

/// "[~] 18  text", the missing skills, then each covered skill's best passage.
std::string checklist_item(const Requirement& r, const PrintOptions& opt) {
    const std::string indent(8, ' ');
    StyledText t;
    t.add(box(r.verdict), r.verdict == Verdict::covered ? Style::bold : Style::match);
    t.add(std::to_string(r.line.line), Style::line);
    t.add("  " + sanitize(r.line.text));
    std::string out = wrap(t, opt.width, "", indent, opt.color);
    if (std::vector<std::string> m = r.missing(); !m.empty()) {
        StyledText s;
        s.add(indent);
        s.add("missing: " + sanitize(joined(m)), Style::match);
        out += wrap(s, opt.width, "", indent + "  ", opt.color);
    }
    for (const Skill& s : r.skills) {
        if (!s.evidence.covered || !s.evidence.best) continue;
        StyledText b;
        b.add(indent + sanitize(s.name + how_found(s.evidence)) + ": ", Style::dim);
        b.add(sanitize(shown_id(opt, s.evidence.best->id)), Style::path);
        b.add("  " + sanitize(s.evidence.best->question));
        out += wrap(b, opt.width, "", indent + "  ", opt.color);
    }
    return out;
}

/// "aws 12, kubernetes 4": topics of the passages covering skills.
std::string topic_counts(const std::vector<Requirement>& rs) {
    std::map<std::string, int> counts;
    for (const Requirement& r : rs)
        for (const Skill& s : r.skills)
            if (s.evidence.covered && s.evidence.best)
                for (const auto& t : s.evidence.best->topics)
                    ++counts[t];
    std::vector<std::pair<std::string, int>> v(counts.begin(), counts.end());
    std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    std::string out;
    for (const auto& [t, n] : v)
        out += (out.empty() ? "" : ", ") + sanitize(t) + " " + std::to_string(n);
    return out;
}

/// Lines of each verdict.
std::map<Verdict, size_t> tally(const std::vector<Requirement>& rs) {
    std::map<Verdict, size_t> n;
    for (const Requirement& r : rs)
        ++n[r.verdict];
    return n;
}

std::string lines_of(const std::vector<int>& lines) {
    std::string out;
    for (int l : lines)
        out += (out.empty() ? "" : ", ") + std::to_string(l);
    return out;
}

} // namespace

std::string format_gaps_human(const std::vector<Requirement>& rs, const PrintOptions& opt,
                              bool verbose) {
    std::string out;
    for (const Requirement& r : rs)
        if (r.verdict != Verdict::skip) out += checklist_item(r, opt);
    auto n = tally(rs);
    size_t judged = rs.size() - n[Verdict::skip];
    out += "\n" + std::to_string(judged) +
           " requirement lines: " + std::to_string(n[Verdict::covered]) + " covered, " +
           std::to_string(n[Verdict::partial]) + " partly, " + std::to_string(n[Verdict::missing]) +
           " not; " + std::to_string(n[Verdict::skip]) + " other lines skipped" +
           (verbose ? "" : " (-v lists them)") + "\n";
    std::string topics = topic_counts(rs);
    if (!topics.empty()) out += "topics covering them: " + topics + "\n";
    std::vector<StudyItem> study = study_next(rs);
    if (!study.empty()) {
        out += "\nstudy next (skill: lines asking for it):\n";
        for (const StudyItem& s : study) {
            StyledText t;
            t.add("  " + sanitize(s.name), Style::match);
            t.add(": " + lines_of(s.lines), Style::line);
            out += wrap(t, opt.width, "", "      ", opt.color);
        }
    }
    if (verbose && n[Verdict::skip] > 0) {
        out += "\nskipped:\n";
        for (const Requirement& r : rs) {
            if (r.verdict != Verdict::skip) continue;
            StyledText t;
            t.add("  " + std::to_string(r.line.line), Style::line);
            t.add("  " + sanitize(r.line.text) + " ");
            t.add("(" + r.line.skip + ")", Style::dim);
            out += wrap(t, opt.width, "", "      ", opt.color);
        }
    }
    return out;
}

namespace {

void write_best(JsonWriter& w, const std::optional<GapPassage>& p) {
    if (!p) {
        w.null();
        return;
    }
    w.begin_object()
        .key("id")
        .path(p->id)
        .key("question")
        .value(p->question)
        .key("score")
        .value(p->score)
        .end_object();
}

void write_requirement(JsonWriter& w, const Requirement& r) {
    w.begin_object()
        .key("line")
        .value(r.line.line)
        .key("text")
        .value(r.line.text)
        .key("verdict")
        .value(verdict_name(r.verdict))
        .key("covered")
        .value(r.verdict == Verdict::covered)
        .key("missing")
        .strings(r.missing())
        .key("skills")
        .begin_array();
    for (const Skill& s : r.skills) {
        w.begin_object()
            .key("name")
            .value(s.name)
            .key("covered")
            .value(s.evidence.covered)
            .key("about")
            .value(s.evidence.about)
            .key("mentions")
            .value(s.evidence.mentions)
            .key("found");
        if (s.evidence.covered)
            w.value(found_name(s.evidence.found));
        else
            w.null();
        w.key("as");
        if (s.evidence.covered && !s.evidence.as.empty())
            w.value(s.evidence.as);
        else
            w.null();
        w.key("best");
        write_best(w, s.evidence.best);
        w.end_object();
    }
    w.end_array().end_object();
}

} // namespace

std::string format_gaps_json(const std::vector<Requirement>& rs) {
    JsonWriter w;
    auto n = tally(rs);
    w.begin_object().key("version").value(2).key("summary").begin_object();
    w.key("requirements").value(int(rs.size() - n[Verdict::skip]));
    for (Verdict v : {Verdict::covered, Verdict::partial, Verdict::missing, Verdict::skip})
        w.key(verdict_name(v)).value(int(n[v]));
    w.end_object().key("requirements").begin_array();
    for (const Requirement& r : rs)
        if (r.verdict != Verdict::skip) write_requirement(w, r);
    w.end_array().key("skipped").begin_array();
    for (const Requirement& r : rs)
        if (r.verdict == Verdict::skip)
            w.begin_object()
                .key("line")
                .value(r.line.line)
                .key("text")
                .value(r.line.text)
                .key("reason")
                .value(r.line.skip)
                .end_object();
    w.end_array().key("study_next").begin_array();
    for (const StudyItem& s : study_next(rs)) {
        w.begin_object().key("skill").value(s.name).key("lines").begin_array();
        for (int l : s.lines)
            w.value(l);
        w.end_array().end_object();
    }
    w.end_array().end_object();
    return w.str() + "\n";
}

} // namespace crib
