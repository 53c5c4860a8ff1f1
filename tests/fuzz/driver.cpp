// A libFuzzer-compatible driver for builds without clang: runs every seed
// file given on the command line, then bounded random mutations of them
// (CRIB_FUZZ_ITERATIONS, default 2000), some of them deep nesting runs.  Deterministic (fixed seed).
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

static void run(const std::string& s) { LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

int main(int argc, char** argv) {
    std::vector<std::string> seeds;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        seeds.push_back(ss.str());
    }
    if (seeds.empty()) seeds.push_back("## Q. What?\nanswer\n");
    for (const auto& s : seeds) run(s);
    const char* it = std::getenv("CRIB_FUZZ_ITERATIONS");
    long n = it ? std::atol(it) : 2000;
    std::mt19937 rng(12345);
    const std::string tokens[] = {"#", "##", "1.", "?", "\n", "```", "<details>", "<summary>", "</summary>", "</details>",
                                  "Q:", "A:", "* ", "  - **", "-----------", "====", "\r\n", std::string(1, '\0'),
                                  "\xC3", "\xFF\xFE", "\"", "(", "NOT", "AND", "*", "file:", "topic:",
                                  // the other formats: org, reST, AsciiDoc, notebooks, cards, Obsidian, Logseq
                                  "* TODO ", "#+begin_src\n", "#+end_src\n", ":PROPERTIES:\n", ":END:\n", "::\n",
                                  ".. code-block:: sh\n", "----\n", "[source,sh]\n", "\t", "#separator:tab\n",
                                  "{\"cells\": [", "\"source\": [\"", "\\n\",", "[[", "]]", "> [!note] ",
                                  "tags:: ", "\t- ", "---\ntags:\n  - a\n---\n"};
    // Tokens that nest when repeated: what once overflowed the stack.
    const std::string kNesting[] = {"> ", "- ", "1. ", "*a ", " a*", "[", "](x)", "**", "`", "<div>",
                                    "  ", "\t", "|", "* ", "#"};
    for (long i = 0; i < n; ++i) {
        std::string s = seeds[rng() % seeds.size()];
        if (s.size() > 4096) s = s.substr(rng() % (s.size() - 4096), 4096);
        int edits = 1 + rng() % 8;
        for (int e = 0; e < edits; ++e) {
            size_t pos = s.empty() ? 0 : rng() % s.size();
            switch (rng() % 5) {
            case 0: s.insert(pos, tokens[rng() % (sizeof tokens / sizeof tokens[0])]); break;
            case 1: if (!s.empty()) s.erase(pos, 1 + rng() % 16); break;
            case 2: if (!s.empty()) s[pos] = char(rng()); break;
            case 3: s.insert(pos, s.substr(pos, rng() % 64)); break;
            case 4: { // deep nesting: one token many times ("> > > ...", "- - - ...")
                const std::string& t = kNesting[rng() % (sizeof kNesting / sizeof kNesting[0])];
                std::string run;
                for (size_t k = 1 + rng() % 3000; k; --k) run += t;
                s.insert(pos, run);
                break;
            }
            }
        }
        run(s);
    }
    std::cout << "fuzz driver: " << seeds.size() << " seeds, " << n << " mutations, no crash\n";
    return 0;
}
