// reader_ipynb.cpp - Jupyter notebooks.
//
// The notebook JSON is parsed by nlohmann/json's SAX parser (Debian's
// nlohmann-json3-dev) into a small tree that remembers the file line of every
// string, so a passage's line points into the .ipynb file (the line holding
// the cell's source text), as grep would show it.  Markdown cells go through
// the Markdown reader; code cells become fenced code, except that a cell
// written mostly as '#' comments (questions and answers kept as comments)
// gives its comment lines as LineKind::comment; outputs are not notes and are
// skipped.
//
// Why nlohmann and not simdjson (measured; the commit that made the change
// has the numbers): the reader needs each string's line, and nlohmann reads
// through an iterator we give it, so one pass both validates the whole file and
// counts lines; simdjson's DOM has no positions and its On-Demand API checks
// only what it visits.  nlohmann's parser is iterative and the handler below
// stops at kMaxDepth, so 100,000 '[' is a warning, not a deep stack.  simdjson
// parses about 10 times faster, but JSON is a small part of reading a notebook
// (all of parse_notes() on the corpus notebooks: 8.8 ms before, 9.8 ms with
// nlohmann), and nlohmann is header-only: no library for the binaries to load.
#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "formats/question_lines.hpp"
#include "formats/readers.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <utility>

namespace crib {

namespace {

/// A parsed JSON value; strings keep the 1-based line they are on.
struct JValue {
    enum Type { null, boolean, number, string, array, object } type = null;
    std::string str;               ///< a string's text
    int line = 0;                  ///< a string's line
    std::vector<JValue> items;     ///< array elements
    std::vector<std::string> keys; ///< object member names...
    std::vector<JValue>
        values; ///< ...and values (vector of an incomplete type is fine, pair is not)

    /// The first member named `key`, or null.
    const JValue* get(std::string_view key) const {
        for (size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == key) return &values[i];
        return nullptr;
    }
};

/// A value inside more containers than this refuses the file, as the parser
/// before nlohmann did (a notebook nests 6 levels).  JValue's destructor
/// recurses, so the bound also keeps a hostile file off the stack.
constexpr size_t kMaxDepth = 64;

/// The notebook's text for nlohmann's lexer, counting the '\n' it has read:
/// nlohmann 3.11 tells a SAX handler no positions.  When a string is reported
/// the lexer has just read its closing quote, and a JSON string holds no raw
/// newline, so the count is the string's line.
class LineCountingIterator {
  public:
    using iterator_category = std::input_iterator_tag; // std::advance steps with ++
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    LineCountingIterator(const char* at, int& line) : at_(at), line_(&line) {}
    reference operator*() const { return *at_; }
    LineCountingIterator& operator++() {
        if (*at_++ == '\n') ++*line_;
        return *this;
    }
    bool operator==(const LineCountingIterator& o) const { return at_ == o.at_; }

  private:
    const char* at_;
    int* line_;
};

/// nlohmann's SAX events to a JValue tree.  Stops at the first syntax error
/// or at a value deeper than kMaxDepth, saying why in error().
class TreeBuilder final : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit TreeBuilder(const int& line) : line_(line) {}

    JValue& root() { return root_; }
    const std::string& error() const { return error_; }

    bool null() override { return add(JValue::null); }
    bool boolean(bool) override { return add(JValue::boolean); }
    bool number_integer(number_integer_t) override { return add(JValue::number); }
    bool number_unsigned(number_unsigned_t) override { return add(JValue::number); }
    bool number_float(number_float_t, const string_t&) override { return add(JValue::number); }
    bool binary(binary_t&) override { return add(JValue::null); } // never from JSON text
    bool string(string_t& s) override {
        JValue* v = add(JValue::string);
        if (!v) return false;
        v->str = std::move(s);
        v->line = line_;
        return true;
    }
    bool start_object(std::size_t) override { return open(JValue::object); }
    bool key(string_t& k) override {
        open_.back()->keys.push_back(std::move(k));
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(JValue::array); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& e) override {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
        std::string_view what = e.what();
        size_t id_end = what.find("] ");
        error_ = what.substr(id_end == std::string_view::npos ? 0 : id_end + 2);
        return false;
    }

  private:
    /// A new value in the innermost open container (the root first), or null
    /// when it would sit deeper than kMaxDepth.
    JValue* add(JValue::Type type) {
        if (open_.size() > kMaxDepth) {
            error_ = "nesting too deep (over " + std::to_string(kMaxDepth) + " levels) at line " +
                     std::to_string(line_);
            return nullptr;
        }
        JValue* v = &root_;
        if (!open_.empty()) {
            JValue& in = *open_.back();
            v = &(in.type == JValue::array ? in.items : in.values).emplace_back();
        }
        v->type = type;
        return v;
    }
    bool open(JValue::Type type) {
        JValue* v = add(type);
        if (v) open_.push_back(v); // stays valid: only the innermost container grows
        return v != nullptr;
    }
    bool close() {
        open_.pop_back();
        return true;
    }

    const int& line_;
    JValue root_;
    std::vector<JValue*> open_; ///< the containers not yet closed, outermost first
    std::string error_;
};

/// The UTF-16 code unit of a "\uXXXX" escape starting at `at`, or -1.
int escaped_unit(std::string_view text, size_t at) {
    if (at + 6 > text.size() || text.substr(at, 2) != "\\u") return -1;
    unsigned unit = 0;
    auto [end, ec] = std::from_chars(text.data() + at + 2, text.data() + at + 6, unit, 16);
    return ec == std::errc() && end == text.data() + at + 6 ? int(unit) : -1;
}

/// `text`, or a copy in `mended` with each unpaired surrogate escape
/// ("\ud800" with no "\udc00" after it) written as "\ufffd".  JSON's grammar
/// allows them (Python writes one for a lone surrogate) and the parser before
/// nlohmann read them as U+FFFD, but nlohmann refuses the whole file.  The
/// escape keeps its length, so lines and columns do not move.
std::string_view mend_lone_surrogates(std::string_view text, std::string& mended) {
    auto high = [](int u) { return u >= 0xD800 && u < 0xDC00; };
    auto low = [](int u) { return u >= 0xDC00 && u < 0xE000; };
    size_t i = text.find('\\');
    while (i != std::string_view::npos && i + 1 < text.size()) {
        int unit = escaped_unit(text, i);
        if (high(unit) && low(escaped_unit(text, i + 6))) {
            i += 12; // a pair
        } else if (high(unit) || low(unit)) {
            if (mended.empty()) mended.assign(text);
            mended.replace(i + 2, 4, "fffd");
            i += 6;
        } else {
            i += 2; // any other escape, "\\" included
        }
        i = text.find('\\', i);
    }
    return mended.empty() ? text : std::string_view(mended);
}

/// The notebook's JSON as a tree; false with the reason in `error` when it
/// is not JSON (or nests deeper than kMaxDepth).  Never throws.
bool parse_json(std::string_view text, JValue& tree, std::string& error) {
    try {
        std::string mended;
        text = mend_lone_surrogates(text, mended);
        int line = 1;
        TreeBuilder builder(line);
        LineCountingIterator first(text.data(), line), last(text.data() + text.size(), line);
        if (!nlohmann::json::sax_parse(first, last, &builder)) {
            error = builder.error();
            return false;
        }
        tree = std::move(builder.root());
        return true;
    } catch (const std::exception& e) { // out of memory: the file is not read, the run goes on
        error = e.what();
        return false;
    }
}

/// A cell's source as text plus the file line of each of its lines.
std::pair<std::string, std::vector<int>> cell_source(const JValue& source) {
    std::string text;
    std::vector<int> lines;
    // Each line of the joined text maps to the JSON line of the string it
    // starts in (empty strings start no line; a string without '\n' continues
    // into the next one).
    bool line_start = true;
    auto add = [&](const JValue& s) {
        if (s.type != JValue::string) return;
        text += s.str;
        for (char c : s.str) {
            if (line_start) lines.push_back(s.line);
            line_start = c == '\n';
        }
    };
    if (source.type == JValue::array)
        for (const JValue& s : source.items)
            add(s);
    else
        add(source);
    return {text, lines};
}

/// Tags in a cell's metadata ({"tags": ["a", "b"]}).
std::vector<std::string> cell_tags(const JValue& cell) {
    std::vector<std::string> tags;
    const JValue* meta = cell.get("metadata");
    const JValue* t = meta ? meta->get("tags") : nullptr;
    if (t && t->type == JValue::array)
        for (const JValue& v : t->items)
            if (v.type == JValue::string) tags.push_back(ascii_lower(v.str));
    return tags;
}

/// A '#' comment line ("# 1. Why ...?", "    # Answer: ..."), not "#!" or "#%%".
bool comment_line(std::string_view l) {
    std::string_view t = ltrim(l);
    return !t.empty() && t[0] == '#' && t.substr(0, 2) != "#!" && t.substr(0, 3) != "#%%";
}

/// True if the cell's language comments with '#' and most of its non-blank
/// lines are comments: prose written in a code cell (questions and answers as
/// comments, a coding prompt above commented-out code).
bool prose_in_comments(const std::vector<std::string_view>& lines, const std::string& lang) {
    static const std::vector<std::string> hash = {"python", "r", "julia", "bash", "ruby", "perl"};
    if (std::find(hash.begin(), hash.end(), ascii_lower(lang)) == hash.end()) return false;
    int comments = 0, other = 0;
    for (std::string_view l : lines)
        if (!trim(l).empty()) ++(comment_line(l) ? comments : other);
    return comments > other;
}

/// Lines [from, to) of a cell as one fenced block.
void add_fenced(Outline& out, const std::vector<std::string_view>& lines, size_t from, size_t to,
                const std::vector<int>& src, const std::string& lang) {
    auto at = [&](size_t i) { return src.empty() ? 1 : i < src.size() ? src[i] : src.back(); };
    out.add(at(from), LineKind::code, "```" + lang);
    for (size_t i = from; i < to; ++i)
        out.add(at(i), LineKind::code, std::string(lines[i]));
    out.add(at(to - 1), LineKind::code, "```");
}

/// A code cell: fenced code, except in a cell of prose written as comments,
/// whose comment lines become LineKind::comment (text without the '#') between
/// fenced runs of the remaining code.
void add_code_cell(Outline& out, const std::string& text, const std::vector<int>& src,
                   const std::string& lang) {
    if (trim(text).empty()) return;
    std::vector<std::string_view> lines = split_lines(text);
    auto at = [&](size_t i) { return src.empty() ? 1 : i < src.size() ? src[i] : src.back(); };
    if (!prose_in_comments(lines, lang)) {
        // "#1: Find the location of 'B' in my_string." over its code: the
        // exercise is a question (a notebook of them had no passage at all).
        // Only the colon form: "# 1. why not retry here?" over real code is
        // a code comment (test_outline_depth.cpp).
        size_t from = 0;
        while (from < lines.size() && trim(lines[from]).empty())
            ++from;
        if (from < lines.size() && comment_line(lines[from]) &&
            detect::colon_number(ltrim(lines[from]).substr(1))) {
            out.add(at(from), LineKind::comment, std::string(trim(ltrim(lines[from]).substr(1))));
            ++from;
        }
        if (from < lines.size()) add_fenced(out, lines, from, lines.size(), src, lang);
        return;
    }
    for (size_t i = 0; i < lines.size();) {
        if (comment_line(lines[i])) {
            std::string_view t = ltrim(lines[i]).substr(1);
            out.add(at(i), LineKind::comment, std::string(trim(t)));
            ++i;
            continue;
        }
        size_t j = i;
        while (j < lines.size() && !comment_line(lines[j]))
            ++j;
        size_t e = j; // blank lines after the code are not code
        while (e > i && trim(lines[e - 1]).empty())
            --e;
        if (e > i) add_fenced(out, lines, i, e, src, lang);
        for (size_t k = e; k < j; ++k)
            out.add(at(k), LineKind::text, "");
        i = j;
    }
}

} // namespace

Outline read_ipynb(std::string_view text) {
    Outline out;
    JValue nb;
    std::string error;
    if (!parse_json(text, nb, error)) {
        out.warnings.push_back("not a valid notebook: " + error);
        out.unread = true;
        return out;
    }
    const JValue* cells = nb.get("cells");
    if (!cells || cells->type != JValue::array) {
        out.warnings.push_back("not a notebook: no \"cells\" list");
        out.unread = true;
        return out;
    }
    std::string lang = "python";
    const JValue* meta = nb.get("metadata");
    const JValue* ks = meta ? meta->get("kernelspec") : nullptr;
    const JValue* kl = ks ? ks->get("language") : nullptr;
    if (kl && kl->type == JValue::string) lang = kl->str;
    for (const JValue& cell : cells->items) {
        const JValue* type = cell.get("cell_type");
        const JValue* source = cell.get("source");
        if (!type || !source || type->type != JValue::string) continue;
        auto [src_text, src_lines] = cell_source(*source);
        size_t first = out.lines.size();
        if (type->str == "markdown")
            append_markdown(out, src_text + "\n", src_lines);
        else if (type->str == "code")
            add_code_cell(out, src_text, src_lines, lang);
        if (out.lines.size() > first) {
            std::vector<std::string> tags = cell_tags(cell);
            out.lines[first].tags.insert(out.lines[first].tags.end(), tags.begin(), tags.end());
            out.add(out.lines.back().source_line, LineKind::text, ""); // cells are separate blocks
        }
    }
    return out;
}

} // namespace crib
