// editor.hpp - starting the user's editor at a line of a note, the one way
// every mode does it (--open, -i, quiz's "o").
#pragma once

#include <string>

namespace crib {

/// The editor to run and where that choice came from, for messages.
struct Editor {
    std::string command; ///< a shell command line: "vim", "code -w"
    std::string from;    ///< "$VISUAL", "$EDITOR" or "the default"
};

/// $VISUAL, else $EDITOR, else vi (empty variables are skipped).
Editor find_editor();

/// `path` as an argument an editor cannot mistake for an option or a
/// command: a relative path starting with '-' or '+' gets "./" in front
/// (vi runs "+cmd" arguments as Ex commands).  Other paths are unchanged.
std::string editor_argument(const std::string& path);

/// Replaces this process with `ed` opening `path` at `line`, through
/// `sh -c` as git does (so EDITOR="code -w" works); the line and the path
/// reach the editor as separate arguments, never as shell text.  Returns
/// only when exec failed.
void exec_editor(const Editor& ed, const std::string& path, int line);

} // namespace crib
