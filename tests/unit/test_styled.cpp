#include "common/text.hpp"
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

TEST_CASE("CJK text overflowed the terminal: wide characters take two columns", "[styled][cjk]") {
    CHECK(columns("abc") == 3);
    CHECK(columns("线程池") == 6);
    CHECK(columns("コンテナ") == 8);
    CHECK(columns("e\xcc\x81") == 1); // e + combining acute
    CHECK(cell_width(0xFF1F) == 2);   // full-width question mark
    StyledText t;
    t.text = "线程池可以复用线程，减少创建和销毁的开销。线程池可以复用线程，减少创建和销毁的开销。";
    std::string out = wrap(t, 30, "", "", false);
    size_t lines = 0;
    for (std::string_view line : split_lines(out)) {
        if (line.empty()) continue;
        ++lines;
        CHECK(columns(line) <= 30);
    }
    CHECK(lines >= 3); // 84 columns of text
}
