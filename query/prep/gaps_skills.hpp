// gaps_skills.hpp - the skills a requirement line names (crib gaps, no
// index needed).
//
// A line is cut at commas, "and"/"or", slashes between names, parentheses
// and function words; the words of job-advert filler ("experience",
// "strong", "build", "team") and soft skills ("communication") cut it too.
// What stays are runs of content words: "Terraform", "remote state",
// "Google Cloud".  A run mixing names and common words is split between them
// ("Kubernetes administration" gives "Kubernetes" and "administration").
// Names are skills by their spelling (capitals, digits, "Node.js"); a run of
// common words is trimmed to its technical words at both ends
// (technical_word(): "weekly on-call rotation" -> "on-call"), and dropped
// when it has none ("workload statistics").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// One skill as the posting writes it.
struct SkillName {
    std::string text;               ///< as written: "Node.js", "remote state"
    std::vector<std::string> words; ///< schema::words(text): what is looked up
    bool name = false;              ///< a product or technology name (Terraform, EKS, CI/CD)
    /// A capitalised first word followed by more ("Ansible playbooks",
    /// "Filling in"): a name only if the notes know it; never "missing".
    bool maybe = false;
    /// A name only by the capital of a line's or sentence's first word
    /// ("Currently", "Kubernetes, Docker"): a name only if the notes write
    /// it as one (SkillJudge::common_word()).
    bool initial = false;
    /// A name and a word of the field after it ("GCP networking", "React
    /// testing"): covered when a passage about the name treats the word.
    bool compound = false;
};

/// The skills a requirement line names, in order, each once.
std::vector<SkillName> skill_names(std::string_view line);

/// True for a common word of software work that names a subject to study
/// ("networking", "on-call", "cloud-based"); `w` lower case, compared as
/// written give or take a plural "s" (gaps_vocabulary.cpp holds the list).
bool technical_word(const std::string& w);

/// True when `a` and `b` (lower case) are one term of art written as two
/// words, give or take a plural ("load balancing", "reverse proxies",
/// "rolling updates"): one skill however the posting writes them.
bool compound_word(const std::string& a, const std::string& b);

/// True for a word naming a whole area of the field, too broad to study as
/// such ("infrastructure", "security", "APIs" lower-cased: "apis"); `w` lower
/// case, give or take a plural "s" (gaps_vocabulary.cpp holds the list).
bool broad_word(const std::string& w);

/// True for a noun that makes a subject a practice ("release management",
/// "test plans", "vulnerability scanning"): kept after the field's words of
/// a phrase, and never covered on its own; `w` lower case.
bool practice_word(const std::string& w);

/// True for a word naming a role or a group ("engineer", "administrator",
/// "team", "CTO"; `low` lower case): "DevOps Engineer", "Cloud Operations
/// team" are people, not skills, and a first line naming one is the job's title.
bool role_word(const std::string& low);

/// True for a word job postings use around skills, never one itself
/// ("experience", "strong", "team", "communication"); `w` lower case.
bool filler_word(const std::string& w);

} // namespace crib
