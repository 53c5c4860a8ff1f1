// subcommands.hpp - crib's modes other than searching: `crib quiz` and
// `crib gaps`.  Their flags are parsed with the rest of the command line
// (command_line.cpp); these run them.
#pragma once

#include "invocation.hpp"

#include <string>
#include <vector>

namespace crib {

/// crib quiz's own flags (the global ones are in RawFlags).
struct QuizFlags {
    std::vector<std::string> topics;    ///< -t
    size_t new_limit = 20;              ///< --new
    bool stats = false;                 ///< --stats
    std::vector<std::string> exporting; ///< --export FORMAT FILE
    bool force = false;                 ///< --export may replace any file but the store
    std::vector<std::string> words;     ///< query words: only cards that match them
};

/// crib gaps' own flags.
struct GapsFlags {
    std::string file;     ///< the job description, or - for standard input
    bool verbose = false; ///< -v: list the skipped lines with their reasons
};

/// crib quiz: a session, --stats or --export; 0 done, 1 nothing to do, 2 error.
int run_quiz(const QuizFlags& f, const RawFlags& global);

/// crib gaps FILE: the requirements and whether the notes cover them; 0, 1 none found, 2 error.
int run_gaps(const GapsFlags& f, const RawFlags& global);

} // namespace crib
