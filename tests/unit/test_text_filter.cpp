// -w and -F: checks on the passage text after the Xapian match.
#include "search/text_filter.hpp"

#include <catch2/catch.hpp>

using namespace crib;

namespace {
Passage passage(const std::string& question, const std::string& answer) {
    Passage p;
    p.question = question;
    p.answer = answer;
    return p;
}
} // namespace

TEST_CASE("filters: -F keeps passages that contain the phrase literally", "[filter]") {
    TextFilter f = make_text_filter("2>&1", true, false);
    CHECK(passes(f, passage("Merge stderr", "Use `cmd 2>&1`.")));
    CHECK_FALSE(passes(f, passage("Fractions", "2 of 1")));
    TextFilter ls = make_text_filter("LS  -l", true, false);
    CHECK(passes(ls, passage("List files", "run ls\n-l for details")));
    CHECK(passes(ls, passage("List files", "ls -la")));
    CHECK_FALSE(passes(make_text_filter("ls -l", true, true), passage("List files", "ls -la")));
    CHECK(passes(make_text_filter("ls -l", true, true), passage("List files", "(ls -l)")));
    // A Markdown escape is read as shown: "doesn\\'t" says "doesn't".
    CHECK(passes(make_text_filter("doesn't give", true, false),
                 passage("Kill", "It doesn\\'t give it time.")));
}

TEST_CASE("filters: -w keeps passages where a query word is a whole word", "[filter]") {
    TextFilter f = make_text_filter("q:pod OR -container kube* \"Node\"", false, true);
    CHECK(f.words == std::vector<std::string>{"pod", "node"});
    CHECK(passes(f, passage("Pods", "A pod runs")));
    CHECK_FALSE(passes(f, passage("Scheduling", "")));
    CHECK_FALSE(passes(f, passage("Pods", "many pods, podman")));
    Passage headed = passage("Taints", "");
    headed.headings = {"Node pools"};
    CHECK(passes(f, headed));
}

TEST_CASE("filters: -F searches the phrase's words with no syntax", "[filter]") {
    // The last word may be cut by the phrase: "ls -l" is in "ls -la" (a new
    // user found 5 passages where rg -F found 8).
    CHECK(literal_query("ls -l") == "ls");
    CHECK(literal_query("ls -l", true) == "ls AND l");
    CHECK(literal_query("rolling updat") == "rolling AND updat*");
    CHECK(literal_query("git log") == "git AND log*"); // three letters: a prefix
    CHECK(literal_query("git lo") == "git");           // two: the text check alone
    // A contraction is one word to Xapian: "doesn" and "t" matched nothing.
    CHECK(literal_query("doesn't work") == "doesn't AND work*");
    CHECK(literal_query("it doesn't") == "it AND doesn't"); // whole: "doesn't*" matched nothing
    CHECK(literal_query("what's the output") == "what's AND the AND output*");
    CHECK(literal_query("'quoted' word") == "quoted AND word*");
    CHECK(literal_query("2>&1") == "2");
    CHECK(literal_query("NOT (x)") == "not AND x");
    CHECK(literal_query("->").empty());
    CHECK(literal_query("ls").empty()); // every passage checked
}

TEST_CASE("review: a word of operators is bounded by operators on both sides", "[filter]") {
    // 14a7ca3: "==" is not the "==" of "===" nor of "!==" (nor "&&" of
    // "&&&"); a '!' dropped from the operator bytes passed no test.
    TextFilter eq;
    eq.tokens = {"=="};
    CHECK(passes(eq, passage("Loose", "a == b")));
    CHECK_FALSE(passes(eq, passage("Strict", "a === b")));
    CHECK_FALSE(passes(eq, passage("Strict not", "a !== b")));
    CHECK_FALSE(passes(eq, passage("Strict not", "a ==< b")));
    CHECK(passes(eq, passage("In code", "if(a==b)")));
    TextFilter redirect;
    redirect.tokens = {"2>&1"};
    CHECK(passes(redirect, passage("Both", "cmd 2>&1|tee"))); // a digit, then an operator
    CHECK(passes(redirect, passage("Both", "cmd >out 2>&1;")));
}

TEST_CASE("mutant: a literal word is not marked inside a longer word", "[filter][mutants]") {
    // token_spans(): "-it" of "-itself" is no "-it"; the one standing alone is.
    using P = std::vector<std::pair<size_t, size_t>>;
    CHECK(token_spans("run -itself and -it", "-it") == P{{16, 19}});
    CHECK(token_spans("x2>&1 2>&1", "2>&1") == P{{6, 10}});
}
