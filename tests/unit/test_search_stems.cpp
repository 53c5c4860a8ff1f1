// Search over an index that holds each word as its stem: wildcards, phrases
// and truncated words still find and mark what was typed (split from
// test_search.cpp).
#include "index/schema.hpp"
#include "index_fixture.hpp"
#include "search/query_parser.hpp"
#include "search/search.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace crib;

namespace {
/// The text of each marked span of a hit's snippet, lower case.
std::vector<std::string> marked(const Hit& h) {
    std::vector<std::string> out;
    for (const auto& s : h.snippet_spans) {
        std::string w = h.snippet.substr(s.start, s.end - s.start);
        std::transform(w.begin(), w.end(), w.begin(), ::tolower);
        out.push_back(w);
    }
    return out;
}
} // namespace

TEST_CASE("the index holds each word once, as its stem: no unstemmed copies", "[search][index]") {
    test::TempDir d;
    d.write("notes/k.md", "## Why do Pods restart?\nThe kubelet restarts containers that crash.\n");
    Xapian::Database db(test::index_notes(d));
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        unsigned char c = static_cast<unsigned char>((*t)[0]);
        INFO(*t);
        CHECK_FALSE(
            (c >= 'a' && c <= 'z')); // free text is "Z" + stem; fields and filters are upper case
    }
    CHECK(db.get_termfreq("Zrestart") == 1);
    CHECK(db.get_termfreq("ZXQpod") == 1);
    // The spelling table still learns words as written, for corrections.
    std::map<std::string, Xapian::doccount> spelling;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
        spelling[*w] = w.get_termfreq();
    CHECK(spelling["restarts"] == 1);
    CHECK(spelling["kubelet"] == 1);
    CHECK(spelling.count("contain") == 0); // the stem of "containers" is not a word
}

TEST_CASE("a wildcard longer than the stem found nothing: decorat* missed decorators",
          "[search][regression]") {
    test::TempDir d;
    d.write("notes/p.md", "## What are decorators in Python?\nFunctions that wrap functions.\n\n"
                          "## What is a generator?\nA function that yields.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    for (auto [q, want] : std::vector<std::pair<std::string, std::string>>{
             {"decorat*", "What are decorators in Python?"},    // stem "decor" is shorter
             {"Decorators*", "What are decorators in Python?"}, // the whole word, capitalised
             {"q:generat*", "What is a generator?"},
             {"yield*", "What is a generator?"}}) {
        r.query = q;
        auto res = search(r);
        INFO(q);
        REQUIRE(res.total == 1);
        CHECK(res.hits[0].passage.question == want);
    }
    r.query = "q:yield*"; // the question field alone
    CHECK(search(r).total == 0);
}

TEST_CASE("a phrase marked nothing in snippets once the index held only stems",
          "[search][snippet][regression]") {
    test::TempDir d;
    d.write("notes/k.md", "## What is a DaemonSet?\nIt keeps pods running on every node, and "
                          "the scheduler places the running pods.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "\"running pods\"";
    auto res = search(r);
    REQUIRE(res.total == 1);
    auto words = marked(res.hits[0]);
    CHECK(std::count(words.begin(), words.end(), "running") >= 1);
    CHECK(std::count(words.begin(), words.end(), "pods") >= 1);
    // A phrase matches other forms of its words, as single words do.
    r.query = "\"run pod\"";
    CHECK(search(r).total == 1);
}

TEST_CASE("a wildcard marked nothing in snippets once the index held only stems: kube*",
          "[search][snippet][regression]") {
    test::TempDir d;
    d.write("notes/k.md", "## What runs containers?\nKubernetes schedules the pods; the kubelet "
                          "starts them. Docker builds images.\n"
                          "## What builds images?\nDocker, with a Dockerfile.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "kube*";
    auto res = search(r);
    REQUIRE(res.total == 1);
    auto words = marked(res.hits[0]);
    CHECK(std::count(words.begin(), words.end(), "kubernetes") == 1);
    CHECK(std::count(words.begin(), words.end(), "kubelet") == 1);
    CHECK(std::count(words.begin(), words.end(), "docker") == 0);
    // Only what the wildcard matched in the shown passage: "docker* NOT kube*"
    // marks Docker and nothing the excluded wildcard stands for.
    r.query = "docker* NOT kube*";
    res = search(r);
    REQUIRE(res.total == 1);
    words = marked(res.hits[0]);
    CHECK(std::count(words.begin(), words.end(), "docker") == 1);
    CHECK(std::count(words.begin(), words.end(), "dockerfile") == 1);
}

TEST_CASE("stem_wildcards rewrites word* outside quotes and gives the query back for display",
          "[search][syntax]") {
    for (const std::string q :
         {"kube* pods", "q:kube* -a:dock* (helm*)", "+Decorat* python", "\"not* in quotes\" x*",
          "topic:k8s* file:*.md *", "a.b* c-d*", "q:(state* OR (decorat*)) a:(-x* y)",
          "q:kube* topic:(k8s* OR helm*) z*", "\u201cnot* in\u201d x*", "((()))*"}) {
        INFO(q);
        CHECK(unstem_wildcards(stem_wildcards(q)) == q);
    }
    CHECK(stem_wildcards("kube* pods") != "kube* pods");
    CHECK(stem_wildcards("\"kube* pods\"") == "\"kube* pods\"");
    CHECK(stem_wildcards("topic:kube*") == "topic:kube*"); // a filter: as written
    CHECK(stem_wildcards("a.b*") == "a.b*");               // not one word: as written
    CHECK(unstem_wildcards(stem_wildcards("question:kube*")) == "q:kube*"); // the short name
    // Typographic quotes are quotes to Xapian too.
    CHECK(stem_wildcards("\u201ckube* pods\u201d") == "\u201ckube* pods\u201d");
    // The field of a group applies to the wildcards in it.
    std::vector<std::string> patterns;
    stem_wildcards("q:(state* OR (Decorat*)) kube* topic:(k8s*) a:helm*", &patterns);
    CHECK(patterns == std::vector<std::string>{"ZXQstate", "ZXQdecorat", "Zkube", "ZXAhelm"});
    // A phrase in a group leaves the group's field to the wildcards after it.
    for (const std::string q :
         {"q:(\"apply\" kube*)", "q:(\u201capply now\u201d kube*) x*", "q:(\"a (b\" kube*) x*"}) {
        INFO(q);
        patterns.clear();
        stem_wildcards(q, &patterns);
        REQUIRE(patterns.size() >= 1);
        CHECK(patterns[0] == "ZXQkube");
        if (patterns.size() > 1) CHECK(patterns[1] == "Zx");
    }
}

TEST_CASE("a field on a group of wildcards applied to none of them: q:(state* OR decorat*)",
          "[search][regression]") {
    test::TempDir d;
    d.write("notes/p.md", "## What are decorators in Python?\nFunctions that wrap state.\n"
                          "## How is state kept?\nIn a store; decorators help.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "q:(decorat*)";
    auto res = search(r);
    REQUIRE(res.total == 1);
    CHECK(res.hits[0].passage.question == "What are decorators in Python?");
    r.query = "q:(stat* OR decorat*)";
    CHECK(search(r).total == 2);
    r.query = "a:(stat*)"; // "state" is in the first answer only
    res = search(r);
    REQUIRE(res.total == 1);
    CHECK(res.hits[0].passage.question == "What are decorators in Python?");
}

TEST_CASE("a wildcard next to NEAR stopped crib with an uncaught Xapian error",
          "[search][regression]") {
    test::TempDir d;
    d.write("notes/k.md", "## What is a kubelet?\nThe agent that runs pods on each node.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    for (const char* q : {"kube* NEAR pods", "pods ADJ kube*", "kube* NEAR/3 agent"}) {
        r.query = q;
        INFO(q);
        CHECK_NOTHROW(search(r));
    }
}

TEST_CASE("a truncated word found nothing once the index held only stems: decorat",
          "[search][regression]") {
    test::TempDir d;
    d.write("notes/p.md", "## What are decorators in Python?\nFunctions that wrap functions.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "decorat"; // the written word starts so; its stem "decor" does not
    auto res = search(r);
    REQUIRE(res.total == 1);
    CHECK(res.hits[0].passage.question == "What are decorators in Python?");
}
