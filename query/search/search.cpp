#include "search/search.hpp"

#include "document.hpp"
#include "index_run.hpp"
#include "note_text.hpp"
#include "notes_parser.hpp"
#include "search/reopen.hpp"
#include "schema.hpp"
#include "search/snippet.hpp"
#include "search/spelling.hpp"
#include "text.hpp"
#include "topics.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <sys/stat.h>
#include <unistd.h>

namespace crib {

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

/// What counting needs of one matching passage: its duplicate key and its topics.
struct Row {
    std::string key;
    std::vector<std::string> topics;
};

/// Topic names from the '\n'-joined value slot.
std::vector<std::string> topic_list(std::string_view joined) {
    std::vector<std::string> out;
    for (std::string_view t : split_lines(joined))
        if (!t.empty()) out.emplace_back(t);
    return out;
}

/// Distinct passages and, per topic, how many of them have it.
struct Tally {
    size_t passages = 0;
    std::map<std::string, size_t> topics;
};

/// Tally rows, copies (same duplicate key) counted once unless `all`; a
/// passage and its copies count once for each topic any of them has, so no
/// topic count exceeds the total and `-t T` finds as many as the facet says.
Tally tally(const std::vector<Row>& rows, bool all) {
    std::map<std::string, std::set<std::string>> groups; // key -> topics of its copies
    std::vector<const Row*> singles;
    for (const Row& r : rows) {
        if (all || r.key.empty()) {
            singles.push_back(&r);
            continue;
        }
        groups[r.key].insert(r.topics.begin(), r.topics.end());
    }
    Tally t;
    t.passages = singles.size() + groups.size();
    for (const Row* r : singles)
        for (const std::string& topic : r->topics)
            ++t.topics[topic];
    for (const auto& [key, topics] : groups)
        for (const std::string& topic : topics)
            ++t.topics[topic];
    return t;
}

/// The duplicate keys and passage records one search reads, each read once
/// (collapse, re-rank, facet sample and hits look at the same top passages):
/// every read is a B-tree lookup, and on 600k passages those lookups were
/// as much of a query's time as the match itself.
class DocCache {
  public:
    /// The passage's duplicate key ("" for none).
    const std::string& key(const Xapian::MSetIterator& it) {
        auto [pos, fresh] = keys_.try_emplace(*it);
        if (fresh) pos->second = it.get_document().get_value(schema::kSlotCollapse);
        return pos->second;
    }
    /// The passage record (one read of the document data).
    const Passage& passage(const Xapian::MSetIterator& it) {
        auto [pos, fresh] = passages_.try_emplace(*it);
        if (fresh) pos->second = passage_of(it.get_document());
        return pos->second;
    }
    /// The passage record, moved out of the cache (a hit keeps it; a page of
    /// thousands is not held twice).
    Passage take(const Xapian::MSetIterator& it) {
        auto pos = passages_.find(*it);
        if (pos == passages_.end()) return passage_of(it.get_document());
        Passage p = std::move(pos->second);
        passages_.erase(pos);
        return p;
    }

  private:
    std::unordered_map<Xapian::docid, std::string> keys_;
    std::unordered_map<Xapian::docid, Passage> passages_;
};

/// Expand terms worth suggesting: stemmed free-text words ("Z" + lower-case),
/// no field prefixes, no stopwords, no numbers.
class WordDecider : public Xapian::ExpandDecider {
  public:
    explicit WordDecider(const Xapian::Stopper& stop) : stop_(stop) {}
    bool operator()(const std::string& term) const override {
        if (term.size() < 4 || term[0] != 'Z') return false;
        unsigned char c = static_cast<unsigned char>(term[1]);
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return false;
        return !stop_(term.substr(1));
    }

  private:
    const Xapian::Stopper& stop_;
};

/// Passages already shown (by docid of the combined database, which
/// Document::get_docid() is not when several indexes are searched) and
/// their copies (by duplicate key).
struct Shown {
    std::set<Xapian::docid> ids;
    std::set<std::string> keys;
    void add(Xapian::docid did, const Xapian::Document& doc) {
        ids.insert(did);
        std::string k = doc.get_value(schema::kSlotCollapse);
        if (!k.empty()) keys.insert(std::move(k));
    }
    bool has(Xapian::docid did, const Xapian::Document& doc) const {
        if (ids.count(did)) return true;
        std::string k = doc.get_value(schema::kSlotCollapse);
        return !k.empty() && keys.count(k);
    }
};

const Xapian::SimpleStopper& stopper() {
    static const char* words[] = {
        "a",    "about", "an",   "and", "are",  "as",   "at",    "be",    "by",  "can", "do",
        "does", "for",   "from", "how", "i",    "in",   "is",    "it",    "of",  "on",  "or",
        "the",  "this",  "to",   "was", "what", "when", "where", "which", "who", "why", "will",
        "with", "you",   "your", "we",  "me",   "my",   "vs",    "versus"};
    static const Xapian::SimpleStopper s(std::begin(words), std::end(words));
    return s;
}

Xapian::Database open_db(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode))
        throw NoIndex(path + " is a file, not an index folder; give --db a folder");
    if (::access((path + "/iamglass").c_str(), F_OK) != 0 &&
        ::access((path + "/iamchert").c_str(), F_OK) != 0 &&
        ::access((path + "/iamhoney").c_str(), F_OK) != 0)
        throw NoIndex("no index at " + path + "; make one with: crib-index --db " + path +
                      " ~/notes");
    Xapian::Database db(path);
    if (std::string damage = schema::table_damage(path, db.get_doccount()); !damage.empty())
        throw IndexDamagedError(schema::damaged_error(path, damage));
    auto state = with_reopen(db, [](const Xapian::Database& d) { return schema::check_schema(d); });
    if (state.kind != schema::SchemaState::current)
        throw IndexVersionError(schema::schema_error(state, path));
    return db;
}

/// The host and port of "tcp://HOST:PORT"; false when the spec is not one.
bool parse_remote(const std::string& spec, std::string& host, unsigned& port) {
    if (!is_remote(spec)) return false;
    std::string rest = spec.substr(6);
    size_t colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size() || colon + 6 < rest.size())
        return false;
    for (size_t i = colon + 1; i < rest.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(rest[i]))) return false;
    unsigned long p = std::stoul(rest.substr(colon + 1));
    if (p == 0 || p > 65535) return false;
    host = rest.substr(0, colon);
    port = unsigned(p);
    return true;
}

/// One index: a local folder (checked as open_db does) or a remote one
/// served by xapian-tcpsrv (its schema version checked over the wire).
Xapian::Database open_one(const std::string& spec) {
    if (!is_remote(spec)) return open_db(spec);
    std::string host;
    unsigned port = 0;
    if (spec.find('[') != std::string::npos)
        throw NoIndex("remote index '" + spec + "': Xapian's remote backend takes IPv4 addresses "
                      "and host names, not IPv6 ones");
    if (!parse_remote(spec, host, port))
        throw NoIndex("bad remote index '" + spec + "': write tcp://HOST:PORT");
    Xapian::Database db;
    try {
        db = Xapian::Remote::open(host, port, 10000, 5000);
    } catch (const Xapian::NetworkError& e) {
        throw NoIndex("cannot reach the index " + spec + " (" + e.get_msg() +
                      "); is xapian-tcpsrv serving it there?");
    }
    auto state = schema::check_schema(db);
    if (state.kind != schema::SchemaState::current)
        throw IndexVersionError(schema::schema_error(state, spec));
    return db;
}

/// Every index of the set as one database (Xapian interleaves their docids:
/// document d of index i is (d - 1) * n + i + 1).
Xapian::Database open_all(const IndexSet& set) {
    if (set.specs.empty()) throw NoIndex("no index given");
    if (!set.several()) return open_one(set.specs.front());
    Xapian::Database all;
    for (const std::string& spec : set.specs)
        all.add_database(open_one(spec));
    return all;
}

/// Which index of the set a document of the combined database comes from.
size_t index_of(const IndexSet& set, Xapian::docid did) {
    return set.specs.empty() ? 0 : (did - 1) % set.specs.size();
}

/// The id of a passage of the combined database: "file:line", prefixed with
/// the 1-based number of its index when several are searched.
std::string id_in(const IndexSet& set, Xapian::docid did, const Passage& p) {
    if (!set.several()) return passage_id(p);
    return std::to_string(index_of(set, did) + 1) + ":" + passage_id(p);
}

/// The spec a document came from, "" for a single index.
std::string spec_of(const IndexSet& set, Xapian::docid did) {
    return set.several() ? set.specs[index_of(set, did)] : std::string();
}

/// Weight of the question-coverage bonus, relative to the best BM25 score
/// (tuned on tests/relevance: see README "Ranking").
constexpr double kTitleBonus = 0.5;
/// BM25 parameters (tuned on tests/relevance).
constexpr double kBm25K1 = 1.0;
constexpr double kBm25B = 0.5;
/// Matches counted exactly (facets, total) before estimating.
constexpr Xapian::doccount kExactUpTo = 1000;

/// Expand terms taken from the top hits for related questions.  Each term
/// widens the related match (on 600k passages: 15 terms 3.9 ms, 8 terms
/// 2.9 ms, 5 terms 1.7 ms).  5 was checked by reading the related lists of
/// 12 queries over content/ and the corpora: one or two questions change
/// per query, and the weaker terms 6-8 had brought in the off-topic ones
/// ("event loop" -> scp and NXDOMAIN questions; "what is a pod" -> four
/// near-identical "resource limits for the X pattern").
constexpr Xapian::termcount kExpandTerms = 5;
/// Related questions shown.
constexpr size_t kRelated = 5;
/// The most candidates one related-question attempt reads past copies.
constexpr Xapian::doccount kRelatedScan = 1000;
/// Share of the title bonus a section keeps when the query is a question
/// (chosen a priori as "half"; checked on every suite, not tuned).
constexpr double kSectionBonusWhenAsked = 0.5;
/// Words of answer prose from which a title match counts fully (substance()).
constexpr double kSubstanceWords = 20;
/// How many top matches the re-ranking looks at: twice the page (chosen a
/// priori; 10, 20, 30 and 50 were then measured: the content, unseen and
/// corpora suites score the same from 20 on, 10 loses 0.001 MRR on unseen).
constexpr size_t kRerankDepth = 20;
/// Passages whose topics are counted for a match too large to count whole:
/// the best ones, as many as the re-rank reads (50 cost 0.56 ms more per
/// query on 600k passages, a deeper match; the match spy that saw every
/// candidate, 2.3 ms).
constexpr size_t kFacetSample = kRerankDepth;
/// Passages (copies included) read to count a match exactly.
constexpr Xapian::doccount kExactScan = 4 * kExactUpTo;
/// The most matches one get_mset asks for (-n all).
constexpr size_t kNoMore = std::numeric_limits<Xapian::doccount>::max() / 4;

// No FLAG_SPELLING_CORRECTION: correct_spelling() (spelling.hpp) does it.
constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                            Xapian::QueryParser::FLAG_PURE_NOT |
                            Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
constexpr unsigned kLiteralFlags = Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

/// The query with quotes and parentheses blanked: every word read literally.
std::string literal_words(const std::string& q) {
    std::string literal;
    for (char c : q)
        literal += (c == '"' || c == '(' || c == ')') ? ' ' : c;
    return literal;
}

/// A query of excluded words only ("-docker -kube") as NOT (docker kube):
/// Xapian's parser searches such words instead of excluding them.  Other
/// queries are returned as they are.
std::string pure_exclusion(const std::string& q) {
    bool excluded = false, other = false;
    std::string words = rewrite_tokens(q, [&](std::string_view tok, const TokenQuotes& at) {
        if (at.opens_inside) return std::string(); // a later word of an excluded "phrase"
        if (tok.size() < 2 || tok[0] != '-') {
            other = true;
            return std::string();
        }
        excluded = true;
        return std::string(tok.substr(1));
    });
    return excluded && !other ? "NOT (" + words + ")" : q;
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
        return parse(qp, schema::unstem_wildcards(q));
    } catch (const Xapian::QueryParserError&) {
        try {
            return qp.parse_query(literal_words(q), kLiteralFlags);
        } catch (const Xapian::QueryParserError& e) {
            throw QueryError("cannot parse query: " + e.get_msg());
        }
    }
}

/// The topic term for a name the user typed: the topic itself when the index
/// has it, else the taxonomy's canonical name ("k8s" -> "kubernetes"); the
/// taxonomy is the file the index was built with, read only when needed.
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
        return schema::bounded_term(schema::kTopicPrefix, tax_->canonical(name));
    }

  private:
    Xapian::Database db_;
    std::optional<Taxonomy> tax_;
};

struct Prepared {
    Xapian::Query query;
    std::string corrected;
    bool corrects_exclusion = false;    ///< `corrected` changed an excluded word ("-dokcer")
    std::vector<std::string> wildcards; ///< schema::wildcard_term() of each `word*`
};

bool has_unknown_word(const Xapian::Database& db, const std::string& query);
bool unknown_word(const Xapian::Database& db, const std::string& w);
std::string compounds(const Xapian::Database& db, const std::string& query, std::string& rest);

Prepared prepare(const Xapian::Database& db, const SearchRequest& req) {
    Xapian::QueryParser qp;
    auto* topics = new TopicResolver(db);
    schema::configure_query_parser(qp, db, topics->release());
    qp.set_stopper(&stopper());
    qp.set_default_op(Xapian::Query::OP_OR);
    Prepared p;
    std::string unhandled; // the query without the words compounds() rewrote
    const std::string typed = compounds(db, req.query, unhandled);
    p.query = parse(qp, schema::stem_wildcards(pure_exclusion(typed), &p.wildcards));
    // Spelling correction searches the spelling table (costly on a big
    // vocabulary): only when some word is not in the index at all.
    if (has_unknown_word(db, unhandled)) {
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
        Xapian::Query f(Xapian::Query::OP_AND, filters.begin(), filters.end());
        p.query = p.query.empty() ? f : Xapian::Query(Xapian::Query::OP_FILTER, p.query, f);
    }
    return p;
}

/// The match of one reading, collapsed by crib rather than by Xapian: a
/// collapse key makes Xapian read a value for every candidate it weighs
/// (on 600k passages that doubled a query's CPU time), while duplicates are
/// rare, so the top is fetched whole and copies are dropped here.
struct Collapsed {
    DocCache docs;                              ///< what was read of the passages below
    Xapian::MSet mset;                          ///< from rank 0, duplicates included
    std::vector<Xapian::MSetIterator> unique;   ///< best of each duplicate key, in order
    bool complete = false;                      ///< mset holds every match
};

/// Keeps the first passage of each duplicate key (every passage with --all).
std::vector<Xapian::MSetIterator> drop_copies(const Xapian::MSet& m, bool all, DocCache& docs) {
    std::vector<Xapian::MSetIterator> out;
    std::set<std::string> keys;
    for (auto it = m.begin(); it != m.end(); ++it) {
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

/// crib's ranking weight (BM25, tuned on tests/relevance).
Xapian::BM25Weight ranking_weight() { return Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5); }

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
    // Relevance order re-ranks the top kRerankDepth so passages can move
    // across the page boundary; pages are cut afterwards.  At least one item,
    // so Xapian runs the match even for -c / -n 0.
    const bool rel = req.sort == SearchRequest::Sort::relevance;
    const size_t page_end = std::min<size_t>(req.offset + req.limit, kNoMore);
    const size_t want = std::max({page_end, rel && req.limit ? kRerankDepth : 1,
                                  req.facets ? kFacetSample : 1});
    size_t fetch = std::min<size_t>(want + want / 10 + 2, kNoMore);
    Collapsed c;
    for (;;) {
        c.mset = kept_top(enq, Xapian::doccount(fetch), req);
        c.complete = c.mset.size() < fetch;
        c.unique = drop_copies(c.mset, req.all, c.docs);
        if (c.complete || c.unique.size() >= want || fetch >= kNoMore) return c;
        fetch = std::min<size_t>(fetch * 4, kNoMore);
    }
}

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

/// The duplicate key and (with `topics`) the topics of passages `ids`: along
/// the value streams in docid order, or a document at a time from a remote
/// index (xapian-tcpsrv serves no value streams).  Never the passage records:
/// decoding every passage of a large match was most of `--offset 26000`.
std::vector<Row> rows_for(const Xapian::Database& db, const SearchRequest& req,
                          std::vector<Xapian::docid> ids, bool topics) {
    std::vector<Row> rows;
    if (req.db.any_remote()) {
        for (Xapian::docid id : ids) {
            Xapian::Document doc = db.get_document(id);
            rows.push_back({doc.get_value(schema::kSlotCollapse),
                            topics ? topic_list(doc.get_value(schema::kSlotTopics))
                                   : std::vector<std::string>()});
        }
        return rows;
    }
    std::sort(ids.begin(), ids.end());
    std::vector<std::string> keys = values_of(db, schema::kSlotCollapse, ids);
    std::vector<std::string> joined =
        topics ? values_of(db, schema::kSlotTopics, ids) : std::vector<std::string>(ids.size());
    for (size_t i = 0; i < ids.size(); ++i)
        rows.push_back({std::move(keys[i]), topic_list(joined[i])});
    return rows;
}

/// Every passage of the match, copies included, when it has at most
/// kExactScan; nullopt for a larger match.
std::optional<std::vector<Row>> scan_all(const Xapian::Database& db, const Xapian::Enquire& enq,
                                         const Collapsed& c, const SearchRequest& req) {
    if (c.complete) return rows_for(db, req, {c.mset.begin(), c.mset.end()}, req.facets);
    if (c.mset.get_matches_lower_bound() > kExactScan) return std::nullopt;
    // Weighted as usual: with BoolWeight (which would give docid order),
    // Xapian 1.4.22 threw "Unexpected end of posting list" on posting lists
    // that in-place updates had rewritten (xapian-check finds nothing wrong).
    Xapian::Enquire all(db);
    all.set_query(enq.get_query());
    Xapian::MSet m = kept_top(all, kExactScan + 1, req);
    if (m.size() > kExactScan) return std::nullopt;
    return rows_for(db, req, {m.begin(), m.end()}, req.facets);
}

/// The best kFacetSample passages of a match too large to count (copies
/// included), whose topics estimate its facets: the top of the match as
/// fetched, or with --sort file (whose top is the first files) a match in
/// relevance order.
std::vector<Xapian::docid> facet_sample(const Xapian::Database& db, const Xapian::Enquire& enq,
                                        const Collapsed& c, const SearchRequest& req) {
    Xapian::MSet best = c.mset;
    if (req.sort == SearchRequest::Sort::file) {
        Xapian::Enquire rel(db);
        rel.set_query(enq.get_query());
        rel.set_weighting_scheme(ranking_weight());
        best = kept_top(rel, kFacetSample, req);
    }
    std::vector<Xapian::docid> ids;
    for (auto it = best.begin(); it != best.end() && ids.size() < kFacetSample; ++it)
        ids.push_back(*it);
    return ids;
}

/// True if other passages share this duplicate key.
bool has_copies(const Xapian::Database& db, const std::string& key) {
    return !key.empty() && db.get_termfreq(schema::bounded_term(schema::kDupPrefix, key)) > 1;
}

/// Ids of the other passages with duplicate key `key` than document `did`.
std::vector<std::string> duplicates_of(const Xapian::Database& db, const IndexSet& set,
                                       Xapian::docid did, const std::string& key) {
    std::vector<std::string> out;
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(schema::bounded_term(schema::kDupPrefix, key)));
    e.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet m = e.get_mset(0, 20);
    for (auto it = m.begin(); it != m.end(); ++it) {
        if (*it == did) continue;
        out.push_back(id_in(set, *it, passage_of(it.get_document())));
    }
    return out;
}

/// `q` restricted to questions (related questions are questions, not
/// section titles).  Every passage is one kind or the other, so this is a
/// FILTER on the question kind or an AND_NOT on the section kind, whichever
/// posting list is shorter: Xapian then skips through the short one (on
/// generated notes nearly every passage is a question, and the FILTER cost
/// a third of the related-question match).
Xapian::Query only_questions(const Xapian::Database& db, const Xapian::Query& q) {
    const std::string question = std::string(schema::kKindPrefix) + "question";
    const std::string section = std::string(schema::kKindPrefix) + "section";
    if (db.get_termfreq(section) < db.get_termfreq(question))
        return Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(section));
    return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(question));
}

std::vector<Related> find_related(const Xapian::Database& db, const IndexSet& set, Xapian::Enquire& enq,
                                  const std::vector<Xapian::MSetIterator>& shown,
                                  const Xapian::Query& query) {
    std::vector<Related> out;
    Xapian::RSet rset;
    Shown seen;
    int n = 0;
    for (const Xapian::MSetIterator& it : shown) {
        if (n++ < 3) rset.add_document(*it);
        seen.add(*it, it.get_document());
    }
    // Copies of the shown hits share their words: keep them out of the
    // match itself (boolean XDUP terms work on a remote index too).
    std::vector<Xapian::Query> shown_keys;
    for (const std::string& k : seen.keys)
        shown_keys.emplace_back(schema::bounded_term(schema::kDupPrefix, k));
    if (rset.empty()) return out;
    WordDecider decider(stopper());
    Xapian::ESet eset = enq.get_eset(kExpandTerms, rset, &decider);
    // The feedback words searched in the question field first ("Zword" ->
    // "ZXQword": related questions share them in their question, and those
    // postlists are a fraction of the whole text's; on 600k passages the
    // related match fell from 29 to 11 million instructions), then in the
    // whole text when that found too few (small notes).
    const std::string question_stem = std::string("Z") + schema::kQuestionPrefix;
    std::vector<Xapian::Query> in_questions, anywhere;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        in_questions.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                  Xapian::Query(question_stem + (*it).substr(1)), it.get_weight());
        anywhere.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight());
    }
    if (anywhere.empty()) return out;
    // Relevance feedback: the expanded terms, with the original query helping the order.
    const Xapian::Query copies(Xapian::Query::OP_OR, shown_keys.begin(), shown_keys.end());
    auto feedback = [&](const std::vector<Xapian::Query>& terms) {
        Xapian::Query expanded(Xapian::Query::OP_OR, terms.begin(), terms.end());
        Xapian::Query q = only_questions(db, Xapian::Query(Xapian::Query::OP_AND_MAYBE, expanded, query));
        return shown_keys.empty() ? q : Xapian::Query(Xapian::Query::OP_AND_NOT, q, copies);
    };
    Xapian::Enquire re(db); // copies are skipped below, by key, not by a Xapian collapse
    // Prefer questions that share a topic with the top hit ("what is docker"
    // -> containers, Kubernetes), then fill up from anywhere.
    std::vector<Xapian::Query> topics;
    for (const std::string& t : passage_of(shown.front().get_document()).topics)
        topics.emplace_back(schema::bounded_term(schema::kTopicPrefix, t));
    const Xapian::Query same_topic(Xapian::Query::OP_OR, topics.begin(), topics.end());
    std::vector<Xapian::Query> attempts;
    for (const auto* terms : {&in_questions, &anywhere}) {
        if (!topics.empty())
            attempts.emplace_back(Xapian::Query::OP_FILTER, feedback(*terms), same_topic);
        attempts.push_back(feedback(*terms));
    }
    for (const Xapian::Query& attempt : attempts) {
        re.set_query(attempt);
        // Passages shown, and copies among the related ones, are skipped
        // here rather than by a MatchDecider, which a remote index
        // (xapian-tcpsrv) cannot run; fetch more while they leave it short.
        for (Xapian::doccount fetch = 2 * kRelated + Xapian::doccount(seen.ids.size());;
             fetch *= 4) {
            Xapian::MSet rm = re.get_mset(0, fetch);
            for (auto it = rm.begin(); it != rm.end() && out.size() < kRelated; ++it) {
                Xapian::Document doc = it.get_document();
                if (seen.has(*it, doc)) continue;
                seen.add(*it, doc);
                Passage p = passage_of(doc);
                out.push_back({id_in(set, *it, p), p.file, p.question, spec_of(set, *it), p.line});
            }
            if (out.size() >= kRelated || rm.size() < fetch || fetch >= kRelatedScan) break;
        }
        if (out.size() >= kRelated) break;
    }
    return out;
}

/// True for a wildcard: Xapian's own, or a schema::stem_wildcards() field
/// (a synonym of a wildcard and the stems it misses).
bool is_wildcard(const Xapian::Query& q) {
    if (q.get_type() == Xapian::Query::OP_WILDCARD) return true;
    if (q.get_type() != Xapian::Query::OP_SYNONYM) return false;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (q.get_subquery(i).get_type() == Xapian::Query::OP_WILDCARD) return true;
    return false;
}

/// Adds the stems of the words `q` searches for (synonym expansions
/// included; not the words a wildcard stands for, which are not the user's).
void gather_stems(const Xapian::Query& q, std::set<std::string>& out) {
    if (is_wildcard(q)) return;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        gather_stems(q.get_subquery(i), out);
    if (q.get_num_subqueries()) return;
    thread_local const Xapian::Stem stem = schema::stemmer();
    for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
        std::string term = *t;
        bool stemmed = !term.empty() && term[0] == 'Z';
        if (stemmed) term.erase(0, 1);
        if (term.rfind(schema::kSynPrefix, 0) == 0) continue;
        for (const char* p : {schema::kQuestionPrefix, schema::kAnswerPrefix})
            if (term.rfind(p, 0) == 0) term.erase(0, std::strlen(p));
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
        out.insert(stemmed ? term : stem(term));
    }
}

/// Stems of the words a query searches for (gather_stems()).
std::set<std::string> query_stems(const Xapian::Query& q) {
    std::set<std::string> out;
    gather_stems(q, out);
    return out;
}

/// Stems of a question's content words.
std::set<std::string> content_stems(const std::string& text) {
    const Xapian::Stem stem = schema::stemmer();
    std::set<std::string> out;
    for (const std::string& w : schema::words(text))
        if (!stopper()(w)) out.insert(stem(w));
    return out;
}

/// How much a section title match may count, from the prose under it: a
/// heading over a bare table, a command list or nothing at all ("Pods" in a
/// cheat sheet) should not beat "Explain what is a Pod" on its title alone.
/// 1 from kSubstanceWords words of prose on (about two sentences; chosen a
/// priori, then checked on the content, corpora and unseen-format suites).
double substance(const Passage& p) {
    // A question is content in itself (an unanswered one is still the note
    // the user looks for); only section titles need prose under them.
    if (p.kind != "section") return 1.0;
    return std::min(1.0, double(prose_words(p.answer)) / kSubstanceWords);
}

/// True if the query is phrased as a question ("what is a pod", "how do i
/// roll back", "explain cgroups", "difference between x and y").
bool asks_question(const std::string& query) {
    static const std::set<std::string> starts = {
        "what",     "whats",  "why",        "how", "when", "where", "which", "who", "explain",
        "describe", "define", "difference", "is",  "are",  "can",   "does",  "do",  "should"};
    std::vector<std::string> w = schema::words(query);
    return !w.empty() && (starts.count(w.front()) || query.find('?') != std::string::npos);
}

/// Re-rank the top of the match: a passage whose question is mostly the
/// query ("what is s3" -> "what is s3 ?") beats one that merely mentions
/// it ("copy from EC2 into S3").  BM25 cannot see this: it has no per-field
/// lengths.  Returns MSet positions in the new order.
std::vector<Xapian::MSetIterator> rerank(Collapsed& c, const std::set<std::string>& qs,
                                         bool asks,
                                         std::map<Xapian::docid, ScoreParts>* parts = nullptr) {
    // Only the first kRerankDepth are re-scored; the rest keep Xapian's order
    // after them, so pages (--offset) are slices of one ordering.
    std::vector<std::pair<double, Xapian::MSetIterator>> scored;
    std::vector<Xapian::MSetIterator> rest;
    double maxw = c.mset.get_max_attained();
    size_t n = 0;
    for (const Xapian::MSetIterator& it : c.unique) {
        if (n++ >= kRerankDepth) {
            rest.push_back(it);
            continue;
        }
        double w = it.get_weight();
        ScoreParts part;
        part.reranked = true;
        if (!qs.empty()) {
            const Passage& p = c.docs.passage(it);
            auto cs = content_stems(p.question);
            size_t common = 0;
            for (const auto& s : cs)
                common += qs.count(s);
            if (!cs.empty() && common) {
                double cover_q = double(common) / double(cs.size());
                double cover_s = double(std::min(common, qs.size())) / double(qs.size());
                const double sub = substance(p); // prose_words() reads the whole answer
                double bonus = kTitleBonus * maxw * cover_q * cover_s * sub;
                // A query that asks ("what is a pod") wants an answer: a section
                // title ("Pods" over a command list) is a topic, not one.
                part.section_halved = asks && p.kind == "section";
                if (part.section_halved) bonus *= kSectionBonusWhenAsked;
                w += bonus;
                part = {0, bonus, kTitleBonus * maxw, cover_q, cover_s, sub,
                        part.section_halved, true, {}};
            }
        }
        if (parts) (*parts)[*it] = part;
        scored.emplace_back(w, it);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](auto& a, auto& b) { return a.first > b.first; });
    std::vector<Xapian::MSetIterator> out;
    for (auto& [w, it] : scored)
        out.push_back(it);
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

/// The indexed term of a free-text word (lower case): "Z" + its stem.
std::string stem_term(const std::string& w) {
    thread_local const Xapian::Stem stem = schema::stemmer();
    return std::string("Z").append(stem(w));
}

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
    schema::each_written_word(db, w, [&](const std::string&) { return !(found = true); });
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

std::string passage_id(const Passage& p) {
    return p.file + ":" + std::to_string(p.line);
}

bool is_remote(const std::string& spec) { return spec.rfind("tcp://", 0) == 0; }

bool IndexSet::any_remote() const { return std::any_of(specs.begin(), specs.end(), is_remote); }

std::string IndexSet::describe() const {
    std::string out;
    for (const std::string& s : specs)
        out += (out.empty() ? "" : " + ") + s;
    return out;
}

namespace {

/// Runs fn(), turning what damaged index files throw (a record that does
/// not decode, DatabaseCorruptError, a plain DatabaseError such as "EOF
/// reading block") into IndexDamagedError with the rebuild hint.
template <class F> auto guard_damage(const std::string& path, F&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const DamagedRecord& e) {
        throw IndexDamagedError(schema::damaged_error(path, e.what()));
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw IndexDamagedError(schema::damaged_error(path, e.get_msg()));
    } catch (const Xapian::DatabaseError& e) {
        if (e.get_type() != std::string("DatabaseError")) throw;
        throw IndexDamagedError(schema::damaged_error(path, e.get_msg()));
    }
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

} // namespace

namespace {

/// One reading of the query (as typed, spelling-corrected, or with every
/// word literal) and its match.  The steps below make and compare these
/// instead of patching one match in place (as mu-query.cc's run_singular).
struct Attempt {
    std::string text;                  ///< the query this reading searched
    Prepared prep;                     ///< parsed query and suggested correction
    Xapian::Enquire enq;               ///< keeps the query for counting and expansion
    Collapsed match;                   ///< the top of the match, copies dropped
    double parse_ms = 0;               ///< time spent reading the query

    explicit Attempt(const Xapian::Database& db) : enq(db) {}
};

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
Attempt read_and_match(const Xapian::Database& db, const SearchRequest& req, const std::string& text) {
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
void correct(const Xapian::Database& db, const SearchRequest& req, Attempt& best, SearchResult& res) {
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
            Tally sample = tally(rows_for(db, req, facet_sample(db, a.enq, m, req), true), req.all);
            res.facets_of = sample.passages;
            res.facets.assign(sample.topics.begin(), sample.topics.end());
        }
    }
    std::stable_sort(res.facets.begin(), res.facets.end(),
                     [](auto& a, auto& b) { return a.second > b.second; });
}

/// Step 5, order: re-rank the top of a relevance match, then cut the page.
/// With --explain, `parts` gets each re-ranked passage's score parts.
std::vector<Xapian::MSetIterator> page_of(Attempt& a, const SearchRequest& req,
                                          std::map<Xapian::docid, ScoreParts>* parts) {
    std::vector<Xapian::MSetIterator> ordered =
        req.sort == SearchRequest::Sort::relevance
            ? rerank(a.match, query_stems(a.prep.query), asks_question(req.query), parts)
            : a.match.unique; // sorted by file
    std::vector<Xapian::MSetIterator> page;
    for (size_t i = req.offset; i < ordered.size() && page.size() < req.limit; ++i)
        page.push_back(ordered[i]);
    return page;
}

/// True if `q` holds a phrase (quoted, or one the parser made of "e-mail").
bool has_phrase(const Xapian::Query& q) {
    if (q.get_type() == Xapian::Query::OP_PHRASE) return true;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (has_phrase(q.get_subquery(i))) return true;
    return false;
}

/// The match whose terms the snippets mark.  Xapian marks a phrase only
/// where the text has its exact words, and the index holds stems only
/// (schema::kStemStrategy), so "\"running pods\"" would mark nothing; nor
/// does it mark what a wildcard over stems matched ("kube*").  Such a query
/// marks its words one by one, from a match of them all and of the terms each
/// wildcard matched in the passages of the page (read from their termlists).
/// Snippets fold diacritics (snippet_stemmer()), so terms with diacritics
/// are marked folded too.
Xapian::MSet marking_mset(const Xapian::Database& db, const Attempt& a,
                          const std::vector<Xapian::MSetIterator>& page) {
    const std::vector<std::string>& patterns = a.prep.wildcards;
    std::set<std::string> terms;
    bool folded = false;
    for (auto t = a.prep.query.get_unique_terms_begin(); t != a.prep.query.get_unique_terms_end();
         ++t) {
        std::string f = fold_diacritics(*t);
        folded = folded || f != *t;
        terms.insert(std::move(f));
    }
    if (patterns.empty() && !folded && !has_phrase(a.prep.query)) return a.match.mset;
    for (const Xapian::MSetIterator& hit : page) {
        if (patterns.empty()) break;
        for (const std::string& pattern : patterns) {
            Xapian::TermIterator t = db.termlist_begin(*hit);
            for (t.skip_to(pattern); t != db.termlist_end(*hit); ++t) {
                if ((*t).compare(0, pattern.size(), pattern) != 0) break;
                terms.insert(fold_diacritics(*t));
            }
        }
    }
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    return e.get_mset(0, 0);
}

/// Step 6, show: the hits of the page, with snippets and collapsed duplicates.
std::vector<Hit> hits_of(const Xapian::Database& db, Attempt& a, const SearchRequest& req,
                         const std::vector<Xapian::MSetIterator>& page,
                         const std::map<Xapian::docid, ScoreParts>& parts) {
    const Xapian::Stem stem = snippet_stemmer();
    const Xapian::MSet marks =
        req.snippets && !page.empty() ? marking_mset(db, a, page) : a.match.mset;
    std::vector<Hit> out;
    int rank = static_cast<int>(req.offset);
    for (const Xapian::MSetIterator& it : page) {
        Hit h;
        h.rank = ++rank;
        h.passage = a.match.docs.take(it);
        h.id = id_in(req.db, *it, h.passage);
        h.index = spec_of(req.db, *it);
        h.score = it.get_weight();
        if (req.snippets) {
            Highlighted q =
                highlight(marks, h.passage.question, h.passage.question.size() + 16, stem, false);
            h.question_spans = std::move(q.spans);
            AnswerSnippet s = answer_snippet(marks, h.passage.answer, req.snippet_chars, stem);
            h.snippet = std::move(s.text.text);
            h.snippet_spans = std::move(s.text.spans);
            h.snippet_code = s.code;
        }
        if (req.explain) {
            auto part = parts.find(*it);
            h.explain = part != parts.end() ? part->second : ScoreParts{};
            h.explain->bm25 = it.get_weight();
            h.explain->terms.assign(a.enq.get_matching_terms_begin(it), a.enq.get_matching_terms_end(it));
        }
        const std::string& key = a.match.docs.key(it);
        if (!req.all && has_copies(db, key)) h.also_in = duplicates_of(db, req.db, *it, key);
        out.push_back(std::move(h));
    }
    return out;
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
    if (req.related && !page.empty()) res.related = find_related(db, req.db, best.enq, page, best.prep.query);
    res.timings.related = ms_since(t);
    return res;
}

} // namespace

SearchResult search(const SearchRequest& req) {
    auto t = Clock::now();
    if (trim(req.query).empty() && req.topics.empty())
        throw QueryError("empty query: give some words to search for");
    check_query_size(req.query);
    if ((req.keep || req.sort == SearchRequest::Sort::file) && req.db.any_remote())
        throw QueryError("-w, -F and --sort file need local indexes: Xapian's remote backend "
                         "cannot run crib's passage filter or sort key");
    return guard_damage(req.db.describe(), [&] {
        Xapian::Database db = open_all(req.db);
        double open_ms = ms_since(t);
        // A crib-index committing meanwhile: search the latest commit instead.
        SearchResult res =
            with_reopen(db, [&](const Xapian::Database& d) { return search_in(d, req); });
        res.timings.open = open_ms;
        return res;
    });
}

namespace {

/// lookup() on one revision.
/// The stored name of the indexed file that `given` names relative to the
/// current folder or as an absolute path ("" if none, or if it is `given`).
std::string stored_name(const Xapian::Database& db, const std::string& given) {
    std::error_code ec;
    std::string abs = std::filesystem::absolute(given, ec).lexically_normal().string();
    if (ec) return "";
    for (const auto& [display, rec] : read_file_records(db))
        if ((rec.abs == abs || display == abs) && display != given) return display;
    return "";
}

/// The passage of `file` that starts on `line`, else the one whose lines hold it.
std::optional<Passage> passage_at(const Xapian::Database& db, const std::string& file, int line) {
    std::string term = schema::id_term(file, line);
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p != db.postlist_end(term)) return passage_of(db.get_document(*p));
    std::string ft = schema::file_term(file);
    std::optional<Passage> best;
    for (Xapian::PostingIterator d = db.postlist_begin(ft); d != db.postlist_end(ft); ++d) {
        Passage q = passage_of(db.get_document(*d));
        if (q.line <= line && line <= q.end_line && (!best || q.line > best->line)) best = q;
    }
    return best;
}

std::optional<Passage> lookup_in(const Xapian::Database& db, const std::string& id) {
    // "file:line" or "file:line:rest" (a grep line): try each ':' that is followed by digits.
    for (size_t colon = id.find(':'); colon != std::string::npos; colon = id.find(':', colon + 1)) {
        size_t e = colon + 1;
        while (e < id.size() && std::isdigit(static_cast<unsigned char>(id[e])))
            ++e;
        if (e == colon + 1 || (e < id.size() && id[e] != ':')) continue;
        long line = std::strtol(id.c_str() + colon + 1, nullptr, 10);
        if (e - colon - 1 > 9 || line <= 0) continue; // not a line number we could have
        std::string file = id.substr(0, colon);
        if (auto p = passage_at(db, file, int(line))) return p;
        // Only then read the file records (all of them) for another name.
        std::string other = stored_name(db, file);
        if (!other.empty())
            if (auto p = passage_at(db, other, int(line))) return p;
    }
    return std::nullopt;
}

/// list_topics() on one revision.
std::vector<std::pair<std::string, size_t>> topics_in(const Xapian::Database& db) {
    std::vector<std::pair<std::string, size_t>> out;
    std::string prefix = schema::kTopicPrefix;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        out.emplace_back((*t).substr(prefix.size()), t.get_termfreq());
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
    return out;
}

/// all_passages() on one revision.
std::vector<Passage> passages_in(const Xapian::Database& db) {
    std::vector<Passage> out;
    out.reserve(db.get_doccount());
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d)
        out.push_back(passage_of(db.get_document(*d)));
    return out;
}

} // namespace

std::optional<Passage> lookup(const IndexSet& set, const std::string& id, std::string* index) {
    auto in = [&](const std::string& spec, const std::string& local_id) {
        return guard_damage(spec, [&] {
            Xapian::Database db = open_one(spec);
            auto p = with_reopen(db, [&](const Xapian::Database& d) { return lookup_in(d, local_id); });
            if (p && index) *index = spec;
            return p;
        });
    };
    if (set.several()) { // "2:notes/a.md:3" names the second index
        size_t colon = id.find(':');
        if (colon != std::string::npos && colon > 0 && colon < 4 &&
            id.find_first_not_of("0123456789") == colon) {
            size_t n = std::stoul(id.substr(0, colon));
            if (n >= 1 && n <= set.specs.size())
                if (auto p = in(set.specs[n - 1], id.substr(colon + 1))) return p;
        }
    }
    // A bare id: each index in turn.  One that cannot be read (damaged,
    // unreachable) does not hide the id in another; its error is raised only
    // when no index has the passage.
    std::exception_ptr first_error;
    for (const std::string& spec : set.specs) {
        try {
            if (auto p = in(spec, id)) return p;
        } catch (...) { // crib's errors and Xapian's (which are not std::exceptions)
            if (!set.several()) throw;
            if (!first_error) first_error = std::current_exception();
        }
    }
    if (first_error) std::rethrow_exception(first_error);
    return std::nullopt;
}

std::vector<Passage> all_passages(const std::string& spec) {
    return guard_damage(spec, [&] {
        Xapian::Database db = open_one(spec);
        return with_reopen(db, [&](const Xapian::Database& d) { return passages_in(d); });
    });
}

std::vector<std::pair<std::string, size_t>> list_topics(const IndexSet& set) {
    return guard_damage(set.describe(), [&] {
        Xapian::Database db = open_all(set);
        return with_reopen(db, [&](const Xapian::Database& d) { return topics_in(d); });
    });
}

} // namespace crib
