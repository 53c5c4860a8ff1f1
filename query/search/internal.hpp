// internal.hpp - what the files of query/search/ share, and nothing callers
// outside this folder may use (they include search/search.hpp).
//
// A search runs seven steps, each in the file named after it:
//   prepare.cpp  1 read     the typed words -> Xapian::Query (+ correction)
//   match.cpp    2 match    the top of the match, copies dropped
//   search.cpp   3 correct  a correction searched when it finds something
//   match.cpp    4 count    total and topic facets over the match set
//   rank.cpp     5 order    re-rank the top, cut the page
//   hits.cpp     6 show     hits, snippets, collapsed copies
//   related.cpp  7 relate   related questions
// open.cpp opens the indexes; lookup.cpp answers --show, quiz and --topics.
#pragma once

#include "index/document.hpp"
#include "index/schema.hpp"
#include "search/search.hpp"

#include <xapian.h>

#include <chrono>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace crib::detail {

/// The clock of Timings.
using Clock = std::chrono::steady_clock;

/// Milliseconds since `t` (for Timings).
inline double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

/// How many top matches the re-ranking looks at.  Twice the page was chosen a
/// priori (10, 20, 30 and 50 then scored the same on every suite from 20 on),
/// until a user's own "What is a pod?" ranked 24th by BM25 under cheat-sheet
/// sections full of "pod" and was never re-ranked; 40 costs 3% more
/// instructions on the bench queries and moves no suite.
constexpr size_t kRerankDepth = 40;

/// The most passages a partial result lists, whatever -n and the format
/// ask (a pipe gets the best of them, not every passage with any word).
constexpr size_t kPartialPage = 10;

/// The longest page that is followed by passages with some of the words
/// (a page people read; -n all and the list formats are not).
constexpr size_t kNearlyMaxPage = 100;

/// The most matches one get_mset asks for (-n all).
constexpr size_t kNoMore = std::numeric_limits<Xapian::doccount>::max() / 4;

/// The duplicate keys and passage records one search reads, each read once
/// (collapse, re-rank, facet sample and hits look at the same top passages):
/// every read is a B-tree lookup, and on 600k passages those lookups were
/// as much of a query's time as the match itself.
class DocCache {
  public:
    /// Duplicate keys come with the match (a remote match run with
    /// remote_keys()), not from the documents.
    bool keys_in_mset = false;
    /// The passage's duplicate key ("" for none).
    const std::string& key(const Xapian::MSetIterator& it) {
        auto [pos, fresh] = keys_.try_emplace(*it);
        if (fresh)
            pos->second = keys_in_mset ? it.get_collapse_key()
                                       : it.get_document().get_value(schema::kSlotCollapse);
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

/// A query read into Xapian terms, and the spelling correction to offer.
struct Prepared {
    Xapian::Query query;               ///< what is matched: every part, exclusions, -t filters
    Xapian::Query words;               ///< the typed words alone (no -t filter)
    Xapian::Query filter;              ///< the -t topics (empty: none)
    std::vector<std::string> literals; ///< dash words ("-p", "-it"), each to occur literally
    std::string corrected;
    bool corrects_exclusion = false;    ///< `corrected` changed an excluded word ("-dokcer")
    std::vector<std::string> wildcards; ///< wildcard_term() of each `word*`
};

/// The match of one reading, collapsed by crib rather than by Xapian: a
/// collapse key makes Xapian read a value for every candidate it weighs
/// (on 600k passages that doubled a query's CPU time), while duplicates are
/// rare, so the top is fetched whole and copies are dropped here.
struct Collapsed {
    DocCache docs;                            ///< what was read of the passages below
    Xapian::MSet mset;                        ///< from rank 0, duplicates included
    std::vector<Xapian::MSetIterator> unique; ///< best of each duplicate key, in order
    bool complete = false;                    ///< mset holds every match
};

/// One reading of the query (as typed, spelling-corrected, or with every
/// word literal) and its match.  The steps below make and compare these
/// instead of patching one match in place (as mu-query.cc's run_singular).
struct Attempt {
    std::string text;    ///< the query this reading searched
    Prepared prep;       ///< parsed query and suggested correction
    Xapian::Enquire enq; ///< keeps the query for counting and expansion
    Collapsed match;     ///< the top of the match, copies dropped
    double parse_ms = 0; ///< time spent reading the query
    /// Partial reading (no passage has every part): the number of parts of
    /// the query; 0 for a full match.
    size_t of = 0;
    std::vector<std::string> literals; ///< a partial reading: the dash words it does not ask for

    explicit Attempt(const Xapian::Database& db) : enq(db) {}
};

/// What to tell of damage found while reading `set`: one index is named with
/// its rebuild command; with several, the damage cannot be pinned on one (a
/// read of the combined database failed), so each is to be checked and only
/// the damaged one rebuilt (naming "A + B" in one command could not work).
std::string damage_message(const IndexSet& set, const std::string& what);

/// Runs fn(), turning what damaged index files throw (a record that does
/// not decode, DatabaseCorruptError, a plain DatabaseError such as "EOF
/// reading block") into IndexDamagedError with damage_message().
template <class F> auto guard_damage(const IndexSet& set, F&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const DamagedRecord& e) {
        throw IndexDamagedError(damage_message(set, e.what()));
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw IndexDamagedError(damage_message(set, e.get_msg()));
    } catch (const Xapian::DatabaseError& e) {
        if (e.get_type() != std::string("DatabaseError")) throw;
        throw IndexDamagedError(damage_message(set, e.get_msg()));
    }
}

/// The stop words of queries: optional in a match, never a feedback term.
const Xapian::SimpleStopper& stopper();

/// The indexed term of a free-text word (lower case): "Z" + its stem.
std::string stem_term(const std::string& w);

/// True for a letter of Chinese, Japanese or Korean (not their punctuation),
/// which the index holds as n-grams.
bool cjk_letter(unsigned ch);

// ---- open.cpp ----------------------------------------------------------
/// One index: a local folder (checked for damage and schema version) or a
/// remote one served by xapian-tcpsrv.  Throws NoIndex, IndexDamagedError,
/// IndexVersionError.
Xapian::Database open_one(const std::string& spec);
/// Every index of the set as one database (Xapian interleaves their docids).
Xapian::Database open_all(const IndexSet& set);
/// The id of a passage of the combined database: "file:line", prefixed with
/// the 1-based number of its index when several are searched.
std::string id_in(const IndexSet& set, Xapian::docid did, const Passage& p);
/// The spec a document came from, "" for a single index.
std::string spec_of(const IndexSet& set, Xapian::docid did);

// ---- prepare.cpp -------------------------------------------------------
/// Refuses a query over kMaxQueryBytes or kMaxQueryWords before any work.
void check_query_size(const std::string& q);
/// The query with quotes and parentheses blanked: every word read literally.
std::string literal_words(const std::string& q);
/// The words of the query's closed phrases apart, each keeping its phrase's
/// field: 'q:"image docker" pod' -> 'q:image q:docker pod' (literal_words()
/// gave 'q: image docker', which searched every field).
std::string apart_words(const std::string& q);
/// Step 1, read: `req.query` as a Xapian query (with -t filters) and the
/// spelling correction to offer when a word is unknown to the notes.
Prepared prepare(const Xapian::Database& db, const SearchRequest& req);

/// The request as matched for `prep`: its dash words ("docker run -p")
/// must occur literally in the passage, besides the request's own filter.
SearchRequest with_literals(const SearchRequest& req, const Prepared& prep);

/// True for a query word holding a shell or code operator (< > = & |:
/// "2>&1", "==", "=>"), which Xapian's parser drops: it is found as written.
bool has_operator(std::string_view word);
/// `word` with every byte that is no word character (letters, digits, '_',
/// UTF-8) a space: what Xapian searches of "2>&1" ("2 1"), "lc_all=c".
std::string word_letters(std::string_view word);

// ---- partial.cpp -------------------------------------------------------
/// Step 3c, partial: when no passage has every part of `best`'s query, the
/// passages with any of them, ranked as usual and said as partial; `best`
/// unchanged when no passage has any.
void read_partially(const Xapian::Database& db, const SearchRequest& req, Attempt& best);
/// Step 6b: after a full match shorter than the page (`shown` hits), the
/// best passages with some but not all parts, to fill it; never counted.
std::vector<Hit> nearly_hits(const Xapian::Database& db, const SearchRequest& req,
                             const Attempt& best, size_t shown);
/// The typed words (or parts: a phrase, a field) of `a`'s query that the
/// passage `it` (record `p`) of `a`'s match lacks, dash words included.
std::vector<std::string> missing_parts(const Xapian::Database& db, const Attempt& a,
                                       const Xapian::MSetIterator& it, const Passage& p);

// ---- match.cpp ---------------------------------------------------------
/// Step 2, match: enough of the top, copies dropped, to fill the page, the
/// re-ranking depth and the facet sample.
Collapsed run_match(Xapian::Enquire& enq, const SearchRequest& req);
/// Step 4, count: `total`, `exact`, `facets` and `facets_of` of `res`.
void count(const Xapian::Database& db, Attempt& a, const SearchRequest& req, SearchResult& res);

// ---- rank.cpp ----------------------------------------------------------
/// Step 5, order: the re-ranked top (relevance) or file order, cut to the
/// page; with `parts`, each re-ranked passage's score parts (--explain).
std::vector<Xapian::MSetIterator> page_of(Attempt& a, const SearchRequest& req,
                                          std::map<Xapian::docid, ScoreParts>* parts);

// ---- hits.cpp ----------------------------------------------------------
/// Step 6, show: the hits of the page, with snippets and collapsed copies.
/// With `stream`, each hit goes there as it is made and none is returned.
std::vector<Hit> hits_of(const Xapian::Database& db, Attempt& a, const SearchRequest& req,
                         const std::vector<Xapian::MSetIterator>& page,
                         const std::map<Xapian::docid, ScoreParts>& parts,
                         const std::function<void(Hit&&)>& stream = nullptr);
/// The runs of CJK letters of the query as they are searched: "线程池" of
/// "docker 线程池", "反射" of "什么是反射" (its question words dropped;
/// prepare.cpp).
std::vector<std::string> cjk_runs(const std::string& query);

// ---- related_terms.cpp -------------------------------------------------
/// A feedback term of related questions: "Z" + a stem, and its weight.
struct FeedbackTerm {
    std::string term;
    double weight = 0;
    /// A word of a hit's question or section title (not phrasing such as
    /// "output"): what the hits are about by name.
    bool subject = false;
    bool code = false;    ///< written by a hit as inline code (`this`): a term of art
    bool queried = false; ///< a word of the query: the reader named it
    /// The words of the hits' questions and titles stemmed to this term
    /// ("liveness" for Zlive): a question elsewhere writing the stem as
    /// another word ("live" streaming) is on another subject.
    std::set<std::string> forms;
    Xapian::doccount freq = 0; ///< passages holding the term
    /// The stems of a camel-case word's two halves ("DaemonSet": daemon,
    /// set), which notes also write as two words; empty for other words.
    std::pair<std::string, std::string> halves;
};
/// The stem of `word` (schema::stemmer()), remembered: the related step
/// stems the same words of the hits and candidates again and again (a
/// fifth of its time).
std::string stem_of(const std::string& word);
/// What the hits `hits` (the top one first) are about: up to sixteen
/// free-text terms of their questions, section titles and prose (never code
/// blocks or example lines), the strongest of their words weighed by rarity
/// in `db` and favouring the question and title words and the words of
/// `query`; a stop word only where a hit writes it as code (`this`).
std::vector<FeedbackTerm> subject_terms(const Xapian::Database& db,
                                        const std::vector<Passage>& hits,
                                        const Xapian::Query& query);

// ---- related.cpp -------------------------------------------------------
/// The subject terms the related match searches (of an index of `docs`
/// passages): all but the costly negligible ones, terms in more than 2,000
/// passages that can add under a twentieth of what the heaviest term can.
std::vector<const FeedbackTerm*> searched_terms(const std::vector<FeedbackTerm>& terms,
                                                Xapian::doccount docs);
/// Step 7, relate: up to five questions to read next: those sharing the
/// subject terms of the top hits (subject_terms()), raised by sitting near
/// the top hit in its file, section and folder (all of a file of one
/// subject; a top hit alone in its folder while most hits share another
/// gives way to that folder's first), lowered when written in another
/// script or labelled with other topics; never a shown hit, a copy of one,
/// the same question twice, or a question quoting a hit read or one taken.
std::vector<Related> find_related(const Xapian::Database& db, const IndexSet& set,
                                  const std::vector<Xapian::MSetIterator>& shown,
                                  const Xapian::Query& query);

} // namespace crib::detail
