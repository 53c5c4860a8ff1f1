// editor.cpp - see editor.hpp.
#include "output/editor.hpp"

#include <unistd.h>

#include <cstdlib>

namespace crib {

Editor find_editor() {
    for (const char* var : {"VISUAL", "EDITOR"}) {
        const char* ed = std::getenv(var);
        if (ed && *ed) return {ed, std::string("$") + var};
    }
    return {"vi", "the default"};
}

std::string editor_argument(const std::string& path) {
    if (!path.empty() && (path[0] == '-' || path[0] == '+')) return "./" + path;
    return path;
}

void exec_editor(const Editor& ed, const std::string& path, int line) {
    std::string at = "+" + std::to_string(line);
    std::string arg = editor_argument(path);
    std::string script = ed.command + " \"$1\" \"$2\"";
    ::execlp("sh", "sh", "-c", script.c_str(), "sh", at.c_str(), arg.c_str(),
             static_cast<char*>(nullptr));
}

} // namespace crib
