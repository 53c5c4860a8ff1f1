// prepare.cpp - step 1, read: the typed words to a Xapian query (parser flags, stop words,
// topics, compounds the notes write differently, wildcards over stems) and the
// spelling correction to offer.
#include "search/internal.hpp"
#include "search/query_parser.hpp"
#include "search/reopen.hpp"

#include "common/text.hpp"
#include "index/topics.hpp"
#include "search/spelling.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>
#include <set>

namespace crib {

namespace detail {

const Xapian::SimpleStopper& stopper() {
    static const char* words[] = {
        "a",    "about", "an",   "and", "are",  "as",   "at",    "be",     "by",  "can", "do",
        "does", "for",   "from", "how", "i",    "in",   "is",    "it",     "of",  "on",  "or",
        "the",  "this",  "to",   "was", "what", "when", "where", "which",  "who", "why", "will",
        "with", "you",   "your", "we",  "me",   "my",   "vs",    "versus", "not"};
    static const Xapian::SimpleStopper s(std::begin(words), std::end(words));
    return s;
}

std::string stem_term(const std::string& w) {
    thread_local const Xapian::Stem stem = schema::stemmer();
    return std::string("Z").append(stem(w));
}

bool cjk_letter(unsigned ch) {
    return schema::is_cjk(ch) && Xapian::Unicode::is_wordchar(ch);
}

namespace {

// No FLAG_SPELLING_CORRECTION: correct_spelling() (spelling.hpp) does it.
constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                            Xapian::QueryParser::FLAG_PURE_NOT |
                            Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

constexpr unsigned kLiteralFlags = Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

} // namespace

/// The query with quotes and parentheses blanked: every word read literally.
std::string literal_words(const std::string& q) {
    std::string literal;
    for (char c : q)
        literal += (c == '"' || c == '(' || c == ')') ? ' ' : c;
    return literal;
}

std::string apart_words(const std::string& q) {
    std::string out, field, word;
    bool in_phrase = false;
    auto end_word = [&] {
        if (!word.empty()) out += field + word;
        word.clear();
    };
    for (size_t i = 0; i < q.size(); ++i) {
        char c = q[i];
        if (c == '"' && !in_phrase) {
            // The field written right before the quote: "q:" of q:"a b".
            size_t start = out.size();
            while (start > 0 && out[start - 1] != ' ' && out[start - 1] != '(')
                --start;
            std::string before = out.substr(start);
            field = before.size() > 1 && before.back() == ':' ? before : "";
            if (!field.empty()) out.erase(start);
            in_phrase = true;
            out += ' ';
        } else if (c == '"') {
            end_word();
            field.clear();
            in_phrase = false;
            out += ' ';
        } else if (in_phrase && c == ' ') {
            end_word();
            out += ' ';
        } else if (in_phrase) {
            word += c;
        } else {
            out += (c == '(' || c == ')') ? ' ' : c;
        }
    }
    end_word();
    return out;
}

namespace {

/// A query of excluded words only ("-docker -kube") as NOT (docker OR kube):
/// Xapian's parser searches such words instead of excluding them.  Other
/// queries are returned as they are.
std::string pure_exclusion(const std::string& q) {
    bool excluded = false, other = false;
    std::string words;
    rewrite_tokens(q, [&](std::string_view tok, const TokenQuotes& at) {
        if (at.opens_inside) { // a later word of an excluded "phrase"
            words.append(" ").append(tok);
            return std::string();
        }
        if (tok.size() < 2 || tok[0] != '-') {
            other = true;
            return std::string();
        }
        excluded = true;
        words.append(words.empty() ? "" : " OR ").append(tok.substr(1));
        return std::string();
    });
    return excluded && !other ? "NOT (" + words + ")" : q;
}

/// True if `s` is one run of CJK letters.
bool only_cjk(std::string_view s) {
    if (s.empty()) return false;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it)
        if (!cjk_letter(*it)) return false;
    return true;
}

/// The query with each quoted phrase that is one CJK run unquoted: such a
/// run is a phrase by itself (cjk_phrases()).
std::string unquote_cjk(const std::string& q) {
    std::string out;
    size_t i = 0;
    for (size_t open; (open = q.find('"', i)) != std::string::npos;) {
        size_t close = q.find('"', open + 1);
        if (close == std::string::npos) break;
        std::string_view inner = trim(std::string_view(q).substr(open + 1, close - open - 1));
        out += q.substr(i, open - i);
        out += only_cjk(inner) ? std::string(inner) : q.substr(open, close - open + 1);
        i = close + 1;
    }
    return out + q.substr(std::min(i, q.size()));
}

/// Characters [from, to) of a run as the index holds them: their pairs,
/// each 2 positions after the last (the index also holds each character,
/// between them), so "线程池" is "(线程 ADJ/2 程池)"; one character or one
/// pair stays.
std::string cjk_chain(const std::vector<unsigned>& run, size_t from, size_t to) {
    if (to - from < 2) {
        std::string one;
        for (size_t i = from; i < to; ++i)
            Xapian::Unicode::append_utf8(one, run[i]);
        return one;
    }
    const size_t pairs = to - from - 1;
    std::string out = pairs > 1 ? "(" : "";
    for (size_t i = from; i + 1 < to; ++i) {
        if (i > from) out += " ADJ/" + std::to_string(pairs) + " ";
        Xapian::Unicode::append_utf8(out, run[i]);
        Xapian::Unicode::append_utf8(out, run[i + 1]);
    }
    return out + (pairs > 1 ? ")" : "");
}

/// A CJK run as typed: Chinese has no spaces, so "消息积压" is two words the
/// notes may write apart ("消息…积压") or the other way round ("拼接字符串"
/// for "字符串拼接").  The run matches as written, or as two pieces of two
/// or more characters each, each piece as written: every shown passage holds
/// what was typed, in at most two pieces (the whole run ranks first).
std::string cjk_run(const std::vector<unsigned>& run) {
    const size_t n = run.size();
    if (n < 4) return cjk_chain(run, 0, n);
    std::string out = "(" + cjk_chain(run, 0, n);
    for (size_t cut = 2; cut + 2 <= n; ++cut)
        out += " OR (" + cjk_chain(run, 0, cut) + " AND " + cjk_chain(run, cut, n) + ")";
    return out + ")";
}

/// The question words around a Chinese query, dropped like English stop
/// words ("what", "is"): "什么是反射" searches 反射, "线程池的拒绝策略有哪些"
/// 线程池的拒绝策略, so the note's own wording (何谓反射, 有哪几种) matches.
/// At least one character stays ("什么是栈" searches 栈); a run that is only
/// question words stays as typed when it is the whole query, and is dropped
/// beside other words ("什么是Docker" searches Docker): false then.
bool drop_cjk_question_words(std::vector<unsigned>& run, bool others) {
    static const std::vector<std::u32string> heads = {
        U"请问",   U"什么是", U"什么叫", U"何谓", U"为什么", U"为何", U"如何",
        U"怎么样", U"怎么",   U"怎样",   U"说说", U"谈谈",   U"简述", U"介绍一下"};
    static const std::vector<std::u32string> tails = {
        U"是什么", U"有哪几种", U"有哪些", U"有几种", U"有什么用",
        U"有什么", U"是啥",     U"吗",     U"呢",     U"么"};
    auto has_at = [&run](const std::u32string& w, size_t at) {
        return at + w.size() <= run.size() &&
               std::equal(w.begin(), w.end(), run.begin() + long(at));
    };
    // What stays: one character at least ("什么是栈" searches 栈), none when
    // the query has other words ("什么是Docker" searches Docker).
    const size_t keep = others ? 0 : 1;
    for (bool again = true; again;) {
        again = false;
        for (const std::u32string& w : heads)
            if (run.size() >= w.size() + keep && has_at(w, 0)) {
                run.erase(run.begin(), run.begin() + long(w.size()));
                again = true;
            }
        for (const std::u32string& w : tails)
            if (run.size() >= w.size() + keep && has_at(w, run.size() - w.size())) {
                run.resize(run.size() - w.size());
                again = true;
            }
    }
    return !run.empty();
}

/// True if `q` has other words than one run of CJK letters: a run of
/// question words beside them is dropped.
bool words_beside_a_run(const std::string& q) {
    size_t runs = 0, latin = 0;
    bool in_run = false;
    for (Xapian::Utf8Iterator c(q); c != Xapian::Utf8Iterator(); ++c) {
        bool cjk = cjk_letter(*c);
        runs += cjk && !in_run;
        latin += !cjk && Xapian::Unicode::is_wordchar(*c);
        in_run = cjk;
    }
    return runs > 1 || latin > 0;
}

/// Chinese and Japanese words as the index holds them (its TermGenerator
/// writes CJK text as n-grams, schema::configure_term_generator): each run
/// of CJK letters becomes cjk_run(), so a word matches where the notes have
/// it.  (Xapian 1.4's QueryParser FLAG_CJK_NGRAM makes unprefixed terms,
/// which a STEM_ALL_Z index lacks, and throws on mixed text.)
std::string cjk_phrases(const std::string& typed) {
    std::string q = unquote_cjk(typed), out;
    bool quoted = false;
    const bool others = words_beside_a_run(q);
    Xapian::Utf8Iterator it(q), end;
    while (it != end) {
        if (!cjk_letter(*it)) {
            quoted = quoted != (*it == '"');
            Xapian::Unicode::append_utf8(out, *it);
            ++it;
            continue;
        }
        std::vector<unsigned> run;
        for (; it != end && cjk_letter(*it); ++it)
            run.push_back(*it);
        if (!out.empty() && out.back() != ' ' && out.back() != '"') out += ' ';
        if (quoted) { // inside a mixed phrase: the pairs, as words
            for (size_t i = 0; i + 1 < run.size(); ++i) {
                Xapian::Unicode::append_utf8(out, run[i]);
                Xapian::Unicode::append_utf8(out, run[i + 1]);
                out += ' ';
            }
            if (run.size() == 1) Xapian::Unicode::append_utf8(out, run[0]);
        } else if (drop_cjk_question_words(run, others)) {
            out += cjk_run(run) + " ";
        }
    }
    return out;
}

/// `tok` without the brackets and separators around it ("(run -p)" gives
/// "-p", "&&," gives "&&"): a literal word as written.
std::string_view without_brackets(std::string_view tok) {
    constexpr std::string_view kAround = "()[],;";
    while (!tok.empty() && kAround.find(tok.front()) != std::string_view::npos)
        tok.remove_prefix(1);
    while (!tok.empty() && kAround.find(tok.back()) != std::string_view::npos)
        tok.remove_suffix(1);
    return tok;
}

/// True for a word that looks like an option: "-p", "-it", "--previous".
bool dash_word(std::string_view tok) {
    size_t i = tok.find_first_not_of('-');
    return i > 0 && i <= 2 && i < tok.size() && std::isalnum(static_cast<unsigned char>(tok[i]));
}

/// Words that look like options, after the first word ("docker run -p",
/// "git rebase -i"), are words, not exclusions: each becomes its letters
/// for the match and is added to `literals` (lower case), to occur as
/// written.  A first word "-word" still excludes ("-docker pod"), as do
/// dash words alone ("-docker -pod"); elsewhere NOT excludes.
std::string dash_words(const std::string& q, std::vector<std::string>& literals) {
    bool only_dashes = true; // "-docker -pod": nothing but exclusions
    rewrite_tokens(q, [&](std::string_view tok, const TokenQuotes& at) {
        only_dashes = only_dashes && (at.opens_inside || (!tok.empty() && tok[0] == '-'));
        return std::string();
    });
    if (only_dashes) return q;
    size_t n = 0;
    return rewrite_tokens(q, [&](std::string_view tok, const TokenQuotes& at) {
        if (n++ == 0 || at.quoted || !dash_word(tok)) return std::string();
        // "(run -p)", "-p,": the word as written, without the brackets around it.
        literals.push_back(ascii_lower(without_brackets(tok)));
        std::string letters(tok.substr(tok.find_first_not_of('-')));
        return letters;
    });
}

/// Words holding operator characters ("2>&1", "==", "a->b"), outside
/// quotes: searched as their letters and digits ("2 1", nothing for "==")
/// and added to `literals` (lower case), to occur as written.  "2>&1" was
/// searched as "2 1" alone: 634 of 639 "matches" had no "2>&1".  A field's
/// word ("q:2>&1") is the phrase of its letters in the field.  Not in a
/// query with OR, XOR or NOT, nor a word excluded or required by -/+: a
/// literal is required of every hit ("pipe OR 2>&1" listed only passages
/// holding 2>&1, "stderr NOT 2>&1" only those holding it); such words are
/// left as typed.
std::string operator_words(const std::string& q, std::vector<std::string>& literals) {
    bool boolean = false;
    rewrite_tokens(q, [&](std::string_view tok, const TokenQuotes& at) {
        boolean = boolean || (!at.quoted && (tok == "OR" || tok == "XOR" || tok == "NOT"));
        return std::string();
    });
    if (boolean) return q;
    return rewrite_tokens(q, [&](std::string_view tok, const TokenQuotes& at) {
        if (at.quoted || !has_operator(tok) || tok[0] == '-' || tok[0] == '+') return std::string();
        std::string_view word = without_brackets(tok); // "(2>&1)", "&&,"
        std::string field;                             // "q:" of "q:2>&1"
        size_t colon = word.find(':');
        if (colon != std::string_view::npos && colon > 0 &&
            std::all_of(word.begin(), word.begin() + colon,
                        [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
            field = std::string(word.substr(0, colon + 1));
            word.remove_prefix(colon + 1);
        }
        literals.push_back(ascii_lower(word));
        std::string letters = collapse_space(trim(word_letters(word)));
        if (letters.empty()) return std::string(" ");
        if (field.empty()) return letters;
        return field + (letters.find(' ') == std::string::npos ? letters : '"' + letters + '"');
    });
}

/// Parse with full syntax; if the syntax is broken ("(docker", a lone NOT),
/// fall back to reading every word literally.
Xapian::Query parse(Xapian::QueryParser& qp, const std::string& q) {
    try {
        return qp.parse_query(q, kFlags);
    } catch (const Xapian::UnimplementedError&) {
        // A stem wildcard field inside NEAR/ADJ ("kube* NEAR pods"): Xapian
        // takes only terms there, so the wildcard is read as Xapian's own
        // (which finds no unstemmed words in a stems-only index).
        return parse(qp, unstem_wildcards(q));
    } catch (const Xapian::QueryParserError&) {
        try {
            return qp.parse_query(literal_words(q), kLiteralFlags);
        } catch (const Xapian::QueryParserError& e) {
            throw QueryError("cannot parse query: " + e.get_msg());
        }
    }
}

/// The topic term for a name the user typed: the topic itself when the index
/// has it, else the taxonomy's canonical name ("k8s" -> "kubernetes"), else a
/// tag of that name; the taxonomy is the file the index was built with, read
/// only when needed.
class TopicResolver : public Xapian::FieldProcessor {
  public:
    explicit TopicResolver(const Xapian::Database& db) : db_(db) {}
    Xapian::Query operator()(const std::string& name) override { return Xapian::Query(term(name)); }

    std::string term(const std::string& name) {
        std::string t = schema::bounded_term(schema::kTopicPrefix, ascii_lower(name));
        if (db_.get_termfreq(t) > 0) return t;
        if (!tax_) {
            tax_ = Taxonomy();
            std::string path = db_.get_metadata(schema::kTopicsPathKey);
            try {
                if (!path.empty()) tax_ = Taxonomy::load(path);
            } catch (const std::exception&) { // moved or unreadable: names as typed
            }
        }
        std::string topic = schema::bounded_term(schema::kTopicPrefix, tax_->canonical(name));
        if (db_.get_termfreq(topic) > 0) return topic;
        // A tag that names no subject ("#interview") is no topic, but -t finds it.
        std::string tag = schema::bounded_term(schema::kTagPrefix, utf8_lower(name));
        return db_.get_termfreq(tag) > 0 ? tag : topic;
    }

  private:
    Xapian::Database db_;
    std::optional<Taxonomy> tax_;
};

/// True if neither the word's stem (the word lower case) nor a synonym entry is in the index.
bool unknown_word(const Xapian::Database& db, const std::string& w) {
    return db.get_termfreq(stem_term(w)) == 0 && db.synonyms_begin(w) == db.synonyms_end(w);
}

/// True if the notes contain the two words (any of their forms) next to each other.
bool phrase_occurs(const Xapian::Database& db, const std::string& a, const std::string& b) {
    const std::string ta = stem_term(a), tb = stem_term(b);
    if (db.get_termfreq(ta) == 0 || db.get_termfreq(tb) == 0) return false;
    Xapian::Enquire e(db);
    std::vector<Xapian::Query> words = {Xapian::Query(ta), Xapian::Query(tb)};
    e.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2));
    return !e.get_mset(0, 1).empty();
}

/// True if some word of the notes, as written or as stemmed, starts with
/// `w` ("decorat" starts "decorators", whose stem "decor" is shorter).
bool starts_a_word(const Xapian::Database& db, const std::string& w) {
    if (db.allterms_begin("Z" + w) != db.allterms_end("Z" + w)) return true;
    bool found = false;
    each_written_word(db, w, [&](const std::string&) { return !(found = true); });
    return found;
}

/// Parts of a compound the notes write differently: an unknown word that is
/// two known words ("maxsurge" -> "max surge") becomes that phrase, and one
/// that starts indexed words ("crashloop" -> "CrashLoopBackOff") becomes a
/// wildcard.  Other words are kept; `rest` gets the query without the
/// rewritten words (for the spelling check).
std::string compounds(const Xapian::Database& db, const std::string& query, std::string& rest) {
    return rewrite_tokens(query, [&](std::string_view tok, const TokenQuotes& at) {
        const bool quoted = at.quoted; // a "phrase" is as typed
        std::string w = ascii_lower(tok), rewritten;
        // Words of a normal length only: every cut of a 65,000-letter "word" took 17 s.
        bool plain = !quoted && w.size() >= 5 && w.size() <= 40 &&
                     std::all_of(w.begin(), w.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                     });
        if (plain && !stopper()(w) && unknown_word(db, w)) {
            // Written as one word in the notes ("CrashLoopBackOff"): a wildcard.
            if (starts_a_word(db, w)) rewritten = w + "*";
            // Written as two words ("max surge"): that phrase, if the notes have it
            // (else "autoscalling" would become "autos calling", not a typo of "autoscaling").
            for (size_t cut = 2; cut + 2 <= w.size() && rewritten.empty(); ++cut) {
                std::string a = w.substr(0, cut), b = w.substr(cut);
                if (!unknown_word(db, a) && !unknown_word(db, b) && !stopper()(a) &&
                    !stopper()(b) && phrase_occurs(db, a, b))
                    rewritten = "\"" + a + " " + b + "\"";
            }
        }
        if (rewritten.empty()) rest.append(tok).append(" ");
        return rewritten;
    });
}

/// True if some word of the query is unknown to the index: neither the word
/// nor its stem is indexed.  Only then is a spelling correction looked for:
/// "sharded" (stem "shard" is in the notes) must not become "shared", nor
/// "hoisting" (the notes say "hoisted") "hosting".
bool has_unknown_word(const Xapian::Database& db, const std::string& query) {
    for (const std::string& w : schema::words(query))
        if (w.size() > 1 && !stopper()(w) && unknown_word(db, w)) return true;
    return false;
}

} // namespace

bool has_operator(std::string_view word) {
    return word.find_first_of("<>=&|") != std::string_view::npos;
}

std::string word_letters(std::string_view word) {
    std::string out;
    for (char c : word)
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80) ? c : ' ';
    return out;
}

Prepared prepare(const Xapian::Database& db, const SearchRequest& req) {
    Xapian::QueryParser qp;
    auto* topics = new TopicResolver(db);
    configure_query_parser(qp, db, topics->release());
    qp.set_stopper(&stopper());
    // Every word must match (its stem, a synonym); stop words are dropped.
    qp.set_default_op(Xapian::Query::OP_AND);
    Prepared p;
    std::string unhandled; // the query without the words compounds() rewrote
    const std::string typed = compounds(db, cjk_phrases(req.query), unhandled);
    p.query = req.every_passage
                  ? Xapian::Query::MatchAll
                  : parse(qp, stem_wildcards(pure_exclusion(operator_words(
                                                 dash_words(typed, p.literals), p.literals)),
                                             &p.wildcards));
    // Nothing but operators ("==", "&& ||"): every passage is checked for
    // them, as crib -F does.
    if (!req.every_passage && p.query.empty() && !p.literals.empty())
        p.query = Xapian::Query::MatchAll;
    p.words = p.query;
    // Spelling correction searches the spelling table (costly on a big
    // vocabulary): only when some word is not in the index at all.
    if (!req.every_passage && has_unknown_word(db, unhandled)) {
        Correction c = correct_spelling(
            db, typed, [&](const std::string& w) { return !stopper()(w) && unknown_word(db, w); });
        p.corrected = std::move(c.text);
        p.corrects_exclusion = c.changed_excluded;
    }
    // A "correction" into stop words ("asg" -> "as") searches nothing useful.
    if (!p.corrected.empty()) {
        bool content = false;
        std::set<std::string> typed;
        for (const std::string& w : schema::words(req.query))
            typed.insert(w);
        for (const std::string& w : schema::words(p.corrected))
            content = content || (!typed.count(w) && !stopper()(w));
        if (!content) p.corrected.clear();
    }
    std::vector<Xapian::Query> filters;
    for (const std::string& t : req.topics)
        filters.emplace_back(topics->term(t));
    if (!filters.empty()) {
        p.filter = Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
        p.query =
            p.query.empty() ? p.filter : Xapian::Query(Xapian::Query::OP_FILTER, p.query, p.filter);
    }
    return p;
}

/// unknown_topics() on one revision.
std::vector<std::string> unknown_topics_in(const Xapian::Database& db,
                                           const std::vector<std::string>& names) {
    TopicResolver resolve(db);
    std::vector<std::string> out;
    for (const std::string& name : names)
        if (db.get_termfreq(resolve.term(name)) == 0) out.push_back(name);
    return out;
}

/// Refuses a query over kMaxQueryBytes or kMaxQueryWords before any work.
void check_query_size(const std::string& q) {
    size_t words = q.size() > kMaxQueryBytes ? 0 : schema::words(q).size();
    if (q.size() <= kMaxQueryBytes && words <= kMaxQueryWords) return;
    std::string what = q.size() > kMaxQueryBytes ? std::to_string(q.size()) + " bytes"
                                                 : std::to_string(words) + " words";
    throw QueryError("query too long (" + what + "; at most " + std::to_string(kMaxQueryWords) +
                     " words and " + std::to_string(kMaxQueryBytes / 1024) +
                     " KiB): search for its most telling words");
}

/// The runs of CJK letters as cjk_phrases() searches them ("反射" of
/// "什么是反射": the question words dropped).
std::vector<std::string> cjk_runs(const std::string& query) {
    const std::string q = unquote_cjk(query);
    const bool others = words_beside_a_run(q);
    std::vector<std::string> runs;
    Xapian::Utf8Iterator it(q), end;
    while (it != end) {
        if (!cjk_letter(*it)) {
            ++it;
            continue;
        }
        std::vector<unsigned> run;
        for (; it != end && cjk_letter(*it); ++it)
            run.push_back(*it);
        if (!drop_cjk_question_words(run, others)) continue;
        std::string text;
        for (unsigned ch : run)
            Xapian::Unicode::append_utf8(text, ch);
        runs.push_back(std::move(text));
    }
    return runs;
}

} // namespace detail

std::vector<std::string> unknown_topics(const IndexSet& set,
                                        const std::vector<std::string>& names) {
    if (names.empty()) return {};
    return detail::guard_damage(set, [&] {
        Xapian::Database db = detail::open_all(set);
        return with_reopen(
            db, [&](const Xapian::Database& d) { return detail::unknown_topics_in(d, names); });
    });
}

} // namespace crib
