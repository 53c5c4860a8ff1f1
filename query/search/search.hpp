// search.hpp - a search request in, plain result structs out.  No printing.
#pragma once

#include "common/error.hpp"

#include "formats/passage.hpp"

#include <xapian.h>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace crib {

/// The indexes a request reads: one (the usual case) or several searched as
/// one (`--db A --db B`), each a folder or `tcp://HOST:PORT` served by
/// xapian-tcpsrv.  Converts from one path so single-index callers stay short.
struct IndexSet {
    std::vector<std::string> specs;
    IndexSet() = default;
    IndexSet(std::string one) : specs{std::move(one)} {}   // NOLINT(google-explicit-constructor)
    IndexSet(const char* one) : specs{std::string(one)} {} // NOLINT(google-explicit-constructor)
    IndexSet(std::vector<std::string> many) : specs(std::move(many)) {} // NOLINT
    /// More than one index: ids then name theirs ("2:notes/a.md:3").
    bool several() const { return specs.size() > 1; }
    /// Some index is served over the network (no value streams, no match
    /// deciders or sort keys from crib).
    bool any_remote() const;
    /// "A" or "A + B", for messages.
    std::string describe() const;
};

/// True for an index spec served over the network (tcp://HOST:PORT).
bool is_remote(const std::string& spec);

struct Hit;

/// What to search for.
struct SearchRequest {
    IndexSet db;
    std::string query; ///< the words searched (QueryParser syntax): as typed, or see `typed`
    /// The query as the user gave it, when `query` is crib's rewriting of it
    /// (-F's words "rolling AND updat*", --unanswered's "kind:question"):
    /// SearchResult::query, JSON `query` and the messages report this.
    std::optional<std::string> typed;
    std::vector<std::string> topics; ///< -t/--topic filters (AND)
    size_t limit = 10;
    size_t offset = 0;
    enum class Sort { relevance, file } sort = Sort::relevance;
    bool all = false; ///< show duplicates instead of collapsing them
    bool facets = true;
    bool related = true;
    bool snippets = true;
    size_t snippet_chars = 220; ///< about three terminal lines
    bool explain = false;       ///< fill Hit::explain (--explain)
    /// Count `total` exactly when the match is small enough (false where no
    /// one reads it: -q, crib gaps; `total` is then at least the passages
    /// seen, and `exact` false).  The exact count can cost a second match.
    bool count_total = true;
    /// Search a spelling correction when a word is unknown (false for -q,
    /// whose exit status is about the words as typed, as grep -q's is).
    bool corrections = true;
    /// Checked on each matching passage after the Xapian match (-w, -F):
    /// false drops it from hits, total and facets.  Empty keeps every match.
    std::function<bool(const Passage&)> keep;
    /// `keep` checks the words as typed (-w, -F): a correction it drops is
    /// still offered ("Did you mean"), as searching it needs the flag again.
    bool keep_has_words = false;
    /// -F: the phrase as typed, which snippets show when the passage holds
    /// it in its answer (lower case, spaces collapsed; "" = not asked).
    std::string shown_phrase;
    /// -F of punctuation alone ("===", "&&"): no word for the index to
    /// match, so every passage goes through `keep` (a scan, as grep's).
    bool every_passage = false;
    /// After a full match shorter than the page, also find passages with
    /// some of the words (SearchResult::nearly): for people and JSON, not
    /// for lists nor -c.
    bool nearly = true;
    /// When set, each hit of a full match is handed here as soon as it is
    /// made, in order, and SearchResult::hits stays empty: a pipe gets the
    /// first before the last is made, and memory holds one hit at a time.
    /// A partial result (at most a few hits, its notice first) is returned
    /// as usual.  When the index changes under the read (a crib-index
    /// committing twice meanwhile), the latest commit is read on from the
    /// rank after the last hit handed out.
    std::function<void(Hit&&)> stream;
};

/// A highlighted byte range of a snippet or question.
struct Span {
    size_t start;
    size_t end;
};

/// How a hit's score was made (--explain): Xapian's BM25 weight (question
/// words counted 3x, heading words 1x, answer words 1x) plus the re-rank's
/// question-coverage bonus = share of the best weight x question covered x
/// query covered x substance (x 0.5 for a section when the query asks).
struct ScoreParts {
    double bm25 = 0;                ///< Xapian's BM25 weight (the JSON `score`)
    double bonus = 0;               ///< question-coverage bonus added by the re-rank
    double max_bonus = 0;           ///< the bonus at full coverage (a share of the best BM25)
    double question_covered = 0;    ///< share of the question's words the query has
    double query_covered = 0;       ///< share of the query's words found in the question
    double substance = 1;           ///< section titles: prose under them, 0-1
    bool section_halved = false;    ///< a section's bonus halved as the query asks a question
    bool reranked = false;          ///< within the re-ranked top (else BM25 order alone)
    std::vector<std::string> terms; ///< index terms of the query that the passage has
};

/// One ranked passage.
struct Hit {
    int rank = 0;   ///< 1-based, counting the offset
    std::string id; ///< "file:line" - what --show and --open take
    Passage passage;
    std::string index; ///< the index spec it came from when several were searched
    double score = 0;
    std::string snippet;       ///< plain text, "…" where cropped
    bool snippet_code = false; ///< the snippet is lines of code (newlines kept), not prose
    std::vector<Span> snippet_spans;
    std::vector<Span> question_spans;
    std::vector<std::string> also_in;  ///< ids of duplicates collapsed into this hit
    std::vector<std::string> missing;  ///< a partial match: the query's words it lacks
    std::optional<ScoreParts> explain; ///< with SearchRequest::explain
};

/// A suggested next question.
struct Related {
    std::string id, file, question;
    std::string index; ///< the index spec it came from when several were searched
    int line = 0;
};

/// Milliseconds spent per stage (for --stats and bench/).
struct Timings {
    double open = 0, parse = 0, match = 0, facets = 0, snippets = 0, related = 0;
};

/// The answer to a request.
struct SearchResult {
    std::string query;
    std::optional<std::string>
        corrected; ///< spelling correction that has hits (a word was unknown)
    /// The corrected words were searched: instead of the query (it found
    /// nothing) or alongside the words as typed (some were unknown).
    bool searched_corrected = false;
    size_t total = 0;  ///< matching passages (after collapsing)
    size_t offset = 0; ///< --offset: matches skipped before the first hit
    /// No passage has every word of the query: the hits are passages with
    /// some of its `of` words (each hit says what it lacks).  Not a match:
    /// crib exits 1 and says so in every format.
    bool partial = false;
    size_t of = 0;
    /// A phrase no passage has, whose words some passages have apart: the
    /// query to suggest (its words without quotes); "" otherwise.
    std::string apart;
    /// `total` and `facets` were counted over the whole match (at most
    /// 4,000 passages, copies included); false: `total` is Xapian's estimate
    /// and `facets` count the best `facets_of` passages only.
    bool exact = true;
    size_t facets_of = 0; ///< passages the facets were counted over (0: no facets)
    std::vector<Hit> hits;
    /// After a full match shorter than the page: passages with some of the
    /// words (each Hit::missing says which not), shown to people and in
    /// JSON apart from the hits; never counted, never listed by -l or grep.
    std::vector<Hit> nearly;
    std::vector<std::pair<std::string, size_t>> facets; ///< topic -> count, most first
    /// What the search could not do as asked (over a remote index: no
    /// synonyms, shorter wildcard forms); said on stderr in every format.
    std::vector<std::string> notes;
    std::vector<Related> related;
    Timings timings;
};

/// No index at the path (message says how to make one).
struct NoIndex : Error {
    using Error::Error;
};
/// Bad query syntax that no literal reading could rescue, or an empty query.
struct QueryError : Error {
    using Error::Error;
};

/// The longest query searched, in bytes and in words (operators count).
/// Xapian's cost grows with every term (a 3,000-word phrase took 57 s on
/// 600k passages, 16,384 quoted words 86 s on 60k); at the cap a query stays
/// well under a second.  Longer queries are a QueryError ("query too long").
constexpr size_t kMaxQueryBytes = 64 * 1024;
constexpr size_t kMaxQueryWords = 256;

/// Run a search.  Throws NoIndex, QueryError, IndexVersionError,
/// IndexDamagedError, Xapian::Error.
SearchResult search(const SearchRequest& req);

/// The passage with this id ("file:line", also "file:line:anything"; with
/// several indexes "N:file:line" names the Nth, and a bare id is looked for
/// in each in turn).  `index`, when given, gets the spec it was found in.
std::optional<Passage> lookup(const IndexSet& db, const std::string& id,
                              std::string* index = nullptr);

/// Why lookup() found no passage for `id`, said as a reason: "there is no
/// index 3: 2 were searched", "ids look like file:line", "no indexed file
/// x.md", "no indexed passage of that file holds that line".  The same
/// reading of ids as lookup() (a bare id, "N:" naming an index, "file:line"
/// and "file:line:rest" where the file name may hold ':').
std::string no_passage_reason(const IndexSet& db, const std::string& id);

/// One index opened for reading, checked as search() checks it (throws
/// NoIndex, IndexDamagedError, IndexVersionError); crib gaps reads it directly.
Xapian::Database open_index(const std::string& spec);

/// Every passage of one index, in no particular order (crib quiz's deck).
std::vector<Passage> all_passages(const std::string& db);

/// Every topic with its passage count, most first (summed over the indexes).
std::vector<std::pair<std::string, size_t>> list_topics(const IndexSet& db);

/// The names among `names` that -t cannot find in the index: neither a topic
/// it has, nor an alias of one (the taxonomy's canonical name), nor a tag.
std::vector<std::string> unknown_topics(const IndexSet& db, const std::vector<std::string>& names);

/// The id of a passage ("file:line").
std::string passage_id(const Passage& p);

} // namespace crib
