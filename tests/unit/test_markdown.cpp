// Regression tests for Markdown nested deeper than any call stack (issue 15,
// items 1 and 2): the cmark tree is walked without recursion everywhere.
#include "formats/markdown.hpp"
#include "helpers.hpp"
#include "output/printer.hpp"
#include "output/styled.hpp"

#include <chrono>

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

TEST_CASE("deeply nested quotes and lists render with bounded indentation",
          "[render][regression]") {
    PrintOptions opt;
    opt.width = 80;
    auto input = GENERATE(std::string(30000, '>') + " x\n", repeat("- ", 100000) + "x\n",
                          repeat("1. ", 100000) + "x\n", repeat("> - ", 30000) + "x\n");
    std::string out = render_markdown(input, opt, "    ");
    CHECK(out.find('x') != std::string::npos);
    CHECK(out.size() < 400); // indentation stops growing at a fixed depth
}

TEST_CASE("shallow nesting keeps its indentation", "[render]") {
    PrintOptions opt;
    std::string out = render_markdown("> a\n> > b\n\n- x\n  - y\n    1. z\n", opt, "");
    CHECK(out == "│ a\n│ │ b\n• x\n  • y\n    1. z\n");
    out = render_markdown("[text](http://u) and <http://v>\n", opt, "");
    CHECK(out == "text <http://u> and http://v\n");
}

TEST_CASE("full answers rendered a GFM table as a run of pipes", "[render][regression]") {
    PrintOptions opt;
    std::string out = render_markdown("| type | reachable from |\n|---|:--:|\n| ClusterIP | inside "
                                      "|\n| NodePort | every node |\n",
                                      opt, "  ");
    CHECK(out == "  type       reachable from\n"
                 "  ─────────  ──────────────\n"
                 "  ClusterIP  inside\n"
                 "  NodePort   every node\n");
    // A paragraph with a bar but no delimiter row stays a paragraph.
    CHECK(render_markdown("a | b\nc | d\n", opt, "") == "a | b c | d\n");
}

TEST_CASE("full answers merged the lines of plain-text notes", "[render][regression]") {
    PrintOptions opt;
    Passage txt;
    txt.file = "notes/qa.txt";
    Passage md = txt;
    md.file = "notes/qa.md";
    CHECK(render_markdown("one\ntwo\n", opt, "", render_options_for(txt)) == "one\ntwo\n");
    CHECK(render_markdown("one\ntwo\n", opt, "", render_options_for(md)) == "one two\n");
    CHECK(render_markdown("one  \ntwo\n", opt, "", render_options_for(md)) == "one\ntwo\n");
}

TEST_CASE("full answers did not highlight the query words", "[render][regression]") {
    PrintOptions opt;
    opt.color = true;
    std::string out = render_markdown("Scale the *Pods*: scaled, scale-out `scale`\n", opt, "",
                                      render_options_for(Passage{}, {"scale", "pods"}));
    CHECK(out == "\033[1;31mScale\033[0m the \033[1;31mPods\033[0m: scaled, "
                 "\033[1;31mscale\033[0m-out \033[1;31mscale\033[0m\n");
    CHECK(matched_words("a Scale b pending pod", {{2, 7}, {10, 21}}) ==
          std::vector<std::string>{"scale", "pending", "pod"});
}

TEST_CASE("colour rendering of many styled words is linear", "[render][regression]") {
    PrintOptions opt;
    opt.width = 80;
    opt.color = true;
    std::string note;
    for (int i = 0; i < 60000; ++i)
        note += "*a" + std::to_string(i) + "* ";
    auto t0 = std::chrono::steady_clock::now();
    std::string out = render_markdown(note, opt, "");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(out.find("a59999") != std::string::npos);
    CHECK(s < 5.0); // the quadratic span lookup took 12.8 s here
}

TEST_CASE("overlapping spans render as before", "[styled]") {
    StyledText t;
    t.add("ab cd");
    t.spans.push_back({3, 5, Style::match});
    t.spans.push_back({0, 5, Style::bold});
    CHECK(render(t, true) == "\033[1mab \033[0m\033[1;31m\033[1mcd\033[0m");
}

TEST_CASE("full answers highlighted every lone '2' and '1' of a literal '2>&1'",
          "[render][regression]") {
    // The snippet marked "2>&1" whole (e9b65af), but --full took the words
    // of its span and highlighted every "2", "1" and "it" of the answer.
    CHECK(matched_words("run cmd 2>&1 now", {{8, 12}}) == std::vector<std::string>{"2>&1"});
    CHECK(matched_words("docker exec -it x", {{12, 15}}) == std::vector<std::string>{"-it"});
    PrintOptions opt;
    opt.color = true;
    std::string out = render_markdown("Use 2 or 1, then cmd 2>&1 and -it; it is\n", opt, "",
                                      render_options_for(Passage{}, {"2>&1", "-it", "cmd"}));
    CHECK(out == "Use 2 or 1, then \033[1;31mcmd\033[0m \033[1;31m2>&1\033[0m and "
                 "\033[1;31m-it\033[0m; it is\n");
}
