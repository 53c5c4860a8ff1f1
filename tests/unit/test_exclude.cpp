// crib-index --exclude: which paths a pattern leaves out, and an index that
// remembers its patterns (updates, freshness, --rebuild PATH...).
#include "helpers.hpp"
#include "index_fixture.hpp"
#include "writer/exclude.hpp"
#include "writer/index_run.hpp"

#include <xapian.h>

using namespace crib;

namespace {
/// The passages of the index at `db` from files whose path holds `part`.
size_t passages_of(const std::string& db, const std::string& part) {
    size_t n = 0;
    for (const auto& [display, rec] : read_file_records(Xapian::Database(db)))
        if (display.find(part) != std::string::npos) n += rec.passages;
    return n;
}

/// Notes with a format description and a licence beside them, as a corpus has.
IndexOptions corpus(test::TempDir& d) {
    d.write("notes/README.md", "## What is this corpus?\nnotes of others\n");
    d.write("notes/a/FORMAT.txt", "How questions are marked in this folder\n");
    d.write("notes/a/LICENSE.md", "Permission is hereby granted\n");
    d.write("notes/a/README.md", "## What is alpha?\nalpha\n");
    d.write("notes/a/drafts/b.md", "## What is beta?\nbeta\n");
    return test::notes_options(d);
}
} // namespace

TEST_CASE("an exclude pattern without a slash is a name at any depth", "[exclude]") {
    const std::vector<std::string> p = {"FORMAT.txt", "LICENSE*"};
    CHECK(excluded(p, "FORMAT.txt", false));
    CHECK(excluded(p, "corpus/FORMAT.txt", false));
    CHECK(excluded(p, "corpus/LICENSE.md", false));
    CHECK(excluded(p, "corpus/a/b/FORMAT.txt", false)); // any depth, not only one folder down
    CHECK(excluded({"drafts/"}, "corpus/a/drafts", true));
    CHECK_FALSE(excluded(p, "corpus/FORMAT.txt.md", false));
    CHECK_FALSE(excluded(p, "FORMAT/notes.md", false)); // a folder's name is not the pattern
    CHECK_FALSE(excluded({}, "FORMAT.txt", false));
}

TEST_CASE("an exclude pattern with a slash is a path below the root", "[exclude]") {
    CHECK(excluded({"/README.md"}, "README.md", false));
    CHECK_FALSE(excluded({"/README.md"}, "corpus/README.md", false)); // a folder's README is notes
    CHECK(excluded({"corpus/*.txt"}, "corpus/FORMAT.txt", false));
    CHECK_FALSE(excluded({"corpus/*.txt"}, "corpus/sub/FORMAT.txt", false)); // * stops at /
    CHECK(excluded({"drafts/"}, "a/drafts", true));
    CHECK_FALSE(excluded({"drafts/"}, "a/drafts", false)); // a trailing slash: folders only
    CHECK_FALSE(excluded({"/"}, "a", true));
}

TEST_CASE("exclude patterns are remembered one a line and merged without repeats", "[exclude]") {
    std::vector<std::string> p = {"FORMAT.txt", "/README.md"};
    CHECK(decode_excludes(encode_excludes(p)) == p);
    CHECK(merge_excludes(p, {"LICENSE*", "FORMAT.txt", ""}) ==
          std::vector<std::string>{"FORMAT.txt", "/README.md", "LICENSE*"});
}

TEST_CASE("excluded files and folders are not indexed and updates keep them out", "[exclude]") {
    test::TempDir d;
    IndexOptions o = corpus(d);
    o.exclude = {"FORMAT.txt", "LICENSE*", "/README.md", "drafts/"};
    auto s1 = run_index(o);
    CHECK(s1.files_indexed == 1); // a/README.md
    CHECK(passages_of(o.db, "FORMAT") == 0);
    CHECK(passages_of(o.db, "drafts") == 0);
    CHECK_FALSE(index_is_stale(Xapian::Database(o.db))); // no walk finds them new
    d.write("notes/a/drafts/c.md", "## What is gamma?\ngamma\n");
    CHECK_FALSE(index_is_stale(Xapian::Database(o.db)));
    IndexOptions again = test::notes_options(d);
    again.roots.clear(); // the remembered roots, and their patterns
    auto s2 = run_index(again);
    CHECK_FALSE(s2.wrote);
    CHECK(read_excludes(Xapian::Database(o.db)).size() == 4);
}

TEST_CASE("a newly excluded file leaves the index and a rebuild with paths forgets the patterns",
          "[exclude]") {
    test::TempDir d;
    IndexOptions o = corpus(d);
    run_index(o);
    CHECK(passages_of(o.db, "FORMAT") > 0);
    IndexOptions ex = test::notes_options(d);
    ex.roots.clear();
    ex.exclude = {"FORMAT.txt"};
    auto s = run_index(ex);
    CHECK(s.files_removed == 1);
    CHECK(passages_of(o.db, "FORMAT") == 0);
    IndexOptions rebuild = test::notes_options(d);
    rebuild.rebuild = true;
    run_index(rebuild);
    CHECK(read_excludes(Xapian::Database(o.db)).empty());
    CHECK(passages_of(o.db, "FORMAT") > 0);
}

TEST_CASE("a rebuild without paths keeps the remembered patterns", "[exclude]") {
    // Only --rebuild PATH... starts the patterns over (README): one without
    // paths rebuilds the remembered roots with their patterns.
    test::TempDir d;
    IndexOptions o = corpus(d);
    o.exclude = {"FORMAT.txt"};
    run_index(o);
    IndexOptions rebuild = test::notes_options(d);
    rebuild.roots.clear();
    rebuild.rebuild = true;
    auto s = run_index(rebuild);
    CHECK(s.files_indexed == 4);
    CHECK(read_excludes(Xapian::Database(o.db)) == std::vector<std::string>{"FORMAT.txt"});
    CHECK(passages_of(o.db, "FORMAT") == 0);
}
