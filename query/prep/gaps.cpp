// gaps.cpp - crib gaps: lines read, skills named, skills judged (see gaps.hpp).
#include "prep/gaps.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"

#include <map>
#include <set>

namespace crib {

namespace {

/// Capitalised words that name the employer: "About X" headings, "At X,"
/// and "X is an equal opportunity employer" lines, and any name the posting
/// repeats three times that the notes never use.  Lower case.
std::set<std::string> employer_names(const std::vector<PostingLine>& lines, SkillJudge& judge) {
    std::set<std::string> out;
    std::map<std::string, int> seen;
    for (const PostingLine& l : lines) {
        std::vector<std::string> ws = schema::words(l.text);
        std::string low = ascii_lower(l.text);
        bool about = l.skip == "heading" && low.rfind("about ", 0) == 0;
        bool at = low.rfind("at ", 0) == 0;
        bool eeo = l.skip == "equal opportunity";
        for (size_t i = 0; i < ws.size(); ++i) {
            if ((about || at) && i == 1) out.insert(ws[i]);
            if (eeo && i == 0) out.insert(ws[i]);
        }
        for (const SkillName& s : skill_names(l.text))
            if (s.name) ++seen[ascii_lower(s.text)];
    }
    for (const auto& [name, n] : seen)
        if (n >= 3 && name.find(' ') == std::string::npos && judge.absent(name)) out.insert(name);
    out.erase("we");
    out.erase("you");
    return out;
}

Verdict verdict_of(const std::vector<Skill>& skills) {
    size_t covered = 0;
    for (const Skill& s : skills)
        covered += s.evidence.covered;
    if (covered == skills.size()) return Verdict::covered;
    return covered == 0 ? Verdict::missing : Verdict::partial;
}

} // namespace

const char* verdict_name(Verdict v) {
    switch (v) {
    case Verdict::covered:
        return "covered";
    case Verdict::partial:
        return "partial";
    case Verdict::missing:
        return "missing";
    case Verdict::skip:
        break;
    }
    return "skip";
}

std::vector<std::string> Requirement::missing() const {
    std::vector<std::string> out;
    for (const Skill& s : skills)
        if (!s.evidence.covered) out.push_back(s.name);
    return out;
}

std::vector<Requirement> find_gaps(const std::string& db, const std::string& text) {
    std::vector<PostingLine> lines = read_posting(text);
    std::vector<std::string> texts;
    for (const PostingLine& l : lines)
        texts.push_back(l.text);
    SkillJudge judge(db, texts);
    std::set<std::string> employer = employer_names(lines, judge);
    std::vector<Requirement> out;
    for (PostingLine& l : lines) {
        Requirement r;
        r.line = std::move(l);
        if (r.line.skip.empty()) {
            for (SkillName& s : skill_names(r.line.text)) {
                if (s.name && employer.count(ascii_lower(s.text))) continue;
                SkillEvidence ev = judge.judge(s);
                r.skills.push_back(Skill{std::move(s.text), std::move(ev)});
            }
            if (r.skills.empty())
                r.line.skip = "no skill named";
            else
                r.verdict = verdict_of(r.skills);
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<StudyItem> study_next(const std::vector<Requirement>& rs) {
    std::vector<StudyItem> out;
    std::map<std::string, size_t> at;
    for (const Requirement& r : rs)
        for (const Skill& s : r.skills) {
            if (s.evidence.covered) continue;
            std::string key = ascii_lower(s.name);
            auto [it, fresh] = at.emplace(key, out.size());
            if (fresh) out.push_back(StudyItem{s.name, {}});
            std::vector<int>& lines = out[it->second].lines;
            if (lines.empty() || lines.back() != r.line.line) lines.push_back(r.line.line);
        }
    std::stable_sort(out.begin(), out.end(), [](const StudyItem& a, const StudyItem& b) {
        return a.lines.size() > b.lines.size();
    });
    return out;
}

} // namespace crib
