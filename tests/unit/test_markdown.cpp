// Regression tests for Markdown nested deeper than any call stack (issue 15,
// item 1): the cmark tree is walked without recursion everywhere.
#include "helpers.hpp"
#include "markdown.hpp"

using namespace crib;

namespace {

std::string repeat(const std::string& s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

} // namespace

TEST_CASE("deep emphasis nesting in a heading does not overflow the stack",
          "[markdown][regression]") {
    std::string note = "## " + repeat("*a ", 100000) + "x" + repeat(" a*", 100000) + "\n\nanswer\n";
    auto blocks = md::outline(note);
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].text.rfind("a a a", 0) == 0);
    CHECK(blocks[0].text.find('x') != std::string::npos);
    auto ps = test::parse(note);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].answer.find("answer") != std::string::npos);
}

TEST_CASE("plain text still skips images and inline HTML", "[markdown]") {
    auto blocks = md::outline("## a ![alt *text*](x.png) <b>b</b> `c`\n");
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].text == "a  b c");
}
