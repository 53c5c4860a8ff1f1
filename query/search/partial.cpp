// partial.cpp - step 3c, partial: when no passage has every part of the query, the
// passages with the most parts, labelled as such, and which parts each lacks.
//
// A query's parts are what its top-level AND joins: the typed words (each
// with its stems and synonyms), phrases, field words.  Exclusions and -t
// topics wrap them and stay.  The partial reading is any part, ranked as the
// full one (BM25 and the re-rank): "the passages with the most parts" was
// tried first and cost 0.02-0.03 MRR@10 on the relevance suites, as a
// paraphrase's answer often has fewer of its words than some other passage.
#include "search/internal.hpp"

#include "common/text.hpp"
#include "search/text_filter.hpp"

#include <algorithm>
#include <set>

namespace crib {

namespace detail {

namespace {

/// A query taken apart: the parts ANDed, and what wraps them.
struct Split {
    std::vector<Xapian::Query> parts;
    std::vector<Xapian::Query> excluded; ///< AND_NOT right-hand sides
    std::vector<Xapian::Query> filters;  ///< FILTER right-hand sides (t:, kind:, file:)
};

/// The parts of `q`: through AND_NOT and FILTER (exclusions and boolean
/// fields kept aside) to its AND.
Split split(const Xapian::Query& q) {
    Split s;
    Xapian::Query positive = q;
    for (auto op = positive.get_type();
         op == Xapian::Query::OP_AND_NOT || op == Xapian::Query::OP_FILTER;
         op = positive.get_type()) {
        auto& aside = op == Xapian::Query::OP_AND_NOT ? s.excluded : s.filters;
        for (size_t i = 1; i < positive.get_num_subqueries(); ++i)
            aside.push_back(positive.get_subquery(i));
        positive = positive.get_subquery(0);
    }
    if (positive.get_type() == Xapian::Query::OP_AND) {
        for (size_t i = 0; i < positive.get_num_subqueries(); ++i)
            s.parts.push_back(positive.get_subquery(i));
    } else if (!positive.empty()) {
        s.parts.push_back(positive);
    }
    return s;
}

/// True for the term of a word of CJK letters ("Z红包": the index holds
/// their n-grams under the stem prefix).
bool cjk_term(const std::string& t) {
    if (t.size() < 2 || t[0] != 'Z') return false;
    for (Xapian::Utf8Iterator it(t.substr(1)); it != Xapian::Utf8Iterator(); ++it)
        if (!cjk_letter(*it)) return false;
    return true;
}

/// The character pairs of a CJK run's part (the terms of "红包 包系 系统 统设 设计" of
/// 红包系统设计, cjk_run()), or none for any other part.  Chinese writes
/// no spaces, so a run is one part of the query; its pairs are its pieces.
std::vector<std::string> cjk_pieces(const Xapian::Query& part) {
    std::vector<std::string> terms(part.get_unique_terms_begin(), part.get_unique_terms_end());
    if (terms.size() < 2 || !std::all_of(terms.begin(), terms.end(), cjk_term)) return {};
    return terms;
}

/// True when the CJK runs of `typed` may be read by their pairs: not when
/// it quotes (a quoted phrase is a phrase: no passage has it, no match).
bool runs_split(const std::string& typed) {
    return typed.find('"') == std::string::npos;
}

/// Passages with any of the parts, or with any piece of a CJK run
/// ("红包系统设计" is found where the notes have 红包 and 设计 only) when
/// `split` (runs_split()).
Xapian::Query any_part(const std::vector<Xapian::Query>& parts, bool split) {
    std::vector<Xapian::Query> any;
    for (const Xapian::Query& part : parts) {
        std::vector<std::string> pieces = split ? cjk_pieces(part) : std::vector<std::string>();
        if (pieces.empty()) any.push_back(part);
        for (const std::string& piece : pieces)
            any.emplace_back(piece);
    }
    return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

/// Can `s` be read partially: two parts, or one CJK run of two pairs
/// (when `split`).
bool has_pieces(const Split& s, bool split) {
    return s.parts.size() > 1 || (split && s.parts.size() == 1 && !cjk_pieces(s.parts[0]).empty());
}

/// What a passage lacks of a CJK run's part: the characters of the typed
/// run that none of its `matched` pairs holds ("系统" when a passage has
/// 红包 and 设计 of 红包系统设计), or the whole run when it has every pair
/// but not together.
std::string missing_of_run(const std::vector<std::string>& pieces, const std::string& typed,
                           const std::set<std::string>& matched) {
    const std::set<std::string> part(pieces.begin(), pieces.end());
    for (const std::string& text : cjk_runs(typed)) {
        std::vector<unsigned> run(Xapian::Utf8Iterator(text), Xapian::Utf8Iterator{});
        auto pair_at = [&run](size_t i) {
            std::string p = "Z";
            Xapian::Unicode::append_utf8(p, run[i]);
            Xapian::Unicode::append_utf8(p, run[i + 1]);
            return p;
        };
        std::vector<int> state(run.size(), 0); // 0 not searched, 1 lacked, 2 held
        std::set<std::string> ours;            // pairs of the part in this run
        for (size_t i = 0; i + 1 < run.size(); ++i) {
            if (!part.count(pair_at(i))) continue;
            ours.insert(pair_at(i));
            int s = matched.count(pair_at(i)) ? 2 : 1;
            state[i] = std::max(state[i], s);
            state[i + 1] = std::max(state[i + 1], s);
        }
        // The run the part was made of has all its pairs ("系统设计 系统架构":
        // both runs have 系统, only the second has 架构).
        if (ours.size() < part.size()) continue;
        std::string lacked, searched;
        for (size_t i = 0; i < run.size(); ++i) {
            if (state[i] == 1) {
                if (!lacked.empty() && state[i - 1] != 1) lacked += ' '; // another gap
                Xapian::Unicode::append_utf8(lacked, run[i]);
            }
            if (state[i]) Xapian::Unicode::append_utf8(searched, run[i]);
        }
        return lacked.empty() ? searched : lacked;
    }
    return pieces.front().substr(1);
}

/// `words` with the exclusions and topic filter of `prep` put back.
Xapian::Query rewrap(const Xapian::Query& words, const Split& s, const Prepared& prep) {
    Xapian::Query q = words;
    for (const Xapian::Query& f : s.filters)
        q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
    for (const Xapian::Query& x : s.excluded)
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, x);
    if (!prep.filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, prep.filter);
    return q;
}

/// How a part is named to the user: the typed words whose terms it
/// searches, else its first term without the stem prefix.
std::string part_name(const Xapian::Query& part, const std::string& typed) {
    std::set<std::string> terms(part.get_unique_terms_begin(), part.get_unique_terms_end());
    std::string name;
    for (const std::string& w : schema::words(typed))
        if (terms.count(stem_term(w)) && name.find(w) == std::string::npos)
            name += (name.empty() ? "" : " ") + w;
    if (name.empty() && !terms.empty()) name = terms.begin()->substr(terms.begin()->at(0) == 'Z');
    // A dash word or a word with operators is named as typed ("-p", not
    // "p"; "<container>", not "container").
    std::string dashed;
    rewrite_tokens(typed, [&](std::string_view tok, const TokenQuotes&) {
        if (!dashed.empty() || tok.size() < 2) return std::string();
        if (tok[0] == '-' && ascii_lower(tok.substr(tok.find_first_not_of('-'))) == name)
            dashed = tok;
        if (has_operator(tok) && ascii_lower(trim(word_letters(tok))) == name) dashed = tok;
        return std::string();
    });
    return dashed.empty() ? name : dashed;
}

} // namespace

namespace {

/// `best` read as `words` (its parts, k of n at least), with its exclusions
/// and topic filter, matched for `req`; no dash word is asked for literally.
Attempt reading(const Xapian::Database& db, const SearchRequest& req, const Attempt& best,
                const Split& s, Xapian::Query words) {
    Attempt a(db);
    a.text = best.text;
    a.prep = best.prep;
    a.prep.literals.clear();
    a.prep.words = std::move(words);
    a.prep.query = rewrap(a.prep.words, s, a.prep);
    a.parse_ms = best.parse_ms;
    a.enq.set_query(a.prep.query);
    a.match = run_match(a.enq, with_literals(req, a.prep));
    a.literals = best.prep.literals;
    a.of = s.parts.size();
    for (const std::string& lit : a.literals) // "-it": "it" is a stop word, no part
        a.of += std::none_of(s.parts.begin(), s.parts.end(), [&](const Xapian::Query& part) {
            return part_name(part, best.text) == lit;
        });
    a.prep.words = best.prep.words; // missing_parts() names the parts of the whole query
    return a;
}

} // namespace

void read_partially(const Xapian::Database& db, const SearchRequest& req, Attempt& best) {
    if (!best.match.mset.empty() || best.prep.words.empty()) return;
    Split s = split(best.prep.words);
    const bool split = runs_split(best.text);
    if (!has_pieces(s, split)) return;
    SearchRequest r = req;
    r.limit = std::min(req.limit, kPartialPage);
    Attempt a = reading(db, r, best, s, any_part(s.parts, split));
    if (!a.match.mset.empty()) best = std::move(a);
}

std::vector<Hit> nearly_hits(const Xapian::Database& db, const SearchRequest& req,
                             const Attempt& best, size_t shown) {
    Split s = split(best.prep.words);
    const bool split = runs_split(best.text);
    if (!has_pieces(s, split) || shown >= req.limit || req.limit > kNearlyMaxPage ||
        !best.match.complete)
        return {};
    SearchRequest r = req;
    r.offset = 0;
    r.limit = req.limit + best.match.mset.size();
    r.facets = false;
    Attempt a = reading(db, r, best, s, any_part(s.parts, split));
    std::set<Xapian::docid> full(best.match.mset.begin(), best.match.mset.end());
    std::set<std::string> keys;
    for (auto it = best.match.mset.begin(); it != best.match.mset.end(); ++it)
        if (std::string k = it.get_document().get_value(schema::kSlotCollapse); !k.empty())
            keys.insert(k);
    std::vector<Xapian::MSetIterator> page;
    for (const Xapian::MSetIterator& it : page_of(a, r, nullptr)) {
        if (page.size() + shown >= req.limit) break;
        if (!full.count(*it) && !keys.count(a.match.docs.key(it))) page.push_back(it);
    }
    r.offset = shown;
    std::vector<Hit> hits = hits_of(db, a, r, page, {});
    // Every one lacks something (else it would be a match); renumbered.
    hits.erase(
        std::remove_if(hits.begin(), hits.end(), [](const Hit& h) { return h.missing.empty(); }),
        hits.end());
    for (size_t i = 0; i < hits.size(); ++i)
        hits[i].rank = int(shown + i + 1);
    return hits;
}

namespace {

/// True if a part is terms alone (a word, its synonyms), whose presence the
/// matching terms tell; a phrase or a group needs a match of its own.
bool terms_only(const Xapian::Query& part) {
    auto op = part.get_type();
    if (part.get_num_subqueries() == 0) return true;
    if (op != Xapian::Query::OP_SYNONYM && op != Xapian::Query::OP_OR) return false;
    for (size_t i = 0; i < part.get_num_subqueries(); ++i)
        if (part.get_subquery(i).get_num_subqueries() != 0) return false;
    return true;
}

/// Accepts one document.
class OnlyDoc : public Xapian::MatchDecider {
  public:
    explicit OnlyDoc(Xapian::docid did) : did_(did) {}
    bool operator()(const Xapian::Document& doc) const override { return doc.get_docid() == did_; }

  private:
    Xapian::docid did_;
};

/// Does document `did` match `part`?
bool has_part(const Xapian::Database& db, const Xapian::Query& part, Xapian::docid did,
              const std::set<std::string>& matched) {
    if (terms_only(part)) {
        for (auto t = part.get_unique_terms_begin(); t != part.get_unique_terms_end(); ++t)
            if (matched.count(*t)) return true;
        return false;
    }
    Xapian::Enquire e(db);
    e.set_query(part);
    e.set_weighting_scheme(Xapian::BoolWeight());
    OnlyDoc only(did);
    return !e.get_mset(0, 1, 0, nullptr, &only).empty();
}

} // namespace

std::vector<std::string> missing_parts(const Xapian::Database& db, const Attempt& a,
                                       const Xapian::MSetIterator& it, const Passage& p) {
    std::vector<std::string> out;
    if (!a.of) return out;
    std::set<std::string> matched(a.enq.get_matching_terms_begin(it),
                                  a.enq.get_matching_terms_end(it));
    for (const Xapian::Query& part : split(a.prep.words).parts) {
        if (has_part(db, part, *it, matched)) continue;
        std::vector<std::string> pieces = cjk_pieces(part);
        out.push_back(pieces.empty() ? part_name(part, a.text)
                                     : missing_of_run(pieces, a.text, matched));
    }
    // Dash words are found as written ("-p", and "-it", whose "it" is no part).
    for (const std::string& lit : a.literals) {
        TextFilter one;
        one.tokens = {lit};
        if (!passes(one, p) && std::find(out.begin(), out.end(), lit) == out.end())
            out.push_back(lit);
    }
    return out;
}

} // namespace detail

} // namespace crib
