// The notebook reader (reader_ipynb.cpp): valid notebooks read cell by cell
// with lines that point into the .ipynb file, and what attacks its JSON
// parser (broken JSON, deep nesting, a huge string, strings that are not
// UTF-8) gives a warning, never a crash or an exception.
#include "helpers.hpp"

#include "formats/readers.hpp"

#include <chrono>

using namespace crib;
using test::parse;
using test::summary;
using V = std::vector<std::string>;

namespace {

/// A notebook of one markdown cell whose source list holds `source` as one
/// JSON string (already escaped), on line 5, then `more_cells` (",\n" and
/// whole cells, or "").
std::string markdown_notebook(const std::string& source, const std::string& more_cells = "") {
    return "{\n"
           " \"cells\": [\n"
           "  {\"cell_type\": \"markdown\", \"metadata\": {},\n"
           "   \"source\": [\n"
           "    \"" +
           source +
           "\"\n"
           "   ]}" +
           more_cells +
           "\n"
           " ],\n"
           " \"metadata\": {},\n"
           " \"nbformat\": 4\n"
           "}\n";
}

std::string repeat(const std::string& s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

/// The first warning of the notebook reader, or "".
std::string warning(std::string_view text) {
    Outline o = read_ipynb(text);
    return o.warnings.empty() ? "" : o.warnings.front();
}

bool starts_with(const std::string& s, std::string_view prefix) {
    return s.rfind(prefix, 0) == 0;
}

} // namespace

TEST_CASE("ipynb: markdown and code cells, source as a list or as one string", "[formats][ipynb]") {
    // As Jupyter writes it, but with the second cell's and the code cell's
    // source as one string (nbformat allows both).
    const char* nb = R"({
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {"tags": ["Networking"]},
   "source": [
    "## What is a socket?\n",
    "An endpoint for sending data."
   ]
  },
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": "## What is a port?\nA 16-bit number."
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [{"name": "stdout", "output_type": "stream", "text": ["## What is not a note?\n"]}],
   "source": "# 1. Why is UDP used for DNS?\n# Answer: one datagram, no handshake.\nimport socket"
  },
  {"cell_type": "raw", "metadata": {}, "source": ["## What is a raw cell?"]}
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
})";
    auto ps = parse(nb, "nb.ipynb");
    CHECK(summary(ps) == V{"7:question:What is a socket?", "14:question:What is a port?",
                           "21:question:Why is UDP used for DNS?"});
    REQUIRE(ps.size() == 3);
    CHECK(ps[0].answer == "An endpoint for sending data.");
    CHECK(ps[0].end_line == 8);
    CHECK(ps[1].answer == "A 16-bit number.");
    CHECK(ps[2].answer.find("one datagram, no handshake.") != std::string::npos);
    CHECK(ps[2].answer.find("import socket") != std::string::npos);

    Outline o = read_ipynb(nb);
    CHECK(o.warnings.empty());
    REQUIRE(!o.lines.empty());
    CHECK(o.lines.front().source_line == 7);
    CHECK(o.lines.front().tags == V{"networking"});
    // The code cell: its comments as prose, its code fenced, all on line 21.
    V code_cell;
    for (const OutlineLine& l : o.lines)
        if (l.kind == LineKind::comment || l.kind == LineKind::code)
            code_cell.push_back(std::to_string(l.source_line) + ":" + l.text);
    CHECK(code_cell == V{"21:1. Why is UDP used for DNS?", "21:Answer: one datagram, no handshake.",
                         "21:```python", "21:import socket", "21:```"});
}

TEST_CASE("ipynb: JSON that is not valid is a warning, not a crash", "[formats][ipynb]") {
    const char* bad = GENERATE("", "{", "{\"cells\": [}", "{\"cells\": [1,]}", "{'cells': []}",
                               "{\"cells\": [] } trailing", "{\"cells\": [\"unterminated]}",
                               "{\"cells\": [{\"source\" \"x\"}]}", "{\"cells\": [nul]}");
    CAPTURE(bad);
    Outline o;
    CHECK_NOTHROW(o = read_ipynb(bad));
    REQUIRE(o.warnings.size() == 1);
    CHECK(starts_with(o.warnings[0], "not a valid notebook: "));
    CHECK(o.lines.empty());
    // Valid JSON that is not a notebook says so too.
    CHECK(warning("{\"cells\": 3}") == "not a notebook: no \"cells\" list");
    CHECK(warning("[]") == "not a notebook: no \"cells\" list");
}

TEST_CASE("ipynb: deep nesting is refused with a warning, the stack untouched",
          "[formats][ipynb]") {
    // 100,000 '[' alone, and balanced inside a cell's outputs (parsed whole,
    // its tree would be 100,000 levels deep).
    std::string open = repeat("[", 100000);
    CHECK(starts_with(warning(open), "not a valid notebook: nesting too deep"));
    std::string deep_output =
        ",\n  {\"cell_type\": \"code\", \"source\": \"x = 1\", \"outputs\": [" + open +
        repeat("]", 100000) + "]}";
    std::string nb = markdown_notebook("## What is deep?\\nx", deep_output);
    CHECK(starts_with(warning(nb), "not a valid notebook: nesting too deep"));
    CHECK(parse(nb, "deep.ipynb").empty());
    // The limit is where it was: a value inside 64 arrays is read, one inside 65 is not.
    CHECK(warning(repeat("[", 65) + repeat("]", 65)) == "not a notebook: no \"cells\" list");
    CHECK(starts_with(warning(repeat("[", 66) + repeat("]", 66)),
                      "not a valid notebook: nesting too deep"));
    // A notebook nests a few levels; 40 more in an output are fine.
    std::string nested_output = ",\n  {\"cell_type\": \"code\", \"source\": \"x\", \"outputs\": [" +
                                repeat("[", 40) + repeat("]", 40) + "]}";
    CHECK(summary(parse(markdown_notebook("## What is nested?\\nx", nested_output), "n.ipynb")) ==
          V{"5:question:What is nested?"});
}

TEST_CASE("ipynb: a huge string is read whole, lines after it still right", "[formats][ipynb]") {
    // A 1 MiB answer in a markdown cell, and 16 MiB of output text before the
    // last cell, whose question must keep its line.
    std::string answer = repeat("word ", 200000);
    std::string output = repeat("0123456789abcdef", 1 << 20);
    std::string more =
        ",\n  {\"cell_type\": \"code\", \"source\": \"x\", \"outputs\": [{\"text\": \"" + output +
        "\"}]},\n  {\"cell_type\": \"markdown\", \"source\":\n" +
        "   \"## What comes after?\\nThe end.\"}";
    std::string nb = markdown_notebook("## What is big?\\n" + answer, more);
    auto t0 = std::chrono::steady_clock::now();
    auto ps = parse(nb, "big.ipynb");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(summary(ps) == V{"5:question:What is big?", "9:question:What comes after?"});
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].answer.size() >= answer.size() - 1);
    CHECK(seconds < 20);
}

TEST_CASE("ipynb: strings that are not UTF-8 do not throw out of the reader", "[formats][ipynb]") {
    // An unpaired surrogate escape is allowed by JSON's grammar (Python
    // writes one for a lone surrogate): it reads as U+FFFD, the cell is kept.
    auto lone = parse(markdown_notebook("## What is \\ud800 here\\udc00?\\nx"), "s.ipynb");
    CHECK(summary(lone) == V{"5:question:What is \xEF\xBF\xBD here\xEF\xBF\xBD?"});
    // A pair is one character; an escaped backslash before "ud800" is text.
    auto pair = parse(markdown_notebook("## What is \\ud83d\\ude00 or \\\\ud800?\\nx"), "p.ipynb");
    CHECK(summary(pair) == V{"5:question:What is \xF0\x9F\x98\x80 or \\ud800?"});
    // Bytes that are not UTF-8 are decoded (as windows-1252) before the reader sees them.
    ParseResult r;
    CHECK_NOTHROW(r = parse_notes(markdown_notebook("## What is \xFF?\\nx"), "b.ipynb"));
    CHECK(summary(r.passages) == V{"5:question:What is \xC3\xBF?"});
    // Given them all the same, the reader says the JSON is not valid (JSON is
    // UTF-8), where the hand-written parser passed the bytes on.
    Outline o;
    CHECK_NOTHROW(o = read_ipynb(markdown_notebook("## What is \xFF?\\nx")));
    REQUIRE(o.warnings.size() == 1);
    CHECK(starts_with(o.warnings[0], "not a valid notebook: parse error at line 5"));
    CHECK(o.lines.empty());
}
