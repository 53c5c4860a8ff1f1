// reader_cards.cpp - flash-card exports: Anki's "notes in plain text", CSV, TSV.
//
// Every row is one card: the front is a question (LineKind::card), the back its
// answer, a tags column its tags.  Fields follow CSV quoting ("a ""b""", line
// breaks inside quotes).  Anki's header lines (#separator:, #html:,
// #tags column:, #notetype column:, #deck column:, #guid column:, #tags:) say
// how to read the rows.
#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "formats/readers.hpp"

#include <algorithm>

namespace crib {

namespace {

/// One row: its fields and the 1-based lines it spans.
struct Row {
    std::vector<std::string> fields;
    int first_line = 0;
    int last_line = 0;
};

/// Split text into rows of fields with CSV quoting, from byte `pos` on.
std::vector<Row> split_rows(std::string_view s, char sep, size_t pos, int line) {
    std::vector<Row> rows;
    // A quote with no quote after it cannot close: it is a literal character
    // (else it swallowed every later row).
    size_t last_quote = s.rfind('"');
    while (pos < s.size()) {
        Row r;
        r.first_line = line;
        std::string field;
        bool quoted = false, at_start = true;
        for (; pos < s.size(); ++pos) {
            char c = s[pos];
            if (quoted) {
                if (c == '"' && pos + 1 < s.size() && s[pos + 1] == '"')
                    field += '"', ++pos;
                else if (c == '"')
                    quoted = false;
                else
                    field += c, line += c == '\n';
                continue;
            }
            if (c == '"' && at_start && pos != last_quote) {
                quoted = true;
                at_start = false;
                continue;
            }
            if (c == sep) {
                r.fields.push_back(std::move(field));
                field.clear();
                at_start = true;
                continue;
            }
            if (c == '\n') break;
            if (c != '\r') field += c;
            at_start = false;
        }
        r.fields.push_back(std::move(field));
        r.last_line = line;
        ++pos; // the newline
        ++line;
        bool empty = std::all_of(r.fields.begin(), r.fields.end(),
                                 [](const std::string& f) { return trim(f).empty(); });
        if (!empty) rows.push_back(std::move(r));
    }
    return rows;
}

/// Card HTML as Markdown lines: <br>, <div>, <p> break lines; <b>/<strong> -> **,
/// <i>/<em> -> *; other tags dropped; entities decoded.
std::vector<std::string> html_lines(std::string_view html) {
    std::string md;
    size_t last_gt = html.rfind('>'); // no '<' after it opens a tag: keeps this linear
    for (size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '<' && last_gt != std::string_view::npos && last_gt > i) {
            size_t close = html.find('>', i);
            if (close != std::string_view::npos) {
                std::string tag = ascii_lower(html.substr(i + 1, close - i - 1));
                std::string name = tag.substr(0, tag.find_first_of(" /\t"));
                if (tag.rfind("/", 0) == 0) name = tag.substr(1, tag.find_first_of(" \t", 1) - 1);
                if (name == "br" || name == "div" || name == "p" || name == "li" || name == "tr")
                    md += '\n';
                else if (name == "b" || name == "strong")
                    md += "**";
                else if (name == "i" || name == "em")
                    md += "*";
                else if (name == "code")
                    md += "`";
                i = close;
                continue;
            }
        }
        md += html[i];
    }
    std::string text = decode_entities(md);
    std::vector<std::string> out;
    for (std::string_view l : split_lines(text))
        out.emplace_back(l);
    return out;
}

/// Lines of a field: HTML-aware (Anki with #html:true) or plain.
std::vector<std::string> field_lines(const std::string& f, bool html) {
    if (html) return html_lines(f);
    std::vector<std::string> out;
    for (std::string_view l : split_lines(f))
        out.emplace_back(l);
    return out;
}

/// How to read the rows.
struct CardLayout {
    char sep = '\t';
    bool html = false;
    int front = 0, back = 1, tags = -1; ///< 0-based columns; -1 = none
    std::vector<std::string> all_tags;  ///< tags for every card (#tags:)
};

/// Anki tags: space-separated, "a::b" hierarchical -> "a/b" and "a".
std::vector<std::string> card_tags(std::string_view s) {
    std::vector<std::string> out;
    std::string word;
    for (char c : std::string(s) + " ") {
        if (c == ' ' || c == ',' || c == ';') {
            if (!word.empty()) {
                std::string t = ascii_lower(word);
                for (size_t p; (p = t.find("::")) != std::string::npos;) {
                    out.push_back(t.substr(0, p));
                    t.replace(p, 2, "/");
                }
                out.push_back(t);
            }
            word.clear();
        } else {
            word += c;
        }
    }
    return out;
}

/// A front without the heading path crib's export puts before the question.
std::string without_path_div(const std::string& front, bool html) {
    if (!html || front.compare(0, kAnkiPathDiv.size(), kAnkiPathDiv) != 0) return front;
    size_t end = front.find("</div>");
    return end == std::string::npos ? front : front.substr(end + 6);
}

/// Emit the outline lines of the rows.
Outline cards(const std::vector<Row>& rows, const CardLayout& lay,
              std::vector<int> skip_columns = {}) {
    Outline out;
    for (const Row& r : rows) {
        std::vector<std::string> note; // the note's fields, without the special columns
        for (size_t c = 0; c < r.fields.size(); ++c)
            if (static_cast<int>(c) != lay.tags &&
                std::find(skip_columns.begin(), skip_columns.end(), int(c)) == skip_columns.end())
                note.push_back(r.fields[c]);
        if (note.empty()) continue;
        std::vector<std::string> front = field_lines(without_path_div(note[0], lay.html), lay.html);
        std::string q;
        for (const std::string& l : front)
            q += (q.empty() ? "" : " ") + std::string(trim(l));
        if (trim(q).empty()) continue;
        out.add(r.first_line, LineKind::card, q);
        out.lines.back().tags = lay.all_tags;
        if (lay.tags >= 0 && lay.tags < static_cast<int>(r.fields.size())) {
            auto t = card_tags(r.fields[lay.tags]);
            out.lines.back().tags.insert(out.lines.back().tags.end(), t.begin(), t.end());
        }
        // Each line of the back is a paragraph: a card's line breaks are meant.
        for (size_t f = 1; f < note.size(); ++f)
            for (const std::string& l : field_lines(note[f], lay.html)) {
                if (trim(l).empty()) continue;
                if (out.lines.back().kind != LineKind::card)
                    out.add(r.first_line, LineKind::text, "");
                out.add(r.first_line, LineKind::text, l);
            }
        // The card's last line ends the passage (not when it has no answer:
        // then the question line would move to the row's end).
        if (out.lines.back().kind != LineKind::card) out.lines.back().source_line = r.last_line;
    }
    return out;
}

/// The separator an Anki header names ("tab", "Comma", ";", ...).
char separator_named(std::string_view v) {
    std::string low = ascii_lower(trim(v));
    if (low == "tab" || low == "\\t") return '\t';
    if (low == "comma") return ',';
    if (low == "semicolon") return ';';
    if (low == "pipe") return '|';
    if (low == "space") return ' ';
    if (low == "colon") return ':';
    return low.size() == 1 ? low[0] : '\t';
}

} // namespace

bool sniff_anki(std::string_view head) {
    for (std::string_view h : {"#separator:", "#html:", "#tags column:", "#notetype column:",
                               "#deck column:", "#columns:"})
        if (head.substr(0, h.size()) == h) return true;
    return false;
}

Outline read_anki(std::string_view text) {
    CardLayout lay;
    std::vector<int> skip;
    size_t pos = 0;
    int line = 1;
    while (pos < text.size() && text[pos] == '#') { // header lines
        size_t nl = text.find('\n', pos);
        std::string_view h =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        size_t colon = h.find(':');
        std::string key = ascii_lower(h.substr(1, colon == std::string_view::npos ? 0 : colon - 1));
        std::string_view value =
            colon == std::string_view::npos ? std::string_view{} : trim(h.substr(colon + 1));
        int column = std::atoi(std::string(value).c_str()) - 1;
        if (key == "separator")
            lay.sep = separator_named(value);
        else if (key == "html")
            lay.html = ascii_lower(value) == "true";
        else if (key == "tags column")
            lay.tags = column;
        else if (key == "tags")
            lay.all_tags = card_tags(value);
        else if ((key == "notetype column" || key == "deck column" || key == "guid column") &&
                 column >= 0)
            skip.push_back(column);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line;
    }
    Outline rows = cards(split_rows(text, lay.sep, pos, line), lay, skip);
    Outline out; // the header lines, then the cards, in order
    for (int l = 1; l < line; ++l)
        out.add(l, LineKind::meta, "");
    out.lines.insert(out.lines.end(), std::make_move_iterator(rows.lines.begin()),
                     std::make_move_iterator(rows.lines.end()));
    return out;
}

namespace {

/// CSV/TSV: a header row naming question/answer/tags columns is used and
/// skipped; otherwise the columns are front, back, tags.
Outline read_delimited(std::string_view text, char sep) {
    std::vector<Row> rows = split_rows(text, sep, 0, 1);
    CardLayout lay;
    lay.sep = sep;
    lay.tags = -1;
    if (!rows.empty()) {
        const auto& h = rows.front().fields;
        int front = -1, back = -1, tags = -1;
        for (size_t c = 0; c < h.size(); ++c) {
            std::string name = ascii_lower(trim(h[c]));
            if (front < 0 && (name == "question" || name == "front" || name == "term" ||
                              name == "q" || name == "prompt"))
                front = int(c);
            else if (back < 0 && (name == "answer" || name == "back" || name == "definition" ||
                                  name == "a" || name == "response"))
                back = int(c);
            else if (tags < 0 &&
                     (name == "tags" || name == "tag" || name == "topic" || name == "topics"))
                tags = int(c);
        }
        if (front >= 0 && back >= 0) {
            rows.erase(rows.begin());
            std::vector<Row> ordered;
            for (Row& r : rows) { // front, back, tags in that order
                Row o{{}, r.first_line, r.last_line};
                auto at = [&](int c) {
                    return c >= 0 && c < int(r.fields.size()) ? r.fields[c] : std::string();
                };
                o.fields = {at(front), at(back)};
                if (tags >= 0) o.fields.push_back(at(tags));
                ordered.push_back(std::move(o));
            }
            rows = std::move(ordered);
            if (tags >= 0) lay.tags = 2;
        } else if (h.size() >= 3) {
            lay.tags = 2;
        }
    }
    Outline out = cards(rows, lay);
    return out;
}

/// Lines of a .csv file read to tell its separator.
constexpr size_t kSniffLines = 10;

/// The first kSniffLines non-empty records of a .csv file; `quotes`: what
/// each holds outside double quotes (a quoted field may hold a tab, a ';'
/// or a line break: "a tab (\t)" made a comma file a tab one), else its
/// lines as they are.
std::vector<std::string> sniffed_records(std::string_view text, bool quotes) {
    std::vector<std::string> out;
    std::string rec;
    bool quoted = false;
    const size_t last_quote = text.rfind('"'); // a quote never closed is a character
    for (size_t i = 0; i < text.size() && out.size() < kSniffLines; ++i) {
        char c = text[i];
        if (quotes && c == '"' && (quoted || i != last_quote)) {
            quoted = !quoted;
            continue;
        }
        if (quoted) continue;
        if (c == '\n') {
            if (!rec.empty()) out.push_back(std::move(rec));
            rec.clear();
        } else if (c != '\r') {
            rec += c;
        }
    }
    if (!rec.empty() && out.size() < kSniffLines) out.push_back(std::move(rec));
    return out;
}

/// The separator of a .csv file: the one of tab, ';' and ',' that every
/// one of its first non-empty records holds equally often outside quotes (a
/// card's back holds commas in prose, not a fixed number of them), tab
/// first; else the same on its lines as they are (a quote left open in a
/// tab-separated deck); else ';' when the first line holds more of them
/// than ',' (an export where ',' is the decimal mark), else ','.  A
/// tab-separated deck saved as .csv was read at its commas: 20 of 21 cards
/// a question and no answer.
char csv_separator(std::string_view text) {
    for (bool quotes : {true, false}) {
        const std::vector<std::string> lines = sniffed_records(text, quotes);
        if (lines.empty()) continue;
        for (char sep : {'\t', ';', ','}) {
            const size_t n = std::count(lines[0].begin(), lines[0].end(), sep);
            if (n > 0 && std::all_of(lines.begin(), lines.end(), [&](const std::string& l) {
                    return size_t(std::count(l.begin(), l.end(), sep)) == n;
                }))
                return sep;
        }
    }
    const std::string_view first = text.substr(0, text.find('\n'));
    size_t commas = std::count(first.begin(), first.end(), ',');
    size_t semis = std::count(first.begin(), first.end(), ';');
    return semis > commas ? ';' : ',';
}

} // namespace

Outline read_csv(std::string_view text) {
    return read_delimited(text, csv_separator(text));
}

Outline read_tsv(std::string_view text) {
    return read_delimited(text, '\t');
}

} // namespace crib
