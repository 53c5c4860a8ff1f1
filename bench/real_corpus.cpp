// real_corpus: a benchmark corpus made of real notes, for bench/run.sh --real.
//
//   real_corpus --copies N --out DIR [--seed S] [--queries Q] SOURCE...
//
// Copies every note file (.md, .markdown, .txt; not LICENSE*, FORMAT.txt or
// hidden entries) under each SOURCE folder N times into
// DIR/corpus/copy-KKK/<source folder name>/<path below it>.  Copy 0 is
// verbatim; in copy K > 0 about a quarter of the words of five or more letters
// are replaced by a made-up variant that depends on the word, K and the seed,
// so the copies are not duplicates and the vocabulary grows with the corpus
// as it does when someone writes more notes.  Words inside HTML tags
// (<details>, </summary>), code-fence info strings and the labels readers look
// for (Answer, Question, ...) are left alone, so each
// copy has the same passages as the original for crib's parser.
//
// Also writes DIR/queries.txt (1-3 words per line drawn from the words of the
// corpus: common, mid-frequency and rare), DIR/manifest.tsv (path, bytes) and
// DIR/info.txt (key=value totals), like gen_corpus.
//
// Everything depends only on the arguments and the source files.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Args {
    std::string out;
    std::vector<std::string> sources;
    int copies = 1;
    int queries = 300;
    uint64_t seed = 42;
};

[[noreturn]] void usage(const char* msg) {
    std::fprintf(stderr,
                 "real_corpus: %s\nusage: real_corpus --copies N --out DIR [--seed S] [--queries "
                 "Q] SOURCE...\n",
                 msg);
    std::exit(2);
}

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        if (k == "-h" || k == "--help") usage("help");
        if (k.rfind("--", 0) != 0) {
            a.sources.push_back(k);
            continue;
        }
        if (i + 1 >= argc) usage(("missing value for " + k).c_str());
        std::string v = argv[++i];
        char* end = nullptr;
        if (k == "--out")
            a.out = v;
        else if (k == "--copies")
            a.copies = int(std::strtol(v.c_str(), &end, 10));
        else if (k == "--queries")
            a.queries = int(std::strtol(v.c_str(), &end, 10));
        else if (k == "--seed")
            a.seed = std::strtoull(v.c_str(), &end, 10);
        else
            usage(("unknown option " + k).c_str());
        if (end && *end) usage(("bad number for " + k).c_str());
    }
    if (a.out.empty()) usage("--out is required");
    if (a.sources.empty()) usage("no SOURCE folder");
    if (a.copies < 1 || a.queries < 0) usage("value out of range");
    return a;
}

uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t hash_word(const std::string& w, uint64_t salt) {
    uint64_t h = 1469598103934665603ull ^ salt;
    for (unsigned char c : w)
        h = (h ^ c) * 1099511628211ull;
    return mix(h);
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// The made-up variant of `w` in one copy: its first three letters, then two
/// syllables chosen by the hash (case of the first letter kept).
std::string variant(const std::string& w, uint64_t h) {
    static const char* const syl[] = {"ka", "ro",  "mi",  "tel", "su",  "van", "do", "rix",
                                      "pe", "lun", "qua", "zo",  "bri", "net", "fa", "gor"};
    std::string out = w.substr(0, 3);
    out += syl[h & 15];
    out += syl[(h >> 4) & 15];
    return out;
}

/// Words the readers look for (labels such as "Answer:"): never replaced.
bool protected_word(std::string w) {
    std::transform(w.begin(), w.end(), w.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    static const std::unordered_set<std::string> words = {
        "answer", "answers", "question", "questions", "summary", "details", "solution", "example"};
    return words.count(w) != 0;
}

/// One line with about a quarter of its long words replaced (copy > 0).
std::string substitute_line(const std::string& line, int copy, uint64_t seed) {
    if (copy == 0) return line;
    std::string out;
    out.reserve(line.size() + 16);
    bool in_tag = false;
    bool fence = line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0;
    size_t i = 0;
    while (i < line.size()) {
        char c = line[i];
        if (!is_alpha(c)) {
            if (c == '<')
                in_tag = true;
            else if (c == '>')
                in_tag = false;
            out += c;
            ++i;
            continue;
        }
        size_t j = i;
        while (j < line.size() && is_alpha(line[j]))
            ++j;
        std::string w = line.substr(i, j - i);
        uint64_t h = hash_word(w, seed * 1000003u + uint64_t(copy));
        bool keep = in_tag || fence || w.size() < 5 || (h % 100) >= 25 || protected_word(w);
        out += keep ? w : variant(w, h >> 8);
        i = j;
    }
    return out;
}

bool is_note(const fs::path& p) {
    std::string name = p.filename().string();
    if (name.empty() || name[0] == '.' || name.rfind("LICENSE", 0) == 0 || name == "FORMAT.txt")
        return false;
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".md" || ext == ".markdown" || ext == ".txt";
}

struct Source {
    fs::path rel; ///< <source folder name>/<path below it>
    std::string text;
};

std::vector<Source> read_sources(const std::vector<std::string>& roots) {
    std::vector<Source> out;
    for (const std::string& r : roots) {
        fs::path root = fs::path(r).lexically_normal();
        if (root.filename().empty()) root = root.parent_path();
        std::vector<fs::path> files;
        for (auto it = fs::recursive_directory_iterator(root);
             it != fs::recursive_directory_iterator(); ++it) {
            std::string name = it->path().filename().string();
            if (it->is_directory() && !name.empty() && name[0] == '.')
                it.disable_recursion_pending();
            else if (it->is_regular_file() && is_note(it->path()))
                files.push_back(it->path());
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            out.push_back({root.filename() / f.lexically_relative(root), ss.str()});
        }
    }
    return out;
}

std::string substitute(const std::string& text, int copy, uint64_t seed) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        size_t end = nl == std::string::npos ? text.size() : nl;
        out += substitute_line(text.substr(pos, end - pos), copy, seed);
        if (nl != std::string::npos) out += '\n';
        pos = end + 1;
    }
    return out;
}

void count_words(const std::string& text, std::unordered_map<std::string, uint32_t>& counts) {
    size_t i = 0;
    while (i < text.size()) {
        if (!is_alpha(text[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < text.size() && is_alpha(text[j]))
            ++j;
        if (j - i >= 4) {
            std::string w = text.substr(i, j - i);
            std::transform(w.begin(), w.end(), w.begin(),
                           [](unsigned char c) { return char(std::tolower(c)); });
            ++counts[w];
        }
        i = j;
    }
}

/// Queries of 1-3 words: common (top 150 words), mid (to 3000) or rare.
std::vector<std::string> make_queries(const std::unordered_map<std::string, uint32_t>& counts,
                                      int n, uint64_t seed) {
    static const std::unordered_set<std::string> stop = {
        "that",  "this",  "with", "from", "have", "what", "when", "which", "will", "your", "they",
        "there", "their", "then", "than", "them", "into", "were", "been",  "does", "also"};
    std::vector<std::pair<uint32_t, std::string>> ranked;
    for (const auto& [w, c] : counts)
        if (!stop.count(w)) ranked.push_back({c, w});
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> out;
    if (ranked.empty()) return out;
    uint64_t state = seed ^ 0x7175657269657321ull;
    auto next = [&] { return mix(state += 0x9e3779b97f4a7c15ull); };
    auto pick = [&](size_t lo, size_t hi) {
        hi = std::min(hi, ranked.size());
        lo = std::min(lo, hi - 1);
        return ranked[lo + next() % (hi - lo)].second;
    };
    for (int i = 0; i < n; ++i) {
        int words = 1 + int(next() % 3);
        std::string line;
        for (int k = 0; k < words; ++k) {
            uint64_t c = next() % 100;
            std::string w = c < 45   ? pick(0, 150)
                            : c < 75 ? pick(150, 3000)
                                     : pick(3000, ranked.size());
            if (line.find(w) != std::string::npos) continue;
            line += (line.empty() ? "" : " ") + w;
        }
        out.push_back(line);
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    Args a = parse_args(argc, argv);
    fs::path root(a.out), corpus = fs::path(a.out) / "corpus";
    std::error_code ec;
    fs::remove_all(corpus, ec);
    fs::create_directories(corpus, ec);
    std::vector<Source> sources;
    try {
        sources = read_sources(a.sources);
    } catch (const fs::filesystem_error& e) {
        std::fprintf(stderr, "real_corpus: %s\n", e.what());
        return 1;
    }
    std::ofstream manifest(root / "manifest.tsv", std::ios::binary);
    manifest << "path\tbytes\n";
    std::unordered_map<std::string, uint32_t> counts;
    uint64_t bytes = 0;
    size_t files = 0;
    for (int k = 0; k < a.copies; ++k) {
        char copy_dir[32];
        std::snprintf(copy_dir, sizeof copy_dir, "copy-%03d", k);
        for (const Source& s : sources) {
            fs::path path = corpus / copy_dir / s.rel;
            fs::create_directories(path.parent_path(), ec);
            std::string text = substitute(s.text, k, a.seed);
            std::ofstream out(path, std::ios::binary);
            if (!out.write(text.data(), std::streamsize(text.size())) || !out.flush()) {
                std::fprintf(stderr, "real_corpus: cannot write %s\n", path.c_str());
                return 1;
            }
            count_words(text, counts);
            manifest << fs::relative(path, root).generic_string() << '\t' << text.size() << '\n';
            bytes += text.size();
            ++files;
        }
    }
    std::vector<std::string> queries = make_queries(counts, a.queries, a.seed);
    std::ofstream qf(root / "queries.txt", std::ios::binary);
    for (const auto& q : queries)
        qf << q << '\n';
    std::ofstream info(root / "info.txt", std::ios::binary);
    info << "copies=" << a.copies << "\nfiles=" << files << "\nbytes=" << bytes
         << "\nqueries=" << queries.size() << "\nseed=" << a.seed
         << "\ndistinct_words=" << counts.size() << '\n';
    std::printf("real_corpus: %d copies of %zu files, %zu files, %.1f MB, %zu distinct words, %zu "
                "queries -> %s\n",
                a.copies, sources.size(), files, double(bytes) / 1e6, counts.size(), queries.size(),
                root.c_str());
    return 0;
}
