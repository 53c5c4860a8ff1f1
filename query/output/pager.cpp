#include "output/pager.hpp"

#include "output/output.hpp"
#include "common/text.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>

namespace crib {

namespace {

std::string collected;

/// Writes all of `s` to `fd`; false on an error (EPIPE: the pager quit).
bool write_all(int fd, const std::string& s) {
    for (size_t done = 0; done < s.size();) {
        ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += size_t(n);
    }
    return true;
}

/// Runs `cmd` with `text` on its standard input; false if it could not start.
bool pipe_to(const std::string& cmd, const std::string& text) {
    int fds[2];
    if (::pipe(fds) != 0) return false;
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) {
        ::dup2(fds[0], STDIN_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        ::setenv("LESS", "FRX", 0); // as git: colours, no screen clearing
        ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[0]);
    write_all(fds[1], text); // a pager quit early (q) is not an error
    ::close(fds[1]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return true;
}

size_t line_count(const std::string& s) {
    size_t n = 0;
    for (char c : s)
        n += c == '\n';
    return n;
}

} // namespace

bool runnable(const std::string& cmd) {
    if (cmd.empty()) return false;
    if (cmd.find('/') != std::string::npos) return ::access(cmd.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (size_t start = 0; start <= dirs.size();) {
        size_t colon = dirs.find(':', start);
        if (colon == std::string::npos) colon = dirs.size();
        std::string dir = dirs.substr(start, colon - start);
        if (::access(((dir.empty() ? "." : dir) + "/" + cmd).c_str(), X_OK) == 0) return true;
        start = colon + 1;
    }
    return false;
}

std::string pager_command() {
    const char* p = std::getenv("PAGER");
    if (!p) return "less -R";
    std::string cmd = p;
    return cmd == "cat" ? "" : cmd;
}

void start_paging() {
    collected.clear();
    capture_output(&collected);
}

void finish_paging(int rows) {
    capture_output(nullptr);
    std::string cmd = pager_command();
    if (cmd.empty() || line_count(collected) < size_t(rows > 0 ? rows : 1)) return emit(collected);
    std::string first = cmd.substr(0, cmd.find_first_of(" \t"));
    if (!runnable(first)) {
        std::cerr << "crib: cannot run the pager " << terminal_safe(first)
                  << "; set PAGER (PAGER=cat turns paging off)\n";
        return emit(collected);
    }
    if (!pipe_to(cmd, collected)) emit(collected);
}

} // namespace crib
