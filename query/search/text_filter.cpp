#include "search/text_filter.hpp"

#include "common/text.hpp"
#include "formats/note_text.hpp"

#include <cctype>

namespace crib {

namespace {

/// The shortest last word of a -F phrase searched as a prefix ("updat*").
constexpr size_t kPrefixWord = 3;

bool word_byte(unsigned char c) {
    return c >= 0x80 || std::isalnum(c) || c == '_';
}

/// Lower case, white space runs as one space.
std::string normal(std::string_view s) {
    return ascii_lower(collapse_space(s));
}

/// A byte of a shell or code operator: "==" inside "===" or "!==" is not
/// "==", as "pod" inside "pods" is not "pod".
bool operator_byte(unsigned char c) {
    return std::string_view("<>=&|!").find(static_cast<char>(c)) != std::string_view::npos;
}

/// True when `a` and `b` can stand side by side as two tokens: not both
/// word bytes, not both operator bytes.
bool bound(unsigned char a, unsigned char b) {
    return !(word_byte(a) && word_byte(b)) && !(operator_byte(a) && operator_byte(b));
}

/// Does `needle` occur in `hay` (bounded by non-word bytes when `whole`;
/// an end that is an operator by non-operator bytes)?
bool occurs(const std::string& hay, const std::string& needle, bool whole) {
    if (needle.empty()) return false;
    for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
        if (!whole) return true;
        size_t end = at + needle.size();
        bool left = at == 0 || bound(static_cast<unsigned char>(hay[at - 1]),
                                     static_cast<unsigned char>(needle.front()));
        bool right = end >= hay.size() || bound(static_cast<unsigned char>(needle.back()),
                                                static_cast<unsigned char>(hay[end]));
        if (left && right) return true;
    }
    return false;
}

bool is_operator(const std::string& w) {
    return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

/// A query word for -w: field prefix, quotes and brackets stripped; "" for
/// operators, negated ("-x") and wildcard ("kube*") words.
std::string plain_word(std::string w) {
    if (is_operator(w) || w.empty() || w.front() == '-' || w.back() == '*') return "";
    if (size_t colon = w.find(':'); colon != std::string::npos && colon + 1 < w.size())
        w = w.substr(colon + 1);
    size_t a = 0, b = w.size();
    while (a < b && std::string_view("\"'(+").find(w[a]) != std::string_view::npos)
        ++a;
    while (b > a && std::string_view("\"'),?.!").find(w[b - 1]) != std::string_view::npos)
        --b;
    return ascii_lower(w.substr(a, b - a));
}

} // namespace

std::vector<std::pair<size_t, size_t>> token_spans(const std::string& text,
                                                   const std::string& token) {
    std::vector<std::pair<size_t, size_t>> out;
    if (token.empty()) return out;
    const std::string hay = ascii_lower(text);
    for (size_t at = hay.find(token); at != std::string::npos; at = hay.find(token, at + 1)) {
        size_t end = at + token.size();
        bool left = at == 0 || bound(static_cast<unsigned char>(hay[at - 1]),
                                     static_cast<unsigned char>(token.front()));
        bool right = end >= hay.size() || bound(static_cast<unsigned char>(token.back()),
                                                static_cast<unsigned char>(hay[end]));
        if (left && right) out.emplace_back(at, end);
    }
    return out;
}

TextFilter make_text_filter(const std::string& query, bool literal, bool whole_word) {
    TextFilter f;
    f.whole_word = whole_word;
    if (literal) {
        f.phrase = normal(query);
        return f;
    }
    if (!whole_word) return f;
    std::string word;
    for (size_t i = 0; i <= query.size(); ++i) {
        if (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i]))) {
            word += query[i];
            continue;
        }
        std::string w = plain_word(word);
        if (!w.empty()) f.words.push_back(w);
        word.clear();
    }
    return f;
}

bool passes(const TextFilter& f, const Passage& p) {
    if (f.phrase.empty() && f.words.empty() && f.tokens.empty()) return true;
    std::string hay = p.question;
    for (const std::string& h : p.headings)
        hay += "\n" + h;
    hay = normal(hay + "\n" + unescape_punctuation(p.answer)); // as shown: "doesn\\'t" is "doesn't"
    for (const std::string& t : f.tokens)
        if (!occurs(hay, t, true)) return false;
    if (!f.phrase.empty()) return occurs(hay, f.phrase, f.whole_word);
    if (f.words.empty()) return true;
    for (const std::string& w : f.words)
        if (occurs(hay, w, true)) return true;
    return false;
}

std::string literal_query(const std::string& phrase, bool whole_word) {
    std::string out, word;
    for (size_t i = 0; i <= phrase.size(); ++i) {
        // An apostrophe inside a word is part of it, as Xapian indexes it
        // ("doesn't" is one term): "doesn" and "t" found nothing.
        bool inner_apostrophe = i < phrase.size() && phrase[i] == '\'' && !word.empty() &&
                                i + 1 < phrase.size() &&
                                word_byte(static_cast<unsigned char>(phrase[i + 1]));
        if (i < phrase.size() &&
            (word_byte(static_cast<unsigned char>(phrase[i])) || inner_apostrophe)) {
            word += phrase[i];
            continue;
        }
        // The phrase's last word may be the start of a longer one ("ls -l"
        // in "ls -la", "updat" in "updates"): a prefix when long enough to
        // expand cheaply, else only the passage text checks it.
        std::string term;
        bool contraction =
            word.find('\'') != std::string::npos; // no wildcard: "doesn't*" finds nothing
        if (!word.empty() && (whole_word || i < phrase.size() || contraction))
            term = ascii_lower(word);
        else if (word.size() >= kPrefixWord)
            term = ascii_lower(word) + "*";
        if (!term.empty()) out += (out.empty() ? "" : " AND ") + term;
        word.clear();
    }
    return out;
}

} // namespace crib
