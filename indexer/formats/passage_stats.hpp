// passage_stats.hpp - what a file's passages add up to, so that a user sees at
// once when a file was not understood (crib-index --dump --stats): a file of
// thirty questions that gives one passage of 400 lines was not split.
#pragma once

#include "formats/passage.hpp"

#include <string>
#include <vector>

namespace crib {

/// Counts over one file's passages.
struct PassageStats {
    int passages = 0;
    int questions = 0;     ///< passages of kind "question"
    int unanswered = 0;    ///< questions with an empty answer
    int largest_lines = 0; ///< lines of the longest passage (line to end_line), 0 if none
    int largest_line = 0;  ///< its first line
    bool unsplit = false;  ///< no question or title found: one passage of the whole file
};

/// The counts for `passages` (one file's).
PassageStats passage_stats(const std::vector<Passage>& passages);

/// "12 passages, 10 questions (2 unanswered), largest 40 lines at line 7".
std::string stats_text(const PassageStats& s);

/// {"passages":12,"questions":10,"unanswered":2,"largest_lines":40,"largest_line":7}
/// without the closing brace, for the caller to add the file name.
std::string stats_json_fields(const PassageStats& s);

} // namespace crib
