// bench_exec: run a command once per query (or N times) and time each whole
// process - fork, exec, run, exit - the way a user's shell runs it, without
// the overhead of a shell loop in the measurement.
//
//   bench_exec [--queries FILE] [--limit N] [--warmup N] [--repeat N]
//              [--raw FILE] [--stderr FILE] -- COMMAND ARG...
//
// In ARGs, these placeholders are replaced for each query line:
//   {words}  each word as its own argument      crib --db d {words}
//   {query}  the whole line as one argument     quest -d d {query}
//   {alt}    the words joined with '|'          rg -i -c {alt} corpus
//   {first}  the first word
// Without --queries the command runs --repeat times as given.
// --warmup N first runs the first N queries (or N repetitions) unmeasured.
// stdout goes to /dev/null (so it is not a terminal); stderr to /dev/null
// or appended to --stderr FILE.  --raw FILE gets "ms<TAB>maxrss_kb<TAB>exit<TAB>query" per run.
//
// Prints one line of key=value: n median_ms p95_ms mean_ms min_ms max_ms
// rss_median_kb rss_max_kb errors (runs that exited >1 or died by a signal;
// exit 1 means "no match" for crib, grep and rg).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Run {
    double ms = 0;
    long rss_kb = 0;
    int status = 0; ///< exit code, or 128+signal
};

std::vector<std::string> split_words(const std::string& line) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
        if (j > i) out.push_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

std::vector<std::string> expand(const std::vector<std::string>& cmd, const std::string& query) {
    std::vector<std::string> words = split_words(query), out;
    for (const std::string& a : cmd) {
        if (a == "{words}") {
            out.insert(out.end(), words.begin(), words.end());
        } else if (a == "{query}") {
            out.push_back(query);
        } else if (a == "{alt}") {
            std::string alt;
            for (const auto& w : words) alt += (alt.empty() ? "" : "|") + w;
            out.push_back(alt);
        } else if (a == "{first}") {
            out.push_back(words.empty() ? std::string() : words[0]);
        } else {
            out.push_back(a);
        }
    }
    return out;
}

Run run_once(const std::vector<std::string>& args, const std::string& stderr_file) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (stderr_file.empty()) posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    else posix_spawn_file_actions_addopen(&fa, 2, stderr_file.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    Run r;
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = 0;
    int err = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0) {
        std::fprintf(stderr, "bench_exec: cannot run %s\n", argv[0]);
        std::exit(2);
    }
    int status = 0;
    struct rusage ru {};
    while (wait4(pid, &status, 0, &ru) < 0) {
    }
    r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    r.rss_kb = ru.ru_maxrss;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double percentile(std::vector<double> v, double p) { // nearest rank
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t k = size_t(std::ceil(p / 100.0 * double(v.size())));
    return v[std::clamp<size_t>(k, 1, v.size()) - 1];
}

[[noreturn]] void usage() {
    std::fprintf(stderr, "usage: bench_exec [--queries FILE] [--limit N] [--warmup N] [--repeat N] [--raw FILE]\n"
                         "                  [--stderr FILE] -- COMMAND ARG...\n");
    std::exit(2);
}

} // namespace

int main(int argc, char** argv) {
    std::string queries_file, raw_file, stderr_file;
    long limit = -1, warmup = 0, repeat = 1;
    int i = 1;
    for (; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (i + 1 >= argc) usage();
        std::string v = argv[++i];
        if (a == "--queries") queries_file = v;
        else if (a == "--raw") raw_file = v;
        else if (a == "--stderr") stderr_file = v;
        else if (a == "--limit") limit = std::atol(v.c_str());
        else if (a == "--warmup") warmup = std::atol(v.c_str());
        else if (a == "--repeat") repeat = std::max(1L, std::atol(v.c_str()));
        else usage();
    }
    if (i >= argc) usage();
    std::vector<std::string> cmd(argv + i, argv + argc);

    std::vector<std::string> queries;
    if (!queries_file.empty()) {
        std::ifstream in(queries_file);
        if (!in) {
            std::fprintf(stderr, "bench_exec: cannot read %s\n", queries_file.c_str());
            return 2;
        }
        for (std::string line; std::getline(in, line);)
            if (!split_words(line).empty()) queries.push_back(line);
        if (limit >= 0 && size_t(limit) < queries.size()) queries.resize(size_t(limit));
        if (queries.empty()) {
            std::fprintf(stderr, "bench_exec: no queries in %s\n", queries_file.c_str());
            return 2;
        }
    } else {
        queries.assign(1, std::string());
    }

    for (long k = 0; k < warmup; ++k) run_once(expand(cmd, queries[size_t(k) % queries.size()]), "");

    std::FILE* raw = raw_file.empty() ? nullptr : std::fopen(raw_file.c_str(), "w");
    std::vector<double> ms, rss;
    long errors = 0;
    for (long rep = 0; rep < repeat; ++rep)
        for (const std::string& q : queries) {
            Run r = run_once(expand(cmd, q), stderr_file);
            ms.push_back(r.ms);
            rss.push_back(double(r.rss_kb));
            if (r.status > 1) ++errors;
            if (raw) std::fprintf(raw, "%.3f\t%ld\t%d\t%s\n", r.ms, r.rss_kb, r.status, q.c_str());
        }
    if (raw) std::fclose(raw);
    double sum = 0;
    for (double m : ms) sum += m;
    std::printf("n=%zu median_ms=%.2f p95_ms=%.2f mean_ms=%.2f min_ms=%.2f max_ms=%.2f rss_median_kb=%.0f "
                "rss_max_kb=%.0f errors=%ld\n",
                ms.size(), median(ms), percentile(ms, 95), sum / double(ms.size()),
                *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()), median(rss),
                *std::max_element(rss.begin(), rss.end()), errors);
    return 0;
}
