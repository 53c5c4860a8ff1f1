// hits.cpp - step 6, show: the page's hits with highlighted snippets (MSet::snippet over
// the terms the query matched) and the copies each hit collapsed.
#include "search/internal.hpp"

#include "common/text.hpp"
#include "search/snippet.hpp"
#include "search/text_filter.hpp"

#include <algorithm>
#include <set>
#include <sstream>

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
/// A run the text holds only in two pieces ("消息…积压", as cjk_run()
/// searches a run of four or more) has both pieces marked.
void mark_cjk(const std::string& text, const std::vector<std::string>& runs,
              std::vector<Span>& spans) {
    auto mark = [&](const std::string& piece) {
        for (size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1))
            spans.push_back({at, at + piece.size()});
    };
    for (const std::string& run : runs) {
        if (text.find(run) != std::string::npos) {
            mark(run);
            continue;
        }
        std::vector<size_t> starts; // byte offset of each character
        for (Xapian::Utf8Iterator c(run); c != Xapian::Utf8Iterator(); ++c)
            starts.push_back(size_t(c.raw() - run.data()));
        for (size_t cut = 2; cut + 2 <= starts.size(); ++cut) {
            std::string head = run.substr(0, starts[cut]), tail = run.substr(starts[cut]);
            if (text.find(head) == std::string::npos || text.find(tail) == std::string::npos)
                continue;
            mark(head);
            mark(tail);
            break;
        }
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
}

} // namespace

/// The runs of word bytes of a literal word: "2" and "1" of "2>&1", "it"
/// of "-it", lower case.
std::set<std::string> letters_of(const std::string& literal) {
    std::set<std::string> out;
    std::istringstream words(word_letters(literal)); // the letters the match asked for
    for (std::string w; words >> w;)
        out.insert(ascii_lower(w));
    return out;
}

/// Marks each literal word of the query ("2>&1", "-p") where the text
/// holds it as written, and unmarks its letters elsewhere: they are
/// searched only to narrow the match, so a lone "2" or "1" is not what was
/// typed (unless typed on its own too, one of `typed`).
void mark_literals(const std::string& text, const std::vector<std::string>& literals,
                   const std::set<std::string>& typed, std::vector<Span>& spans) {
    if (literals.empty()) return;
    std::vector<Span> whole;
    std::set<std::string> letters;
    for (const std::string& lit : literals) {
        for (auto [from, to] : token_spans(text, lit))
            whole.push_back({from, to});
        for (const std::string& l : letters_of(lit))
            if (!typed.count(l)) letters.insert(l);
    }
    auto inside = [&whole](const Span& s) {
        return std::any_of(whole.begin(), whole.end(),
                           [&s](const Span& w) { return w.start <= s.start && s.end <= w.end; });
    };
    spans.erase(std::remove_if(spans.begin(), spans.end(),
                               [&](const Span& s) {
                                   return inside(s) || letters.count(ascii_lower(
                                                           text.substr(s.start, s.end - s.start)));
                               }),
                spans.end());
    spans.insert(spans.end(), whole.begin(), whole.end());
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
}

/// The query's words typed on their own (lower case, brackets and quotes
/// stripped): letters of a literal word that are also one of these stay marked.
std::set<std::string> typed_words(const std::string& query) {
    std::set<std::string> out;
    std::string word;
    for (char c : query + " ") {
        if (c == ' ' || c == '\t' || c == '"' || c == '(' || c == ')') {
            if (!word.empty()) out.insert(ascii_lower(word));
            word.clear();
        } else {
            word += c;
        }
    }
    return out;
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
    const std::set<std::string> typed = typed_words(a.text);
    std::vector<std::string> literals = a.prep.literals; // what a snippet must show
    if (!req.shown_phrase.empty()) literals.push_back(req.shown_phrase);
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
            // Xapian's snippet cannot see "==" or "-p": the fragment it chose
            // may not show what the passage matched on.
            if (!shows_literal(s.text.text, literals))
                if (AnswerSnippet l =
                        literal_snippet(marks, h.passage.answer, literals, req.snippet_chars, stem);
                    !l.text.text.empty())
                    s = std::move(l);
            h.snippet = std::move(s.text.text);
            h.snippet_spans = std::move(s.text.spans);
            h.snippet_code = s.code;
            mark_cjk(h.passage.question, cjk, h.question_spans);
            mark_cjk(h.snippet, cjk, h.snippet_spans);
            mark_literals(h.passage.question, a.prep.literals, typed, h.question_spans);
            mark_literals(h.snippet, a.prep.literals, typed, h.snippet_spans);
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
