// passage.hpp - the unit crib indexes and returns: one question with its
// answer, or one headed section.  Plain data, no Xapian.
#pragma once

#include <string>
#include <vector>

namespace crib {

/// One searchable passage of a notes file.
struct Passage {
    std::string file;                  ///< path as given to the indexer plus the path below it
    int line = 0;                      ///< 1-based first line (the question / heading line)
    int end_line = 0;                  ///< 1-based last non-blank line
    std::string kind;                  ///< "question" or "section"
    std::string question;              ///< cleaned question or section title
    std::vector<std::string> headings; ///< titles of the headings it sits under, outermost first
    std::string answer;                ///< answer text, Markdown kept, noise lines removed
    std::vector<std::string> topics;   ///< assigned by topics.* (sorted, unique)
    std::vector<std::string> tags;     ///< #tags and front-matter tags seen in the text
    int parent_line = 0;               ///< line of the enclosing entry for sub-questions, else 0
    std::string parent_question;       ///< question text of that entry
    /// Nothing in the note read as a question or a title: this passage is the
    /// whole file, named after it (--dump --stats says "not split").
    bool whole_file = false;
};

/// A question with nothing under it in the notes (crib --unanswered; never a
/// quiz card), as every output and the --dump statistics count it.
inline bool unanswered(const Passage& p) {
    return p.kind == "question" && p.answer.find_first_not_of(" \t\r\n") == std::string::npos;
}

} // namespace crib
