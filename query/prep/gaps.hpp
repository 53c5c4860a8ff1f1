// gaps.hpp - crib gaps: a job posting against the notes.
//
// The posting is read line by line (gaps_posting.hpp): headings, company
// text, benefits, degrees and the like are skipped with a reason.  Each
// other line is cut into the skills it names (gaps_skills.hpp), and each
// skill is judged against the notes (gaps_judge.hpp): covered when passages
// are about it.  A line naming no skill is skipped ("no skill named"); else
// it is covered (every skill), partial (some) or missing (none).  No CLI11
// here: flags are parsed in command_line.cpp.
#pragma once

#include "output/printer.hpp"
#include "prep/gaps_judge.hpp"
#include "prep/gaps_posting.hpp"

#include <string>
#include <vector>

namespace crib {

/// One skill of a requirement, judged.
struct Skill {
    std::string name;       ///< as the posting writes it
    SkillEvidence evidence; ///< covered, passages about it, the best one
};

/// A line's verdict.
enum class Verdict { covered, partial, missing, skip };

/// The verdict's name in output: "covered", "partial", "missing", "skip".
const char* verdict_name(Verdict v);

/// One line of the posting, judged.
struct Requirement {
    PostingLine line; ///< number, text, skip reason
    Verdict verdict = Verdict::skip;
    std::vector<Skill> skills; ///< the skills judged (none when skipped)
    /// Names of the skills not covered, in order.
    std::vector<std::string> missing() const;
};

/// A skill to study: not covered, with the lines asking for it.
struct StudyItem {
    std::string name;       ///< as first written
    std::vector<int> lines; ///< lines naming it, in order
};

/// Every line of the posting judged against the index at `db`; skipped
/// lines included (verdict skip).  Throws as search() does (NoIndex, ...).
std::vector<Requirement> find_gaps(const std::string& db, const std::string& text);

/// The skills not covered, most often asked first (then first asked).
std::vector<StudyItem> study_next(const std::vector<Requirement>& rs);

/// The human report: per requirement line its verdict, missing skills and
/// the best passage per covered skill; counts; the skills to study next.
/// Skipped lines with their reason only when `verbose`.
std::string format_gaps_human(const std::vector<Requirement>& rs, const PrintOptions& opt,
                              bool verbose);

/// --format json (see README "crib gaps").
std::string format_gaps_json(const std::vector<Requirement>& rs);

} // namespace crib
