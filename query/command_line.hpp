// command_line.hpp - crib's one command line (CLI11): the options every mode
// takes, declared once and accepted before or after a subcommand's name
// (--db, --reviews, --format, --color, --no-update), the search flags, and
// the `quiz` and `gaps` subcommands.  Parsed once into option structs.
#pragma once

#include "invocation.hpp"
#include "subcommands.hpp"

namespace crib {

/// Which mode the command line asks for.
enum class Command { search, quiz, gaps };

/// Everything the command line said: the global options are in `search`
/// (RawFlags) whatever the command; quiz and gaps add their own.
struct CommandLine {
    Command command = Command::search;
    RawFlags search; ///< search flags and the global options
    QuizFlags quiz;
    GapsFlags gaps;
};

/// Parses argv into `out`.  Returns -1 to go on, else the exit status to end
/// with: 0 after --help or --version, 2 for bad usage (said on stderr).
int parse_command_line(int argc, char** argv, CommandLine& out);

} // namespace crib
