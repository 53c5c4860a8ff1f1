// Card keys: a card follows its passage through a rebuild, a line move, an
// answer edit and a small rewording; a deleted passage's card is gone.
#include "index_fixture.hpp"
#include "prep/card_key.hpp"
#include "search/search.hpp"

#include <algorithm>

using namespace crib;

namespace {

/// The cards of an index, by question.
std::map<std::string, std::string> keys_by_question(const std::string& db) {
    std::map<std::string, std::string> out;
    for (const Card& c : make_cards(all_passages(db)))
        out[c.passage.question] = c.key;
    return out;
}

const char* const kNotes = "# Kubernetes\n\n"
                           "## What is a StatefulSet?\n\nPods with stable names and storage.\n\n"
                           "## What is a DaemonSet?\n\nOne pod per node.\n";

} // namespace

TEST_CASE("card keys ignore case, punctuation and articles", "[card_key]") {
    CHECK(card_key("k8s.md", "What is a StatefulSet?") ==
          card_key("k8s.md", "what is statefulset"));
    CHECK(card_key("k8s.md", "What is a StatefulSet?") !=
          card_key("other.md", "What is a StatefulSet?"));
    CHECK(duplicate_card_key("k8s.md", "What is a StatefulSet?", "Pods.") !=
          card_key("k8s.md", "What is a StatefulSet?"));
}

TEST_CASE("a card key survives rebuild, line moves and answer edits", "[card_key]") {
    test::TempDir d;
    d.write("notes/k8s.md", kNotes);
    auto before = keys_by_question(test::index_notes(d));
    REQUIRE(before.count("What is a StatefulSet?"));

    // Lines move (a paragraph above) and the answer is rewritten; rebuilt from scratch.
    std::filesystem::remove_all(d.path / "db");
    d.write("notes/k8s.md",
            "# Kubernetes\n\nIntro paragraph.\n\nAnother one.\n\n"
            "## What is a DaemonSet?\n\nA pod on every node, e.g. log agents.\n\n"
            "## What is a StatefulSet?\n\nOrdered pods, stable network ids, PVCs.\n");
    auto after = keys_by_question(test::index_notes(d));
    CHECK(after.at("What is a StatefulSet?") == before.at("What is a StatefulSet?"));
    CHECK(after.at("What is a DaemonSet?") == before.at("What is a DaemonSet?"));
}

TEST_CASE("copies of one question in a file are told apart by their answers", "[card_key]") {
    Passage a{
        .file = "q.md", .line = 10, .question = "What's the output?", .answer = "print(1 + 1)"};
    Passage b{
        .file = "q.md", .line = 3, .question = "What's the output?", .answer = "print('a' * 3)"};
    auto cards = make_cards({a, b});
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].passage.line == 3);
    CHECK(cards[0].key == duplicate_card_key("q.md", "What's the output?", "print('a' * 3)"));
    CHECK(cards[1].key == duplicate_card_key("q.md", "What's the output?", "print(1 + 1)"));
    // A third copy inserted above both leaves their keys alone.
    Passage c{
        .file = "q.md", .line = 1, .question = "What's the output?", .answer = "print(len([]))"};
    b.line += 5, a.line += 5;
    auto more = make_cards({a, b, c});
    CHECK(more[1].key == cards[0].key);
    CHECK(more[2].key == cards[1].key);
    // Copies whose answers start alike too are numbered in line order.
    Passage d = a;
    d.line = 40;
    auto same = make_cards({a, d});
    CHECK(same[0].key != same[1].key);
    CHECK(same[1].key == duplicate_card_key("q.md", "What's the output?", "print(1 + 1)", 2));
}

TEST_CASE("a copy whose answer is edited keeps its history, its twin keeps its own", "[card_key]") {
    Passage a{
        .file = "q.md", .line = 3, .question = "What's the output?", .answer = "print(1 + 1)"};
    Passage b{
        .file = "q.md", .line = 9, .question = "What's the output?", .answer = "print(2 * 3)"};
    std::vector<CardAnchor> stored;
    for (const Card& c : make_cards({a, b}))
        stored.push_back({c.key, c.passage.file, c.passage.question, c.passage.line});
    b.answer = "print(2 * 4)";
    auto cards = make_cards({a, b});
    Reconciled r = reconcile(stored, cards);
    REQUIRE(r.moved.size() == 1);
    CHECK(r.moved[0].from == stored[1].key);
    CHECK(r.moved[0].to == cards[1].key);
    CHECK(r.gone.empty());
}

TEST_CASE("a reworded question keeps its history, a deleted one is reported gone", "[card_key]") {
    std::vector<CardAnchor> stored = {
        {card_key("k8s.md", "What is a StatefulSet?"), "k8s.md", "What is a StatefulSet?", 3},
        {card_key("k8s.md", "What is a DaemonSet?"), "k8s.md", "What is a DaemonSet?", 7},
        {card_key("k8s.md", "Why use Helm?"), "k8s.md", "Why use Helm?", 12},
    };
    auto cards = make_cards({
        Passage{.file = "k8s.md", .line = 3, .question = "What is a StatefulSet?"},
        Passage{.file = "k8s.md", .line = 9, .question = "What is a Kubernetes DaemonSet for?"},
        Passage{.file = "k8s.md", .line = 20, .question = "How do pods talk to each other?"},
    });
    Reconciled r = reconcile(stored, cards);
    REQUIRE(r.moved.size() == 1);
    CHECK(r.moved[0].from == stored[1].key);
    CHECK(r.moved[0].to == card_key("k8s.md", "What is a Kubernetes DaemonSet for?"));
    REQUIRE(r.gone.size() == 1);
    CHECK(r.gone[0].question == "Why use Helm?");
}

TEST_CASE("a rewording is matched to the nearest line when two candidates tie", "[card_key]") {
    std::vector<CardAnchor> stored = {
        {card_key("a.md", "What is a pod?"), "a.md", "What is a pod?", 40}};
    auto cards = make_cards({
        Passage{.file = "a.md", .line = 5, .question = "What is a pod really?", .answer = "x"},
        Passage{.file = "a.md", .line = 42, .question = "What is a pod, really?", .answer = "y"},
    });
    // Both reword "What is a pod?" equally (and are copies of one question).
    Reconciled r = reconcile(stored, cards);
    REQUIRE(r.moved.size() == 1);
    CHECK(r.moved[0].to == cards[1].key);
    CHECK(question_overlap("What is a pod?", "What is a Pod") == 1.0);
    CHECK(question_overlap("What is a pod?", "Explain DNS") == 0.0);
}

TEST_CASE("a folder spelled differently at rebuild orphaned every review (keys by absolute path)",
          "[card_key]") {
    // The index stores "rq/d.md" after `crib-index ./rq`, "/home/u/rq/d.md"
    // after `crib-index $PWD/rq`: keys name both by the resolved path.
    KeyFile resolve = [](const std::string& f) { return f.front() == '/' ? f : "/home/u/" + f; };
    Passage rel{.file = "rq/d.md", .line = 3, .question = "What is a pod?", .answer = "x"};
    Passage abs = rel;
    abs.file = "/home/u/rq/d.md";
    auto before = make_cards({rel}, resolve);
    auto after = make_cards({abs}, resolve);
    CHECK(before[0].key == after[0].key);
    CHECK(before[0].file == "/home/u/rq/d.md");
    CHECK(before[0].passage.file == "rq/d.md"); // shown and opened as stored
    // A store written before keys used the absolute path moves to the new key.
    std::vector<CardAnchor> old = {
        {card_key("rq/d.md", "What is a pod?"), "rq/d.md", "What is a pod?", 3}};
    Reconciled r = reconcile(old, after, resolve);
    REQUIRE(r.moved.size() == 1);
    CHECK(r.moved[0].to == after[0].key);
    CHECK(r.gone.empty());
}

TEST_CASE("a notes folder moved orphaned every review (same file name, same question)",
          "[card_key]") {
    Passage moved{.file = "/home/u/new/notes/d.md", .line = 3, .question = "What is a pod?"};
    Passage other{.file = "/home/u/new/notes/e.md", .line = 3, .question = "What is a node?"};
    std::vector<CardAnchor> old = {{card_key("/home/u/old/notes/d.md", "What is a pod?"),
                                    "/home/u/old/notes/d.md", "What is a pod?", 3}};
    auto cards = make_cards({moved, other});
    Reconciled r = reconcile(old, cards);
    REQUIRE(r.moved.size() == 1);
    CHECK(r.moved[0].to == card_key("/home/u/new/notes/d.md", "What is a pod?"));
    CHECK_FALSE(reworded(r.moved[0])); // said nothing about: not a reworded question
    // Two files of that name asking it: no guess, the card is gone.
    Passage twin = moved;
    twin.file = "/home/u/new/more/d.md";
    Reconciled two = reconcile(old, make_cards({moved, twin}));
    CHECK(two.moved.empty());
    CHECK(two.gone.size() == 1);
}

TEST_CASE("reworded: a question changed, not only the name of its file", "[card_key]") {
    CHECK(reworded({card_key("a.md", "What is a pod?"), card_key("a.md", "What is a Pod group?")}));
    CHECK_FALSE(
        reworded({card_key("a.md", "What is a pod?"), card_key("/x/a.md", "What is a pod?")}));
    CHECK_FALSE(reworded({"no newline", "no newline either"})); // no question part: no throw
}
