// The stored stat list behind crib's freshness check: folders are not listed
// again when their mtime is unchanged, but every note file is still stat'ed,
// and folders changed in the walk's own second are listed.
#include "helpers.hpp"
#include "index_fixture.hpp"
#include "writer/index_run.hpp"
#include "index/schema.hpp"
#include "writer/stat_list.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <xapian.h>

#include <chrono>
#include <set>
#include <thread>

using namespace crib;

namespace {
IndexOptions opts(const test::TempDir& d) { return test::notes_options(d); }
std::string stat_list(const IndexOptions& o) {
    return Xapian::Database(o.db).get_metadata(schema::kStatListKey);
}
bool stale(const IndexOptions& o) {
    return index_is_stale(Xapian::Database(o.db));
}

/// Set a path's mtime to `ns` (nanoseconds since the epoch).
void set_mtime(const std::filesystem::path& p, int64_t ns) {
    struct timespec t[2] = {{0, UTIME_OMIT}, {time_t(ns / 1000000000), long(ns % 1000000000)}};
    REQUIRE(::utimensat(AT_FDCWD, p.c_str(), t, 0) == 0);
}
int64_t mtime(const std::filesystem::path& p) {
    struct stat st;
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}
/// Folders last changed an hour ago: not "racy", so only their mtimes are compared.
void age_folders(const test::TempDir& d, std::initializer_list<const char*> rels) {
    for (const char* r : rels)
        set_mtime(d.path / r, now_ns() - 3600ll * 1000000000);
}
} // namespace

TEST_CASE("a complete run stores a stat list that the check finds fresh", "[stat]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/sub/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes", "notes/sub"});
    run_index(opts(d));
    std::string list = stat_list(opts(d));
    CHECK(list.find("a.md") != std::string::npos);
    CHECK(list.find("/notes/sub\n") != std::string::npos);
    CHECK(check_stat_list(list) == Freshness::fresh);
    CHECK_FALSE(stale(opts(d)));
}

TEST_CASE("regression: an edit in place in an unchanged folder is still seen", "[stat]") {
    test::TempDir d;
    d.write("notes/sub/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes", "notes/sub"});
    run_index(opts(d));
    int64_t folder = mtime(d.path / "notes/sub");
    d.write("notes/sub/b.md",
            "## What is B?\nbeta, longer now\n"); // truncate + write: same folder mtime
    REQUIRE(mtime(d.path / "notes/sub") == folder);
    CHECK(stale(opts(d)));
    run_index(opts(d));
    CHECK_FALSE(stale(opts(d)));
}

TEST_CASE("regression: a new file in a folder changed in the walk's second is seen", "[stat]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    run_index(opts(d)); // notes/ was just written: recorded as racy
    int64_t folder = mtime(d.path / "notes");
    d.write("notes/new.md", "## What is new?\nnew\n");
    set_mtime(d.path / "notes", folder); // as if in the same timestamp tick
    CHECK(stale(opts(d)));
}

TEST_CASE("new files, new folders and vanished files make the list stale", "[stat]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/sub/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes", "notes/sub"});
    run_index(opts(d));
    d.write("notes/sub/deeper/c.md", "## What is C?\ngamma\n");
    CHECK(stale(opts(d)));
    run_index(opts(d));
    CHECK_FALSE(stale(opts(d)));
    std::filesystem::remove(d.path / "notes/a.md");
    CHECK(stale(opts(d)));
}

TEST_CASE("a new non-note file is stale once, then the no-op run stores a fresh list", "[stat]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    age_folders(d, {"notes"});
    run_index(opts(d));
    d.write("notes/picture.png", "png");
    CHECK(stale(opts(d)));
    IndexStats s = run_index(opts(d));
    CHECK_FALSE(s.wrote); // no passages changed
    CHECK_FALSE(stale(opts(d)));
}

TEST_CASE("without a stat list (an older index) the check walks the roots", "[stat]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    run_index(opts(d));
    {
        Xapian::WritableDatabase db(opts(d).db, Xapian::DB_OPEN);
        db.set_metadata(schema::kStatListKey, "");
        db.commit();
    }
    CHECK(check_stat_list("") == Freshness::unknown);
    CHECK_FALSE(stale(opts(d)));
    d.write("notes/b.md", "## What is B?\nbeta\n");
    CHECK(stale(opts(d)));
}

TEST_CASE("an interrupted run leaves no stat list", "[stat]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    interrupt_requested() = true;
    run_index(opts(d));
    interrupt_requested() = false;
    CHECK(stat_list(opts(d)).empty());
    CHECK(stale(opts(d)));
}

TEST_CASE("a large list is checked in two halves and still finds a change in either", "[stat]") {
    test::TempDir d;
    for (int f = 0; f < 40; ++f)
        for (int i = 0; i < 60; ++i)
            d.write("notes/f" + std::to_string(f) + "/file-with-a-long-name-" + std::to_string(i) +
                        ".md",
                    "## Q" + std::to_string(i) + "?\nanswer\n");
    run_index(opts(d));
    REQUIRE(stat_list(opts(d)).size() > 64 * 1024);
    CHECK_FALSE(stale(opts(d)));
    d.write("notes/f39/file-with-a-long-name-59.md", "## Q59?\nanswer changed\n");
    CHECK(stale(opts(d)));
    run_index(opts(d));
    d.write("notes/f0/file-with-a-long-name-0.md", "## Q0?\nanswer changed\n");
    CHECK(stale(opts(d)));
}

TEST_CASE("a no-op run counts every file, unchanged or still skipped", "[stat]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/sub/b.md", "## What is B?\nbeta\n");
    d.write("notes/big.md", "## Big?\n" + std::string(3000, 'x') + "\n");
    IndexOptions o = opts(d);
    o.max_size = 2000;
    run_index(o);
    CHECK(stat_list_files(stat_list(o), o.max_size).files == 3);
    CHECK(stat_list_files(stat_list(o), 1 << 20).size_skip_fits);
    IndexStats s = run_index(o);
    CHECK_FALSE(s.wrote);
    CHECK(s.files_unchanged == 2);
    CHECK(s.skipped.size() == 1); // big.md, reported by every run
    CHECK(s.files_seen == 3);
    CHECK(stat_list_files(stat_list(o), o.max_size).skipped == 1);
}

namespace {
/// Passages the index holds for the note `rel` under the temporary notes folder.
Xapian::doccount passages_of(const IndexOptions& o, const test::TempDir& d, const std::string& rel) {
    return Xapian::Database(o.db).get_termfreq(schema::file_term(d.str() + "/notes/" + rel));
}
} // namespace

TEST_CASE("regression: a one-file update walked every folder (an edit is planned from the list)",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/sub/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes", "notes/sub"});
    run_index(opts(d));
    d.write("notes/sub/b.md", "## What is B?\nbeta\n\n## What is B2?\nbeta two\n");
    IndexStats s = run_index(opts(d));
    CHECK(s.planned_from_list);
    CHECK(s.files_indexed == 1);
    CHECK(s.files_unchanged == 1);
    CHECK(s.files_seen == 2);
    CHECK(passages_of(opts(d), d, "sub/b.md") == 2);
    CHECK(passages_of(opts(d), d, "a.md") == 1);
    CHECK_FALSE(stale(opts(d)));
}

TEST_CASE("an update from the list finds a new file in its folder and drops a deleted one",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/sub/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes", "notes/sub"});
    run_index(opts(d));
    d.write("notes/sub/c.md", "## What is C?\ngamma\n");
    d.write("notes/sub/c.md.swp", "an editor's file, not a note");
    IndexStats s = run_index(opts(d));
    CHECK(s.planned_from_list);
    CHECK(s.files_indexed == 1);
    CHECK(passages_of(opts(d), d, "sub/c.md") == 1);
    std::filesystem::remove(d.path / "notes/a.md");
    s = run_index(opts(d));
    CHECK(s.planned_from_list);
    CHECK(s.files_removed == 1);
    CHECK(passages_of(opts(d), d, "a.md") == 0);
    CHECK(Xapian::Database(opts(d).db).get_doccount() == 2);
    CHECK_FALSE(stale(opts(d)));
}

TEST_CASE("an update from the list walks when a folder is new, and keeps hidden ones out",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    age_folders(d, {"notes"});
    run_index(opts(d));
    d.write("notes/.hidden/h.md", "## What is H?\nhidden\n");
    d.write("notes/a.md", "## What is A?\nalpha, edited\n");
    IndexStats s = run_index(opts(d));
    CHECK(s.planned_from_list); // a hidden folder is never walked: no walk needed
    CHECK(passages_of(opts(d), d, ".hidden/h.md") == 0);
    d.write("notes/deeper/c.md", "## What is C?\ngamma\n");
    s = run_index(opts(d));
    CHECK_FALSE(s.planned_from_list);
    CHECK(passages_of(opts(d), d, "deeper/c.md") == 1);
}

TEST_CASE("the list's diff names changed, new and vanished files and keeps the rest", "[stat]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/b.md", "## What is B?\nbeta\n");
    d.write("notes/c.md", "## What is C?\ngamma\n");
    age_folders(d, {"notes"});
    run_index(opts(d));
    std::string list = stat_list(opts(d));
    d.write("notes/a.md", "## What is A?\nalpha, edited\n");
    std::filesystem::remove(d.path / "notes/b.md");
    d.write("notes/n.md", "## What is N?\nnew\n");
    auto diff = diff_stat_list(list);
    REQUIRE(diff);
    std::set<std::string> changed;
    for (const ChangedFile& f : diff->changed)
        changed.insert(std::filesystem::path(f.abs).filename().string());
    CHECK(changed == std::set<std::string>{"a.md", "n.md"});
    REQUIRE(diff->gone.size() == 1);
    CHECK(std::filesystem::path(diff->gone[0]).filename() == "b.md");
    CHECK(diff->files == 3);
    std::string kept = diff->unchanged.encode(0);
    CHECK(kept.find("\tc.md\n") != std::string::npos);
    CHECK(kept.find("\ta.md\n") == std::string::npos);
    CHECK_FALSE(diff_stat_list("not a list"));
}

TEST_CASE("a file still skipped makes the update walk, so its skip is said again", "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/big.md", "## Big?\n" + std::string(3000, 'x') + "\n");
    IndexOptions o = opts(d);
    o.max_size = 2000;
    run_index(o);
    d.write("notes/a.md", "## What is A?\nalpha, edited\n");
    IndexStats s = run_index(o);
    CHECK_FALSE(s.planned_from_list);
    CHECK(s.skipped.size() == 1);
    CHECK(s.files_indexed == 1);
}

namespace {
/// The list a walk of the roots stores for the disk as it is now: the stored
/// list is dropped, and a run with nothing to write walks and stores its own.
/// Racy marks are made plain, since they depend on when each run ran.
std::string walked_list(const IndexOptions& o) {
    {
        Xapian::WritableDatabase db(o.db, Xapian::DB_OPEN);
        db.set_metadata(schema::kStatListKey, "");
        db.commit();
    }
    IndexStats s = run_index(o);
    CHECK_FALSE(s.planned_from_list);
    return stat_list(o);
}
/// A list as a set of "folder line" and "folder\tfile line" entries: the
/// files of a folder in any order, racy marks made plain (they depend on
/// when each run ran).
std::set<std::string> entries(const std::string& list) {
    std::set<std::string> out;
    std::string folder;
    for (size_t pos = 0, nl; pos < list.size(); pos = nl + 1) {
        nl = list.find('\n', pos);
        std::string line = list.substr(pos, nl - pos);
        if (!line.empty() && line[0] == 'R') line[0] = 'D';
        if (!line.empty() && line[0] >= 'A' && line[0] <= 'Z')
            out.insert(folder = line);
        else
            out.insert(folder + "\t" + line);
    }
    return out;
}
} // namespace

TEST_CASE("an update from the list stores the list a walk would store, also in two halves",
          "[stat][update]") {
    test::TempDir d;
    for (int f = 0; f < 40; ++f)
        for (int i = 0; i < 60; ++i)
            d.write("notes/f" + std::to_string(f) + "/file-with-a-long-name-" + std::to_string(i) +
                        ".md",
                    "## Q" + std::to_string(i) + "?\nanswer\n");
    IndexOptions o = opts(d);
    run_index(o);
    age_folders(d, {"notes"});
    for (int f = 0; f < 40; ++f)
        set_mtime(d.path / ("notes/f" + std::to_string(f)), now_ns() - 3600ll * 1000000000);
    walked_list(o); // the aged mtimes recorded
    REQUIRE(stat_list(o).size() > 64 * 1024);
    d.write("notes/f0/file-with-a-long-name-0.md", "## Q0?\nanswer changed\n");
    d.write("notes/f39/file-with-a-long-name-59.md", "## Q59?\nanswer changed\n");
    d.write("notes/f39/new.md", "## New?\nnew\n");
    std::filesystem::remove(d.path / "notes/f9/file-with-a-long-name-7.md"); // the last folder
    IndexStats s = run_index(o);
    REQUIRE(s.planned_from_list);
    CHECK(s.files_indexed == 3);
    CHECK(s.files_removed == 1);
    CHECK(s.files_seen == 40 * 60);
    CHECK(s.files_unchanged == 40 * 60 - 3);
    CHECK(passages_of(o, d, "f9/file-with-a-long-name-7.md") == 0);
    std::string fast = stat_list(o);
    CHECK(fast.find("\tnew.md\n") != std::string::npos);
    CHECK(entries(fast) == entries(walked_list(o)));
}

TEST_CASE("regression: a folder replaced by a link to it kept its passages (the walk drops them)",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/sub/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes", "notes/sub"});
    run_index(opts(d));
    std::filesystem::create_directories(d.path / "elsewhere");
    std::filesystem::rename(d.path / "notes/sub", d.path / "elsewhere/sub"); // mtimes kept
    std::filesystem::create_directory_symlink(d.path / "elsewhere/sub", d.path / "notes/sub");
    run_index(opts(d));
    CHECK(passages_of(opts(d), d, "sub/b.md") == 0); // a linked folder is not walked
    CHECK(passages_of(opts(d), d, "a.md") == 1);
    CHECK(stat_list(opts(d)).find("/notes/sub\n") == std::string::npos);
}

TEST_CASE("regression: a link to nowhere named as a note went unreported after an update "
          "from the list",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes"});
    run_index(opts(d));
    Xapian::doccount b_kept = 1;
    SECTION("a new link") {
        std::filesystem::create_symlink(d.path / "nowhere.md", d.path / "notes/dangling.md");
    }
    SECTION("a recorded file that became one") {
        std::filesystem::remove(d.path / "notes/b.md");
        std::filesystem::create_symlink(d.path / "nowhere.md", d.path / "notes/b.md");
        b_kept = 0;
    }
    d.write("notes/a.md", "## What is A?\nalpha, edited\n");
    IndexStats s = run_index(opts(d));
    REQUIRE(s.skipped.size() == 1); // as the walk says it: "cannot stat: ..."
    CHECK(s.skipped[0].reason.find("cannot stat") != std::string::npos);
    CHECK(passages_of(opts(d), d, "b.md") == b_kept);
    s = run_index(opts(d)); // and every run after says it again
    CHECK(s.skipped.size() == 1);
}

TEST_CASE("regression: a root that was a single file and is gone went unreported after an update "
          "from the list",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("loose.md", "## What is L?\nloose\n");
    IndexOptions o = opts(d);
    o.roots.push_back(d.str() + "/loose.md");
    age_folders(d, {"notes", "."});
    run_index(o);
    std::filesystem::remove(d.path / "loose.md");
    IndexStats s = run_index(o);
    REQUIRE(s.skipped.size() == 1); // as the walk says it: "cannot open: ..."
    CHECK(s.skipped[0].path == d.str() + "/loose.md");
    CHECK(Xapian::Database(o.db).get_termfreq(schema::file_term(d.str() + "/loose.md")) == 0);
    s = run_index(o);
    CHECK(s.skipped.size() == 1);
}

TEST_CASE("an update from the list sees an edit that keeps the size", "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes"});
    run_index(opts(d));
    int64_t before = mtime(d.path / "notes/a.md");
    d.write("notes/a.md", "## What is A?\ngamma\n"); // as many bytes
    set_mtime(d.path / "notes/a.md", before + 2000000000);
    IndexStats s = run_index(opts(d));
    CHECK(s.planned_from_list);
    CHECK(s.files_indexed == 1);
    CHECK(Xapian::Database(opts(d).db).get_termfreq("Zgamma") == 1);
    CHECK_FALSE(stale(opts(d)));
}

TEST_CASE("a note replaced by a fifo loses its passages and is not called skipped, as in a walk",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/b.md", "## What is B?\nbeta\n");
    age_folders(d, {"notes"});
    run_index(opts(d));
    std::filesystem::remove(d.path / "notes/a.md");
    REQUIRE(::mkfifo((d.path / "notes/a.md").c_str(), 0644) == 0);
    IndexStats s = run_index(opts(d));
    CHECK(s.skipped.empty());
    CHECK(passages_of(opts(d), d, "a.md") == 0);
    CHECK(passages_of(opts(d), d, "b.md") == 1);
}

TEST_CASE("an update from the list needs no walk for the index kept inside the notes",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    IndexOptions o = opts(d);
    o.db = d.str() + "/notes/index";
    run_index(o);
    age_folders(d, {"notes"});
    walked_list(o);
    d.write("notes/b.md", "## What is B?\nbeta\n");
    IndexStats s = run_index(o);
    CHECK(s.planned_from_list);
    CHECK(s.files_indexed == 1);
    CHECK_FALSE(stale(o));
}

TEST_CASE("an update from the list finds a new note file without an extension", "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    age_folders(d, {"notes"});
    run_index(opts(d));
    d.write("notes/interview-questions", "## What is Q?\nquux\n");
    IndexStats s = run_index(opts(d));
    CHECK(s.planned_from_list);
    CHECK(s.files_indexed == 1);
    CHECK(passages_of(opts(d), d, "interview-questions") == 1);
}

namespace {
/// Every passage record of an index, as a sorted list: two indexes of the
/// same notes hold the same records, whatever their docids.
std::multiset<std::string> records(const std::string& db_path) {
    Xapian::Database db(db_path);
    std::multiset<std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
        out.insert(db.get_document(*it).get_data());
    return out;
}
/// The records of a fresh index of `o`'s roots, as a walk of today's disk makes them.
std::multiset<std::string> rebuilt_records(IndexOptions o, const test::TempDir& d) {
    o.db = d.str() + "/rebuilt";
    o.rebuild = true;
    run_index(o);
    return records(o.db);
}
} // namespace

TEST_CASE("an update from the list gives new files their top folder and their root",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/docker/a.md", "## How do you list running containers?\nps\n");
    d.write("notes2/b.md", "## What is B?\nbeta\n");
    IndexOptions o = opts(d);
    o.roots.push_back(d.str() + "/notes2"); // a root whose path starts with the first one's
    o.taxonomy = std::string(CRIB_SOURCE_DIR) + "/content/crib-topics.conf";
    run_index(o);
    age_folders(d, {"notes", "notes/docker", "notes2"});
    walked_list(o);
    d.write("notes/docker/c.md", "## What is C?\ngamma\n"); // its topic from its folder only
    d.write("notes2/b.md", "## What is B?\nbeta, edited\n");
    IndexStats s = run_index(o);
    REQUIRE(s.planned_from_list);
    CHECK(s.files_indexed == 2);
    CHECK(records(o.db) == rebuilt_records(o, d));
    CHECK(Xapian::Database(o.db).get_termfreq(schema::file_term(d.str() + "/notes2/b.md")) == 1);
    CHECK(Xapian::Database(o.db).get_termfreq(std::string(schema::kTopicPrefix) + "docker") == 2);
}

TEST_CASE("a root that is a single file: an update from the list stores the list a walk would",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("loose/l.md", "## What is L?\nloose\n");
    IndexOptions o = opts(d);
    o.roots.push_back(d.str() + "/loose/l.md");
    run_index(o);
    age_folders(d, {"notes", "loose"});
    walked_list(o);
    d.write("notes/a.md", "## What is A?\nalpha, edited\n");
    IndexStats s = run_index(o);
    REQUIRE(s.planned_from_list);
    std::string fast = stat_list(o); // before the walk stores its own
    CHECK(entries(fast) == entries(walked_list(o)));
}

TEST_CASE("a non-note file in a folder: the no-op stores the whole list, later notes are seen",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    age_folders(d, {"notes"});
    run_index(opts(d));
    d.write("notes/picture.png", "png");
    IndexStats s = run_index(opts(d));
    CHECK(s.planned_from_list);
    CHECK_FALSE(s.wrote);
    std::string after = stat_list(opts(d));
    CHECK(after.find("\ta.md\n") != std::string::npos);
    CHECK(entries(after) == entries(walked_list(opts(d))));
}

TEST_CASE("an index without passages is built whole by the walk, not updated from the list",
          "[stat][update]") {
    test::TempDir d;
    d.write("notes/empty.md", "");
    age_folders(d, {"notes"});
    run_index(opts(d));
    REQUIRE(Xapian::Database(opts(d).db).get_doccount() == 0);
    d.write("notes/a.md", "## What is A?\nalpha\n");
    IndexStats s = run_index(opts(d));
    CHECK_FALSE(s.planned_from_list);
    CHECK(passages_of(opts(d), d, "a.md") == 1);
}
