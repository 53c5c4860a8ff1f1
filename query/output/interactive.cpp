#include "output/interactive.hpp"

#include "common/text.hpp"
#include "output/pager.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace crib {

namespace {

/// One fzf line per hit: "INDEX<TAB>ID<TAB>path:line  question"; fzf shows
/// and matches the third field only.
std::string candidates(const SearchResult& r, const PrintOptions& print) {
    std::string out;
    for (size_t i = 0; i < r.hits.size(); ++i) {
        const Hit& h = r.hits[i];
        std::string shown =
            shown_file(print, h.passage.file, h.index) + ":" + std::to_string(h.passage.line);
        std::string q = terminal_safe(h.passage.question);
        for (char& c : q)
            if (c == '\t' || c == '\n') c = ' ';
        out += std::to_string(i) + "\t" + shown + "\t" + shown + "  " + q + "\n";
    }
    return out;
}

/// Runs argv with `input` on stdin; returns its stdout (fzf draws on /dev/tty).
bool run_filter(const std::vector<std::string>& argv, const std::string& input, std::string& output,
                int& status) {
    int in[2], out[2];
    if (::pipe(in) != 0) return false;
    if (::pipe(out) != 0) {
        ::close(in[0]);
        ::close(in[1]);
        return false;
    }
    pid_t pid = ::fork();
    if (pid < 0) {
        for (int fd : {in[0], in[1], out[0], out[1]})
            ::close(fd);
        return false;
    }
    if (pid == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        for (int fd : {in[0], in[1], out[0], out[1]})
            ::close(fd);
        std::vector<char*> args;
        for (const std::string& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    for (size_t done = 0; done < input.size();) { // fzf reads while it draws
        ssize_t n = ::write(in[1], input.data() + done, input.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += size_t(n);
    }
    ::close(in[1]);
    char buf[4096];
    for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        output.append(buf, size_t(n));
    }
    ::close(out[0]);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return true;
}

} // namespace

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

int pick_hit(const SearchResult& r, const PrintOptions& print, const PickOptions& opt) {
    if (!runnable("fzf"))
        throw NoFzf("-i needs fzf, which is not installed",
                    "Debian: apt install fzf; or pipe --format grep into a picker of your own");
    std::string preview = shell_quote(opt.self) + " --no-update --no-pager --color " +
                          (opt.color ? "always" : "never");
    for (const std::string& db : opt.dbs)
        preview += " --db " + shell_quote(db);
    preview += " --show={2}"; // "=": an id starting with "-" is not an option
    std::vector<std::string> argv = {"fzf",
                                     "--delimiter=\t",
                                     "--with-nth=3..",
                                     "--no-sort",
                                     "--preview",
                                     preview,
                                     "--preview-window=right,60%,wrap",
                                     "--prompt=crib> "};
    std::string chosen;
    int status = 0;
    std::fflush(stdout);
    if (!run_filter(argv, candidates(r, print), chosen, status)) return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || chosen.empty()) return -1;
    size_t tab = chosen.find('\t');
    int index = std::atoi(chosen.substr(0, tab).c_str());
    return index >= 0 && size_t(index) < r.hits.size() ? index : -1;
}

} // namespace crib
