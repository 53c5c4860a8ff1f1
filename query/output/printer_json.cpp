// --format json / jsonl: the versioned contract documented in README.md
// ("JSON output").  Any change here changes that section and the goldens.
#include "common/json.hpp"
#include "index/passage_json.hpp"
#include "output/output.hpp"
#include "output/printer.hpp"

namespace crib {

namespace {

constexpr int kJsonVersion = 1;

/// Code points in the first `bytes` bytes of UTF-8 `text` (what jq's
/// string slicing and most languages' string indices count).
long long code_points(const std::string& text, size_t bytes) {
    long long n = 0;
    for (size_t i = 0; i < bytes && i < text.size(); ++i)
        n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return n;
}

/// Highlight spans of `text`: byte offsets and code-point offsets.
void spans(JsonWriter& w, const std::vector<Span>& s, const std::string& text) {
    w.begin_array();
    for (const Span& sp : s)
        w.begin_object()
            .key("start")
            .value(static_cast<long long>(sp.start))
            .key("end")
            .value(static_cast<long long>(sp.end))
            .key("cp_start")
            .value(code_points(text, sp.start))
            .key("cp_end")
            .value(code_points(text, sp.end))
            .end_object();
    w.end_array();
}

/// The parts of a hit's score (--explain).
void write_explain(JsonWriter& w, const ScoreParts& e) {
    w.begin_object()
        .key("bm25")
        .value(e.bm25)
        .key("bonus")
        .value(e.bonus)
        .key("max_bonus")
        .value(e.max_bonus)
        .key("question_covered")
        .value(e.question_covered)
        .key("query_covered")
        .value(e.query_covered)
        .key("substance")
        .value(e.substance)
        .key("section_halved")
        .value(e.section_halved)
        .key("reranked")
        .value(e.reranked)
        .key("terms")
        .strings(e.terms)
        .end_object();
}

/// The value of "parent": {line, question} of the enclosing entry, or null.
void write_parent(JsonWriter& w, const Passage& p) {
    if (!p.parent_line) {
        w.null();
        return;
    }
    w.begin_object().key("line").value(p.parent_line);
    w.key("question").value(p.parent_question).end_object();
}

void write_hit(JsonWriter& w, const Hit& h, const PrintOptions& opt) {
    const Passage& p = h.passage;
    w.begin_object().key("rank").value(h.rank).key("id").path(h.id);
    write_passage_fields(w, p);
    w.key("path")
        .path(shown_file(opt, p.file, h.index))
        .key("score")
        .value(h.score)
        .key("snippet")
        .value(h.snippet)
        .key("snippet_kind")
        .value(h.snippet_code ? "code" : "prose")
        .key("parent");
    write_parent(w, p);
    w.key("highlights");
    spans(w, h.snippet_spans, h.snippet);
    w.key("question_highlights");
    spans(w, h.question_spans, p.question);
    if (!h.index.empty()) w.key("index").value(h.index); // several indexes searched
    w.key("also_in").begin_array();
    for (const std::string& id : h.also_in)
        w.path(id);
    w.end_array();
    w.key("unanswered").value(unanswered(p));
    w.key("missing").begin_array();
    for (const std::string& word : h.missing)
        w.value(word);
    w.end_array();
    w.key("explain");
    if (h.explain)
        write_explain(w, *h.explain);
    else
        w.null();
    w.end_object();
}

class JsonPrinter : public Printer {
  public:
    JsonPrinter(bool lines, const PrintOptions& opt, Sink& out)
        : lines_(lines), opt_(opt), out_(out) {}
    void hit(const Hit& h) override {
        if (!lines_) return;
        JsonWriter w;
        write_hit(w, h, opt_);
        out_.write(w.str() + "\n");
    }
    /// --show: the passage with its answer, one object (also for jsonl).
    void passage(const Passage& p) override {
        JsonWriter w;
        w.begin_object().key("version").value(kJsonVersion).key("id").path(passage_id(p));
        write_passage_fields(w, p);
        w.key("path").path(shown_file(opt_, p.file)).key("answer").value(p.answer).key("parent");
        write_parent(w, p);
        w.end_object();
        out_.write(w.str() + "\n");
    }

    void end(const SearchResult& r) override {
        if (lines_) return;
        JsonWriter w;
        w.begin_object()
            .key("version")
            .value(kJsonVersion)
            .key("query")
            .value(r.query)
            .key("corrected_query");
        if (r.corrected)
            w.value(*r.corrected);
        else
            w.null();
        w.key("searched_corrected").value(r.searched_corrected);
        w.key("partial").value(r.partial);
        // A partial result matched nothing: total 0, as -c prints (a script
        // reading .total got 191 for "docker foobarbaz"); how many passages
        // have some of the words is partial_total.
        w.key("total").value(static_cast<long long>(r.partial ? 0 : r.total));
        w.key("total_exact").value(r.exact);
        w.key("partial_total").value(static_cast<long long>(r.partial ? r.total : 0));
        w.key("hits").begin_array();
        for (const Hit& h : r.hits)
            write_hit(w, h, opt_);
        w.end_array().key("nearly").begin_array();
        for (const Hit& h : r.nearly)
            write_hit(w, h, opt_);
        w.end_array().key("facets").begin_object().key("topic").begin_object();
        for (const auto& [name, count] : r.facets)
            w.key(name).value(static_cast<long long>(count));
        w.end_object().end_object().key("facets_of").value(static_cast<long long>(r.facets_of));
        w.key("related").begin_array();
        for (const Related& rel : r.related) {
            w.begin_object()
                .key("id")
                .path(rel.id)
                .key("file")
                .path(rel.file)
                .key("line")
                .value(rel.line)
                .key("question")
                .value(rel.question);
            if (!rel.index.empty()) w.key("index").value(rel.index);
            w.end_object();
        }
        w.end_array().end_object();
        out_.write(w.str() + "\n");
    }

  private:
    bool lines_;
    PrintOptions opt_;
    Sink& out_;
};

} // namespace

std::unique_ptr<Printer> make_json_printer(bool lines, const PrintOptions& opt, Sink& out) {
    return std::make_unique<JsonPrinter>(lines, opt, out);
}

} // namespace crib
