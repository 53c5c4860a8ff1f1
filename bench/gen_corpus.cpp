// gen_corpus: deterministic synthetic interview-notes corpus for bench/run.sh.
//
//   gen_corpus --passages N --out DIR [--seed S] [--queries Q] [--answer-words W]
//              [--zipf S] [--vocab V] [--per-file P]
//
// Writes DIR/corpus/<folder>/<group>/[deep/]<name>.{md,txt} with about P
// passages per file, in the six styles crib's parser handles (one style per
// file, like real notes):
//
//   numbered  .txt  "12. what is x ?" with "# answer" lines (content/qt-interview.txt)
//   dashed    .txt  entries between long "-----" rules, first line the question
//                   (content/aws-cloud-engineer-qa.txt)
//   headings  .md   "## Q. What is X?" headings
//   details   .md   <details><summary>Question?</summary> answer </details>
//   qa        .md   "Q: question?" / "A: answer" labels
//   bullets   .md   "* question?" with nested "  - **answer**" items
//
// Words come from a fixed ranked vocabulary (English function words, then
// software/infrastructure words, then a synthetic long tail of made-up words
// and identifiers) drawn with Zipf frequencies (p(rank r) ~ 1/r^S, S = 1.07 by
// default), so a larger corpus sees more distinct words the way real text does.
//
// Also writes DIR/queries.txt (one query of 1-5 words per line: common, mid
// and rare words mixed, only words that occur in the corpus), DIR/manifest.tsv
// (path, style, passages, bytes) and DIR/info.txt (key=value totals).
//
// Everything depends only on the arguments: same arguments, same bytes.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "gen_vocabulary.hpp"

namespace fs = std::filesystem;
using namespace gen_corpus;

namespace {

// ---------------------------------------------------------------------------
// Text.

enum class Style { numbered, dashed, headings, details, qa, bullets };
const char* style_name(Style s) {
    switch (s) {
    case Style::numbered:
        return "numbered";
    case Style::dashed:
        return "dashed";
    case Style::headings:
        return "headings";
    case Style::details:
        return "details";
    case Style::qa:
        return "qa";
    case Style::bullets:
        return "bullets";
    }
    return "?";
}
bool is_markdown(Style s) {
    return s != Style::numbered && s != Style::dashed;
}

/// Words that start a label when they begin a line ("Question 2.", "Scenario: ...").
bool is_label_word(const std::string& w) {
    return w == "question" || w == "answer" || w == "scenario";
}

class Writer {
  public:
    Writer(const Vocabulary& v, uint64_t seed, double answer_words, double zipf)
        : v_(v), all_(v.words.size(), zipf), content_(v.words.size() - v.function_count, zipf),
          subject_(v.words.size() - v.function_count, 0.8), rng_(seed), answer_words_(answer_words),
          counts_(v.words.size(), 0), verbs_(split_words(kVerbs)) {}

    Rng& rng() { return rng_; }
    const std::vector<uint32_t>& counts() const { return counts_; }

    /// One word from the whole vocabulary (function words included).
    std::string word() { return emit(all_(rng_)); }
    /// One content word (no function words).
    std::string content_word() { return emit(v_.function_count + content_(rng_)); }

    /// A sentence of `n` words, capitalised, ending with '.'.
    std::string sentence(int n, bool markdown) {
        std::string s;
        for (int i = 0; i < n; ++i) {
            std::string w;
            double r = rng_.uniform();
            if (r < 0.012)
                w = std::to_string(rng_.range(1, 65535)); // port, size, count
            else if (r < 0.020)
                w = std::to_string(rng_.range(1, 9)) + "." + std::to_string(rng_.range(0, 20));
            else
                w = word();
            // "Question 8. ..." or "Answer: ..." at the start would be a label to the parser.
            while (i == 0 && is_label_word(w))
                w = word();
            if (markdown && rng_.chance(0.03))
                w = "`" + w + "`";
            else if (markdown && rng_.chance(0.015))
                w = "**" + w + "**";
            if (!s.empty()) s += ' ';
            s += w;
            if (i + 1 < n && rng_.chance(0.07)) s += ',';
        }
        // Capitalise the first letter (after a possible markup character).
        for (char& c : s) {
            if (c >= 'a' && c <= 'z') {
                c = char(c - 'a' + 'A');
                break;
            }
            if (c != '`' && c != '*') break;
        }
        // A sentence must never look like a question or an answer label.
        while (!s.empty() && (s.back() == ',' || s.back() == '?'))
            s.pop_back();
        s += '.';
        return s;
    }

    /// Paragraph of about `words` words as one line.
    std::string paragraph(int words, bool markdown) {
        std::string p;
        while (words > 0) {
            int n = std::min(words, rng_.range(6, 18));
            if (words - n < 4) n = words;
            if (!p.empty()) p += ' ';
            p += sentence(n, markdown);
            words -= n;
        }
        return p;
    }

    /// The question of a passage (without style markup).
    std::string question(bool lower) {
        std::string x = term(), y = term();
        std::string q;
        switch (rng_.range(0, 11)) {
        case 0:
        case 1:
        case 2:
            q = "What is " + x + "?";
            break;
        case 3:
            q = "What is the difference between " + x + " and " + y + "?";
            break;
        case 4:
            q = "How does " + x + " work?";
            break;
        case 5:
            q = "How do you " + rng_.pick(verbs_) + " " + x + " in " + y + "?";
            break;
        case 6:
            q = "Why is " + x + " used for " + y + "?";
            break;
        case 7:
            q = "When should you use " + x + " over " + y + "?";
            break;
        case 8:
            q = "Can " + x + " " + rng_.pick(verbs_) + " " + y + "?";
            break;
        case 9:
            q = "Which " + x + " should be used for " + y + " " + content_word() + "?";
            break;
        case 10:
            q = "Explain " + x + " " + y + " and " + content_word() + "?";
            break;
        default:
            q = "What are the " + x + " " + content_word() + " of " + y + "?";
            break;
        }
        if (lower)
            for (char& c : q)
                if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        return q;
    }

    /// Answer length in words: log-normal around the configured mean.
    int answer_length() {
        // Box-Muller normal, sigma 0.8; mean of exp(N(mu, s^2)) is exp(mu + s^2/2).
        double u1 = std::max(rng_.uniform(), 1e-12), u2 = rng_.uniform();
        double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        double mu = std::log(answer_words_) - 0.32;
        int n = int(std::exp(mu + 0.8 * z));
        return std::clamp(n, 4, 600);
    }

    /// A shell/config code line made of vocabulary words.
    std::string code_line() {
        static const std::vector<std::string> cmds = {
            "kubectl get",  "docker run",        "aws s3 cp", "terraform apply",
            "helm install", "systemctl restart", "curl -s",   "git push"};
        std::string s = rng_.pick(cmds);
        int n = rng_.range(1, 4);
        for (int i = 0; i < n; ++i) {
            // (appending piecewise: GCC 12 -Wrestrict misfires on "lit" + string&&)
            s += rng_.chance(0.3) ? " --" : " ";
            s += content_word_plain();
        }
        return s;
    }

  private:
    std::string emit(size_t rank) {
        ++counts_[rank];
        return v_.words[rank];
    }
    /// Question subject: one content word, sometimes two.
    std::string term() {
        std::string t = emit(v_.function_count + subject_(rng_));
        if (rng_.chance(0.35)) t += " " + content_word();
        return t;
    }
    /// Content word without spaces (for code lines).
    std::string content_word_plain() {
        std::string w = content_word();
        std::replace(w.begin(), w.end(), ' ', '-');
        return w;
    }

    const Vocabulary& v_;
    Zipf all_, content_, subject_; // subject_: flatter, so fewer identical questions
    Rng rng_;
    double answer_words_;
    std::vector<uint32_t> counts_;
    std::vector<std::string> verbs_;
};

/// Answer blocks of one passage, independent of the style: paragraphs,
/// bullet lists, code.
struct Block {
    enum Kind { para, bullets, code } kind;
    std::vector<std::string> lines;
};

std::vector<Block> make_answer(Writer& w, bool markdown) {
    std::vector<Block> out;
    int words = w.answer_length();
    Rng& rng = w.rng();
    bool first = true;
    while (words > 0) {
        double r = rng.uniform();
        if (!first && words >= 12 && r < 0.25) {
            Block b{Block::bullets, {}};
            int items = rng.range(2, 5);
            for (int i = 0; i < items && words > 0; ++i) {
                int n = std::min(words, rng.range(4, 12));
                b.lines.push_back(w.sentence(n, markdown));
                words -= n;
            }
            out.push_back(std::move(b));
        } else if (!first && markdown && r < 0.32) {
            Block b{Block::code, {}};
            int n = rng.range(1, 4);
            for (int i = 0; i < n; ++i)
                b.lines.push_back(w.code_line());
            words -= 4 * n;
            out.push_back(std::move(b));
        } else {
            int n = std::min(words, rng.range(12, 60));
            if (words - n < 6) n = words;
            out.push_back({Block::para, {w.paragraph(n, markdown)}});
            words -= n;
        }
        first = false;
    }
    return out;
}

/// Markdown rendering of answer blocks with a line prefix (for nesting).
void put_markdown_blocks(std::string& f, const std::vector<Block>& blocks) {
    for (const Block& b : blocks) {
        switch (b.kind) {
        case Block::para:
            f += b.lines[0] + "\n\n";
            break;
        case Block::bullets:
            for (const auto& l : b.lines)
                f += "- " + l + "\n";
            f += "\n";
            break;
        case Block::code:
            f += "```bash\n";
            for (const auto& l : b.lines)
                f += l + "\n";
            f += "```\n\n";
            break;
        }
    }
}

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
    return s;
}

/// One file of `n` passages in `style`.
std::string make_file(Writer& w, Style style, int n, const std::string& title) {
    Rng& rng = w.rng();
    std::string f;
    switch (style) {
    case Style::numbered: {
        f += "# " + title + " interview\n\n";
        int num = 0;
        for (int i = 0; i < n; ++i) {
            if (rng.chance(0.02)) num = 0; // numbering restarts, as in real notes
            ++num;
            std::string q = w.question(true);
            if (rng.chance(0.6)) q.insert(q.size() - 1, " "); // "what is x ?"
            f += std::to_string(num) + (rng.chance(0.2) ? "." : ". ") + q + "\n";
            for (const Block& b : make_answer(w, false)) {
                for (const auto& l : b.lines) {
                    if (b.kind == Block::bullets)
                        f += "   # - " + l + "\n";
                    else if (rng.chance(0.8))
                        f += "   # " + l + "\n";
                    else
                        f += l + "\n";
                }
            }
            f += rng.chance(0.5) ? "\n" : "\n\n";
        }
        break;
    }
    case Style::dashed: {
        for (int i = 0; i < n; ++i) {
            if (i > 0) f += "\n" + std::string(size_t(rng.range(120, 170)), '-') + "\n\n";
            std::string q = w.question(false);
            if (rng.chance(0.3)) q.pop_back(); // "How disaster recovery is achieved in S3"
            f += q + "\n\n\n";
            int item = 0;
            for (const Block& b : make_answer(w, false)) {
                if (b.kind == Block::bullets) {
                    std::string head = w.content_word();
                    while (is_label_word(head))
                        head = w.content_word();
                    f += std::to_string(++item) + ". **" + capitalised(head) + ":**\n";
                    for (const auto& l : b.lines)
                        f += "   - " + l + "\n";
                    f += "\n";
                } else {
                    for (const auto& l : b.lines)
                        f += l + "\n";
                    f += "\n";
                }
            }
        }
        break;
    }
    case Style::headings: {
        f += "# " + capitalised(title) + " questions\n\n";
        for (int i = 0; i < n; ++i) {
            f += "## Q. " + w.question(false) + "\n\n";
            put_markdown_blocks(f, make_answer(w, true));
        }
        break;
    }
    case Style::details: {
        f += "# " + capitalised(title) + "\n\n";
        for (int i = 0; i < n; ++i) {
            f += "<details>\n<summary>" + w.question(false) + "</summary>\n\n";
            put_markdown_blocks(f, make_answer(w, true));
            f += "</details>\n\n";
        }
        break;
    }
    case Style::qa: {
        for (int i = 0; i < n; ++i) {
            auto blocks = make_answer(w, true);
            if (rng.chance(0.1) && blocks.size() == 1 && blocks[0].kind == Block::para) {
                f += "Q: " + w.question(false) + " A: " + blocks[0].lines[0] + "\n\n";
                continue;
            }
            f += "Q: " + w.question(false) + "\n";
            f += "A: ";
            put_markdown_blocks(f, blocks);
        }
        break;
    }
    case Style::bullets: {
        f += "# " + capitalised(title) + " cheat sheet\n\n";
        for (int i = 0; i < n; ++i) {
            f += "* " + w.question(false) + "\n";
            auto blocks = make_answer(w, true);
            bool first = true;
            for (const Block& b : blocks) {
                for (const auto& l : b.lines) {
                    if (first) {
                        // The bold short answer: one bold span, no inner markup.
                        std::string plain;
                        for (char c : l)
                            if (c != '*' && c != '`') plain += c;
                        if (!plain.empty() && plain.back() == '.') plain.pop_back();
                        f += "  - **" + plain + "**\n";
                        first = false;
                    } else if (b.kind == Block::code) {
                        f += "  - `" + l + "`\n";
                    } else {
                        f += "  - " + l + "\n";
                    }
                }
            }
            f += "\n";
        }
        break;
    }
    }
    return f;
}

// ---------------------------------------------------------------------------

struct Args {
    long passages = 10000;
    std::string out;
    uint64_t seed = 42;
    int queries = 300;
    double answer_words = 16;
    double zipf = 1.07;
    size_t vocab = 200000;
    int per_file = 100;
};

[[noreturn]] void usage(const char* msg) {
    std::fprintf(
        stderr,
        "gen_corpus: %s\n"
        "usage: gen_corpus --passages N --out DIR [--seed S] [--queries Q] [--answer-words W]\n"
        "                  [--zipf S] [--vocab V] [--per-file P]\n",
        msg);
    std::exit(2);
}

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        if (k == "-h" || k == "--help") usage("help");
        if (i + 1 >= argc) usage(("missing value for " + k).c_str());
        std::string v = argv[++i];
        char* end = nullptr;
        if (k == "--out")
            a.out = v;
        else if (k == "--passages")
            a.passages = std::strtol(v.c_str(), &end, 10);
        else if (k == "--seed")
            a.seed = std::strtoull(v.c_str(), &end, 10);
        else if (k == "--queries")
            a.queries = int(std::strtol(v.c_str(), &end, 10));
        else if (k == "--answer-words")
            a.answer_words = std::strtod(v.c_str(), &end);
        else if (k == "--zipf")
            a.zipf = std::strtod(v.c_str(), &end);
        else if (k == "--vocab")
            a.vocab = std::strtoull(v.c_str(), &end, 10);
        else if (k == "--per-file")
            a.per_file = int(std::strtol(v.c_str(), &end, 10));
        else
            usage(("unknown option " + k).c_str());
        if (end && *end) usage(("bad number for " + k).c_str());
    }
    if (a.out.empty()) usage("--out is required");
    if (a.passages < 1 || a.queries < 0 || a.answer_words < 4 || a.zipf < 0.5 || a.zipf > 2 ||
        a.vocab < 1000 || a.per_file < 10)
        usage("value out of range");
    return a;
}

/// Queries: 1-5 words, each common, mid-frequency or rare (but present).
std::vector<std::string> make_queries(const Vocabulary& v, const std::vector<uint32_t>& counts,
                                      int n, uint64_t seed) {
    Rng rng(seed ^ 0x7175657269657321ull); // "queries!"
    const size_t f = v.function_count;
    std::vector<size_t> common, mid, rare;
    for (size_t r = f; r < v.words.size(); ++r) {
        if (!counts[r]) continue;
        size_t c = r - f;
        if (c < 150)
            common.push_back(r);
        else if (c < 3000)
            mid.push_back(r);
        else
            rare.push_back(r);
    }
    if (rare.empty()) rare = mid.empty() ? common : mid;
    if (mid.empty()) mid = common;
    Zipf common_zipf(common.size(), 1.0);
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
        double r = rng.uniform();
        int words = r < 0.25 ? 1 : r < 0.55 ? 2 : r < 0.80 ? 3 : r < 0.92 ? 4 : 5;
        std::vector<std::string> q;
        if (words >= 3 && rng.chance(0.12)) {
            q = {"what", "is"};
        }
        int count = 0;
        while (int(q.size()) < words && count < 20) {
            ++count;
            double c = rng.uniform();
            size_t rank = c < 0.45   ? common[common_zipf(rng)]
                          : c < 0.75 ? rng.pick(mid)
                                     : rng.pick(rare);
            std::string w = v.words[rank];
            // A multi-word entry counts as its words.
            size_t nw = size_t(std::count(w.begin(), w.end(), ' ')) + 1;
            if (q.size() + nw > size_t(words) && !q.empty()) continue;
            if (std::find(q.begin(), q.end(), w) != q.end()) continue;
            size_t start = 0;
            while (start <= w.size()) {
                size_t sp = w.find(' ', start);
                if (sp == std::string::npos) sp = w.size();
                q.push_back(w.substr(start, sp - start));
                start = sp + 1;
            }
        }
        std::string line;
        for (const auto& w : q)
            line += (line.empty() ? "" : " ") + w;
        out.push_back(line);
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    Args a = parse_args(argc, argv);
    fs::path root(a.out);
    fs::path corpus = root / "corpus";
    std::error_code ec;
    fs::remove_all(corpus, ec);
    fs::create_directories(corpus, ec);
    if (ec) {
        std::fprintf(stderr, "gen_corpus: cannot create %s: %s\n", corpus.c_str(),
                     ec.message().c_str());
        return 1;
    }

    Vocabulary vocab = build_vocabulary(a.vocab, a.seed);
    Writer w(vocab, a.seed, a.answer_words, a.zipf);
    Rng& rng = w.rng();

    // Top-level folders: taxonomy topics (folder names become topics) and a few others.
    const std::vector<std::string> folders = {
        "kubernetes", "docker",     "aws",           "networking", "linux",   "ci-cd",
        "terraform",  "databases",  "security",      "monitoring", "scaling", "storage",
        "serverless", "javascript", "system-design", "behavioral", "misc"};
    const Style styles[] = {Style::numbered, Style::dashed, Style::headings,
                            Style::details,  Style::qa,     Style::bullets};

    std::ofstream manifest(root / "manifest.tsv", std::ios::binary);
    manifest << "path\tstyle\tpassages\tbytes\n";
    long remaining = a.passages;
    long files = 0;
    uint64_t bytes = 0;
    while (remaining > 0) {
        int lo = std::max(10, a.per_file * 6 / 10), hi = a.per_file * 14 / 10;
        long n = std::min<long>(remaining, rng.range(lo, hi));
        if (remaining - n < 5) n = remaining;
        Style style = styles[rng.next() % 6];
        if (n < 5) style = Style::headings; // dashed/details need a few entries to be detected
        const std::string& folder = folders[size_t(files) % folders.size()];
        long in_folder = files / long(folders.size());
        fs::path dir = corpus / folder / ("group-" + std::to_string(in_folder / 20));
        if ((in_folder / 20) % 3 == 2) dir /= "deep";
        fs::create_directories(dir, ec);
        char name[64];
        std::snprintf(name, sizeof name, "%s-%s-%05ld.%s", folder.c_str(), style_name(style), files,
                      is_markdown(style) ? "md" : "txt");
        std::string text = make_file(w, style, int(n), folder);
        fs::path path = dir / name;
        std::FILE* fp = std::fopen(path.c_str(), "wb");
        if (!fp || std::fwrite(text.data(), 1, text.size(), fp) != text.size() ||
            std::fclose(fp) != 0) {
            std::fprintf(stderr, "gen_corpus: cannot write %s\n", path.c_str());
            return 1;
        }
        manifest << fs::relative(path, root).generic_string() << '\t' << style_name(style) << '\t'
                 << n << '\t' << text.size() << '\n';
        remaining -= n;
        bytes += text.size();
        ++files;
    }

    std::vector<std::string> queries = make_queries(vocab, w.counts(), a.queries, a.seed);
    std::ofstream qf(root / "queries.txt", std::ios::binary);
    for (const auto& q : queries)
        qf << q << '\n';

    size_t distinct = 0;
    for (uint32_t c : w.counts())
        distinct += c > 0;
    std::ofstream info(root / "info.txt", std::ios::binary);
    info << "passages=" << a.passages << "\nfiles=" << files << "\nbytes=" << bytes
         << "\nqueries=" << queries.size() << "\nseed=" << a.seed
         << "\nvocabulary=" << vocab.words.size() << "\ndistinct_words=" << distinct << '\n';
    std::printf("gen_corpus: %ld passages in %ld files, %.1f MB, %zu distinct vocabulary words, "
                "%zu queries -> %s\n",
                a.passages, files, double(bytes) / 1e6, distinct, queries.size(), root.c_str());
    return 0;
}
