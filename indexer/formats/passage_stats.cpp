#include "formats/passage_stats.hpp"

namespace crib {

PassageStats passage_stats(const std::vector<Passage>& passages) {
    PassageStats s;
    for (const Passage& p : passages) {
        ++s.passages;
        s.questions += p.kind == "question";
        s.unanswered += unanswered(p);
        s.unsplit = s.unsplit || p.whole_file;
        int lines = p.end_line - p.line + 1;
        if (lines > s.largest_lines) {
            s.largest_lines = lines;
            s.largest_line = p.line;
        }
    }
    return s;
}

std::string stats_text(const PassageStats& s) {
    std::string out = std::to_string(s.passages) +
                      (s.passages == 1 ? " passage, " : " passages, ") +
                      std::to_string(s.questions) + (s.questions == 1 ? " question" : " questions");
    if (s.unanswered) out += " (" + std::to_string(s.unanswered) + " unanswered)";
    if (s.largest_lines)
        out += ", largest " + std::to_string(s.largest_lines) +
               (s.largest_lines == 1 ? " line" : " lines") + " at line " +
               std::to_string(s.largest_line);
    if (s.unsplit) out += "; not split: no question or title found";
    return out;
}

std::string stats_json_fields(const PassageStats& s) {
    return "\"passages\":" + std::to_string(s.passages) +
           ",\"questions\":" + std::to_string(s.questions) +
           ",\"unanswered\":" + std::to_string(s.unanswered) +
           ",\"largest_lines\":" + std::to_string(s.largest_lines) +
           ",\"largest_line\":" + std::to_string(s.largest_line) +
           ",\"unsplit\":" + (s.unsplit ? "true" : "false");
}

} // namespace crib
