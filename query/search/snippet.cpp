#include "search/snippet.hpp"

#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "index/schema.hpp"
#include "search/text_filter.hpp"

#include <cctype>
#include <unordered_map>
#include <vector>

namespace crib {

namespace {

/// Folds diacritics, then stems as the schema does.  One query's snippets
/// stem the same words again and again (each MSet::snippet call stems every
/// word of its text): each word is stemmed once.
class FoldingStem : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override {
        if (auto it = memo_.find(word); it != memo_.end()) return it->second;
        std::string stem = stem_(fold_diacritics(word));
        if (memo_.size() < kMemoWords) memo_.emplace(word, stem);
        return stem;
    }
    std::string get_description() const override { return "folding " + stem_.get_description(); }

  private:
    static constexpr size_t kMemoWords = 1 << 16; ///< bounds a long-lived stemmer's memory
    Xapian::Stem stem_ = schema::stemmer();
    std::unordered_map<std::string, std::string> memo_;
};

} // namespace

Xapian::Stem snippet_stemmer() {
    return Xapian::Stem(new FoldingStem);
}

namespace {
constexpr char kOpen = '\x01';
constexpr char kClose = '\x02';

/// MSet::snippet escapes &, < and > for HTML; we print text, so undo that.
std::string unescape_html(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            if (s.compare(i, 5, "&amp;") == 0) {
                out += '&';
                i += 4;
                continue;
            }
            if (s.compare(i, 4, "&lt;") == 0) {
                out += '<';
                i += 3;
                continue;
            }
            if (s.compare(i, 4, "&gt;") == 0) {
                out += '>';
                i += 3;
                continue;
            }
            if (s.compare(i, 6, "&quot;") == 0) {
                out += '"';
                i += 5;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}
} // namespace

Highlighted parse_markers(const std::string& marked) {
    Highlighted h;
    h.text.reserve(marked.size());
    size_t open = std::string::npos;
    for (char c : marked) {
        if (c == kOpen) {
            open = h.text.size();
        } else if (c == kClose) {
            if (open != std::string::npos && h.text.size() > open) {
                // Adjacent matched words merge into one span.
                if (!h.spans.empty() && h.spans.back().end == open)
                    h.spans.back().end = h.text.size();
                else
                    h.spans.push_back({open, h.text.size()});
            }
            open = std::string::npos;
        } else {
            h.text += c;
        }
    }
    return h;
}

Highlighted highlight(const Xapian::MSet& mset, const std::string& text, size_t length,
                      const Xapian::Stem& stem, bool crop) {
    std::string flat = collapse_space(text);
    for (char& c : flat)
        if (c == kOpen || c == kClose) c = ' ';
    if (flat.empty()) return {};
    size_t len = crop ? length : flat.size() + 16;
    unsigned flags = Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM;
    std::string marked = mset.snippet(flat, len, stem, flags, std::string(1, kOpen),
                                      std::string(1, kClose), "\xE2\x80\xA6");
    return parse_markers(unescape_html(marked));
}

namespace {

/// An answer split into prose and blocks of code (fenced code, table rows).
struct AnswerParts {
    std::string prose;
    std::vector<std::vector<std::string>> code; ///< lines of each block
};

bool is_fence(std::string_view line) {
    std::string_view t = trim(line);
    return t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~";
}

AnswerParts split_answer(const std::string& answer) {
    AnswerParts parts;
    bool in_fence = false, in_table = false;
    for (std::string_view line : split_lines(answer)) {
        if (is_fence(line)) {
            in_fence = !in_fence;
            if (in_fence) parts.code.emplace_back();
            continue;
        }
        bool row = !in_fence && !trim(line).empty() && trim(line).front() == '|';
        if (row && !in_table) parts.code.emplace_back();
        in_table = row;
        if (in_fence || row)
            parts.code.back().emplace_back(line);
        else
            parts.prose.append(line).append("\n");
    }
    return parts;
}

bool word_byte(unsigned char c) {
    return c >= 0x80 || std::isalnum(c) || c == '_';
}

/// One code line as written, with the words Xapian's snippet marked in it
/// (the snippet itself trims punctuation at the ends and collapses spaces).
Highlighted code_line(const Xapian::MSet& mset, const std::string& line, const Xapian::Stem& stem) {
    Highlighted marked = highlight(mset, line, line.size() + 16, stem, false);
    std::vector<std::string> words;
    for (const Span& sp : marked.spans)
        words.push_back(ascii_lower(marked.text.substr(sp.start, sp.end - sp.start)));
    Highlighted h{line, {}};
    for (size_t i = 0; i < line.size() && !words.empty();) {
        if (!word_byte(static_cast<unsigned char>(line[i]))) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < line.size() && word_byte(static_cast<unsigned char>(line[end])))
            ++end;
        std::string w = ascii_lower(line.substr(i, end - i));
        for (const std::string& m : words)
            if (m == w) {
                h.spans.push_back({i, end});
                break;
            }
        i = end;
    }
    return h;
}

/// Code line i of a block and the ones after it (up to kCodeLines).
Highlighted code_from(const Xapian::MSet& mset, const std::vector<std::string>& block, size_t i,
                      const Xapian::Stem& stem) {
    Highlighted first = code_line(mset, block[i], stem);
    for (size_t k = i + 1; k < block.size() && k < i + kCodeLines; ++k) {
        Highlighted next = code_line(mset, block[k], stem);
        size_t base = first.text.size() + 1;
        first.text += "\n" + next.text;
        for (Span s : next.spans)
            first.spans.push_back({s.start + base, s.end + base});
    }
    return first;
}

/// The first code line that matches and the ones after it in its block.
Highlighted code_snippet(const Xapian::MSet& mset, const AnswerParts& parts,
                         const Xapian::Stem& stem) {
    constexpr size_t kLinesTried = 400; // a bound on snippet calls for huge code answers
    size_t tried = 0;
    for (const auto& block : parts.code)
        for (size_t i = 0; i < block.size() && tried++ < kLinesTried; ++i) {
            if (!code_line(mset, block[i], stem).spans.empty())
                return code_from(mset, block, i, stem);
        }
    return {};
}

/// Where the first of `literals` stands in `text`: its byte range, or npos.
/// A literal holding a space is a -F phrase, found anywhere (its last word
/// may be cut: "ls -l" in "ls -la").
std::pair<size_t, size_t> first_literal(const std::string& text,
                                        const std::vector<std::string>& literals) {
    std::pair<size_t, size_t> best{std::string::npos, std::string::npos};
    for (const std::string& lit : literals) {
        if (lit.find(' ') != std::string::npos) {
            size_t at = ascii_lower(text).find(lit);
            if (at < best.first) best = {at, at + lit.size()};
            continue;
        }
        auto spans = token_spans(text, lit);
        if (!spans.empty() && spans.front().first < best.first) best = spans.front();
    }
    return best;
}

/// About `length` bytes of one-line prose around [at, end), cut at spaces,
/// with "…" where cut.
Highlighted prose_around(const Xapian::MSet& mset, const std::string& prose, size_t at, size_t end,
                         size_t length, const Xapian::Stem& stem) {
    size_t from = at > length / 3 ? at - length / 3 : 0;
    if (from > 0) {
        size_t space = prose.find(' ', from);
        from = space != std::string::npos && space < at ? space + 1 : at;
    }
    size_t to = std::max(end, std::min(prose.size(), from + length));
    if (to < prose.size()) {
        size_t space = prose.rfind(' ', to);
        to = space != std::string::npos && space >= end ? space : end;
    }
    Highlighted h = highlight(mset, prose.substr(from, to - from), length + 16, stem, false);
    const std::string ellipsis = "\xE2\x80\xA6";
    if (from > 0) {
        h.text = ellipsis + h.text;
        for (Span& sp : h.spans) {
            sp.start += ellipsis.size();
            sp.end += ellipsis.size();
        }
    }
    if (to < prose.size()) h.text += ellipsis;
    return h;
}

} // namespace

bool shows_literal(const std::string& snippet, const std::vector<std::string>& literals) {
    return literals.empty() || first_literal(snippet, literals).first != std::string::npos;
}

AnswerSnippet literal_snippet(const Xapian::MSet& mset, const std::string& answer,
                              const std::vector<std::string>& literals, size_t length,
                              const Xapian::Stem& stem) {
    AnswerParts parts = split_answer(answer);
    std::string prose = collapse_space(snippet_text(parts.prose));
    if (auto [at, end] = first_literal(prose, literals); at != std::string::npos)
        return {prose_around(mset, prose, at, end, length, stem), false};
    for (const auto& block : parts.code)
        for (size_t i = 0; i < block.size(); ++i)
            if (first_literal(block[i], literals).first != std::string::npos)
                return {code_from(mset, block, i, stem), true};
    return {};
}

AnswerSnippet answer_snippet(const Xapian::MSet& mset, const std::string& answer, size_t length,
                             const Xapian::Stem& stem) {
    AnswerParts parts = split_answer(answer);
    if (parts.code.empty())
        return {highlight(mset, snippet_text(answer), length, stem, true), false};
    Highlighted prose = highlight(mset, snippet_text(parts.prose), length, stem, true);
    if (!prose.spans.empty()) return {prose, false};
    Highlighted code = code_snippet(mset, parts, stem);
    if (!code.spans.empty()) return {code, true};
    if (!prose.text.empty()) return {prose, false};
    return {highlight(mset, snippet_text(answer), length, stem, true), false};
}

} // namespace crib
