// synonyms.hpp - a user-editable synonyms file loaded into Xapian's
// synonym table (QueryParser FLAG_AUTO_SYNONYMS / AUTO_MULTIWORD_SYNONYMS).
//
// File format, one group per line ('#' starts a comment); every member of a
// group is a synonym of every other:
//     kubernetes = k8s, kube
//     auto scaling group = asg
// and "alias, ... => member, ..." makes one-way aliases: typing "tf" finds
// "terraform", typing "terraform" does not find every "tf":
//     tf => terraform
// Multi-word members cannot be a synonym *value* in Xapian, so each group
// also gets a group term (XSYN<n>): the indexer adds it to passages whose text
// contains a multi-word member, and every member maps to it.  "asg" then
// finds passages that say "auto scaling group".
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// Parsed synonym groups: each member is a sequence of stemmed words.
class Synonyms {
  public:
    struct Group {
        std::vector<std::string> members;              // as written, lower-cased
        std::vector<std::vector<std::string>> stemmed; // stemmed words per member
        /// "tf => terraform": words that find the members, never found by
        /// them ("terraform" found "tar tf" and "TF-IDF"); as written, and
        /// stemmed.
        std::vector<std::string> aliases;
        std::vector<std::vector<std::string>> alias_stemmed;
    };
    static Synonyms parse(std::string_view text);
    static Synonyms load(const std::string& path);

    /// Replace the database's synonym table with these groups.
    void apply(Xapian::WritableDatabase& db) const;

    /// Group terms for a passage whose stemmed words are `words`.
    std::vector<std::string> group_terms(const std::vector<std::string>& words) const;

    const std::vector<Group>& groups() const { return groups_; }
    /// The term standing for group `i`: named by its members, so editing
    /// other lines of the file does not change it.
    std::string group_term(size_t i) const;
    /// Content hash, stored in the db so changed synonyms are re-applied.
    std::string fingerprint() const { return fingerprint_; }

  private:
    std::vector<Group> groups_;
    std::string fingerprint_;
};

} // namespace crib
