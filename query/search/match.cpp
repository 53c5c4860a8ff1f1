// match.cpp - steps 2 and 4, match and count: the top of the match with copies dropped,
// then the total and the topic facets over the collapsed match set.
#include "search/internal.hpp"

#include "common/text.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

namespace crib {

namespace detail {

namespace {

/// What counting needs of one matching passage: its duplicate key and its
/// topics, '\n'-joined as the value slot holds them.
struct Row {
    std::string key;
    std::string topics;
};

/// Distinct passages and, per topic, how many of them have it.
struct Tally {
    size_t passages = 0;
    std::map<std::string, size_t> topics;
};

/// Tally rows, copies (same duplicate key) counted once unless `all`; a
/// passage and its copies count once for each topic any of them has, so no
/// topic count exceeds the total and `-t T` finds as many as the facet says.
/// (Hashed, on views of the rows: for the 1,136 passages of "kubernetes
/// pod" over real notes x20 the sets and maps of strings took 0.8 ms.)
Tally tally(const std::vector<Row>& rows, bool all) {
    std::unordered_map<std::string_view, size_t> group_of; // key -> its copies' group
    std::vector<std::vector<std::string_view>> groups;     // topics of each passage
    for (const Row& r : rows) {
        size_t g = groups.size();
        if (!all && !r.key.empty()) g = group_of.try_emplace(r.key, g).first->second;
        if (g == groups.size()) groups.emplace_back();
        std::vector<std::string_view>& topics = groups[g];
        for (std::string_view t : split_lines(r.topics))
            if (!t.empty() && std::find(topics.begin(), topics.end(), t) == topics.end())
                topics.push_back(t);
    }
    std::unordered_map<std::string_view, size_t> counts;
    for (const auto& topics : groups)
        for (std::string_view t : topics)
            ++counts[t];
    Tally out;
    out.passages = groups.size();
    for (const auto& [topic, n] : counts)
        out.topics.emplace(std::string(topic), n);
    return out;
}

/// BM25 parameters (tuned on tests/relevance).
constexpr double kBm25K1 = 1.0;

constexpr double kBm25B = 0.5;

/// Matches counted exactly (facets, total) before estimating.
constexpr Xapian::doccount kExactUpTo = 1000;

/// Passages whose topics are counted for a match too large to count whole:
/// the best 20 (what README and the JSON contract say; 50 cost 0.56 ms more
/// per query on 600k passages, a deeper match; the match spy that saw every
/// candidate, 2.3 ms).
constexpr size_t kFacetSample = 20;

/// Passages (copies included) read to count a match exactly.
constexpr Xapian::doccount kExactScan = 4 * kExactUpTo;

/// Keeps the first passage of each duplicate key (every passage with --all),
/// at most `most` of them.
std::vector<Xapian::MSetIterator> drop_copies(const Xapian::MSet& m, bool all, DocCache& docs,
                                              size_t most) {
    std::vector<Xapian::MSetIterator> out;
    std::set<std::string> keys;
    for (auto it = m.begin(); it != m.end() && out.size() < most; ++it) {
        if (!all) {
            const std::string& k = docs.key(it);
            if (!k.empty() && !keys.insert(k).second) continue;
        }
        out.push_back(it);
    }
    return out;
}

/// Keeps the documents whose passage SearchRequest::keep accepts (-w, -F).
class KeepDecider : public Xapian::MatchDecider {
  public:
    explicit KeepDecider(const std::function<bool(const Passage&)>& keep) : keep_(keep) {}
    bool operator()(const Xapian::Document& doc) const override { return keep_(passage_of(doc)); }

  private:
    const std::function<bool(const Passage&)>& keep_;
};

/// The first `n` matches of `enq`, only passages SearchRequest::keep accepts.
Xapian::MSet kept_top(const Xapian::Enquire& enq, Xapian::doccount n, const SearchRequest& req) {
    KeepDecider keep(req.keep);
    return enq.get_mset(0, n, 0, nullptr, req.keep ? &keep : nullptr);
}

/// Over a remote index each document read is a round trip (Xapian 1.4's
/// remote backend does not pipeline them; 1,456 matches took 28 s over a
/// 10 ms link).  There the match itself carries what counting needs: every
/// item's duplicate key as its collapse key (nothing collapsed: at most
/// kNoMore copies kept) and, with `topics`, its topics as its sort key after
/// relevance.  That sort orders passages of equal weight by their topics, not
/// by docid as the local match does: so only the counting matches (scan_all,
/// facet_sample) ask for topics, never the one whose top is shown.
/// One request, one reply.
void remote_keys(Xapian::Enquire& enq, bool topics) {
    enq.set_collapse_key(schema::kSlotCollapse, Xapian::doccount(kNoMore));
    if (topics) enq.set_sort_by_relevance_then_value(schema::kSlotTopics, false);
}

/// crib's ranking weight (BM25, tuned on tests/relevance).
Xapian::BM25Weight ranking_weight() {
    return Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5);
}

/// Passages the first match fetches so that count() need not match again:
/// the whole match when Xapian's bound (its estimate from the posting lists,
/// before matching) says it has at most kExactScan passages and more than
/// `fetch`; else `fetch`.  Fetching 1,019 passages of "kubernetes pod" over
/// real notes x20 cost less than matching them twice (28.4 -> 25.9 M
/// instructions); a match that may be larger keeps the small first match,
/// as fetching 4,001 of "file" (8,755 passages) cost 41% more.
size_t whole_match_fetch(const Xapian::Enquire& enq, const SearchRequest& req, size_t fetch) {
    if (!(req.count_total || req.facets) || req.db.any_remote()) return fetch;
    Xapian::doccount bound = enq.get_mset(0, 0).get_matches_upper_bound();
    return bound <= kExactScan && bound + 1 > fetch ? size_t(bound) + 1 : fetch;
}

} // namespace

/// Run the match: enough from rank 0 to fill the page (or the re-ranking
/// depth, or the facet sample) after dropping copies, fetching more while
/// copies leave it short.  No match spy: a spy makes Xapian build a document
/// for every candidate it weighs (on 600k passages that alone cost as much
/// as the rest of the match); count() reads what it needs afterwards.
Collapsed run_match(Xapian::Enquire& enq, const SearchRequest& req) {
    if (req.sort == SearchRequest::Sort::file) {
        Xapian::MultiValueKeyMaker* keys = new Xapian::MultiValueKeyMaker;
        keys->add_value(schema::kSlotFile);
        keys->add_value(schema::kSlotLine);
        enq.set_sort_by_key(keys->release(), false);
    }
    enq.set_weighting_scheme(ranking_weight());
    const bool remote = req.db.any_remote();
    if (remote) remote_keys(enq, false); // remote indexes sort by relevance only
    // Relevance order re-ranks the top kRerankDepth so passages can move
    // across the page boundary; pages are cut afterwards.  At least one item,
    // so Xapian runs the match even for -c / -n 0.
    const bool rel = req.sort == SearchRequest::Sort::relevance;
    const size_t page_end = std::min<size_t>(req.offset + req.limit, kNoMore);
    const size_t want =
        std::max({page_end, rel && req.limit ? kRerankDepth : 1, req.facets ? kFacetSample : 1});
    size_t fetch = std::min<size_t>(want + want / 10 + 2, kNoMore);
    // Copies are dropped from the top as far as the page needs, not from a
    // whole match fetched for counting.
    const size_t most = fetch;
    fetch = whole_match_fetch(enq, req, fetch);
    const size_t most_unique = fetch > most ? most : SIZE_MAX;
    Collapsed c;
    c.docs.keys_in_mset = remote;
    for (;;) {
        c.mset = kept_top(enq, Xapian::doccount(fetch), req);
        c.complete = c.mset.size() < fetch;
        c.unique = drop_copies(c.mset, req.all, c.docs, most_unique);
        if (c.complete || c.unique.size() >= want || fetch >= kNoMore) return c;
        fetch = std::min<size_t>(fetch * 4, kNoMore);
    }
}

namespace {

/// The values in `slot` of passages `ids` (ascending), read along Xapian's
/// value stream: one pass instead of a document lookup per passage.
std::vector<std::string> values_of(const Xapian::Database& db, Xapian::valueno slot,
                                   const std::vector<Xapian::docid>& ids) {
    std::vector<std::string> out(ids.size());
    Xapian::ValueIterator v = db.valuestream_begin(slot);
    for (size_t i = 0; i < ids.size() && v != db.valuestream_end(slot); ++i) {
        v.skip_to(ids[i]);
        if (v != db.valuestream_end(slot) && v.get_docid() == ids[i]) out[i] = *v;
    }
    return out;
}

/// The duplicate key and (with `topics`) the topics of the first `n`
/// passages of `m`: along the value streams in docid order, or from a remote
/// index (xapian-tcpsrv serves no value streams) the collapse and sort keys
/// `m` carries (remote_keys()), not a document read per passage.  Never the
/// passage records: decoding every passage of a large match was most of
/// `--offset 26000`.
std::vector<Row> rows_for(const Xapian::Database& db, const SearchRequest& req,
                          const Xapian::MSet& m, size_t n, bool topics) {
    std::vector<Row> rows;
    auto end = m.begin();
    for (size_t i = 0; i < n && end != m.end(); ++i)
        ++end;
    if (req.db.any_remote()) { // `m` ran with remote_keys()
        for (auto it = m.begin(); it != end; ++it)
            rows.push_back({it.get_collapse_key(), topics ? it.get_sort_key() : std::string()});
        return rows;
    }
    std::vector<Xapian::docid> ids(m.begin(), end);
    std::sort(ids.begin(), ids.end());
    std::vector<std::string> keys = values_of(db, schema::kSlotCollapse, ids);
    std::vector<std::string> joined =
        topics ? values_of(db, schema::kSlotTopics, ids) : std::vector<std::string>(ids.size());
    for (size_t i = 0; i < ids.size(); ++i)
        rows.push_back({std::move(keys[i]), std::move(joined[i])});
    return rows;
}

/// Every passage of the match, copies included, when it has at most
/// kExactScan; nullopt for a larger match.
std::optional<std::vector<Row>> scan_all(const Xapian::Database& db, const Xapian::Enquire& enq,
                                         const Collapsed& c, const SearchRequest& req) {
    // A remote match carries no topics (remote_keys): counted again, with them.
    const bool remote = req.db.any_remote();
    if (c.complete && !(remote && req.facets))
        return rows_for(db, req, c.mset, c.mset.size(), req.facets);
    if (c.mset.get_matches_lower_bound() > kExactScan) return std::nullopt;
    // Weighted as usual: with BoolWeight (which would give docid order),
    // Xapian 1.4.22 threw "Unexpected end of posting list" on posting lists
    // that in-place updates had rewritten (xapian-check finds nothing wrong).
    Xapian::Enquire all(db);
    all.set_query(enq.get_query());
    if (remote) remote_keys(all, req.facets);
    Xapian::MSet m = kept_top(all, kExactScan + 1, req);
    if (m.size() > kExactScan) return std::nullopt;
    return rows_for(db, req, m, m.size(), req.facets);
}

/// The match whose best kFacetSample passages (copies included) estimate
/// the facets of a match too large to count: the top of the match as
/// fetched, or with --sort file (whose top is the first files) a match in
/// relevance order.
Xapian::MSet facet_sample(const Xapian::Database& db, const Xapian::Enquire& enq,
                          const Collapsed& c, const SearchRequest& req) {
    const bool remote = req.db.any_remote();
    if (req.sort != SearchRequest::Sort::file && !remote) return c.mset;
    Xapian::Enquire rel(db);
    rel.set_query(enq.get_query());
    rel.set_weighting_scheme(ranking_weight());
    if (remote) remote_keys(rel, true); // the topics, with the match
    return kept_top(rel, kFacetSample, req);
}

} // namespace

/// Step 4, count: `total` and topic facets over the collapsed match set.
/// Exact (-c, -n 0, every --offset page, both sorts and JSON agree) while
/// the match, copies included, has at most kExactScan passages.  Beyond,
/// `exact` is false: `total` is Xapian's estimate less the share of copies
/// in the top that was read, and the facets count the topics of the best
/// kFacetSample passages, as such (`facets_of`).  Scaling those to the
/// total was tried: for "commonword terraform" over 6,000 passages it said
/// terraform 3,600 where 12 have it, since the best passages are the ones
/// about the query.
void count(const Xapian::Database& db, Attempt& a, const SearchRequest& req, SearchResult& res) {
    Collapsed& m = a.match;
    auto rows = req.count_total || req.facets ? scan_all(db, a.enq, m, req) : std::nullopt;
    if (rows) {
        Tally t = tally(*rows, req.all);
        res.total = t.passages;
        if (req.facets) {
            res.facets_of = t.passages;
            res.facets.assign(t.topics.begin(), t.topics.end());
        }
    } else {
        res.exact = false;
        double distinct = m.mset.empty() ? 1.0 : double(m.unique.size()) / double(m.mset.size());
        res.total = std::max(m.unique.size(),
                             size_t(double(m.mset.get_matches_estimated()) * distinct + 0.5));
        if (req.facets) {
            Tally sample = tally(
                rows_for(db, req, facet_sample(db, a.enq, m, req), kFacetSample, true), req.all);
            res.facets_of = sample.passages;
            res.facets.assign(sample.topics.begin(), sample.topics.end());
        }
    }
    std::stable_sort(res.facets.begin(), res.facets.end(),
                     [](auto& a, auto& b) { return a.second > b.second; });
}

} // namespace detail

} // namespace crib
