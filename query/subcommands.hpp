// subcommands.hpp - crib's modes other than searching: `crib quiz` and
// `crib gaps`, dispatched from main() before its own option parsing.
//
// The subcommand is the first argument that is not an option, as long as
// only options every mode takes (--db, --reviews, --color, --format) come
// before it; they may also come after it.  Anything else is a search:
// `crib -- quiz` and `crib -n 3 quiz` search for the word.
#pragma once

namespace crib {

/// Runs the subcommand argv names and returns its exit status (0 done,
/// 1 nothing to do, 2 error); -1 when argv is a search, not a subcommand.
int run_subcommand(int argc, char** argv);

} // namespace crib
