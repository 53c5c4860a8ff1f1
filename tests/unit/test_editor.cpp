// Starting the editor: a note's name never reaches it as an option or a command
// (issue 27.1: "+!touch PWNED.md" ran the command in vi).
#include "output/editor.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace crib;

TEST_CASE("editor argument: a name starting with + or - gets ./ in front", "[editor]") {
    CHECK(editor_argument("+!touch PWNED.md") == "./+!touch PWNED.md");
    CHECK(editor_argument("-x.md") == "./-x.md");
    CHECK(editor_argument("--help.md") == "./--help.md");
}

TEST_CASE("editor argument: other paths are passed as they are", "[editor]") {
    CHECK(editor_argument("notes/a.md") == "notes/a.md");
    CHECK(editor_argument("/home/u/+a.md") == "/home/u/+a.md");
    CHECK(editor_argument("a+b.md") == "a+b.md");
    CHECK(editor_argument("") == "");
}

TEST_CASE("find editor: VISUAL before EDITOR, empty ones skipped, vi last", "[editor]") {
    ::setenv("VISUAL", "", 1);
    ::setenv("EDITOR", "nano -w", 1);
    Editor e = find_editor();
    CHECK(e.command == "nano -w");
    CHECK(e.from == "$EDITOR");
    ::setenv("VISUAL", "code -w", 1);
    CHECK(find_editor().command == "code -w");
    ::unsetenv("VISUAL");
    ::unsetenv("EDITOR");
    CHECK(find_editor().command == "vi");
    CHECK(find_editor().from == "the default");
}
