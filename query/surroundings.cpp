// surroundings.cpp - the impure part of the command line: what the terminal
// and the environment say (invocation.cpp stays a pure function of them).
#include "common/paths.hpp"
#include "invocation.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace crib {

namespace {

int terminal_width() {
    struct winsize w;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 20) return w.ws_col;
    return 80;
}

} // namespace

Surroundings read_surroundings() {
    Surroundings env;
    env.tty = isatty(STDOUT_FILENO);
    env.width = terminal_width();
    const char* no = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    env.no_color = no ? no : "";
    env.term = term ? term : "";
    env.default_db = default_db_path();
    return env;
}

} // namespace crib
