#include "spelling.hpp"

#include "schema.hpp"

#include <algorithm>
#include <array>

namespace crib {

namespace {

/// True for a byte of a word: an ASCII letter, digit or '_', or any byte of
/// a multibyte UTF-8 character (letters of other scripts).
bool word_byte(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || c == '_';
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

/// `w` in lower case (Unicode).
std::string lower(std::string_view w) {
    std::string out;
    for (Xapian::Utf8Iterator it(w.data(), w.size()); it != Xapian::Utf8Iterator(); ++it)
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
    return out;
}

} // namespace

std::string correct_spelling(const Xapian::Database& db, std::string_view query,
                             const std::function<bool(const std::string&)>& unknown) {
    std::string out;
    bool changed = false;
    size_t i = 0;
    while (i < query.size()) {
        if (!word_byte(query[i])) {
            out += query[i++];
            continue;
        }
        size_t j = i;
        while (j < query.size() && word_byte(query[j]))
            ++j;
        std::string_view word = query.substr(i, j - i);
        char next = j < query.size() ? query[j] : ' ';
        int field = next == ':' ? field_kind(word) : 0;
        if (field == 2) { // a boolean field's value is a name, not a word
            j = std::min(query.find_first_of(" \t)", j), query.size());
            out.append(query.substr(i, j - i));
        } else if (field == 1 || next == '*' || is_operator(word) || word.size() < 2 ||
                   std::isdigit(static_cast<unsigned char>(word[0]))) {
            out.append(word);
        } else {
            std::string w = lower(word);
            std::string fix = unknown(w) ? db.get_spelling_suggestion(w) : std::string();
            changed = changed || (!fix.empty() && fix != w);
            out.append(fix.empty() ? std::string(word) : fix);
        }
        i = j;
    }
    return changed ? out : std::string();
}

} // namespace crib
