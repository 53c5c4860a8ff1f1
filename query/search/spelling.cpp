#include "search/spelling.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"

#include <algorithm>
#include <array>

namespace crib {

namespace {

/// The end of the word starting at `at` (Unicode word characters, as
/// Xapian's parser reads words), or `at` when no word starts there.
size_t word_end(std::string_view q, size_t at) {
    Xapian::Utf8Iterator it(q.data() + at, q.size() - at);
    while (it != Xapian::Utf8Iterator() && Xapian::Unicode::is_wordchar(*it))
        ++it;
    return it == Xapian::Utf8Iterator() ? q.size() : at + size_t(it.raw() - (q.data() + at));
}

/// True if the word at `at` is excluded: "-word" or "NOT word".
bool excluded_at(std::string_view q, size_t at, bool after_not) {
    if (after_not) return true;
    return at > 0 && q[at - 1] == '-' &&
           (at == 1 || q[at - 2] == ' ' || q[at - 2] == '\t' || q[at - 2] == '(');
}

/// True if `w` is an operator of Xapian's query syntax.
bool is_operator(std::string_view w) {
    static const std::array<std::string_view, 6> ops = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    return std::find(ops.begin(), ops.end(), w) != ops.end();
}

/// The field `name` names: 0 none, 1 free text (q:, a:), 2 boolean (topic:, file:).
int field_kind(std::string_view name) {
    if (name == "file") return 2;
    for (const schema::Field& f : schema::fields())
        if (std::find(f.names.begin(), f.names.end(), name) != f.names.end())
            return f.boolean ? 2 : 1;
    return 0;
}

/// True if the word has a Chinese, Japanese or Korean character: n-grams
/// in the index, never "corrected" into another word.
bool has_cjk(std::string_view w) {
    for (Xapian::Utf8Iterator it(w.data(), w.size()); it != Xapian::Utf8Iterator(); ++it)
        if (schema::is_cjk(*it)) return true;
    return false;
}

/// Code points of a UTF-8 word.
size_t letters(std::string_view w) {
    size_t n = 0;
    for (char c : w)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

} // namespace

unsigned typo_budget(std::string_view word) {
    size_t n = letters(word);
    return n < 5 ? 0 : n < 9 ? 1 : 2;
}

Correction correct_spelling(const Xapian::Database& db, std::string_view query,
                            const std::function<bool(const std::string&)>& unknown) {
    Correction c;
    bool after_not = false; // the last word was the operator NOT
    size_t i = 0;
    while (i < query.size()) {
        size_t j = word_end(query, i);
        if (j == i) { // not a word character: one UTF-8 character as it is
            size_t len = 1;
            while (i + len < query.size() && (query[i + len] & 0xC0) == 0x80)
                ++len;
            c.text.append(query.substr(i, len));
            i += len;
            continue;
        }
        std::string_view word = query.substr(i, j - i);
        char next = j < query.size() ? query[j] : ' ';
        int field = next == ':' ? field_kind(word) : 0;
        bool excluded = excluded_at(query, i, after_not);
        after_not = word == "NOT";
        if (field == 2) { // a boolean field's value is a name, not a word
            j = std::min(query.find_first_of(" \t)", j), query.size());
            c.text.append(query.substr(i, j - i));
        } else if (field == 1 || next == '*' || is_operator(word) || word.size() < 2 ||
                   has_cjk(word) || std::isdigit(static_cast<unsigned char>(word[0]))) {
            c.text.append(word);
        } else {
            std::string w = utf8_lower(word);
            unsigned budget = typo_budget(w);
            std::string fix =
                budget && unknown(w) ? db.get_spelling_suggestion(w, budget) : std::string();
            bool changed = !fix.empty() && fix != w;
            c.changed = c.changed || changed;
            c.changed_excluded = c.changed_excluded || (changed && excluded);
            c.text.append(changed ? fix : std::string(word));
        }
        i = j;
    }
    if (!c.changed) c.text.clear();
    return c;
}

} // namespace crib
