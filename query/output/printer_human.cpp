// Human output (colour on a terminal) and plain output (the same, no colour,
// no wrapping): header "file:line  question", the snippet, topics; then
// counts, spelling and related questions.
#include "common/text.hpp"
#include "output/output.hpp"
#include "output/printer.hpp"
#include "output/styled.hpp"

#include <algorithm>
#include <cstdio>

namespace crib {

namespace {

/// "Kubernetes troubleshooting › Pods stuck in Pending" (sanitised).
std::string shown_heading_path(const std::vector<std::string>& headings) {
    return heading_path(headings, sanitize);
}

StyledText highlighted(const std::string& text, const std::vector<Span>& spans) {
    StyledText t;
    t.text = sanitize(text);
    if (t.text.size() == text.size()) // sanitising kept offsets (no control bytes)
        for (const Span& s : spans)
            t.spans.push_back({s.start, s.end, Style::match});
    return t;
}

class HumanPrinter : public Printer {
  public:
    HumanPrinter(const PrintOptions& o, Sink& out) : opt_(o), out_(out) {}

    // A correction that was searched is said before the hits, as it changes them.
    // So is a partial result: the hits are not matches.
    void begin(const SearchResult& r) override {
        if (r.searched_corrected && r.corrected) {
            StyledText t;
            t.add("Searched for: ");
            t.add(sanitize(*r.corrected), Style::bold);
            t.add(" (corrected from " + quoted(sanitize(r.query)) + ")");
            out_.write(render(t, opt_.color) + "\n" + (r.partial ? "" : "\n"));
        }
        if (r.partial) {
            StyledText t;
            t.add(partial_notice(r), Style::bold);
            out_.write(wrap(t, opt_.width, "", "  ", opt_.color) + "\n");
        }
    }

    void hit(const Hit& h) override {
        const Passage& p = h.passage;
        std::string out;
        if (count_++) out += "\n";
        out += header(h);
        if (p.parent_line) {
            StyledText par;
            par.add("in: " + sanitize(p.parent_question) + " (line " +
                        std::to_string(p.parent_line) + ")",
                    Style::dim);
            out += wrap(par, opt_.width, "    ", "    ", opt_.color);
        }
        if (opt_.full) {
            std::vector<std::string> words = matched_words(h.snippet, h.snippet_spans);
            for (const std::string& w : matched_words(p.question, h.question_spans))
                if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
            out += render_markdown(p.answer, opt_, "    ", render_options_for(p, std::move(words)));
        } else if (h.snippet_code) {
            out += code_lines(highlighted(h.snippet, h.snippet_spans));
        } else if (!h.snippet.empty()) {
            out += wrap(highlighted(h.snippet, h.snippet_spans), opt_.width, "    ", "    ",
                        opt_.color);
        }
        StyledText meta;
        if (!p.topics.empty()) {
            std::string t = "[";
            for (size_t i = 0; i < p.topics.size(); ++i)
                t += (i ? ", " : "") + sanitize(p.topics[i]);
            meta.add(t + "]", Style::dim);
        }
        if (unanswered(p))
            meta.add(std::string(meta.text.empty() ? "" : "  ") + "unanswered", Style::dim);
        if (!h.also_in.empty()) {
            std::string a = std::string(meta.text.empty() ? "" : "  ") + "also in: ";
            for (size_t i = 0; i < h.also_in.size(); ++i)
                a += (i ? ", " : "") + sanitize(shown_id(opt_, h.also_in[i]));
            meta.add(a, Style::dim);
        }
        if (!meta.text.empty()) out += wrap(meta, opt_.width, "    ", "    ", opt_.color);
        if (!h.missing.empty()) {
            StyledText miss;
            std::string words;
            for (const std::string& w : h.missing)
                words += (words.empty() ? "" : ", ") + sanitize(w);
            miss.add("missing: " + words, Style::dim);
            out += wrap(miss, opt_.width, "    ", "    ", opt_.color);
        }
        if (h.explain)
            out += wrap(explanation(*h.explain), opt_.width, "    ", "      ", opt_.color);
        out_.write(out);
    }

    void passage(const Passage& p) override { out_.write(format_passage(p, opt_)); }

    void end(const SearchResult& r) override {
        if (!r.nearly.empty()) {
            StyledText t;
            t.add("\nWith some of the words (not matches):", Style::bold);
            out_.write(render(t, opt_.color) + "\n");
            for (const Hit& h : r.nearly)
                hit(h);
        }
        std::string out;
        if (r.corrected && !r.searched_corrected) {
            StyledText t;
            t.add("Did you mean: ");
            t.add(sanitize(*r.corrected), Style::bold);
            out += "\n" + render(t, opt_.color) + "\n";
        }
        if (r.total > 0) { // also with -n 0: counts and topics only
            StyledText t;
            t.add((r.hits.empty() ? "" : "\n") + shown_of_total(r), Style::dim);
            if (!r.facets.empty()) {
                t.add(r.exact ? "  topics: "
                              : "  topics of the best " + std::to_string(r.facets_of) + ": ",
                      Style::dim);
                for (size_t i = 0; i < r.facets.size() && i < 8; ++i)
                    t.add((i ? ", " : "") + sanitize(r.facets[i].first) + " " +
                          std::to_string(r.facets[i].second));
            }
            out += wrap(t, opt_.width, "", "  ", opt_.color);
        }
        if (!r.related.empty()) {
            StyledText t;
            t.add("Related questions:", Style::bold);
            out += "\n" + render(t, opt_.color) + "\n";
            for (const Related& rel : r.related) {
                StyledText l;
                l.add(quote_path(shown_file(opt_, rel.file, rel.index)), Style::path);
                l.add(":");
                l.add(std::to_string(rel.line), Style::line);
                l.add("  " + sanitize(rel.question));
                out += wrap(l, opt_.width, "  ", "      ", opt_.color);
            }
        }
        out_.write(out);
    }

  private:
    /// "file:line  Heading › question" on one line; on a terminal where that
    /// does not fit, the question first and "file:line" on the next line, so a
    /// long path cannot push the question into a two-word column.
    std::string header(const Hit& h) const {
        const Passage& p = h.passage;
        StyledText where;
        // Several indexes searched: the id's "N:" names the index (as --show takes it).
        if (!h.index.empty()) where.add(h.id.substr(0, h.id.find(':') + 1), Style::line);
        where.add(quote_path(shown_file(opt_, p.file, h.index)), Style::path);
        where.add(":");
        where.add(std::to_string(p.line), Style::line);
        StyledText what;
        if (!p.headings.empty())
            what.add(shown_heading_path(p.headings) + std::string(kPathSeparator), Style::dim);
        StyledText q = highlighted(p.question, h.question_spans);
        size_t base = what.text.size();
        what.text += q.text;
        for (const StyleSpan& s : q.spans)
            what.spans.push_back({s.start + base, s.end + base, s.style});
        what.spans.push_back({base, what.text.size(), Style::bold});
        if (opt_.width > 0 && columns(where.text) + 2 + columns(what.text) > size_t(opt_.width))
            return wrap(what, opt_.width, "", "  ", opt_.color) +
                   render(where, opt_.color).insert(0, "    ") + "\n";
        StyledText head = where;
        head.add("  ");
        base = head.text.size();
        head.text += what.text;
        for (const StyleSpan& s : what.spans)
            head.spans.push_back({s.start + base, s.end + base, s.style});
        return wrap(head, opt_.width, "", "    ", opt_.color);
    }

    /// A code snippet: each line on its own, verbatim (not wrapped), as code.
    std::string code_lines(const StyledText& t) const {
        std::string out;
        for (size_t start = 0; start <= t.text.size();) {
            size_t nl = t.text.find('\n', start);
            if (nl == std::string::npos) nl = t.text.size();
            StyledText line;
            line.add(t.text.substr(start, nl - start), Style::code);
            for (const StyleSpan& s : t.spans)
                if (s.start >= start && s.end <= nl)
                    line.spans.push_back({s.start - start, s.end - start, s.style});
            out += "      " + render(line, opt_.color) + "\n";
            start = nl + 1;
        }
        return out;
    }

    /// --explain: "score 5.63 = bm25 4.15 + question bonus 1.48 (...)  terms: ...".
    static StyledText explanation(const ScoreParts& e) {
        auto num = [](double d) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2f", d);
            return std::string(buf);
        };
        std::string t = "score " + num(e.bm25 + e.bonus) + " = bm25 " + num(e.bm25);
        if (!e.reranked)
            t += " (below the re-ranked top: BM25 order)";
        else if (e.bonus > 0)
            t += " + question bonus " + num(e.bonus) + " (" + num(e.max_bonus) +
                 " x question covered " + num(e.question_covered) + " x query covered " +
                 num(e.query_covered) + " x substance " + num(e.substance) +
                 (e.section_halved ? " x 0.5 for a section" : "") + ")";
        else
            t += " + no question bonus";
        std::string terms;
        for (const std::string& term : e.terms)
            terms += (terms.empty() ? "" : " ") + sanitize(term);
        StyledText out;
        out.add(t + (terms.empty() ? "" : "; terms: " + terms), Style::dim);
        return out;
    }

    /// "10 of 57 matches", "11-20 of 57 matches" past --offset, "10 of about
    /// 110000 matches" when the total is Xapian's estimate, "none at --offset
    /// 100 of 9 matches" past the last one (not "0 of 9", which is -n 0).
    static std::string shown_of_total(const SearchResult& r) {
        std::string shown = std::to_string(r.hits.size());
        if (r.hits.empty() && r.offset > 0) shown = "none at --offset " + std::to_string(r.offset);
        if (!r.hits.empty() && r.hits.front().rank > 1)
            shown = std::to_string(r.hits.front().rank) + "-" + std::to_string(r.hits.back().rank);
        return shown + (r.exact ? " of " : " of about ") + std::to_string(r.total) +
               (r.partial ? " partial matches" : " matches");
    }

    PrintOptions opt_;
    Sink& out_;
    int count_ = 0;
};

} // namespace

namespace {

/// "(each lacks X)" or "(each lacks one or more of: X, Y)": the words the
/// hits lack, for formats whose lines cannot say it (grep, -l).
std::string lacked_words(const SearchResult& r) {
    std::vector<std::string> words;
    for (const Hit& h : r.hits)
        for (const std::string& w : h.missing)
            if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
    if (words.empty()) return "";
    std::string list;
    for (const std::string& w : words)
        list += (list.empty() ? "" : ", ") + sanitize(w);
    return words.size() == 1 ? " (each lacks " + list + ")"
                             : " (each lacks one or more of: " + list + ")";
}

} // namespace

std::string partial_notice(const SearchResult& r, bool each_says) {
    // The words searched: the correction when it was searched instead ("No
    // passage has all 2 words of "dokcer haskell"" under "Searched for:
    // docker haskell" named words that were not searched).
    const std::string& searched = r.searched_corrected && r.corrected ? *r.corrected : r.query;
    std::string why = each_says ? " (each says what it lacks)" : lacked_words(r);
    if (r.of == 1) // one run of Chinese or Japanese, read by its pieces
        return "No passage has all of " + quoted(sanitize(searched)) + "; these have some of it" +
               why;
    return "No passage has all " + std::to_string(r.of) + " words of " +
           quoted(sanitize(searched)) + "; these have some of them" + why;
}

std::string correction_notice(const std::string& searched, const std::string& typed) {
    return "searched for " + quoted(sanitize(searched)) + " (corrected from " +
           quoted(sanitize(typed)) + ")";
}

std::unique_ptr<Printer> make_human_printer(const PrintOptions& opt, Sink& out) {
    return std::make_unique<HumanPrinter>(opt, out);
}

std::string format_passage(const Passage& p, const PrintOptions& opt) {
    StyledText head;
    head.add(quote_path(shown_file(opt, p.file)), Style::path);
    head.add(":");
    head.add(std::to_string(p.line) + "-" + std::to_string(p.end_line), Style::line);
    head.add("  [" + p.kind + "]", Style::dim);
    std::string out = wrap(head, opt.width, "", "    ", opt.color);
    if (!p.headings.empty()) {
        StyledText path;
        path.add(shown_heading_path(p.headings), Style::dim);
        out += wrap(path, opt.width, "", "", opt.color);
    }
    StyledText q;
    q.add(sanitize(p.question), Style::bold);
    out += wrap(q, opt.width, "", "", opt.color);
    if (p.parent_line)
        out += "in: " + sanitize(p.parent_question) + " (line " + std::to_string(p.parent_line) +
               ")\n";
    if (!p.topics.empty()) {
        std::string t = "topics:";
        for (const auto& s : p.topics)
            t += " " + sanitize(s);
        StyledText tt;
        tt.add(t, Style::dim);
        out += render(tt, opt.color) + "\n";
    }
    out += "\n";
    out += render_markdown(p.answer, opt, "", render_options_for(p));
    return out;
}

} // namespace crib
