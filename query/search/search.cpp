// search.cpp - the search pipeline: read, match, correct, count, order, show, relate.
// Each step lives in the file named after it; this file runs them in order.
#include "search/internal.hpp"

#include "search/reopen.hpp"
#include "common/text.hpp"

namespace crib {

namespace detail {

namespace {

/// Step 2 alone, for a reading already parsed.
Attempt match_reading(const Xapian::Database& db, const SearchRequest& req, const std::string& text,
                      Prepared prep, double parse_ms) {
    Attempt a(db);
    a.text = text;
    a.prep = std::move(prep);
    a.parse_ms = parse_ms;
    a.enq.set_query(a.prep.query);
    a.match = run_match(a.enq, req);
    return a;
}

/// Step 1, read: parse `text` (the request's own query or another reading).
/// Step 2, match: run it with the request's sorting, collapsing and facets.
Attempt read_and_match(const Xapian::Database& db, const SearchRequest& req,
                       const std::string& text) {
    SearchRequest r = req;
    r.query = text;
    auto t = Clock::now();
    Prepared prep = prepare(db, r);
    return match_reading(db, req, text, std::move(prep), ms_since(t));
}

/// Step 3, correct: a correction is offered only when it finds something.
/// When the query as typed found nothing, the corrected reading replaces it;
/// when it found something, both readings are searched together (a query
/// with one typo among good words), and `searched_corrected` says so.  A
/// corrected exclusion ("container -dokcer") replaces the typed reading
/// always: ORed with it, it would exclude nothing.
void correct(const Xapian::Database& db, const SearchRequest& req, Attempt& best,
             SearchResult& res) {
    const std::string& fix = best.prep.corrected;
    if (fix.empty() || fix == req.query || !req.corrections) return;
    SearchRequest r = req;
    r.query = fix;
    auto t = Clock::now();
    Prepared corrected = prepare(db, r);
    double parse_ms = ms_since(t);
    Xapian::Enquire probe(db); // does the correction find anything at all?
    probe.set_query(corrected.query);
    if (probe.get_mset(0, 1).empty()) return;
    res.corrected = fix;
    res.searched_corrected = true;
    if (best.match.mset.empty() || best.prep.corrects_exclusion) {
        best = match_reading(db, req, fix, std::move(corrected), parse_ms);
        return;
    }
    Prepared both;
    both.query = Xapian::Query(Xapian::Query::OP_OR, best.prep.query, corrected.query);
    best = match_reading(db, req, req.query, std::move(both), best.parse_ms);
}

/// Step 3b, literal: an unbalanced quote makes the rest one long phrase;
/// if that finds nothing, the words read literally may.
void read_literally(const Xapian::Database& db, const SearchRequest& req, Attempt& best) {
    if (!best.match.mset.empty() || req.query.find_first_of("\"()") == std::string::npos) return;
    Attempt literal = read_and_match(db, req, literal_words(req.query));
    if (!literal.match.mset.empty()) best = std::move(literal);
}

/// The search proper, on one revision of the index: read, match, correct,
/// count, order, show, relate (step 7, find_related).
SearchResult search_in(const Xapian::Database& db, const SearchRequest& req) {
    SearchResult res;
    res.query = req.query;
    auto t = Clock::now();
    Attempt best = read_and_match(db, req, req.query);
    correct(db, req, best, res);
    read_literally(db, req, best);
    res.timings.parse = best.parse_ms;
    res.timings.match = ms_since(t) - best.parse_ms;

    t = Clock::now();
    count(db, best, req, res);
    res.timings.facets = ms_since(t);

    t = Clock::now();
    std::map<Xapian::docid, ScoreParts> parts; // --explain
    std::vector<Xapian::MSetIterator> page = page_of(best, req, req.explain ? &parts : nullptr);
    res.timings.match += ms_since(t);

    t = Clock::now();
    res.hits = hits_of(db, best, req, page, parts);
    res.timings.snippets = ms_since(t);

    t = Clock::now();
    if (req.related && !page.empty())
        res.related = find_related(db, req.db, best.enq, page, best.prep.query);
    res.timings.related = ms_since(t);
    return res;
}

} // namespace

} // namespace detail

using namespace detail;

SearchResult search(const SearchRequest& req) {
    auto t = Clock::now();
    if (trim(req.query).empty() && req.topics.empty())
        throw QueryError("empty query: give some words to search for");
    check_query_size(req.query);
    if ((req.keep || req.sort == SearchRequest::Sort::file) && req.db.any_remote())
        throw QueryError("-w, -F and --sort file need local indexes: Xapian's remote backend "
                         "cannot run crib's passage filter or sort key");
    return guard_damage(req.db, [&] {
        Xapian::Database db = open_all(req.db);
        double open_ms = ms_since(t);
        // A crib-index committing meanwhile: search the latest commit instead.
        SearchResult res =
            with_reopen(db, [&](const Xapian::Database& d) { return search_in(d, req); });
        res.timings.open = open_ms;
        return res;
    });
}

} // namespace crib
