// Paths shown relative to the current folder when below it, absolute otherwise.
#include "output/shown_path.hpp"

#include <catch2/catch.hpp>

using crib::PathDisplay;

TEST_CASE("shown paths are relative below the current folder, absolute elsewhere", "[paths]") {
    PathDisplay d({{"content/", "/src/content"}, {"/home/u/notes", "/home/u/notes"}}, "/src");
    CHECK(d.shown("content/k8s.md") == "content/k8s.md");
    CHECK(d.absolute("content/k8s.md") == "/src/content/k8s.md");
    CHECK(d.shown("/home/u/notes/a/b.md") == "/home/u/notes/a/b.md");
    PathDisplay inside({{"/home/u/notes", "/home/u/notes"}}, "/home/u/notes/a");
    CHECK(inside.shown("/home/u/notes/a/b.md") == "b.md");
    CHECK(inside.shown("/home/u/notes/c.md") == "/home/u/notes/c.md");
}

TEST_CASE("shown paths: a root given as a relative path, seen from another folder", "[paths]") {
    PathDisplay d({{"notes", "/w/notes"}}, "/elsewhere");
    CHECK(d.shown("notes/x.md") == "/w/notes/x.md");
    PathDisplay below({{"notes", "/w/notes"}}, "/w/notes/k8s/");
    CHECK(below.shown("notes/k8s/pods.md") == "pods.md");
}

TEST_CASE("shown paths: file roots, '.', prefixes that are not folders", "[paths]") {
    PathDisplay d({{"one.md", "/w/one.md"}, {".", "/w"}, {"note", "/w/note"}}, "/w");
    CHECK(d.shown("one.md") == "one.md");
    CHECK(d.shown("./sub/a.md") == "sub/a.md");
    // "notes/..." is not below the root "note"
    CHECK(d.absolute("notes/a.md") == "notes/a.md");
    CHECK(d.shown_id("./sub/a.md:12") == "sub/a.md:12");
}

TEST_CASE("shown paths: no roots known, or no current folder, changes nothing", "[paths]") {
    CHECK(PathDisplay({}, "/w").shown("notes/a.md") == "notes/a.md");
    CHECK(PathDisplay({{"notes", "/w/notes"}}, "").shown("notes/a.md") == "/w/notes/a.md");
    CHECK(PathDisplay({}, "/").shown("/a/b.md") == "a/b.md");
}
