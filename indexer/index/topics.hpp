// topics.hpp - topic assignment from a user-editable taxonomy: what a passage
// says, the tags that name a subject, a folder that names one, and the one
// subject a whole file is about.  Topics come from content, not containers:
// a folder or tag that names no subject of the taxonomy is no topic.
#pragma once

#include "formats/passage.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace crib {

/// Lower-cased, stemmed word tokens of a text (the English stemmer of the schema).
std::vector<std::string> stemmed_words(std::string_view text);

/// A taxonomy: topic name -> keywords and aliases (single words or phrases).
/// A keyword matches its own inflections: words with its stem that start
/// with it ("container": "containers", not "contains", whose stem is also
/// "contain"; "logging": not "logs"; a final e or y may change: "scale":
/// "scaling", "registry": "registries").
///
/// File format, one topic per line ('#' starts a comment):
///     kubernetes: k8s, kubectl, pod, statefulset, daemonset, "persistent volume"
class Taxonomy {
  public:
    /// Parse taxonomy text; bad lines are reported in `errors` and skipped.
    static Taxonomy parse(std::string_view text, std::vector<std::string>* errors = nullptr);
    /// Load a file; throws std::runtime_error if it cannot be read.
    static Taxonomy load(const std::string& path);

    /// Topics of a passage: a keyword in the question, or at least
    /// kAnswerHits keyword occurrences in the answer.
    std::vector<std::string> classify(const Passage& p) const;

    /// Canonical topic for a folder or tag name ("k8s" -> "kubernetes"), or the name itself.
    std::string canonical(std::string_view name) const;

    /// True if `name` is the name of one of the topics.
    bool is_topic(std::string_view name) const;

    bool empty() const { return topics_.empty(); }
    size_t size() const { return topics_.size(); }

    static constexpr int kAnswerHits = 2;

  private:
    /// Words of a text or keyword: each as written (lower case) and its stem.
    struct Words {
        std::vector<std::string> forms, stems;
    };
    struct Topic {
        std::string name;
        std::vector<std::vector<std::string>> keywords; // stemmed word sequences
        std::vector<std::vector<std::string>> forms;    // the same words as written
    };
    static Words words_of(std::string_view text);
    /// Keyword occurrences in `words`, per topic (the index of topics_).
    std::vector<int> count(const Words& words) const;
    /// Index the keywords by their first stem (after parse()).
    void index_keywords();
    std::vector<Topic> topics_;
    /// First stem of a keyword -> (topic, keyword) pairs: a passage's words
    /// are each looked up once, not compared with every keyword of every topic.
    std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> by_first_;
};

/// The topic a folder or tag name stands for when it names a known subject
/// (a topic of the taxonomy or one of its keywords: "k8s" -> "kubernetes"),
/// else "": "vault", "logseq", "misc", "notes", "mydiscordchannel" are
/// containers, not subjects.
std::string subject_named(std::string_view name, const Taxonomy& tax);

/// The one subject a file is about, from its name (a README's or index's:
/// its folder's) and the heading every passage of it sits under:
/// "javascript-questions/README.md", "# Docker interview questions".  ""
/// when they name no topic or several ("Docker and Kubernetes basics").
std::string file_subject(const std::vector<Passage>& passages, const Taxonomy& tax);

/// Assign topics to the passages of one file: the taxonomy's (code
/// excluded), the subjects among its tags (the other tags stay tags, in
/// Passage::tags), the subject `folder` names (the first folder below the
/// root given; may be empty), and the file's one subject (file_subject) to
/// every passage of it.
void assign_topics(std::vector<Passage>& passages, const Taxonomy& tax, std::string_view folder);

} // namespace crib
