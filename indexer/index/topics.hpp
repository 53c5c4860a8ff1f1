// topics.hpp - topic assignment from a user-editable taxonomy, #tags,
// front-matter tags and the folder a note lives in.
#pragma once

#include "formats/passage.hpp"

#include <string>
#include <string_view>
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
    int count(const Topic& t, const Words& words) const;
    std::vector<Topic> topics_;
};

/// True if a folder name makes a topic: it is a taxonomy keyword, or one short
/// word (not "owner__repository", not a phrase with spaces).
bool topic_like_folder(std::string_view folder, const Taxonomy& tax);

/// Assign topics to passages: taxonomy (code excluded), tags, and `folder`
/// (the first folder below the root given; may be empty) when topic_like_folder.
void assign_topics(std::vector<Passage>& passages, const Taxonomy& tax, std::string_view folder);

} // namespace crib
