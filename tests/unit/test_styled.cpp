#include "helpers.hpp"
#include "output/styled.hpp"
#include "search/snippet.hpp"

using namespace crib;

TEST_CASE("control characters in notes are neutralised", "[styled]") {
    CHECK(sanitize("a\033[31mred\x07") == "a\xEF\xBF\xBD[31mred\xEF\xBF\xBD");
    CHECK(sanitize("tab\tok\n") == "tab\tok\n");
    CHECK(sanitize("c1 \xC2\x9B x") == "c1 \xEF\xBF\xBD x");
}

TEST_CASE("bidi controls in notes are neutralised", "[styled][regression]") {
    // U+202E reversed the rest of the line on the terminal; U+2066 isolates.
    CHECK(sanitize("a \u202Esdrawkcab\u202C b") == "a \xEF\xBF\xBDsdrawkcab\xEF\xBF\xBD b");
    CHECK(sanitize("\u2066x\u2069\u061C\u200F\n") ==
          "\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\n");
    CHECK(sanitize("caf\u00E9 \u200D") == "caf\u00E9 \u200D");
}

TEST_CASE("wrap keeps words whole and prefixes lines", "[styled]") {
    StyledText t;
    t.add("one two three four five six seven eight nine ten eleven twelve");
    std::string w = wrap(t, 30, "> ", "  ", false);
    CHECK(w == "> one two three four five six\n  seven eight nine ten eleven\n  twelve\n");
}

TEST_CASE("colour only when asked", "[styled]") {
    StyledText t;
    t.add("plain ");
    t.add("hit", Style::match);
    CHECK(render(t, false) == "plain hit");
    CHECK(render(t, true) == "plain \033[1;31mhit\033[0m");
}

TEST_CASE("snippet markers become spans", "[styled]") {
    auto h = parse_markers("a \x01scale\x02 and \x01scales\x02\x01!\x02");
    CHECK(h.text == "a scale and scales!");
    REQUIRE(h.spans.size() == 2);
    CHECK(h.spans[0].start == 2);
    CHECK(h.spans[0].end == 7);
    CHECK(h.spans[1].end == 19);
}
