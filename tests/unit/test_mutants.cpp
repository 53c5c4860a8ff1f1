// One test per one-line bug that once passed the whole suite (issue 28's
// mutation run): each fails with the bug put back and passes without it.
#include "helpers.hpp"
#include "index/document.hpp"
#include "index_fixture.hpp"
#include "search/search.hpp"
#include "writer/index_run.hpp"

#include <algorithm>

using namespace crib;

namespace {

const Passage* with_question(const std::vector<Passage>& ps, const std::string& q) {
    for (const Passage& p : ps)
        if (p.question == q) return &p;
    return nullptr;
}

std::vector<Hit> hits_for(const SearchRequest& base) {
    SearchRequest r = base;
    r.related = r.snippets = false;
    r.corrections = false;
    return search(r).hits;
}

} // namespace

TEST_CASE("numbered headings ask when exactly a third of them ask (detectors one-third boundary)",
          "[mutants]") {
    // Three numbered headings, one of them asking: 1 * 3 >= 3, so the number
    // is trusted and every numbered heading is a question of the quiz.
    auto ps = test::parse("# Notes\n\n## 1. Pods\nsmallest unit of work.\n\n"
                          "## 2. Services\nstable names for pods.\n\n"
                          "## 3. What is a volume?\nstorage for pods.\n");
    const Passage* pods = with_question(ps, "Pods");
    REQUIRE(pods);
    CHECK(pods->kind == "question");
    // Four numbered headings, one asking: 1 * 3 < 4, a numbered tutorial.
    auto steps = test::parse("# Guide\n\n## 1. Install\nrun it.\n\n## 2. Configure\nedit it.\n\n"
                             "## 3. Deploy\nship it.\n\n## 4. What is next?\nmore.\n");
    const Passage* install = with_question(steps, "Install");
    REQUIRE(install);
    CHECK(install->kind == "section");
}

TEST_CASE("a CSV card keeps its doubled quotes as one quote (reader_cards escape)", "[mutants]") {
    auto ps = test::parse("\"What does \"\"idempotent\"\" mean?\",\"The \"\"same\"\" result, "
                          "however often.\"\nWhat is a pod?,The smallest unit.\n",
                          "deck.csv");
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].question == "What does \"idempotent\" mean?");
    CHECK(ps[0].answer == "The \"same\" result, however often.");
    CHECK(ps[1].question == "What is a pod?");
}

TEST_CASE("a word only in a passage's heading path finds it (document heading terms)",
          "[mutants]") {
    test::TempDir d;
    // ("### Problem" would be a label of the scenario's answer, issue 22: a
    // sub-heading that is a topic of its own keeps its passage.)
    d.write("notes/k8s.md", "# Troubleshooting\n\n## Scenario four\n\n### Pending workloads\n"
                            "The workload never starts and waits forever.\n");
    std::string db = test::index_notes(d);
    SearchRequest r;
    r.db = db;
    r.query = "scenario";
    r.limit = 20;
    auto hits = hits_for(r);
    bool found = std::any_of(hits.begin(), hits.end(), [](const Hit& h) {
        return h.passage.question == "Pending workloads";
    });
    CHECK(found);
}

TEST_CASE("an edit that keeps the length is seen by its mtime (stat list freshness)", "[mutants]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    IndexOptions o = test::notes_options(d);
    run_index(o);
    CHECK_FALSE(index_is_stale(Xapian::Database(o.db)));
    d.write("notes/a.md", "## What is B?\nbravo\n"); // same length
    auto p = d.path / "notes/a.md";
    std::filesystem::last_write_time(p,
                                     std::filesystem::last_write_time(p) + std::chrono::seconds(3));
    CHECK(index_is_stale(Xapian::Database(o.db)));
}

TEST_CASE("several -t topics all apply (topic filters are ANDed)", "[mutants]") {
    SearchRequest r;
    r.db = content_db();
    r.query = "what";
    r.limit = 1000;
    r.topics = {"kubernetes"};
    size_t k8s = hits_for(r).size();
    r.topics = {"kubernetes", "docker"};
    auto both = hits_for(r);
    REQUIRE_FALSE(both.empty());
    CHECK(both.size() < k8s);
    for (const Hit& h : both) {
        const auto& t = h.passage.topics;
        CHECK(std::count(t.begin(), t.end(), "kubernetes") == 1);
        CHECK(std::count(t.begin(), t.end(), "docker") == 1);
    }
}

TEST_CASE("three asking headings make the headings carry the questions (detectors structured "
          "threshold)",
          "[mutants]") {
    // Three question headings are enough: a question-like line in an answer
    // stays in that answer instead of starting a passage of its own.
    auto ps =
        test::parse("## What is a pod?\nThe smallest unit.\n\n"
                    "Why does this matter for scheduling?\nBecause pods are scheduled whole.\n\n"
                    "## What is a service?\nA stable name.\n\n"
                    "## What is a volume?\nStorage for pods.\n");
    REQUIRE(ps.size() == 3);
    CHECK(ps[0].question == "What is a pod?");
    CHECK(ps[0].answer.find("scheduled whole") != std::string::npos);
}

TEST_CASE("a front-matter title repeated as the first heading is one heading (detectors heading "
          "path)",
          "[mutants]") {
    auto ps = test::parse("---\ntitle: Kubernetes\n---\n\n# Kubernetes\n\n"
                          "## What is a pod?\nThe smallest unit.\n");
    const Passage* pod = with_question(ps, "What is a pod?");
    REQUIRE(pod);
    CHECK(pod->headings == std::vector<std::string>{"Kubernetes"});
}

TEST_CASE("a card export with CRLF line ends keeps no CR in its fields (reader_cards CR)",
          "[mutants]") {
    // Anki on Windows and spreadsheet CSV write "\r\n": the CR is not part of
    // the last field, or a tag "k8s\r" names no topic and answers end in it.
    auto deck = test::parse("#separator:tab\r\n#html:false\r\n#tags column:3\r\n"
                            "What is a pod?\tThe smallest unit.\tk8s\r\n"
                            "What is a node?\tA machine.\tk8s\r\n",
                            "deck.txt");
    REQUIRE(deck.size() == 2);
    for (const Passage& p : deck) {
        CHECK(p.tags == std::vector<std::string>{"k8s"});
        CHECK(p.answer.find('\r') == std::string::npos);
    }
    auto csv = test::parse("What is a pod?,The smallest unit.\r\nWhat is a node?,A machine.\r\n",
                           "deck.csv");
    REQUIRE(csv.size() == 2);
    CHECK(csv[1].answer == "A machine.");
}

TEST_CASE("an org COMMENT heading is read without its keyword (reader_org COMMENT)", "[mutants]") {
    auto ps =
        test::parse("* COMMENT What is a pod?\nThe smallest unit.\n* What is a node?\nA machine.\n",
                    "notes.org");
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].question == "What is a pod?");
    CHECK(ps[0].answer == "The smallest unit.");
}

TEST_CASE("an rst code-block is code, not questions (reader_rst code-block)", "[mutants]") {
    auto ps = test::parse("Pods\n====\n\nWhat is a pod?\n--------------\n\nThe smallest unit.\n\n"
                          ".. code-block:: yaml\n\n   # Why is this a field?\n   kind: Pod\n\n"
                          "What is a node?\n---------------\n\nA machine.\n",
                          "notes.rst");
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].question == "What is a pod?");
    CHECK(ps[0].answer.find("```yaml\n# Why is this a field?\nkind: Pod\n```") !=
          std::string::npos);
    CHECK(ps[1].question == "What is a node?");
}

TEST_CASE("an AsciiDoc level-6 title is a heading (reader_asciidoc six levels)", "[mutants]") {
    auto ps = test::parse("= Guide\n\n===== Workloads\n\nThings that run.\n\n====== Pods\n\n"
                          "A pod is the smallest unit.\n",
                          "notes.adoc");
    const Passage* pods = with_question(ps, "Pods");
    REQUIRE(pods);
    CHECK(pods->headings == std::vector<std::string>{"Guide", "Workloads"});
    CHECK(pods->answer == "A pod is the smallest unit.");
}

TEST_CASE("an AsciiDoc term with four colons is a term (reader_asciidoc term lists)", "[mutants]") {
    auto ps = test::parse("= Guide\n\nWhat is a pod?::::\n  The smallest unit.\n\n"
                          "What is a node?::::\n  A machine.\n",
                          "notes.adoc");
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].question == "What is a pod?");
    CHECK(ps[0].answer == "The smallest unit.");
    CHECK(ps[1].question == "What is a node?");
}

TEST_CASE("front matter 'tag:' tags the passages as 'tags:' does (reader_markdown tag key)",
          "[mutants]") {
    auto ps = test::parse("---\ntag: k8s\n---\n\n## What is a pod?\nThe smallest unit.\n");
    REQUIRE(ps.size() == 1);
    CHECK(std::count(ps[0].tags.begin(), ps[0].tags.end(), "k8s") == 1);
}

TEST_CASE("a plain-text title of ten words is a title (reader_text title length)", "[mutants]") {
    auto ps =
        test::parse("What is the difference between a pod and a node?\n"
                    "=================================================\n\n"
                    "A pod runs on a node.\n\nWhat is a volume?\n=================\n\nStorage.\n",
                    "notes.txt");
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].question == "What is the difference between a pod and a node?");
    CHECK(ps[0].answer == "A pod runs on a node.");
}

TEST_CASE("a stored passage record with bytes after its fields is damaged (document decode)",
          "[mutants]") {
    Passage p;
    p.file = "notes/k8s.md";
    p.line = 3;
    p.end_line = 4;
    p.kind = "question";
    p.question = "What is a pod?";
    p.answer = "The smallest unit.";
    Passage back;
    REQUIRE(decode_passage(encode_passage(p), back));
    CHECK(back.question == p.question);
    CHECK_FALSE(decode_passage(encode_passage(p) + "3:xyz", back));
}

TEST_CASE("an edit that keeps the length is re-indexed by its mtime (index run unchanged files)",
          "[mutants]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    IndexOptions o = test::notes_options(d);
    run_index(o);
    d.write("notes/a.md", "## What is B?\nbravo\n"); // same length
    auto p = d.path / "notes/a.md";
    std::filesystem::last_write_time(p,
                                     std::filesystem::last_write_time(p) + std::chrono::seconds(3));
    IndexStats s = run_index(o);
    CHECK(s.files_unchanged == 0);
    SearchRequest r;
    r.db = o.db;
    r.query = "bravo";
    auto hits = hits_for(r);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].passage.question == "What is B?");
}

TEST_CASE("a correction into stop words is no correction (prepare drops it)", "[mutants]") {
    // "whicch" is nearest "which", a stop word: searching "statefulset
    // which" is searching what was typed, so no "corrected from" is shown.
    SearchRequest r;
    r.db = content_db();
    r.query = "statefulset whicch";
    r.related = r.snippets = false;
    CHECK_FALSE(search(r).corrected.has_value());
}

TEST_CASE("a question beats a section of the same title when the query asks (rank section "
          "halved)",
          "[mutants]") {
    test::TempDir d;
    // The section says "pod" more often (a higher BM25); asked "what is a
    // pod", its title bonus is halved and the question comes first.
    d.write("notes/k8s.md",
            "## Pods\n\nA pod groups containers. Each pod gets an address, and pods are "
            "scheduled onto nodes as one unit; a pod that fails is replaced by a new pod.\n\n"
            "## What is a pod?\n\nThe smallest deployable unit.\n");
    std::string db = test::index_notes(d);
    SearchRequest r;
    r.db = db;
    r.query = "what is a pod";
    auto hits = hits_for(r);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].passage.question == "What is a pod?");
}

TEST_CASE("a snippet shows & as written and not as HTML escapes (snippet unescapes amp)",
          "[mutants]") {
    test::TempDir d;
    d.write("notes/sh.md", "## What does && do in a shell?\n\nRuns the second command only "
                           "if the first succeeds: make && make install, R&D style.\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "second command";
    r.related = r.corrections = false;
    auto hits = search(r).hits;
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].snippet.find("make && make install, R&D") != std::string::npos);
    CHECK(hits[0].snippet.find("&amp;") == std::string::npos);
}

TEST_CASE("a snippet prefers matching prose to matching code (snippet prose first)", "[mutants]") {
    test::TempDir d;
    d.write("notes/k8s.md", "## How do I scale a deployment?\n\nSet the replicas you want; the "
                            "controller starts or stops pods.\n\n```sh\nkubectl scale "
                            "deployment web --replicas=3\n```\n");
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = "replicas";
    r.related = r.corrections = false;
    auto hits = search(r).hits;
    REQUIRE(hits.size() == 1);
    CHECK_FALSE(hits[0].snippet_code);
    CHECK(hits[0].snippet.find("Set the replicas you want") != std::string::npos);
}
