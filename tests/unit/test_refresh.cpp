// The one refresh every mode runs before reading (search, quiz, gaps): a stale
// index is brought up to date, a fresh or missing one is left alone, never fatal.
#include "index_fixture.hpp"
#include "refresh.hpp"
#include "search/search.hpp"

#include <thread>

using namespace crib;

namespace {

size_t hits_for(const std::string& db, const std::string& words) {
    SearchRequest r;
    r.db = db;
    r.query = words;
    r.related = r.facets = r.snippets = false;
    r.corrections = false; // the words as typed ("init" is otherwise corrected to "unit")
    return search(r).total;
}

/// Moves the note's mtime on a second, so that an edit of the same length is seen.
void touch_later(const test::TempDir& d, const std::string& rel) {
    auto p = d.path / rel;
    std::filesystem::last_write_time(p, std::filesystem::last_write_time(p) + std::chrono::seconds(2));
}

} // namespace

TEST_CASE("refresh: an edited note is indexed again before the read", "[refresh]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is a pod?\nThe smallest unit.\n");
    std::string db = test::index_notes(d);
    CHECK_FALSE(refresh_now({db}, {.human = false})); // nothing changed
    d.write("notes/a.md", "## What is a sidecar?\nA helper unit.\n");
    touch_later(d, "notes/a.md");
    CHECK(refresh_now({db}, {.human = false}));
    CHECK(hits_for(db, "sidecar") == 1);
    CHECK(hits_for(db, "smallest") == 0);
    CHECK_FALSE(refresh_now({db}, {.human = false})); // and now it is fresh
}

TEST_CASE("refresh: a read that started first sees the change after finish()", "[refresh]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is a pod?\nThe smallest unit.\n");
    std::string db = test::index_notes(d);
    d.write("notes/b.md", "## What is an init container?\nRuns first.\n");
    Refresh r({db}, {.human = false});
    CHECK(hits_for(db, "init container") == 0); // the read beside the check
    CHECK(r.finish());
    CHECK(hits_for(db, "init container") == 1);
}

TEST_CASE("refresh: a missing index and a remote one are left alone, never fatal", "[refresh]") {
    test::TempDir d;
    CHECK_FALSE(refresh_now({d.str() + "/no-index"}, {.human = false}));
    CHECK_FALSE(refresh_now({"tcp://127.0.0.1:1"}, {.human = false}));
    CHECK_FALSE(refresh_now({}, {.human = false}));
}
