// gaps_judge.hpp - whether the notes treat a skill (crib gaps).
//
// A skill is covered when passages are about it, not when its words occur
// somewhere:
//   - its words, in order, are in a passage's question or heading path (one
//     passage is enough), or
//   - a passage's answer says it at least kAnswerRepeats times.
// Words are compared stemmed, names as written ("iOS" is not "IO").
// Links (URLs, Markdown link targets, [[wikilinks]]), bare lists of names
// ("- Terraform", "IaC: Terraform, Ansible, CloudFormation"), table rows,
// code blocks whose tool the prose never names, asides in brackets in a title
// ("... virtualization (vSphere)") and Obsidian dataview queries say nothing
// about what they name: they cover nothing.  A passage holding a line
// of the posting itself is the posting pasted into the notes and is passed over. A phrase the notes
// lack ("failure mode analysis") is missing, whatever its words do elsewhere, unless one passage's
// question or heading holds all of them; phrases of three or more words are also tried without
// their first or last word ("Google Cloud Platform" -> "Google Cloud").
#pragma once

#include "prep/gaps_skills.hpp"

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crib {

/// A passage that answers a requirement.
struct GapPassage {
    std::string id, question;
    double score = 0;
    std::vector<std::string> topics;
};

/// How a covered skill was found when not as written: each is a widening,
/// and crib gaps says it beside the skill (human output and JSON `found`).
enum class Found {
    as_written, ///< its words in order
    shorter,    ///< without its first or last word (`as`: the words found)
    together,   ///< its words in one question or heading path, not in order
    apart,      ///< each word the subject of passages of its own
    synonym,    ///< a synonym the index holds (`as`)
    singular,   ///< "VPCs" as "VPC" (`as`)
    version,    ///< "Angular2" as "Angular" (`as`)
    spelled_out ///< initials as the words they stand for ("SRE", `as`)
};

/// The name crib gaps gives `f` in JSON `found` ("words apart").
const char* found_name(Found f);

/// What the notes say about one skill.
struct SkillEvidence {
    bool covered = false; ///< see the rules above
    int about = 0;        ///< passages with it in their question or heading path (of those read)
    int mentions = 0;     ///< passages whose answer says it (of those read)
    std::optional<GapPassage> best;  ///< the best passage about it, else one mentioning it
    Found found = Found::as_written; ///< how, when covered
    std::string as;                  ///< what was found in its place (Found), "" when as written
};

/// A passage must say a skill this many times in its answer to cover it
/// without its question or headings (a name dropped once or twice in an
/// answer about something else is a mention, not coverage).
constexpr int kAnswerRepeats = 3;
/// A section heading (not a question) whose answer has fewer words than
/// this once links, bare lists and queries are left out covers nothing by
/// its title: it is a map of content, not notes about it.
constexpr size_t kHollowWords = 20;
/// Passages read per skill, best match first.
constexpr unsigned kPassagesRead = 100;
/// A word is a name when at least this share of its uses inside sentences
/// is capitalised (Docker 0.67, Go 0.21, "selection" 0.19 over the corpora).
constexpr double kNameShare = 0.25;

/// Judges skills against one index, each skill once.
class SkillJudge {
  public:
    /// Opens the index at `db` (throws as search() does); `posting` lines of
    /// five words or more found in a passage mark it as the posting itself.
    SkillJudge(const std::string& db, const std::vector<std::string>& posting);
    ~SkillJudge();
    /// The evidence for one skill.
    SkillEvidence judge(const SkillName& s);
    /// True when the notes write `word` (lower case) in lower case inside
    /// their sentences: a word of the language, not a name ("currently",
    /// "selection", "history" against "Kubernetes", "Redis").  Answers only,
    /// without code; false when the notes use it fewer than 3 times so, or
    /// for words of one or two letters ("Go", "R").
    bool common_word(const std::string& word);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace crib
