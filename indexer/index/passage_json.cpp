#include "index/passage_json.hpp"

namespace crib {

void write_passage_fields(JsonWriter& w, const Passage& p) {
    w.key("file").path(p.file);
    w.key("line").value(p.line);
    w.key("end_line").value(p.end_line);
    w.key("kind").value(p.kind);
    w.key("question").value(p.question);
    w.key("headings").strings(p.headings);
    w.key("topics").strings(p.topics);
}

std::string dump_json(const Passage& p) {
    JsonWriter w;
    w.begin_object();
    write_passage_fields(w, p);
    w.key("answer").value(p.answer).key("parent_line");
    if (p.parent_line)
        w.value(p.parent_line);
    else
        w.null();
    w.end_object();
    return w.str();
}

} // namespace crib
