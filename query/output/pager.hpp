// pager.hpp - long terminal output through $PAGER, as git does: the output
// is collected first and paged only when it is taller than the terminal.
#pragma once

#include <string>

namespace crib {

/// True when `cmd` names a program that can be run: a path to an executable
/// file, or a name found on $PATH.
bool runnable(const std::string& cmd);

/// The pager command: $PAGER, else "less -R"; "" when PAGER is set empty or
/// to "cat" (paging off).
std::string pager_command();

/// Collects everything emit() writes from here until finish_paging().
void start_paging();

/// Writes what was collected: through the pager (sh -c "$PAGER", LESS=FRX
/// unless LESS is set) when it has more than `rows` lines, else straight to
/// stdout.  A pager that cannot start is said on stderr and the text is
/// written straight.  Returns after the pager exits.
void finish_paging(int rows);

} // namespace crib
