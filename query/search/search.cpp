// search.cpp - the search pipeline: read, match, correct, count, order, show, relate.
// Each step lives in the file named after it; this file runs them in order.
#include "search/internal.hpp"

#include "common/paths.hpp"
#include "common/text.hpp"
#include "index/synonyms.hpp"
#include "search/reopen.hpp"
#include "search/text_filter.hpp"

#include <algorithm>

namespace crib {

namespace detail {

SearchRequest with_literals(const SearchRequest& req, const Prepared& prep) {
    if (prep.literals.empty()) return req;
    SearchRequest r = req;
    TextFilter dashes;
    dashes.tokens = prep.literals;
    r.keep = [dashes, own = req.keep](const Passage& p) {
        return passes(dashes, p) && (!own || own(p));
    };
    return r;
}

namespace {

/// `req` searching `text` instead.
SearchRequest with_query(const SearchRequest& req, const std::string& text) {
    SearchRequest r = req;
    r.query = text;
    return r;
}

/// Weight of the nearness bonus: half the words' own BM25 again (chosen
/// as "half" beforehand; 1.0 cost unseen 0.004 MRR@10, see README).
constexpr double kNearWeight = 0.5;
/// Words allowed between the query's words for them to count as near.
constexpr unsigned kNearSlack = 1;

/// `query` with a bonus for passages where the single words of `words`
/// stand near each other ("typeof null" written together), added by
/// AND_MAYBE: the match set is unchanged, only the order.
Xapian::Query with_nearness(const Xapian::Query& query, const Xapian::Query& words) {
    if (words.get_type() != Xapian::Query::OP_AND) return query;
    std::vector<Xapian::Query> terms;
    for (size_t i = 0; i < words.get_num_subqueries(); ++i) {
        Xapian::Query part = words.get_subquery(i);
        if (part.get_type() == Xapian::Query::LEAF_TERM) terms.push_back(part);
    }
    if (terms.size() < 2) return query;
    Xapian::Query near(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                       terms.size() + kNearSlack);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, kNearWeight));
}

/// Step 2 alone, for a reading already parsed.
Attempt match_reading(const Xapian::Database& db, const SearchRequest& req, const std::string& text,
                      Prepared prep, double parse_ms) {
    Attempt a(db);
    a.text = text;
    a.prep = std::move(prep);
    a.parse_ms = parse_ms;
    a.enq.set_query(with_nearness(a.prep.query, a.prep.words));
    a.match = run_match(a.enq, with_literals(req, a.prep));
    return a;
}

/// Step 1, read: parse `text` (the request's own query or another reading).
/// Step 2, match: run it with the request's sorting, collapsing and facets.
Attempt read_and_match(const Xapian::Database& db, const SearchRequest& req,
                       const std::string& text) {
    auto t = Clock::now();
    Prepared prep = prepare(db, with_query(req, text));
    return match_reading(db, req, text, std::move(prep), ms_since(t));
}

/// `fix` offered, not searched, when only -w or -F (whose filter holds the
/// words as typed: "kafak" as a whole word) kept it from matching: `crib -w
/// kafak` found nothing and said nothing of "kafka".
void offer_past_filter(const Xapian::Database& db, const SearchRequest& req, const std::string& fix,
                       SearchResult& res) {
    if (!req.keep_has_words) return;
    SearchRequest open = req;
    open.keep = nullptr;
    open.keep_has_words = false;
    if (!read_and_match(db, open, fix).match.mset.empty()) res.corrected = fix;
}

/// Step 3, correct: when no passage has every word and a word is unknown
/// to the notes, its correction (bounded by word length, spelling.cpp) is
/// searched instead, and `searched_corrected` says so.  A corrected
/// exclusion ("container NOT dokcer") is searched always: the typed one
/// excludes nothing.
void correct(const Xapian::Database& db, const SearchRequest& req, Attempt& best,
             SearchResult& res) {
    const std::string& fix = best.prep.corrected;
    if (fix.empty() || fix == req.query || !req.corrections) return;
    if (!best.match.mset.empty() && !best.prep.corrects_exclusion) return;
    Attempt fixed = read_and_match(db, req, fix);
    if (fixed.match.mset.empty()) {
        // No full match either way: the partial reading starts from the
        // correction (its words are in the notes), said as both.
        read_partially(db, req, fixed);
        if (fixed.match.mset.empty()) {
            offer_past_filter(db, req, fix, res);
            return;
        }
    }
    res.corrected = fix;
    res.searched_corrected = true;
    best = std::move(fixed);
}

/// Step 3b, literal: an unbalanced quote makes the rest one long phrase;
/// if that finds nothing, the words read literally may.  A phrase that is
/// closed is a phrase: no passage has it, no match (not its words), and
/// `apart` offers the words when they occur apart.
void read_literally(const Xapian::Database& db, const SearchRequest& req, Attempt& best,
                    SearchResult& res) {
    if (!best.match.mset.empty() || req.query.find_first_of("\"()") == std::string::npos) return;
    if (count_quotes(req.query) % 2 == 0 &&
        std::count(req.query.begin(), req.query.end(), '(') ==
            std::count(req.query.begin(), req.query.end(), ')')) {
        // A phrase no passage has: say whether its words occur apart.
        Xapian::Enquire apart(db);
        apart.set_query(prepare(db, with_query(req, apart_words(req.query))).query);
        Xapian::MSet m = apart.get_mset(0, 0, 1001);
        if (m.get_matches_lower_bound() > 0) res.apart = apart_words(req.query);
        return;
    }
    Attempt literal = read_and_match(db, req, literal_words(req.query));
    read_partially(db, req, literal); // its words need not be together either
    if (!literal.match.mset.empty()) best = std::move(literal);
}

/// The search proper, on one revision of the index: read, match, correct,
/// count, order, show, relate (step 7, find_related).
SearchResult search_in(const Xapian::Database& db, const SearchRequest& req) {
    SearchResult res;
    res.query = req.typed.value_or(req.query);
    auto t = Clock::now();
    Attempt best = read_and_match(db, req, req.query);
    correct(db, req, best, res);
    read_literally(db, req, best, res);
    // -q reads only whether something matched: no partial reading to show.
    if (best.match.mset.empty() && !best.of && (req.limit > 0 || req.count_total))
        read_partially(db, req, best);
    res.partial = best.of > 0;
    res.of = best.of;
    SearchRequest matched = with_literals(req, best.prep);
    if (res.partial) matched.limit = std::min(req.limit, kPartialPage);
    res.timings.parse = best.parse_ms;
    res.timings.match = ms_since(t) - best.parse_ms;

    t = Clock::now();
    count(db, best, matched, res);
    res.timings.facets = ms_since(t);

    t = Clock::now();
    std::map<Xapian::docid, ScoreParts> parts; // --explain
    std::vector<Xapian::MSetIterator> page = page_of(best, matched, req.explain ? &parts : nullptr);
    res.timings.match += ms_since(t);

    t = Clock::now();
    res.hits = hits_of(db, best, matched, page, parts,
                       res.partial ? nullptr : req.stream); // a partial result: notice first
    if (!res.partial && req.nearly && req.snippets && req.sort == SearchRequest::Sort::relevance &&
        req.offset == 0)
        res.nearly = nearly_hits(db, req, best, page.size());
    res.timings.snippets = ms_since(t);

    t = Clock::now();
    // Over a remote index Xapian's term expansion asks the frequency of each
    // candidate word, one round trip each (6 s of a 6.5 s page over a 10 ms
    // link): related questions are left out there, and the notes say so.
    if (req.related && !page.empty() && !req.db.any_remote())
        res.related = find_related(db, req.db, page, best.prep.query);
    res.timings.related = ms_since(t);
    return res;
}

} // namespace

} // namespace detail

using namespace detail;

namespace {

/// What a remote index cannot do for this query, said rather than shown as
/// if complete (issue 27 item 15): Xapian's remote backend serves neither the
/// synonym table ("k8s" finds only "k8s") nor the spelling table that gives
/// a wildcard its shorter word forms ("decorat*" misses "decorators").
std::vector<std::string> remote_notes(const SearchRequest& req) {
    std::vector<std::string> out;
    if (!req.db.any_remote()) return out;
    static const Synonyms local = [] {
        std::string path = find_data_file("crib-synonyms.conf", "CRIB_SYNONYMS");
        try {
            return path.empty() ? Synonyms() : Synonyms::load(path);
        } catch (const std::exception&) {
            return Synonyms();
        }
    }();
    std::string typed = " " + utf8_lower(req.query) + " ";
    std::string with;
    auto said = [&](const std::string& m) {
        if (typed.find(" " + m + " ") != std::string::npos) with += (with.empty() ? "" : ", ") + m;
    };
    for (const Synonyms::Group& g : local.groups()) {
        std::for_each(g.members.begin(), g.members.end(), said);
        std::for_each(g.aliases.begin(), g.aliases.end(), said);
    }
    if (!with.empty())
        out.push_back("a remote index has no synonyms: " + with +
                      " searched as typed (a local copy also finds its synonyms)");
    if (req.related)
        out.push_back("related questions are not looked up over a remote index (a round trip "
                      "per candidate word); a local copy shows them");
    if (req.query.find('*') != std::string::npos)
        out.push_back("a remote index has no spelling table: a wildcard finds the words that "
                      "start with it, not shorter forms (decorat* misses decorators)");
    return out;
}

} // namespace

SearchResult search(const SearchRequest& req) {
    auto t = Clock::now();
    if (trim(req.query).empty() && req.topics.empty() && !req.every_passage)
        throw QueryError("empty query: give some words to search for");
    check_query_size(req.query);
    if ((req.keep || req.sort == SearchRequest::Sort::file) && req.db.any_remote())
        throw QueryError("-w, -F and --sort file need local indexes: Xapian's remote backend "
                         "cannot run crib's passage filter or sort key");
    return guard_damage(req.db, [&] {
        Xapian::Database db = open_all(req.db);
        double open_ms = ms_since(t);
        // A crib-index committing meanwhile: search the latest commit instead.
        // Hits already handed out stay; the new reading starts at the rank
        // after them (a commit that moved passages across that rank can
        // repeat or skip one there: crib-index commits a batch at a time).
        size_t handed = 0;
        SearchRequest r = req;
        if (req.stream)
            r.stream = [&](Hit&& h) {
                ++handed;
                req.stream(std::move(h));
            };
        SearchResult res = with_reopen_while(
            db,
            [&](const Xapian::Database& d) {
                SearchRequest rest = r;
                rest.offset += handed;
                rest.limit -= std::min(handed, rest.limit);
                return search_in(d, rest);
            },
            [&] { return handed; });
        res.timings.open = open_ms;
        res.offset = req.offset;
        res.notes = remote_notes(req);
        return res;
    });
}

} // namespace crib
