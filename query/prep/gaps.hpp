// gaps.hpp - crib gaps: a job description against the notes.
//
// The text is split into requirements (split_requirements), each is searched
// with its key terms, and it counts as covered when the best kBestPassages
// passages hold at least kCoveredShare of its key terms, each term weighted
// by its rarity in the notes (IDF: log((N + 1) / (df + 0.5)), N passages,
// df passages holding the term).  Terms are compared stemmed; a passage's
// question, heading path and answer count.  Passages that contain the
// requirement's own text are the job description itself (pasted into the
// notes) and are passed over.  No CLI11 here: flags are parsed in
// subcommands.cpp.
#pragma once

#include "output/printer.hpp"

#include <string>
#include <vector>

namespace crib {

/// Passages looked at per requirement.
constexpr size_t kBestPassages = 3;
/// Weighted share of key terms the best passages must hold for "covered".
constexpr double kCoveredShare = 0.5;

/// One requirement line of the job description.
struct RequirementLine {
    int line = 0;     ///< 1-based line in the input
    std::string text; ///< the bullet or sentence, marker stripped
};

/// Requirements of a job description: bullets (-, *, •, 1.) and the
/// sentences of other lines; a line led by a short "Label:" stays whole.
/// When the text has requirement-like sections ("Requirements",
/// "Responsibilities", "Qualifications", "Skills", "Job description", ...
/// as a short line of its own or a Markdown heading) only their lines count.
/// Lines with no key term ("This is a remote position.") are dropped.
std::vector<RequirementLine> split_requirements(const std::string& text);

/// The words of a requirement worth finding in notes: no stop words, no job
/// advert filler ("experience", "strong", "ability"), one per stem, in order.
std::vector<std::string> key_terms(const std::string& text);

/// A passage that answers a requirement.
struct GapPassage {
    std::string id, question;
    double score = 0;
    std::vector<std::string> topics;
};

/// One requirement, judged.
struct Requirement {
    RequirementLine req;
    std::vector<std::string> terms;   ///< key_terms()
    std::vector<std::string> missing; ///< key terms none of the best passages hold
    double coverage = 0;              ///< weighted share of terms held, 0..1
    bool covered = false;             ///< coverage >= kCoveredShare
    std::vector<GapPassage> best;     ///< at most kBestPassages
};

/// Judges every requirement of `text` against the index at `db`.
/// Throws as search() does (NoIndex, IndexVersionError, ...).
std::vector<Requirement> find_gaps(const std::string& db, const std::string& text);

/// The human checklist: [x]/[ ] per requirement with its best passages,
/// topic counts of the covering passages, then the ones "to study"; files
/// are shown as opt.paths shows them.
std::string format_gaps_human(const std::vector<Requirement>& rs, const PrintOptions& opt);

/// --format json (see README "crib gaps").
std::string format_gaps_json(const std::vector<Requirement>& rs);

} // namespace crib
