#include "index/document.hpp"

#include "common/text.hpp"
#include "formats/notes_parser.hpp"
#include "index/schema.hpp"
#include "index/topics.hpp"

#include <algorithm>

namespace crib {

namespace {

void put(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
}

bool get(std::string_view& in, std::string& field) {
    size_t colon = in.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 12) return false;
    size_t len = 0;
    for (size_t i = 0; i < colon; ++i) {
        if (in[i] < '0' || in[i] > '9') return false;
        len = len * 10 + size_t(in[i] - '0');
    }
    if (in.size() - colon - 1 < len) return false;
    field.assign(in.substr(colon + 1, len));
    in.remove_prefix(colon + 1 + len);
    return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t e = s.find(sep, start);
        if (e == std::string::npos) e = s.size();
        if (e > start) out.push_back(s.substr(start, e - start));
        start = e + 1;
    }
    return out;
}

} // namespace

std::string encode_passage(const Passage& p) {
    std::string out = "crib2;";
    put(out, p.file);
    put(out, std::to_string(p.line));
    put(out, std::to_string(p.end_line));
    put(out, p.kind);
    put(out, std::to_string(p.parent_line));
    put(out, p.parent_question);
    put(out, join(p.topics, '\n'));
    put(out, p.question);
    put(out, p.answer);
    put(out, join(p.headings, '\n'));
    return out;
}

bool decode_passage(std::string_view data, Passage& p) {
    if (data.substr(0, 6) != "crib2;") return false;
    data.remove_prefix(6);
    std::string f[10];
    for (auto& s : f)
        if (!get(data, s)) return false;
    p.file = f[0];
    p.line = std::atoi(f[1].c_str());
    p.end_line = std::atoi(f[2].c_str());
    p.kind = f[3];
    p.parent_line = std::atoi(f[4].c_str());
    p.parent_question = f[5];
    p.topics = split(f[6], '\n');
    p.question = f[7];
    p.answer = f[8];
    p.headings = split(f[9], '\n');
    return data.empty();
}

Passage passage_of(const Xapian::Document& doc) {
    Passage p;
    if (!decode_passage(doc.get_data(), p))
        throw DamagedRecord("passage record " + std::to_string(doc.get_docid()) +
                            " cannot be read");
    return p;
}

namespace {

/// spelling_words() of a passage whose indexable answer and compound parts
/// are already made.
std::vector<std::string> spelling_words(const Passage& p, const std::string& answer,
                                        const std::string& parts) {
    std::string text = p.question;
    for (const std::string* part : {&answer, &p.parent_question, &parts})
        text.append("\n").append(*part);
    for (const std::string& h : p.headings)
        text.append("\n").append(h);
    std::vector<std::string> out;
    for (std::string& w : schema::words(text)) {
        unsigned char c = static_cast<unsigned char>(w[0]);
        if ((c >= '0' && c <= '9') || w.size() > 40) continue;
        out.push_back(std::move(w));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// Words written with diacritics are also found without them: "naive"
/// finds "naïve", "facade" "Façade" (as a term of `prefix`'s field, without
/// positions, once per passage; the word as written keeps its own term).
/// `words`: the field's words as written.
void add_folded_terms(Xapian::Document& doc, const std::vector<std::string>& words,
                      std::string_view prefix = "") {
    thread_local const Xapian::Stem stem = schema::stemmer();
    for (const std::string& w : words) {
        if (is_ascii(w)) continue;
        std::string folded = fold_diacritics(w);
        if (folded != w) doc.add_term(std::string("Z").append(prefix).append(stem(folded)), 1);
    }
}

} // namespace

std::vector<std::string> spelling_words(const Passage& p) {
    const std::string answer = indexable_text(p.answer);
    return spelling_words(p, answer, compound_parts(p.question + "\n" + answer));
}

BuiltPassage build_passage(const Passage& p, Xapian::TermGenerator& tg, const Synonyms* syn) {
    Xapian::Document doc;
    tg.set_document(doc);
    tg.set_termpos(0);
    tg.index_text(p.question, schema::kQuestionWdf, schema::kQuestionPrefix);
    tg.index_text(p.question, schema::kQuestionWdf);
    tg.increase_termpos(schema::kFieldGap);
    std::string answer = indexable_text(p.answer);
    // The answer field copy carries no positions: answers are the bulk of the
    // index, and phrases are searched in the unprefixed copy (bench/RESULTS.md).
    tg.index_text_without_positions(answer, 1, schema::kAnswerPrefix);
    tg.index_text(answer);
    if (!p.parent_question.empty()) { // a sub-question is also found by its entry's title
        tg.increase_termpos(schema::kFieldGap);
        tg.index_text(p.parent_question, 1);
    }
    // "pending" finds the "Problem" section under "Pods stuck in Pending".
    for (const std::string& h : p.headings) {
        tg.increase_termpos(schema::kFieldGap);
        tg.index_text_without_positions(h, 1);
    }
    // "CrashLoopBackOff" is one term; its parts and joined pairs ("crash",
    // "backoff") are indexed too, so a part finds it.
    std::string parts = compound_parts(p.question + "\n" + answer);
    if (!parts.empty()) tg.index_text_without_positions(parts, 1);
    if (syn) { // weighted like the words they stand for: question use counts more
        for (const std::string& t : syn->group_terms(stemmed_words(answer)))
            doc.add_term(t, 1);
        for (const std::string& t : syn->group_terms(stemmed_words(p.question)))
            doc.add_term(t, schema::kQuestionWdf);
    }

    doc.add_boolean_term(schema::id_term(p.file, p.line));
    doc.add_boolean_term(schema::file_term(p.file));
    doc.add_boolean_term(std::string(schema::kKindPrefix) + p.kind);
    for (const std::string& t : p.topics)
        doc.add_boolean_term(schema::bounded_term(schema::kTopicPrefix, t));
    for (const std::string& t : p.tags) // -t and tag: find a tag that names no subject
        doc.add_boolean_term(schema::bounded_term(schema::kTagPrefix, utf8_lower(t)));

    doc.add_value(schema::kSlotFile, p.file);
    doc.add_value(schema::kSlotLine, Xapian::sortable_serialise(p.line));
    doc.add_value(schema::kSlotTopics, join(p.topics, '\n'));
    if (p.kind == "question") {
        std::string key = schema::collapse_value(p.question, answer);
        if (!key.empty()) {
            doc.add_value(schema::kSlotCollapse, key);
            doc.add_boolean_term(schema::kDupPrefix + key);
        }
    }
    doc.set_data(encode_passage(p));
    // Let go of the document: Xapian's reference counts are not atomic, and
    // the parser thread's TermGenerator kept a reference to the last document
    // it built while the writer thread released its own (about 1 run in 30
    // under LeakSanitizer leaked that document).
    tg.set_document(Xapian::Document());
    std::vector<std::string> spelling = spelling_words(p, answer, parts);
    add_folded_terms(doc, spelling);
    if (!is_ascii(p.question))
        add_folded_terms(doc, schema::words(p.question), schema::kQuestionPrefix);
    if (!is_ascii(answer)) add_folded_terms(doc, schema::words(answer), schema::kAnswerPrefix);
    return {doc, std::move(spelling)};
}

} // namespace crib
