// quiz_export.cpp - crib quiz --export anki: Anki's "notes in plain text"
// import format (File > Import): header lines, then one note per line with
// tab-separated fields front, back, tags; fields holding a tab, a newline or
// a double quote are double-quoted with quotes doubled, as Anki reads them.
#include "formats/markdown.hpp"
#include "prep/quiz.hpp"

namespace crib {

namespace {

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

/// A field as Anki's importer reads it back.
std::string field(const std::string& s) {
    bool quote = s.find_first_of("\t\n\r\"") != std::string::npos || (!s.empty() && s[0] == '#');
    if (!quote) return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

/// Topics as Anki tags: no spaces; a nested topic "k8s/pods" as "k8s::pods".
std::string tags(const std::vector<std::string>& topics) {
    std::string out;
    for (const auto& t : topics) {
        std::string tag;
        for (size_t i = 0; i < t.size(); ++i) {
            if (t[i] == '/')
                tag += "::";
            else if (t[i] == ' ' || t[i] == '\t')
                tag += '_';
            else
                tag += t[i];
        }
        out += (out.empty() ? "" : " ") + tag;
    }
    return out;
}

std::string answer_html(const Passage& p) {
    std::string html = md::Document(p.answer).html();
    while (!html.empty() && html.back() == '\n')
        html.pop_back();
    return html;
}

} // namespace

std::string export_anki(const Deck& deck) {
    std::string out = "#separator:tab\n#html:true\n#tags column:3\n";
    for (const DeckCard& c : deck.cards) {
        const Passage& p = c.card.passage;
        out += field(html_escape(p.question)) + "\t" + field(answer_html(p)) + "\t" +
               field(tags(p.topics)) + "\n";
    }
    return out;
}

} // namespace crib
