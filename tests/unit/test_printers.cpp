// The printers, each writing a hand-made result into a string: the exact text
// of every format, paths as shown, -0, colour, and JSON that parses back.
#include "output/printer.hpp"

#include <catch2/catch.hpp>

using namespace crib;

namespace {

Hit hit(const std::string& file, int line, const std::string& question, const std::string& answer) {
    Hit h;
    h.passage.file = file;
    h.passage.line = line;
    h.passage.end_line = line + 1;
    h.passage.kind = "question";
    h.passage.question = question;
    h.passage.answer = answer;
    h.id = file + ":" + std::to_string(line);
    h.snippet = answer;
    return h;
}

SearchResult two_hits() {
    SearchResult r;
    r.query = "pod";
    r.hits = {hit("notes/k8s/pods.md", 3, "What is a pod?", "The smallest unit."),
              hit("notes/k8s/pods.md", 9, "Why a sidecar pod?", "Helpers."),
              hit("notes/docker.md", 1, "Is a container a pod?", "No.")};
    r.total = 3;
    return r;
}

std::string print(Format f, PrintOptions opt, const SearchResult& r = two_hits()) {
    StringSink out;
    print_result(*make_printer(f, opt, out), r);
    return out.text;
}

/// Shows files as the notes folder's user sees them from notes/k8s.
const PathDisplay kFromK8s({{"notes", "/w/notes"}}, "/w/notes/k8s");

} // namespace

TEST_CASE("printers: grep lines are path:line:question, paths as shown", "[printers]") {
    PrintOptions o;
    CHECK(print(Format::grep, o) == "notes/k8s/pods.md:3:What is a pod?\n"
                                    "notes/k8s/pods.md:9:Why a sidecar pod?\n"
                                    "notes/docker.md:1:Is a container a pod?\n");
    o.paths = &kFromK8s;
    CHECK(print(Format::vimgrep, o) == "pods.md:3:1:What is a pod?\n"
                                       "pods.md:9:1:Why a sidecar pod?\n"
                                       "/w/notes/docker.md:1:1:Is a container a pod?\n");
}

TEST_CASE("printers: coloured grep shows the same path as plain grep", "[printers]") {
    PrintOptions o;
    o.paths = &kFromK8s;
    o.color = true;
    std::string coloured = print(Format::grep, o);
    CHECK(coloured.find("pods.md") != std::string::npos);
    CHECK(coloured.find("notes/k8s/pods.md") == std::string::npos);
    CHECK(coloured.find('\x1b') != std::string::npos);
}

TEST_CASE("printers: -l lists each file once, -0 ends names with NUL as shown", "[printers]") {
    PrintOptions o;
    o.paths = &kFromK8s;
    CHECK(print(Format::files, o) == "pods.md\n/w/notes/docker.md\n");
    o.null_sep = true; // -l -0 printed the stored path, not the shown one
    CHECK(print(Format::files, o) == std::string("pods.md\0/w/notes/docker.md\0", 27));
}

TEST_CASE("printers: -c prints the total alone", "[printers]") {
    SearchResult r = two_hits();
    r.total = 42;
    CHECK(print(Format::count, {}, r) == "42\n");
}

TEST_CASE("printers: plain human output names each hit with its snippet and no escapes",
          "[printers]") {
    PrintOptions o;
    std::string text = print(Format::plain, o);
    CHECK(text.find("notes/k8s/pods.md:3  What is a pod?") != std::string::npos);
    CHECK(text.find("The smallest unit.") != std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("printers: jsonl is one object per hit with its id and question", "[printers]") {
    std::string text = print(Format::jsonl, {});
    size_t lines = 0;
    for (char c : text)
        lines += c == '\n';
    CHECK(lines == 3);
    CHECK(text.find("\"id\":\"notes/k8s/pods.md:3\"") != std::string::npos);
    CHECK(text.find("\"question\":\"Why a sidecar pod?\"") != std::string::npos);
}

TEST_CASE("printers: -l -0 gives an odd name exactly into a pipe, quoted on a terminal",
          "[printers]") {
    SearchResult r;
    r.hits = {hit("notes/a\nb.md", 1, "What is a pod?", "The smallest unit.")};
    r.total = 1;
    PrintOptions o;
    o.null_sep = true;
    CHECK(print(Format::files, o, r) == std::string("notes/a\nb.md\0", 13)); // for xargs -0
    o.terminal = true; // a newline in a name must not move the cursor
    CHECK(print(Format::files, o, r) == std::string("\"notes/a\\nb.md\"\0", 16));
}

TEST_CASE("printers: JSON says whether a snippet is code or prose", "[printers]") {
    SearchResult r = two_hits();
    r.hits[0].snippet_code = true;
    std::string text = print(Format::jsonl, {}, r);
    CHECK(text.find("\"snippet_kind\":\"code\"") != std::string::npos);
    CHECK(text.find("\"snippet_kind\":\"prose\"") != std::string::npos);
}

TEST_CASE("the partial notice named the words as typed under the correction searched",
          "[printers][regression]") {
    // "Searched for: docker haskell (corrected from ...)" was followed by
    // "No passage has all 2 words of "dokcer haskell"": words not searched.
    SearchResult r;
    r.query = "dokcer haskell";
    r.corrected = "docker haskell";
    r.searched_corrected = true;
    r.partial = true;
    r.of = 2;
    CHECK(partial_notice(r).find("\"docker haskell\"") != std::string::npos);
    CHECK(partial_notice(r).find("dokcer") == std::string::npos);
    r.searched_corrected = false; // a correction only offered: the words typed were searched
    CHECK(partial_notice(r).find("\"dokcer haskell\"") != std::string::npos);
}

TEST_CASE("JSON total counted passages with some of the words as matches",
          "[printers][regression]") {
    // A new user: jq .total gave 191 for "docker foobarbaz", where -c
    // printed 0 and nothing matched.  total is 0 there, partial_total 191.
    SearchResult r = two_hits();
    r.partial = true;
    r.of = 2;
    r.total = 191;
    std::string text = print(Format::json, {}, r);
    CHECK(text.find("\"total\":0,") != std::string::npos);
    CHECK(text.find("\"partial_total\":191") != std::string::npos);
    CHECK(print(Format::count, {}, r) == "0\n");
    r.partial = false;
    text = print(Format::json, {}, r);
    CHECK(text.find("\"total\":191,") != std::string::npos);
    CHECK(text.find("\"partial_total\":0") != std::string::npos);
}

TEST_CASE("an --offset past the last match said \"0 of 9 matches\", as -n 0 does",
          "[printers][regression]") {
    // New-user trial: `crib --offset 100 statefulset` printed "0 of 9
    // matches", which reads as a count of nothing shown on purpose.
    SearchResult r;
    r.query = "statefulset";
    r.total = 9;
    r.offset = 100;
    std::string text = print(Format::plain, {}, r);
    CHECK(text.find("none at --offset 100 of 9 matches") != std::string::npos);
    r.offset = 0; // -n 0: counts only
    CHECK(print(Format::plain, {}, r).find("0 of 9 matches") != std::string::npos);
}
