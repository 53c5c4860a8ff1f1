// query_parser.cpp - see query_parser.hpp.
#include "search/query_parser.hpp"

#include "common/text.hpp"
#include "index/schema.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <set>
#include <utility>

namespace crib {

using namespace schema;

namespace {

/// file:PATTERN - a glob (if it has * ? [) or a substring of the path.
class FileMatcher : public Xapian::FieldProcessor {
  public:
    explicit FileMatcher(const Xapian::Database& db) : db_(db) {}
    Xapian::Query operator()(const std::string& pattern) override {
        bool glob = pattern.find_first_of("*?[") != std::string::npos;
        std::vector<Xapian::Query> terms;
        for (auto t = db_.allterms_begin(kFilePrefix); t != db_.allterms_end(kFilePrefix); ++t) {
            std::string path = (*t).substr(1);
            std::string base = path.substr(path.rfind('/') + 1);
            bool hit = glob ? (fnmatch(pattern.c_str(), path.c_str(), 0) == 0 ||
                               fnmatch(pattern.c_str(), base.c_str(), 0) == 0)
                            : path.find(pattern) != std::string::npos;
            if (hit) terms.emplace_back(*t);
        }
        if (terms.empty()) return Xapian::Query::MatchNothing;
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }

  private:
    Xapian::Database db_;
};

} // namespace

namespace {

/// The field stem_wildcards() writes for `word*` in the default field or in
/// q: / a:, named by the letter after it ("" for the default field).
const std::string kWildcardField = "cribstemwild";

/// A stem_wildcards() field: every stemmed term of the field starting with
/// the root, as one synonym (as Xapian's own wildcards weigh), plus the
/// stems of written words starting with the root that the wildcard misses,
/// because they are shorter than it ("decorat*": "decorators" is "decor").
/// The spelling table holds every word as written (index_run.cpp).
class StemWildcard : public Xapian::FieldProcessor {
  public:
    StemWildcard(const Xapian::Database& db, std::string_view field)
        : db_(db), field_(field), prefix_(wildcard_term(field, "")) {}
    Xapian::Query operator()(const std::string& root) override {
        thread_local const Xapian::Stem stem = stemmer();
        std::string pattern = wildcard_term(field_, root);
        std::string lower = pattern.substr(prefix_.size());
        std::vector<Xapian::Query> parts = {Xapian::Query(Xapian::Query::OP_WILDCARD, pattern)};
        // The root's own stem too: "pods*" finds "pod" where no spelling
        // table is at hand (a remote index).
        std::set<std::string> missed;
        auto add_missed = [&](const std::string& s) {
            if (s.compare(0, lower.size(), lower) != 0) missed.insert(s);
        };
        add_missed(stem(lower));
        each_written_word(db_, lower, [&](const std::string& w) {
            add_missed(stem(w));
            return true;
        });
        for (const std::string& s : missed)
            parts.emplace_back(prefix_ + s);
        return Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
    }

  private:
    Xapian::Database db_;
    std::string field_;  ///< "", "q" or "a", as in the field's name
    std::string prefix_; ///< "Z" and the field's term prefix
};

/// True if every character of `root` is a word character (what a term holds).
bool word_root(std::string_view root) {
    if (root.empty()) return false;
    for (Xapian::Utf8Iterator it(root.data(), root.size()); it != Xapian::Utf8Iterator(); ++it)
        if (!Xapian::Unicode::is_wordchar(*it)) return false;
    return true;
}

} // namespace

void each_written_word(const Xapian::Database& db, const std::string& prefix,
                       const std::function<bool(const std::string&)>& fn) {
    try {
        Xapian::TermIterator w = db.spellings_begin();
        w.skip_to(prefix);
        for (; w != db.spellings_end() && (*w).compare(0, prefix.size(), prefix) == 0; ++w)
            if (!fn(*w)) return;
    } catch (const Xapian::UnimplementedError&) { // a remote index
    }
}

std::string wildcard_term(std::string_view field, std::string_view root) {
    std::string term = "Z";
    term += field == "q" ? kQuestionPrefix : field == "a" ? kAnswerPrefix : "";
    return term + utf8_lower(root);
}

namespace {

/// The stem_wildcards() field letter of a field name: "q" or "a" for the
/// question and answer fields, "" for a name that is no free-text field
/// (topic:, file:, or not a field at all), where wildcards are left alone.
std::string field_letter(std::string_view name) {
    for (const Field& f : fields())
        if (!f.boolean && std::find(f.names.begin(), f.names.end(), name) != f.names.end())
            return f.prefix == kQuestionPrefix ? "q" : "a";
    return "";
}

/// The length of a field name and its colon at the start of `s` ("q:" in
/// "q:(x"), or 0.
size_t field_name_length(std::string_view s) {
    size_t n = 0;
    while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_'))
        ++n;
    return n > 0 && n < s.size() && s[n] == ':' ? n + 1 : 0;
}

} // namespace

namespace {

/// Where a token's syntax ends and its word starts: signs, parentheses
/// (each pushes its field on `groups`) and a field name ("q:(" opens a group
/// of that field).  A field written on the word itself sets `field` and
/// `name_at`, and clears `inherited`.
struct TokenHead {
    std::string field;     ///< "", "q", "a", or "-" (not free text)
    bool inherited = true; ///< the word's field is its group's, not written on it
    size_t at = 0;         ///< the word starts here
    size_t name_at = 0;    ///< the field name written on the word starts here
};

TokenHead read_head(std::string_view tok, std::vector<std::string>& groups) {
    TokenHead h;
    h.field = groups.empty() ? "" : groups.back();
    while (h.at < tok.size()) {
        if (tok[h.at] == '+' || tok[h.at] == '-') {
            ++h.at;
        } else if (tok[h.at] == '(') {
            groups.push_back(h.field);
            h.inherited = true;
            ++h.at;
        } else if (size_t n = field_name_length(tok.substr(h.at))) {
            std::string letter = field_letter(tok.substr(h.at, n - 1));
            h.field = letter.empty() ? "-" : letter;
            h.inherited = false;
            h.name_at = h.at;
            h.at += n;
            if (h.at < tok.size() && tok[h.at] == '(') continue; // a group of this field
            break;
        } else {
            break;
        }
    }
    return h;
}

/// Closes a group for each ")" at the end of `tail`.
void close_groups(std::string_view tail, std::vector<std::string>& groups) {
    for (size_t i = tail.size(); i > 0 && tail[i - 1] == ')' && !groups.empty(); --i)
        groups.pop_back();
}

/// The first and the end of the last double quote in `tok` (npos, 0 if none).
std::pair<size_t, size_t> quote_span(std::string_view tok) {
    size_t first = std::string_view::npos, end = 0;
    for (std::string_view q : {"\"", "\u201c", "\u201d"}) {
        if (size_t f = tok.find(q); f != std::string_view::npos) first = std::min(first, f);
        if (size_t l = tok.rfind(q); l != std::string_view::npos) end = std::max(end, l + q.size());
    }
    return {first, end};
}

} // namespace

std::string stem_wildcards(std::string_view query, std::vector<std::string>* patterns) {
    // The field of each open parenthesis: "" (default), "q", "a", or "-"
    // for one whose words are not free text ("topic:(k8s*)").
    std::vector<std::string> groups;
    return rewrite_tokens(query, [&](std::string_view tok, const TokenQuotes& at) -> std::string {
        if (at.quoted) { // no wildcard here; the parentheses around the phrase still count
            auto [first, end] = quote_span(tok);
            if (!at.opens_inside && first != std::string_view::npos)
                read_head(tok.substr(0, first), groups);
            if (!at.ends_inside && first != std::string_view::npos)
                close_groups(tok.substr(end), groups);
            return "";
        }
        TokenHead h = read_head(tok, groups);
        size_t last = tok.find_last_not_of(")");
        size_t end = last == std::string_view::npos || last < h.at ? h.at : last + 1; // before ")"s
        close_groups(tok.substr(end), groups);
        if (end <= h.at + 1 || tok[end - 1] != '*' || h.field == "-") return "";
        std::string_view root = tok.substr(h.at, end - 1 - h.at);
        if (!word_root(root)) return "";
        if (patterns) patterns->push_back(wildcard_term(h.field, root));
        // A field taken from the group is written in capitals, so that
        // unstem_wildcards() gives back the word without it.
        std::string name = kWildcardField;
        for (char c : h.field)
            name += h.inherited ? char(std::toupper(static_cast<unsigned char>(c))) : c;
        return std::string(tok.substr(0, h.inherited ? h.at : h.name_at)) + name + ":" +
               std::string(root) + std::string(tok.substr(end));
    });
}

std::string unstem_wildcards(std::string_view query) {
    std::string out(query);
    for (size_t at = out.find(kWildcardField); at != std::string::npos;
         at = out.find(kWildcardField, at)) {
        size_t colon = out.find(':', at);
        if (colon == std::string::npos) break;
        std::string field =
            out.substr(at + kWildcardField.size(), colon - at - kWildcardField.size());
        if (!field.empty() && std::isupper(static_cast<unsigned char>(field[0])))
            field.clear(); // the field of a group ("q:(kube* OR helm)"), written there
        size_t end = colon + 1;
        while (end < out.size() && out[end] != ' ' && out[end] != '\t' && out[end] != ')')
            ++end;
        std::string root = out.substr(colon + 1, end - colon - 1);
        std::string back = (field.empty() ? "" : field + ":") + root + "*";
        out.replace(at, end - at, back);
        at += back.size();
    }
    return out;
}

void configure_query_parser(Xapian::QueryParser& qp, const Xapian::Database& db,
                            Xapian::FieldProcessor* topic) {
    qp.set_database(db);
    qp.set_stemmer(stemmer());
    qp.set_stemming_strategy(kStemStrategy);
    for (const Field& f : fields())
        for (const std::string& name : f.names) {
            if (topic && f.prefix == std::string(kTopicPrefix))
                qp.add_boolean_prefix(name, topic);
            else if (f.boolean)
                qp.add_boolean_prefix(name, f.prefix);
            else
                qp.add_prefix(name, f.prefix);
        }
    qp.add_boolean_prefix("file", (new FileMatcher(db))->release());
    qp.add_prefix(kWildcardField, (new StemWildcard(db, ""))->release());
    qp.add_prefix(kWildcardField + "q", (new StemWildcard(db, "q"))->release());
    qp.add_prefix(kWildcardField + "a", (new StemWildcard(db, "a"))->release());
    qp.add_prefix(kWildcardField + "Q", (new StemWildcard(db, "q"))->release());
    qp.add_prefix(kWildcardField + "A", (new StemWildcard(db, "a"))->release());
}

} // namespace crib
