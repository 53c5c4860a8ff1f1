#include "index/synonyms.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"
#include "index/topics.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace crib {

namespace {

/// The members of "a, b = c" (',' and '=' separate them), lower case, with
/// their stemmed words; members without a word are left out.
void add_members(std::string_view text, std::vector<std::string>& members,
                 std::vector<std::vector<std::string>>& stemmed) {
    std::string flat(text);
    std::replace(flat.begin(), flat.end(), '=', ',');
    std::stringstream ss(flat);
    std::string m;
    while (std::getline(ss, m, ',')) {
        std::string member = collapse_space(ascii_lower(m));
        auto words = stemmed_words(member);
        if (words.empty()) continue;
        members.push_back(member);
        stemmed.push_back(std::move(words));
    }
}

/// The Xapian synonym keys of a member: as typed (words joined by one
/// space) and, for one word, the stemmed form the parser also tries.
std::vector<std::string> keys_of(const std::string& member, const std::vector<std::string>& words) {
    std::vector<std::string> keys{member};
    if (words.size() == 1) keys.push_back("Z" + words[0]);
    return keys;
}

} // namespace

Synonyms Synonyms::parse(std::string_view text) {
    Synonyms s;
    s.fingerprint_ = hash_hex(text);
    for (std::string_view raw : split_lines(text)) {
        std::string_view line = trim(raw.substr(0, raw.find('#')));
        if (line.empty()) continue;
        Group g;
        size_t arrow = line.find("=>");
        if (arrow != std::string_view::npos) {
            add_members(line.substr(0, arrow), g.aliases, g.alias_stemmed);
            line = line.substr(arrow + 2);
        }
        add_members(line, g.members, g.stemmed);
        if (g.members.size() + g.aliases.size() >= 2 && !g.members.empty())
            s.groups_.push_back(std::move(g));
    }
    return s;
}

Synonyms Synonyms::load(const std::string& path) {
    std::string text;
    if (!read_text_file(path, text)) throw std::runtime_error("cannot read synonyms " + path);
    return parse(text);
}

void Synonyms::apply(Xapian::WritableDatabase& db) const {
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k)
        db.clear_synonyms(*k);
    for (size_t gi = 0; gi < groups_.size(); ++gi) {
        const Group& g = groups_[gi];
        std::string group_term = this->group_term(gi);
        // Values: single-word members as stemmed terms, plus the group term.
        std::vector<std::string> values{group_term};
        for (const auto& words : g.stemmed)
            if (words.size() == 1) values.push_back("Z" + words[0]);
        for (size_t mi = 0; mi < g.members.size(); ++mi) {
            const auto& words = g.stemmed[mi];
            for (const std::string& key : keys_of(g.members[mi], words))
                for (const std::string& v : values)
                    if (v != "Z" + (words.size() == 1 ? words[0] : std::string("\x01")))
                        db.add_synonym(key, v);
        }
        // One way: an alias finds the members; no member lists the alias.
        for (size_t ai = 0; ai < g.aliases.size(); ++ai)
            for (const std::string& key : keys_of(g.aliases[ai], g.alias_stemmed[ai]))
                for (const std::string& v : values)
                    db.add_synonym(key, v);
    }
    db.set_metadata(schema::kSynonymsKey, fingerprint_);
}

std::string Synonyms::group_term(size_t i) const {
    std::vector<std::string> members = groups_.at(i).members;
    std::sort(members.begin(), members.end());
    std::string all;
    for (const auto& m : members)
        all += m + "\n";
    return std::string(schema::kSynPrefix) + hash_hex(all);
}

std::vector<std::string> Synonyms::group_terms(const std::vector<std::string>& words) const {
    std::vector<std::string> out;
    for (size_t gi = 0; gi < groups_.size(); ++gi) {
        bool hit = false;
        for (const auto& member : groups_[gi].stemmed) {
            if (member.size() < 2 || member.size() > words.size()) continue;
            for (size_t i = 0; !hit && i + member.size() <= words.size(); ++i)
                hit = std::equal(member.begin(), member.end(), words.begin() + i);
            if (hit) break;
        }
        if (hit) out.push_back(group_term(gi));
    }
    return out;
}

} // namespace crib
