// crib quiz without the command line: session order, a scripted session
// against a real store, and the Anki export's quoting and tags.
#include "helpers.hpp"
#include "index_fixture.hpp"
#include "output/styled.hpp"
#include "prep/quiz.hpp"

#include <algorithm>
#include <sstream>

using namespace crib;

namespace {

DeckCard card(const std::string& question, int line, Phase phase = Phase::fresh,
              long long due = 0) {
    DeckCard c;
    c.card.passage.file = "k8s.md";
    c.card.passage.line = line;
    c.card.passage.question = question;
    c.card.passage.answer = "An answer to " + question + ".";
    c.card.key = card_key("k8s.md", question);
    c.stored.anchor = CardAnchor{c.card.key, "k8s.md", question, line};
    c.stored.state.phase = phase;
    c.stored.state.due = due;
    c.stored.state.ease = phase == Phase::fresh ? 0 : 2500;
    c.stored.state.interval = phase == Phase::review ? 3 : 0;
    return c;
}

constexpr long long kToday = 20000;

} // namespace

TEST_CASE("a session shows due cards, most overdue first, then new ones up to --new", "[quiz]") {
    Deck d;
    d.cards = {card("new one", 1),
               card("due today", 2, Phase::review, kToday),
               card("not due", 3, Phase::review, kToday + 2),
               card("new two", 4),
               card("overdue", 5, Phase::review, kToday - 3),
               card("new three", 6)};
    SessionOptions o;
    o.new_limit = 2;
    Moment now{kToday * 86400 + 6 * 3600, kToday};
    CHECK(session_order(d, now, o) == std::vector<size_t>{4, 1, 0, 3});
    o.new_limit = 0;
    CHECK(session_order(d, now, o) == std::vector<size_t>{4, 1});
}

TEST_CASE("a scripted session stores every answer and brings learning cards back", "[quiz]") {
    test::TempDir dir;
    ReviewStore store(dir.str() + "/r.sqlite");
    Deck d;
    d.cards = {card("What is a pod?", 3), card("What is a node?", 9)};
    SessionOptions o;
    setenv("CRIB_NOW", "1800000000", 1);
    // pod: Good (10 min step); node: Again; pod again: Good (1 day); node: q.
    std::istringstream in("\n3\n\n1\n\n3\n\nq\n");
    std::ostringstream out;
    SessionSummary s = run_session(d, store, in, out, o);
    unsetenv("CRIB_NOW");
    CHECK(s.answers[3] == 2);
    CHECK(s.answers[1] == 1);
    CHECK(s.quit);
    auto stored = store.cards();
    REQUIRE(stored.size() == 2);
    CHECK(stored.at(card_key("k8s.md", "What is a pod?")).state.phase == Phase::review);
    CHECK(stored.at(card_key("k8s.md", "What is a pod?")).state.interval == 1);
    CHECK(stored.at(card_key("k8s.md", "What is a node?")).state.phase == Phase::learning);
    CHECK(store.review_count() == 3);
    CHECK(out.str().find("An answer to What is a pod?") != std::string::npos);
}

TEST_CASE("quiz cards for a query came in note order, a table of contents first",
          "[quiz][regression]") {
    test::TempDir d;
    d.write("notes/docker.md", "# Docker questions\n\n## Table of Contents\n\n"
                               "- [What is Docker?](#what-is-docker)\n"
                               "- [What is Docker Compose?](#what-is-docker-compose)\n\n"
                               "## What is Docker?\n\nA container runtime.\n\n"
                               "## What is an image?\n\nLayers; docker builds them.\n\n"
                               "## What is Docker Compose?\n\nDocker Compose runs several "
                               "containers from one compose file.\n");
    test::TempDir home;
    ReviewStore store(home.str() + "/r.sqlite");
    Deck deck = load_deck(DeckRequest{test::index_notes(d), "docker compose", {}}, store);
    std::vector<std::string> questions;
    for (const DeckCard& c : deck.cards)
        questions.push_back(c.card.passage.question);
    REQUIRE_FALSE(questions.empty());
    CHECK(questions.front() == "What is Docker Compose?"); // the best match first
    CHECK(std::find(questions.begin(), questions.end(), "Table of Contents") == questions.end());
}

TEST_CASE("the Anki export quotes what Anki would split and turns topics into tags", "[quiz]") {
    Deck d;
    DeckCard c = card("Tabs\tand \"quotes\"?", 1);
    c.card.passage.answer = "Use `kubectl`:\n\n- one\n- two\n";
    c.card.passage.topics = {"k8s/pods", "system design"};
    d.cards = {c};
    std::string out = export_anki(d);
    CHECK(out.rfind("#separator:tab\n#html:true\n#tags column:3\n", 0) == 0);
    CHECK(out.find("\"Tabs\tand &quot;quotes&quot;?\"\t") != std::string::npos);
    CHECK(out.find("\"<p>Use <code>kubectl</code>:</p>\n<ul>\n<li>one</li>") != std::string::npos);
    CHECK(out.find("\tk8s::pods system_design\n") != std::string::npos);
}

TEST_CASE("an answer written in HTML was exported as an empty back", "[quiz][regression]") {
    Deck d;
    DeckCard c = card("docker system prune", 1);
    c.card.passage.answer = "<div>Remove unused containers &amp; images.</div>";
    DeckCard k = card("How do I open help?", 2);
    k.card.passage.answer = "Press <kbd>SPC</kbd> h, then <script>alert(1)</script>.\n";
    d.cards = {c, k};
    std::string out = export_anki(d);
    CHECK(out.find("raw HTML omitted") == std::string::npos);
    CHECK(out.find("docker system prune\t<p>Remove unused containers &amp; images.</p>\t") !=
          std::string::npos);
    CHECK(out.find("Press SPC h, then alert(1).") != std::string::npos);
    CHECK(out.find("<script>") == std::string::npos);
}

TEST_CASE("an Anki export never replaces the review store or a file that is not an export",
          "[quiz]") {
    test::TempDir dir;
    const std::string store_path = dir.str() + "/reviews.sqlite";
    ReviewStore store(store_path);
    const std::string before = test::slurp(store_path);
    std::filesystem::create_symlink("reviews.sqlite", dir.path / "link.txt");
    for (const std::string& target : {store_path, dir.str() + "/link.txt"})
        CHECK_THROWS_WITH(write_export(ExportTarget{target, store_path, true}, "x"),
                          Catch::Contains("over the review store"));
    CHECK(test::slurp(store_path) == before);

    dir.write("notes.md", "# Notes\n");
    ExportTarget notes{dir.str() + "/notes.md", store_path, false};
    CHECK_THROWS_WITH(write_export(notes, kAnkiExportHeader), Catch::Contains("--force"));
    CHECK(test::slurp(notes.path) == "# Notes\n");
    notes.force = true;
    write_export(notes, std::string(kAnkiExportHeader) + "Q?\tA\t\n");
    notes.force = false; // an earlier export: replaced without --force
    write_export(notes, std::string(kAnkiExportHeader) + "R?\tB\t\n");
    CHECK(test::slurp(notes.path) == std::string(kAnkiExportHeader) + "R?\tB\t\n");
    CHECK(is_crib_export(kAnkiExportHeader));
    CHECK_FALSE(is_crib_export("#separator:tab\n#html:true\n#tags column:3\nQ?\tA\n"));
}

namespace {

/// The "[...]" tags of a session's cards, in order.
std::vector<std::string> progress_tags(const std::string& out) {
    std::vector<std::string> tags;
    for (size_t at = out.find("\n["); at != std::string::npos; at = out.find("\n[", at + 1))
        tags.push_back(out.substr(at + 1, out.find(']', at) - at));
    return tags;
}

} // namespace

TEST_CASE("the quiz counter said 18 left after 15 answers: learning cards counted again",
          "[quiz][regression]") {
    test::TempDir dir;
    ReviewStore store(dir.str() + "/r.sqlite");
    Deck d;
    d.cards = {card("What is a pod?", 1), card("What is a node?", 2), card("What is etcd?", 3)};
    SessionOptions o;
    setenv("CRIB_NOW", "1800000000", 1);
    // Good, Again, Good on the new cards; then the three come back: Good each.
    std::istringstream in("\n3\n\n1\n\n3\n\n3\n\n3\n\n3\n\nq\n");
    std::ostringstream out;
    run_session(d, store, in, out, o);
    unsetenv("CRIB_NOW");
    CHECK(progress_tags(out.str()) ==
          std::vector<std::string>{"[new, 3 left]", "[new, 2 left, 1 learning]",
                                   "[new, 1 left, 2 learning]", "[learning, 0 left, 3 learning]",
                                   "[learning, 0 left, 2 learning]",
                                   "[learning, 0 left, 2 learning]", // Again: back once more
                                   "[learning, 0 left, 1 learning]"});
}

TEST_CASE("the grade keys did not show the next interval as Anki's buttons do",
          "[quiz][regression]") {
    SchedulerParams p;
    Moment now{kToday * 86400 + 6 * 3600, kToday};
    CHECK(grade_choices(CardState{}, now, p) ==
          std::vector<std::string>{"1 again <1m", "2 hard <5.5m", "3 good <10m", "4 easy 4d"});
    CardState review;
    review.phase = Phase::review;
    review.ease = 2500;
    review.interval = 10;
    review.due = kToday;
    // Hard x1.2, Good x2.5, Easy x2.5x1.3 (32 days: about a month); Again: relearning step.
    CHECK(grade_choices(review, now, p) ==
          std::vector<std::string>{"1 again <10m", "2 hard 12d", "3 good 25d", "4 easy 1.1mo"});
}

TEST_CASE("at 40 columns the quiz prompt wrapped mid-word", "[quiz][regression]") {
    CHECK(fit_items({"1 again <1m", "2 hard <5.5m", "3 good <10m", "4 easy 4d"}, 40) ==
          "1 again <1m  2 hard <5.5m  3 good <10m\n4 easy 4d\n");
    CHECK(fit_items({"a", "b"}, 0) == "a  b\n");
    test::TempDir dir;
    ReviewStore store(dir.str() + "/r.sqlite");
    Deck d;
    d.cards = {card("How does a rolling update replace the pods of a deployment one by one?", 7)};
    d.cards[0].card.passage.headings = {"Kubernetes workloads", "Deployments and rollouts"};
    d.cards[0].card.passage.topics = {"kubernetes", "ci-cd", "scaling", "networking"};
    SessionOptions o;
    o.print.width = 40;
    setenv("CRIB_NOW", "1800000000", 1);
    std::istringstream in("\n3\nq\n");
    std::ostringstream out;
    run_session(d, store, in, out, o);
    unsetenv("CRIB_NOW");
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);)
        CHECK(columns(line) <= 40);
    for (const char* whole : {"Enter: show the answer", "1 again <1m", "4 easy 4d", "o open"})
        CHECK(out.str().find(whole) != std::string::npos);
}

TEST_CASE("the session showed a one-word front without its context", "[quiz][regression]") {
    test::TempDir d;
    d.write("notes/docker.md", "# Docker\n\n## What is an image?\n\nLayers.\n\n"
                               "## Example\n\n`docker run hello-world`\n");
    test::TempDir home;
    ReviewStore store(home.str() + "/r.sqlite");
    Deck deck = load_deck(DeckRequest{test::index_notes(d), "", {}}, store);
    SessionOptions o;
    setenv("CRIB_NOW", "1800000000", 1);
    std::istringstream in("s\ns\n");
    std::ostringstream out;
    run_session(deck, store, in, out, o);
    unsetenv("CRIB_NOW");
    CHECK(out.str().find("\nDocker \xE2\x80\xBA Example\n") != std::string::npos);
}

TEST_CASE("cards answered before the store kept them per index were lost to every index",
          "[quiz][regression]") {
    test::TempDir d;
    d.write("notes/k8s.md", "## What is a pod?\n\nThe smallest unit.\n");
    const std::string db = test::index_notes(d);
    test::TempDir home;
    const std::string path = home.str() + "/r.sqlite";
    const std::string key = card_key(d.str() + "/notes/k8s.md", "What is a pod?");
    {
        ReviewStore unclaimed(path); // as a version 1 store's rows are after the upgrade
        StoredCard c;
        c.anchor = CardAnchor{key, d.str() + "/notes/k8s.md", "What is a pod?", 1};
        c.state.phase = Phase::review;
        c.state.ease = 2500;
        c.state.interval = 3;
        c.state.due = kToday;
        c.state.reps = 4;
        unclaimed.record(c, Grade::good, Moment{100, kToday - 3});
    }
    ReviewStore store(path, index_identity(db));
    Deck deck = load_deck(DeckRequest{db, "", {}}, store);
    REQUIRE(deck.cards.size() == 1);
    CHECK(deck.cards[0].known);
    CHECK(deck.cards[0].stored.state.reps == 4);
    CHECK(deck.gone.empty());
}
