// hits.cpp - step 6, show: the page's hits with highlighted snippets (MSet::snippet over
// the terms the query matched) and the copies each hit collapsed.
#include "search/internal.hpp"

#include "common/text.hpp"
#include "search/snippet.hpp"

#include <algorithm>
#include <set>

namespace crib {

namespace detail {

namespace {

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

/// Marks each occurrence of the query's CJK runs in `text`: Xapian's
/// snippets do not mark n-grams of a stemmed (STEM_ALL_Z) index.
void mark_cjk(const std::string& text, const std::vector<std::string>& runs,
              std::vector<Span>& spans) {
    for (const std::string& run : runs)
        for (size_t at = text.find(run); at != std::string::npos; at = text.find(run, at + 1))
            spans.push_back({at, at + run.size()});
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
}

} // namespace

/// The runs of CJK letters of the query ("线程池" of "docker 线程池").
std::vector<std::string> cjk_runs(const std::string& query) {
    std::vector<std::string> runs;
    std::string cur;
    for (Xapian::Utf8Iterator it(query); it != Xapian::Utf8Iterator(); ++it) {
        if (cjk_letter(*it)) {
            Xapian::Unicode::append_utf8(cur, *it);
        } else if (!cur.empty()) {
            runs.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) runs.push_back(std::move(cur));
    return runs;
}

/// Step 6, show: the hits of the page, with snippets and collapsed duplicates.
std::vector<Hit> hits_of(const Xapian::Database& db, Attempt& a, const SearchRequest& req,
                         const std::vector<Xapian::MSetIterator>& page,
                         const std::map<Xapian::docid, ScoreParts>& parts,
                         const std::function<void(Hit&&)>& stream) {
    const Xapian::Stem stem = snippet_stemmer();
    const Xapian::MSet marks =
        req.snippets && !page.empty() ? marking_mset(db, a, page) : a.match.mset;
    std::vector<Hit> out;
    const std::vector<std::string> cjk = cjk_runs(a.text);
    int rank = static_cast<int>(req.offset);
    for (const Xapian::MSetIterator& it : page) {
        Hit h;
        h.rank = ++rank;
        h.passage = a.match.docs.take(it);
        h.id = id_in(req.db, *it, h.passage);
        h.index = spec_of(req.db, *it);
        h.score = it.get_weight();
        h.missing = missing_parts(db, a, it, h.passage);
        if (req.snippets) {
            Highlighted q =
                highlight(marks, h.passage.question, h.passage.question.size() + 16, stem, false);
            h.question_spans = std::move(q.spans);
            AnswerSnippet s = answer_snippet(marks, h.passage.answer, req.snippet_chars, stem);
            h.snippet = std::move(s.text.text);
            h.snippet_spans = std::move(s.text.spans);
            h.snippet_code = s.code;
            mark_cjk(h.passage.question, cjk, h.question_spans);
            mark_cjk(h.snippet, cjk, h.snippet_spans);
        }
        if (req.explain) {
            auto part = parts.find(*it);
            h.explain = part != parts.end() ? part->second : ScoreParts{};
            h.explain->bm25 = it.get_weight();
            h.explain->terms.assign(a.enq.get_matching_terms_begin(it),
                                    a.enq.get_matching_terms_end(it));
        }
        const std::string& key = a.match.docs.key(it);
        if (!req.all && has_copies(db, key)) h.also_in = duplicates_of(db, req.db, *it, key);
        if (stream)
            stream(std::move(h));
        else
            out.push_back(std::move(h));
    }
    return out;
}

} // namespace detail

} // namespace crib
