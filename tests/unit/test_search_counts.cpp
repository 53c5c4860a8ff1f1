// Counts and facets that stay exact (copies, large matches, updates in place)
// and errors of a damaged index (split from test_search.cpp).
#include "index/schema.hpp"
#include "index_fixture.hpp"
#include "search/reopen.hpp"
#include "search/search.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <tuple>

using namespace crib;

namespace {
/// Writes `files` note files of `per_file` passages: passage(f, q) is the
/// text of passage q of file f, name(f) the file's path in `d`.
void write_notes(
    test::TempDir& d, int files, int per_file, const std::function<std::string(int, int)>& passage,
    const std::function<std::string(int)>& name = [](int f) {
        return "notes/f" + std::to_string(f) + ".md";
    }) {
    for (int f = 0; f < files; ++f) {
        std::string text;
        for (int q = 0; q < per_file; ++q)
            text += passage(f, q);
        d.write(name(f), text);
    }
}
} // namespace

namespace {
/// A small index of its own, for tests that damage it.
std::string small_index(const test::TempDir& d) {
    d.write("notes/a.md", "## What is a pod?\nsmallest unit\n\n## What is docker?\ncontainers\n");
    return test::index_notes(d);
}
} // namespace

TEST_CASE("a damaged index is an error with the rebuild hint, not hits with empty ids",
          "[search][regression]") {
    test::TempDir d;
    std::string db = small_index(d);
    SearchRequest r;
    r.db = db;
    r.query = "docker";
    REQUIRE(search(r).hits.size() == 1);
    SECTION("docdata.glass deleted") {
        std::filesystem::remove(db + "/docdata.glass");
        CHECK_THROWS_WITH(search(r), Catch::Contains("is damaged (docdata.glass is missing)") &&
                                         Catch::Contains("crib-index --rebuild"));
        CHECK_THROWS_AS(lookup(db, "notes/a.md:4"), IndexDamagedError);
        IndexOptions o;
        o.db = db;
        CHECK_THROWS_AS(run_index(o), IndexDamagedError);
    }
    SECTION("postlist.glass truncated") {
        std::filesystem::resize_file(db + "/postlist.glass",
                                     std::filesystem::file_size(db + "/postlist.glass") - 100);
        CHECK_THROWS_WITH(search(r),
                          Catch::Contains("is damaged") && Catch::Contains("crib-index --rebuild"));
    }
    SECTION("a record that does not decode") {
        {
            Xapian::WritableDatabase w(db);
            Xapian::Document doc = w.get_document(1);
            doc.set_data("garbage");
            w.replace_document(1, doc);
            w.commit();
        }
        r.query = "pod docker";
        CHECK_THROWS_WITH(search(r), Catch::Contains("passage record 1 cannot be read") &&
                                         Catch::Contains("crib-index --rebuild"));
    }
}

TEST_CASE("show: a relative id failed when notes were indexed by absolute path",
          "[search][regression]") {
    // content_db() indexes CRIB_SOURCE_DIR/content by its absolute path.
    namespace fs = std::filesystem;
    fs::path abs = fs::path(CRIB_SOURCE_DIR) / "content" / "qt-interview.txt";
    std::string rel = fs::relative(abs, fs::current_path()).string();
    auto p = lookup(content_db(), rel + ":7");
    REQUIRE(p);
    CHECK(p->question == "what is statefulset ?");
    // A line anywhere inside the passage finds it too (an editor's cursor line).
    auto inside = lookup(content_db(), abs.string() + ":9");
    REQUIRE(inside);
    CHECK(inside->line == 7);
    CHECK_FALSE(lookup(content_db(), rel + ":100000"));
}

TEST_CASE("copies ranked below the first fetch still collapse, and counts stay exact",
          "[search][regression]") {
    // Collapsing moved from Xapian (a value read per candidate: half a
    // query's CPU on 600k passages) to crib, over the fetched top; copies
    // beyond it must not leak in as extra hits or inflate the total.
    test::TempDir d;
    std::string many;
    for (int i = 0; i < 40; ++i) // 40 distinct questions that mention quokka once
        many += "## What is marsupial fact " + std::to_string(i) + "?\nA quokka fact number " +
                std::to_string(i) + " about islands and marsupials and more words here.\n\n";
    d.write("notes/facts.md", many);
    for (int f = 0; f < 90; ++f) // one question copied into 90 files
        d.write("notes/copy" + std::to_string(f) + ".md",
                "## What does a quokka eat?\nLeaves of shrubs; quokka quokka.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "quokka";
    r.facets = false;
    r.related = false;
    r.limit = 1000;
    auto all = search(r);
    CHECK(all.total == 41);
    REQUIRE(all.hits.size() == 41);
    size_t eat = 0;
    for (const Hit& h : all.hits)
        eat += h.passage.question == "What does a quokka eat?";
    CHECK(eat == 1);
    r.limit = 0;
    CHECK(search(r).total == 41);
    r.all = true;
    r.limit = 1000;
    CHECK(search(r).total == 130);
    r.all = false;
    r.limit = 10; // the copy ranks first; its also_in names the other 89
    auto top = search(r);
    REQUIRE_FALSE(top.hits.empty());
    CHECK(top.hits[0].passage.question == "What does a quokka eat?");
    CHECK(top.hits[0].also_in.size() >= 19);
}

TEST_CASE("many copies of one question made the total count copies and differ by sort",
          "[search][regression]") {
    // Review of the crib-side collapse: exact counting was decided on the
    // raw match (1,165 with copies), so -c said 1,165 and --sort file 66.
    test::TempDir d;
    for (int f = 0; f < 1100; ++f)
        d.write("notes/c" + std::to_string(f) + ".md", "## What is a wombat?\nA marsupial.\n");
    std::string distinct;
    for (int i = 0; i < 65; ++i)
        distinct += "## Wombat fact " + std::to_string(i) + "?\nwombat detail " +
                    std::to_string(i) + "\n\n";
    d.write("notes/facts.md", distinct);
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "wombat";
    r.related = false;
    for (size_t limit : {size_t(0), size_t(10), size_t(100000)})
        for (auto sort : {SearchRequest::Sort::relevance, SearchRequest::Sort::file}) {
            r.limit = limit;
            r.sort = sort;
            auto res = search(r);
            INFO("limit " << limit << " sort " << int(sort));
            CHECK(res.total == 66);
            CHECK(res.hits.size() == std::min<size_t>(limit, 66));
            if (r.facets && !res.facets.empty()) CHECK(res.facets.front().second <= 66);
        }
}

TEST_CASE("related questions ran dry when the top hit had many copies", "[search][regression]") {
    test::TempDir d;
    // 15 copies of the top hit: more than the window the related match read
    // when shown copies were only skipped after it.
    for (int f = 0; f < 15; ++f)
        d.write("notes/copy" + std::to_string(f) + ".md",
                "## What is a kubernetes pod?\nThe smallest deployable unit of kubernetes.\n");
    std::string other;
    for (int i = 0; i < 40; ++i)
        other += "## What is cloud service " + std::to_string(i) + "?\nA managed offering number " +
                 std::to_string(i) + ".\n\n";
    d.write("notes/other.md", other);
    d.write(
        "notes/pods.md",
        "## How do pods share a network namespace?\nContainers of a pod share localhost.\n\n"
        "## What is a pod disruption budget?\nLimits voluntary disruptions of kubernetes pods.\n\n"
        "## How do you restart a pod?\nDelete it; its deployment makes a new kubernetes pod.\n\n"
        "## What is a static pod?\nA pod the kubelet runs from a manifest file.\n\n"
        "## What is an init container in a pod?\nIt runs before the app containers of a pod.\n\n"
        "## Why is my pod pending?\nNo kubernetes node has room for the pod.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "what is a kubernetes pod";
    r.limit = 1;
    auto res = search(r);
    REQUIRE(res.hits.size() == 1);
    CHECK(res.hits[0].passage.question == "What is a kubernetes pod?");
    // The copies match the feedback words best; they used to fill the whole
    // window read, leaving nothing.  Now they are excluded in the match.
    CHECK_FALSE(res.related.empty());
    for (const Related& rel : res.related)
        CHECK(rel.question != "What is a kubernetes pod?");
}

TEST_CASE("also_in listed the hit itself when several indexes were searched",
          "[search][regression]") {
    // Document::get_docid() is the docid inside one index, not the combined one.
    test::TempDir a, b;
    a.write("notes/k.md",
            "## What is a node?\nA machine.\n\n## What is a service?\nA stable name.\n\n"
            "## What is a pod?\nThe smallest unit.\n");
    b.write("notes/k.md",
            "## What is a pod?\nThe smallest unit.\n\n## What is a deployment?\nReplicas.\n");
    SearchRequest r;
    r.db = IndexSet(std::vector<std::string>{test::index_notes(a), test::index_notes(b)});
    r.query = "pod";
    r.related = false;
    auto res = search(r);
    REQUIRE(res.hits.size() == 1);
    REQUIRE(res.hits[0].also_in.size() == 1);
    CHECK(res.hits[0].also_in[0] != res.hits[0].id);
    CHECK(res.total == 1);
}

TEST_CASE("snippets flattened code and tables into one line", "[search][snippet][regression]") {
    // Issue 12: "yaml apiVersion: v1 kind: Service…" as a snippet.
    test::TempDir d;
    d.write("notes/a.md", "## How do I expose a service?\nWrite a manifest and apply it.\n\n"
                          "```yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
                          "spec:\n  type: NodePort\n```\n\n"
                          "## Service types\n\n| type | reachable |\n|---|---|\n"
                          "| ClusterIP | inside |\n| LoadBalancer | outside |\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.related = false;
    r.query = "manifest";
    auto prose = search(r);
    REQUIRE(prose.hits.size() == 1);
    CHECK_FALSE(prose.hits[0].snippet_code);
    CHECK(prose.hits[0].snippet == "Write a manifest and apply it.");
    r.query = "metadata";
    auto code = search(r);
    REQUIRE(code.hits.size() == 1);
    CHECK(code.hits[0].snippet_code);
    CHECK(code.hits[0].snippet == "metadata:\n  name: web\nspec:");
    REQUIRE(code.hits[0].snippet_spans.size() == 1);
    CHECK(code.hits[0].snippet_spans[0].start == 0);
    CHECK(code.hits[0].snippet_spans[0].end == 8);
    r.query = "loadbalancer";
    auto table = search(r);
    REQUIRE(table.hits.size() == 1);
    CHECK(table.hits[0].snippet_code);
    CHECK(table.hits[0].snippet == "| LoadBalancer | outside |");
}

TEST_CASE("counting a match on an index updated in place reported damage", "[search][regression]") {
    // The exact count scans the match in docid order; weighted with
    // BoolWeight, Xapian 1.4.22 threw "Unexpected end of posting list" on
    // posting lists that in-place updates had rewritten, and crib said
    // "the index is damaged" for `crib -c marker` (xapian-check: no errors).
    test::TempDir d;
    std::string db;
    for (std::string v : {"0", "10", "200"}) {
        write_notes(d, 40, 30, [&](int f, int q) {
            return "## What is item" + std::to_string(q) + " of file" + std::to_string(f) + " v" +
                   v + "?\nanswer text v" + v + " about marker topics " + std::to_string(q) +
                   "\n\n";
        });
        db = test::index_notes(d);
    }
    SearchRequest r;
    r.db = db;
    r.query = "marker";
    r.limit = 0;
    r.related = false;
    for (bool facets : {false, true}) {
        r.facets = facets;
        CHECK(search(r).total == 1200);
    }
}

namespace {
/// Index d's notes with the shipped taxonomy: tags become topics only when
/// they name one of its subjects.
std::string index_with_taxonomy(const test::TempDir& d) {
    IndexOptions o = test::notes_options(d);
    o.taxonomy = std::string(CRIB_SOURCE_DIR) + "/content/crib-topics.conf";
    run_index(o);
    return o.db;
}
} // namespace

TEST_CASE("facets of a match too large to count are scaled from the best passages", "[search]") {
    // Beyond kExactScan (4,000) matching passages, total is Xapian's estimate
    // and the facets count the best passages, said as such.
    test::TempDir d;
    write_notes(d, 41, 100, [](int f, int q) {
        int n = f * 100 + q;
        return "## What is wombat fact " + std::to_string(n) + "?\nwombat detail " +
               std::to_string(n) + (n % 4 ? " #docker" : " #kubernetes") + "\n\n";
    });
    SearchRequest r;
    r.db = index_with_taxonomy(d); // the tags name subjects of the shipped taxonomy
    r.query = "wombat";
    r.related = false;
    auto res = search(r);
    CHECK_FALSE(res.exact);
    CHECK(res.total >= 4000);
    CHECK(res.total <= 4200);
    REQUIRE(res.facets_of > 0);
    CHECK(res.facets_of <= 30);
    std::map<std::string, size_t> facets(res.facets.begin(), res.facets.end());
    REQUIRE(facets.count("docker")); // tags that name subjects are topics
    CHECK(facets["docker"] <= res.facets_of);
    CHECK(facets["docker"] >= facets["kubernetes"]);
    // A smaller match is exact, and says so.
    r.topics = {"kubernetes"};
    r.limit = 3;
    auto small = search(r);
    CHECK(small.exact);
    CHECK(small.total == 1025);
    CHECK(small.facets_of == small.total);
}

TEST_CASE("estimated topic counts were scaled from the best passages and overstated their topic",
          "[search][regression]") {
    // New-user trial: "commonword terraform" over 6,000 passages said
    // "terraform 3600" where 12 passages have it (the best passages are the
    // ones about the query).  Now: "topics of the best 20: terraform 12".
    test::TempDir d;
    write_notes(d, 60, 100, [](int f, int q) {
        int n = f * 100 + q;
        return "## What is item " + std::to_string(n) + "?\ncommonword " +
               (n < 12 ? "terraform state #terraform" : "other words #misc") + "\n\n";
    });
    SearchRequest r;
    r.db = index_with_taxonomy(d);
    r.query = "commonword OR terraform"; // every passage: a match too large to count
    r.related = false;
    auto res = search(r);
    REQUIRE_FALSE(res.exact);
    std::map<std::string, size_t> facets(res.facets.begin(), res.facets.end());
    REQUIRE(facets.count("terraform"));
    CHECK(facets["terraform"] <= 12);
    CHECK(res.facets_of <= 30);
}

TEST_CASE("facets of a large match with --sort file came from the first files instead of the best "
          "passages",
          "[search][regression]") {
    // The estimate beyond kExactScan samples the best passages; with --sort
    // file the fetched top is the alphabetically first files.
    test::TempDir d;
    // a-files: sorted first, weakly matching, their own topic.
    auto first = [](int f) { return f < 5; };
    write_notes(
        d, 45, 100,
        [&](int f, int q) {
            return "## What is wombat fact " + std::to_string(f * 100 + q) + "?\n" +
                   (first(f) ? "a long answer with many other words about burrows and grass and "
                               "marsupials and islands, wombat once #aws\n\n"
                             : "wombat wombat wombat #linux\n\n");
        },
        [&](int f) {
            return std::string("notes/") + (first(f) ? "a" : "b") + std::to_string(f) + ".md";
        });
    SearchRequest r;
    r.db = index_with_taxonomy(d);
    r.query = "wombat";
    r.related = false;
    r.limit = 5;
    auto rel = search(r);
    r.sort = SearchRequest::Sort::file;
    auto by_file = search(r);
    REQUIRE(rel.total > 4000);
    CHECK(by_file.facets == rel.facets);
    REQUIRE_FALSE(rel.facets.empty());
    CHECK(rel.facets.front().first == "linux");
}

TEST_CASE("facets: a passage and its copies count once for each topic they have", "[search]") {
    // Three copies of one question tagged docker, and one other question
    // tagged docker and kubernetes: two passages, docker 2, kubernetes 1.
    test::TempDir d;
    d.write("notes/a.md", "## What is a wombat volume?\nwombat storage #docker\n");
    d.write("notes/b.md", "## What is a wombat volume?\nwombat storage #docker\n");
    d.write("notes/c.md", "## What is a wombat volume?\nwombat storage #docker\n");
    d.write("notes/d.md", "## What is a wombat image?\nwombat layers #docker #kubernetes\n");
    SearchRequest r;
    r.db = index_with_taxonomy(d);
    r.query = "wombat";
    r.related = false;
    auto res = search(r);
    CHECK(res.total == 2);
    std::map<std::string, size_t> facets(res.facets.begin(), res.facets.end());
    CHECK(facets["docker"] == 2);
    CHECK(facets["kubernetes"] == 1);
    r.all = true; // --all: every copy counts
    auto all = search(r);
    CHECK(all.total == 4);
    std::map<std::string, size_t> every(all.facets.begin(), all.facets.end());
    CHECK(every["docker"] == 4);
}

TEST_CASE("an estimated total counts copies out by their share of the fetched top, not of the page",
          "[search]") {
    // 8,200 passages, each question twice in a row: about 4,100 distinct.
    // The first match grows while copies leave the page short; the share of
    // distinct passages is taken over all it fetched (a cap on the distinct
    // ones, meant for a match fetched whole to be counted, halved it).
    test::TempDir d;
    write_notes(d, 82, 100, [](int f, int q) {
        int n = (f * 100 + q) / 2;
        return "## What is wombat fact " + std::to_string(n) + "?\nwombat detail " +
               std::to_string(n) + "\n\n";
    });
    SearchRequest r;
    r.db = index_with_taxonomy(d);
    r.query = "wombat";
    r.related = false;
    auto res = search(r);
    REQUIRE_FALSE(res.exact);
    CHECK(res.total >= 3500);
    CHECK(res.total <= 4700);
}

TEST_CASE("a match fetched whole to be counted keeps the re-rank of a one-hit page", "[search]") {
    // 31 passages: more than the first match would fetch, so it is fetched
    // whole for the count.  "What is a wombat?" is 13th by BM25 and first
    // after the re-rank; the copies dropped from that whole match must
    // still reach the re-rank depth, not stop at the page (-n 1).
    test::TempDir d;
    write_notes(d, 1, 30, [](int, int q) {
        std::string n = std::to_string(q);
        return q < 12
                   ? "## Note " + n + " on marsupials?\nwombat wombat wombat burrow " + n + "\n\n"
                   : "## Note " + n +
                         " on animals?\nthe wombat lives in a long burrow with many other "
                         "things around it here and there " +
                         n + "\n\n";
    });
    d.write("notes/b.md", "## What is a wombat?\nA marsupial of Australia, short and strong, that "
                          "digs with its claws and sleeps in the day.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "wombat";
    r.related = false;
    for (size_t limit : {1, 5, 25}) {
        r.limit = limit;
        auto res = search(r);
        CAPTURE(limit);
        REQUIRE_FALSE(res.hits.empty());
        CHECK(res.hits[0].passage.question == "What is a wombat?");
        CHECK(res.total == 31);
        CHECK(res.exact);
    }
}
