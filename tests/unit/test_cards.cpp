// Which passages are quiz cards and what their front says (prep/cards.*):
// one case per thing the issue found in real notes, on notes we wrote.
#include "helpers.hpp"
#include "index_fixture.hpp"
#include "prep/cards.hpp"
#include "prep/quiz.hpp"

#include <algorithm>

using namespace crib;

namespace {

Passage passage(const std::string& question, const std::string& answer,
                std::vector<std::string> headings = {}, const std::string& kind = "section") {
    Passage p;
    p.file = "notes/docker.md";
    p.line = 10;
    p.kind = kind;
    p.question = question;
    p.answer = answer;
    p.headings = std::move(headings);
    return p;
}

/// The deck of an index of `notes/NAME` files, as load_deck builds it.
Deck deck_of(const std::vector<std::pair<std::string, std::string>>& files) {
    test::TempDir d;
    for (const auto& [name, text] : files)
        d.write("notes/" + name, text);
    test::TempDir home;
    ReviewStore store(home.str() + "/r.sqlite");
    return load_deck(DeckRequest{test::index_notes(d), "", {}}, store);
}

std::vector<std::string> fronts(const Deck& deck) {
    std::vector<std::string> out;
    for (const DeckCard& c : deck.cards)
        out.push_back(c.question());
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

const DeckTitles kNoTemplates;
const FilePlace kMiddle; // not a file's opening passage

} // namespace

TEST_CASE("a one-word heading such as Example was a card with no context", "[cards][regression]") {
    CardFront c = card_front(passage("Example", "`docker run -p 8080:80 nginx` publishes a port.",
                                     {"Docker", "Networking"}),
                             kMiddle, kNoTemplates);
    CHECK(c.why == NotCard::none);
    CHECK(c.front == "Docker \xE2\x80\xBA Networking \xE2\x80\xBA Example");
    // Generic headings above are no context; with none left it is no card.
    c = card_front(passage("Conclusion", "Containers share the kernel.", {"Overview"}), kMiddle,
                   kNoTemplates);
    CHECK(c.why == NotCard::generic);
    // A short title that says something stays a card, with context when it has some.
    CHECK(card_front(passage("Closures", "A function with its scope."), kMiddle, kNoTemplates)
              .front == "Closures");
    CHECK(card_front(passage("Closures", "A function with its scope.", {"JavaScript"}), kMiddle,
                     kNoTemplates)
              .front == "JavaScript \xE2\x80\xBA Closures");
    // A longer title is left alone.
    CHECK(card_front(passage("How does a bridge network work", "NAT.", {"Docker"}), kMiddle,
                     kNoTemplates)
              .front == "How does a bridge network work");
    // A sub-question takes the question it belongs to.
    Passage sub = passage("tee", "Splits output to a file and stdout.", {"Linux"}, "question");
    sub.parent_question = "What do these commands do?";
    CHECK(card_front(sub, kMiddle, kNoTemplates).front ==
          "What do these commands do? \xE2\x80\xBA tee");
}

TEST_CASE("a template's short heading in many files was a card of its own", "[cards][regression]") {
    // "Scale numbers" heads a section in three notes: a template's heading,
    // generic whatever its words.  It takes its file's title as context, is no
    // context itself, and with no title above it is no card.
    Deck deck = deck_of(
        {{"a.md", "# Design Twitter\n\n## Scale numbers\n\n500M users.\n\n### Reads\n\nMostly.\n"},
         {"b.md", "# Design Uber\n\n## Scale numbers\n\n20M rides a day.\n"},
         {"c.md", "## What is sharding?\n\nSplitting data.\n\n## Scale numbers\n\nNo title.\n"}});
    std::vector<std::string> f = fronts(deck);
    CHECK(has(f, "Design Twitter \xE2\x80\xBA Scale numbers"));
    CHECK(has(f, "Design Uber \xE2\x80\xBA Scale numbers"));
    CHECK(has(f, "Design Twitter \xE2\x80\xBA Reads"));
    CHECK_FALSE(has(f, "Scale numbers"));
}

TEST_CASE("link-only passages were cards: a URL front, an answer of only links",
          "[cards][regression]") {
    struct Case {
        const char* question;
        const char* answer;
        NotCard why;
    };
    Case c = GENERATE(values<Case>({
        {"Table of contents of the docker notes", "- [What is Docker?](#what-is-docker)\n",
         NotCard::links_only},
        {"Where to read more about Docker", "* https://docs.docker.com\n* <https://x.io/a>\n",
         NotCard::links_only},
        {"Docker documentation for volumes", "See: [volumes](https://docs.docker.com/v/)\n",
         NotCard::links_only},
        {"What notes link here", "- [[docker-volumes]]\n- [[docker-networks]]\n",
         NotCard::links_only},
        {"What questions are hard", "```dataview\nLIST FROM #docker\n```\n", NotCard::links_only},
        {"Related Questions", "- docker-volumes - Volumes\n", NotCard::links_only},
        {"https://docs.docker.com/engine/", "The engine docs.", NotCard::link_front},
        {"[Docker docs](https://docs.docker.com)", "The docs.", NotCard::link_front},
        {"What is a placeholder answer", "- **[...]**\n", NotCard::no_answer},
        {"Question (RU)", "> Что такое Docker?\n", NotCard::question_answer},
        // Answers that say something with their links are cards.
        {"What is Docker", "A runtime; see [the docs](https://docs.docker.com).", NotCard::none},
        {"How are arguments passed",
         "- [Java passes every argument by value.](https://stackoverflow.com/q/1)", NotCard::none},
        {"How do I list containers", "```sh\ndocker ps\n```\n", NotCard::none},
    }));
    INFO(c.question);
    CHECK(card_front(passage(c.question, c.answer), kMiddle, kNoTemplates).why == c.why);
    // A sub-section of a pointer list is none either.
    CHECK(card_front(passage("Prerequisites (Easier)", "- acid-properties - ACID",
                             {"Rate limiting", "Related Questions"}),
                     kMiddle, kNoTemplates)
              .why == NotCard::links_only);
}

TEST_CASE("an intro blurb (Docker interview notes) was a card", "[cards][regression]") {
    Deck deck = deck_of(
        {{"docker.md", "# Docker interview notes\n\nMy notes for the platform team interviews.\n\n"
                       "## Introduction\n\nHow these notes are laid out.\n\n"
                       "## What is Docker?\n\nA container runtime.\n"},
         {"pods.md", "# Pods\n\nThe smallest unit Kubernetes schedules.\n"},
         {"tasks.md", "Given two sorted lists of numbers, write a function that merges them into "
                      "one sorted list.\n\n```python\nmerge([1], [2])\n```\n\n"
                      "## Binary search\n\nHalve the range each step.\n"}});
    std::vector<std::string> f = fronts(deck);
    CHECK_FALSE(has(f, "Docker interview notes"));
    CHECK_FALSE(has(f, "Docker interview notes \xE2\x80\xBA Introduction"));
    CHECK(has(f, "What is Docker?"));
    CHECK(has(f, "Pods")); // a note about one thing is its own card
    CHECK(std::any_of(f.begin(), f.end(), [](const std::string& s) {
        return s.rfind("Given two sorted lists", 0) == 0; // a task, not a title
    }));
}

TEST_CASE("a card keeps its review key when it gains context", "[cards][regression]") {
    Deck deck = deck_of({{"k8s.md", "# Kubernetes\n\n## Pods\n\nThe smallest unit.\n"}});
    REQUIRE(deck.cards.size() == 1);
    CHECK(deck.cards[0].question() == "Kubernetes \xE2\x80\xBA Pods");
    CHECK(deck.cards[0].card.key == card_key(deck.cards[0].card.passage.file, "Pods"));
}

TEST_CASE("the Anki export left out the heading path", "[cards][regression]") {
    Deck deck = deck_of({{"docker.md", "# Docker\n\n## Example\n\n`docker run hello-world`\n\n"
                                       "## What is an image?\n\nRead-only layers.\n"}});
    std::string out = export_anki(deck);
    CHECK(out.find(kAnkiPathOpen + "Docker</div>Example\t") != std::string::npos);
    CHECK(out.find(kAnkiPathOpen + "Docker</div>What is an image?\t") != std::string::npos);
    // Read back (crib-index reads the anki format): the path is not the question.
    std::vector<Passage> back = test::parse(out, "deck.txt");
    REQUIRE(back.size() == 2);
    CHECK(back[0].question == "Example");
    CHECK(back[1].question == "What is an image?");
}

TEST_CASE("title_words counts CJK characters two to a word", "[cards]") {
    CHECK(title_words("Example") == 1);
    CHECK(title_words("Answer (EN)") == 2);
    CHECK(title_words("什么是Servlet？") == 3); // 什么是: 2, Servlet: 1
}

TEST_CASE("a note nothing split was a card whose front was its file name", "[cards][regression]") {
    // crib-index makes one section of a notebook of bare code cells, named
    // after the file ("arrays_lists"): 3 such fronts on the corpora.
    Passage p = passage("arrays_lists", "a = [1, 2, 3]\nprint(a[3:0:-1])");
    p.file = "interviewer/arrays_lists.ipynb";
    CHECK(card_front(p, kMiddle, kNoTemplates).why == NotCard::whole_file);
    p.headings = {"Python"}; // a heading above it: a section of its own
    CHECK(card_front(p, kMiddle, kNoTemplates).why != NotCard::whole_file);
    Passage q = passage("arrays_lists", "x", {}, "question"); // a question, though so named
    q.file = "interviewer/arrays_lists.ipynb";
    CHECK(card_front(q, kMiddle, kNoTemplates).why != NotCard::whole_file);
    CHECK(card_front(passage("docker", "Containers share the kernel."), kMiddle, kNoTemplates)
              .why == NotCard::whole_file);
}
