// Relevance suite: tests/relevance/content.tsv (query -> passage that should
// come first).  Reports MRR@10, success@1 and success@5 for crib and for a
// naive baseline (every blank-line paragraph a document, plain BM25) side by
// side, and fails below the bar.
#include "formats/formats.hpp"
#include "index_fixture.hpp"
#include "index/schema.hpp"
#include "search/search.hpp"
#include "common/text.hpp"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>

using namespace crib;

namespace {

struct Case {
    std::string query, file;
    int line;
};

/// The cases of a suite file; `where` maps the file part of an expected
/// "file:line" to the path it has on disk ("" = leave the case out).
std::vector<Case> load_cases(const std::string& suite,
                             const std::function<std::string(const std::string&)>& where) {
    std::vector<Case> out;
    std::istringstream in(test::slurp(std::string(CRIB_SOURCE_DIR) + "/tests/relevance/" + suite));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream f(line);
        std::string q, target;
        std::getline(f, q, '\t');
        std::getline(f, target, '\t');
        size_t c = target.rfind(':');
        std::string file = where(target.substr(0, c));
        if (!file.empty()) out.push_back({q, file, std::stoi(target.substr(c + 1))});
    }
    return out;
}

struct Scores {
    double mrr = 0, s1 = 0, s5 = 0;
    void add(int rank) {
        if (rank <= 0) return;
        mrr += 1.0 / rank;
        s1 += rank == 1;
        s5 += rank <= 5;
    }
    void finish(size_t n) {
        mrr /= double(n);
        s1 /= double(n);
        s5 /= double(n);
    }
};

/// Baseline: blank-line paragraphs as documents, BM25, same stemmer.
struct Baseline {
    test::TempDir dir;
    Xapian::WritableDatabase db;
    explicit Baseline(const std::vector<std::string>& files)
        : db(dir.str() + "/base", Xapian::DB_CREATE_OR_OVERWRITE) {
        Xapian::TermGenerator tg;
        schema::configure_term_generator(tg);
        for (const std::string& file : files) {
            std::string text = test::slurp(file);
            auto lines = split_lines(text);
            std::string para;
            int start = 0;
            auto flush = [&](int) {
                if (trim(para).empty()) return;
                Xapian::Document doc;
                tg.set_document(doc);
                tg.index_text(para);
                doc.set_data(file + ":" + std::to_string(start));
                db.add_document(doc);
            };
            for (size_t i = 0; i < lines.size(); ++i) {
                if (trim(lines[i]).empty()) {
                    flush(0);
                    para.clear();
                    start = 0;
                    continue;
                }
                if (!start) start = int(i) + 1;
                para += std::string(lines[i]) + "\n";
            }
            flush(0);
        }
        db.commit();
    }
    /// Rank of the first paragraph inside the target passage's lines.
    int rank(const Case& c, int end_line) {
        Xapian::QueryParser qp;
        qp.set_stemmer(schema::stemmer());
        qp.set_stemming_strategy(schema::kStemStrategy);
        Xapian::Enquire e(db);
        e.set_query(qp.parse_query(c.query));
        Xapian::MSet m = e.get_mset(0, 10);
        int r = 0;
        for (auto it = m.begin(); it != m.end(); ++it) {
            ++r;
            std::string d = it.get_document().get_data();
            size_t colon = d.rfind(':');
            int line = std::stoi(d.substr(colon + 1));
            if (d.substr(0, colon) == c.file && line >= c.line && line <= end_line) return r;
        }
        return 0;
    }
};

/// Bars of the unseen suite: under the figures measured when it landed.
constexpr double kUnseenBar = 0.88;        // measured 0.909 (312 queries)
constexpr double kUnseenFormatsBar = 0.90; // measured 0.939 (74 queries)
/// Bars of the forms suite (set when it landed; see the README).
constexpr double kFormsBar = 0.94;        // measured 0.971 (70 queries)
constexpr double kFormsFormatsBar = 0.90; // measured 0.941 (34 queries)

/// Figures of one suite for crib (searching `db`) and the baseline.
struct SuiteFigures {
    size_t n = 0;
    Scores crib, base;
    std::string misses;
};

SuiteFigures run_suite(const std::vector<Case>& cases, const std::string& db, Baseline& base) {
    SuiteFigures f;
    f.n = cases.size();
    for (const Case& c : cases) {
        SearchRequest r;
        r.db = db;
        r.query = c.query;
        r.related = false;
        r.facets = false;
        auto res = search(r);
        // Ranked as the page shows them: the matches, then the passages
        // with some of the words that fill a short page (labelled as such).
        int rank = 0, end_line = c.line, shown = 0;
        for (const auto* list : {&res.hits, &res.nearly})
            for (const auto& h : *list) {
                ++shown;
                if (!rank && h.passage.file == c.file && h.passage.line == c.line) rank = shown;
            }
        if (auto p = lookup(db, c.file + ":" + std::to_string(c.line))) end_line = p->end_line;
        f.crib.add(rank);
        f.base.add(base.rank(c, end_line));
        if (rank != 1)
            f.misses += "  rank " + std::to_string(rank) + ": " + c.query + " -> " + c.file + ":" +
                        std::to_string(c.line) + "\n";
    }
    f.crib.finish(f.n);
    f.base.finish(f.n);
    return f;
}

std::string report(const char* name, const SuiteFigures& f) {
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "%s: %zu queries\n            MRR@10  success@1  success@5\n  crib      %.3f   "
                  "%.3f      %.3f\n"
                  "  baseline  %.3f   %.3f      %.3f\n",
                  name, f.n, f.crib.mrr, f.crib.s1, f.crib.s5, f.base.mrr, f.base.s1, f.base.s5);
    std::printf("%s", buf); // shown with ctest -V and in the closing notes
    if (std::getenv("CRIB_RELEVANCE_MISSES")) std::printf("%s", f.misses.c_str());
    return buf;
}

const std::string kSource = CRIB_SOURCE_DIR;

} // namespace

TEST_CASE("relevance suite on content/: MRR@10 >= 0.9", "[relevance]") {
    auto cases =
        load_cases("content.tsv", [](const std::string& f) { return kSource + "/content/" + f; });
    REQUIRE(cases.size() >= 60);
    Baseline base(
        {kSource + "/content/qt-interview.txt", kSource + "/content/aws-cloud-engineer-qa.txt"});
    SuiteFigures f = run_suite(cases, content_db(), base);
    std::string buf = report("content", f);
    INFO(buf << "not first:\n" << f.misses);
    CHECK(f.crib.mrr >= 0.9);
    CHECK(f.crib.mrr > f.base.mrr);
}

namespace {

/// A held-out suite's figures: its queries over the format notes and, when
/// ../shared/corpora is there, the public corpora its answers are in
/// (indexed together, so every query competes with every note).
SuiteFigures held_out(const std::string& suite, size_t min_cases, bool& have_corpora) {
    namespace fs = std::filesystem;
    const std::string corpora = kSource + "/../shared/corpora";
    have_corpora = fs::is_directory(corpora);
    auto where = [&](const std::string& f) -> std::string {
        if (f.rfind("formats/", 0) == 0) return kSource + "/tests/formats/notes/" + f.substr(8);
        return have_corpora ? corpora + "/" + f : "";
    };
    auto cases = load_cases(suite, where);
    REQUIRE(cases.size() >= min_cases);
    std::vector<std::string> files;
    std::set<std::string> seen;
    for (const Case& c : cases)
        if (seen.insert(c.file).second) files.push_back(c.file);
    test::TempDir dir;
    IndexOptions o;
    o.db = dir.str() + "/db";
    o.roots = {kSource + "/tests/formats/notes"};
    // The four corpora the suites were written on and their bars measured
    // over.  ../shared/corpora has grown to eleven folders since; with all of
    // them forms.tsv scores 0.924 (the new folders' passages outrank three
    // answers): a figure for the suites those folders get (tests/related,
    // tests/corpora/gold), not a change of crib's.
    if (have_corpora)
        for (const char* folder :
             {"bradbaris__linux-sysadmin-interview-questions", "learning-zone__docker-and-kubernetes-basics",
              "lydiahallie__javascript-questions", "trimstray__test-your-sysadmin-skills"})
            o.roots.push_back(corpora + "/" + folder);
    o.taxonomy = kSource + "/content/crib-topics.conf";
    o.synonyms = kSource + "/content/crib-synonyms.conf";
    run_index(o);
    // The baseline sees every note file crib indexed, not only the expected ones.
    for (const std::string& root : o.roots)
        for (const auto& e : fs::recursive_directory_iterator(root))
            if (e.is_regular_file() && seen.insert(e.path().string()).second &&
                classify_name(e.path().filename().string()) != NameClass::other)
                files.push_back(e.path().string());
    Baseline base(files);
    return run_suite(cases, o.db, base);
}

/// One held-out suite, and the bars under the figures measured when it
/// landed (see README), so that a ranking change that loses on notes
/// nobody tuned against fails.
struct HeldOut {
    const char* file;   ///< in tests/relevance/
    const char* name;   ///< in the report
    size_t min_cases;   ///< with the format notes alone
    double bar;         ///< MRR@10 with the public corpora
    double formats_bar; ///< MRR@10 with the format notes alone
};

/// Runs a held-out suite, reports it and checks its bars.
void check_held_out(const HeldOut& h) {
    bool have_corpora = false;
    SuiteFigures f = held_out(h.file, h.min_cases, have_corpora);
    std::string buf = report(
        (std::string(h.name) + (have_corpora ? " (corpora + formats)" : " (formats only)")).c_str(),
        f);
    INFO(buf << "not first:\n" << f.misses);
    CHECK(f.crib.mrr >= (have_corpora ? h.bar : h.formats_bar));
    CHECK(f.crib.mrr > f.base.mrr);
}

} // namespace

TEST_CASE("relevance on notes nobody tuned against (tests/relevance/unseen.tsv)", "[relevance]") {
    // Written, with its answers, before crib ran on it: the four public
    // corpora (when ../shared/corpora is there) and the format notes.
    check_held_out({"unseen.tsv", "unseen", 70, kUnseenBar, kUnseenFormatsBar});
}

TEST_CASE("relevance of words as people type them (tests/relevance/forms.tsv)", "[relevance]") {
    // Capitals, other word forms, "phrases", wildcards, q:/a: fields and
    // punctuation, on the same notes as unseen.tsv; also written before crib
    // ran on it.
    check_held_out({"forms.tsv", "forms", 30, kFormsBar, kFormsFormatsBar});
}
