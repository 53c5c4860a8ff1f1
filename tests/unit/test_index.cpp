// Incremental indexing: unchanged runs write nothing, one edit re-indexes one
// file, deleted files leave nothing behind, versions and locks are checked.
#include "helpers.hpp"
#include "index/schema.hpp"
#include "index/topics.hpp"
#include "index_fixture.hpp"
#include "search/query_parser.hpp"
#include "search/search.hpp"
#include "writer/index_run.hpp"
#include "writer/parse_pipeline.hpp"
#include "writer/writers.hpp"

#include <xapian.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

using namespace crib;

namespace {
IndexOptions opts(const test::TempDir& d) {
    return test::notes_options(d);
}

/// A note, a binary .md and one over the size limit these options set.
IndexOptions notes_with_two_bad_files(test::TempDir& d) {
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/blob.md", std::string("bin\0\0\0\0\0\0\0\0\0\0data\n", 18));
    d.write("notes/big.md", "## Big?\n" + std::string(3000, 'x') + "\n");
    IndexOptions o = opts(d);
    o.max_size = 2000;
    return o;
}
size_t docs(const std::string& db) {
    return Xapian::Database(db).get_doccount();
}
Xapian::rev revision(const std::string& db) {
    return Xapian::Database(db).get_revision();
}
} // namespace

TEST_CASE("unchanged re-index writes nothing", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n## What is B?\nbeta\n");
    d.write("notes/sub/c.txt", "1. what is c ?\ngamma\n");
    auto s1 = run_index(opts(d));
    CHECK(s1.files_indexed == 2);
    CHECK(s1.passages == 3);
    auto rev = revision(opts(d).db);
    IndexOptions again = opts(d);
    again.roots.clear(); // the remembered roots
    auto s2 = run_index(again);
    CHECK_FALSE(s2.wrote);
    CHECK(s2.files_unchanged == 2);
    CHECK(revision(opts(d).db) == rev);
}

TEST_CASE("one edited file re-indexes only that file", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/b.md", "## What is B?\nbeta\n");
    run_index(opts(d));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d.write("notes/a.md", "## What is A?\nalpha\n## What is A2?\nmore\n");
    auto s = run_index(opts(d));
    CHECK(s.files_indexed == 1);
    CHECK(s.files_unchanged == 1);
    CHECK(docs(opts(d).db) == 3);
}

TEST_CASE("regression: a one-file update built every passage of the file (held ones are not)",
          "[index][update]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n\n## What is B?\nbeta\n\n## What is C?\ngamma\n");
    run_index(opts(d));
    d.write("notes/a.md", "## What is A?\nalpha\n\n## What is B?\nbeta\n\n## What is C?\ngamma\n"
                          "\n## What is D?\ndelta\n");
    const std::string display = d.str() + "/notes/a.md";
    FileJob job;
    job.cand = {display, display, "", stat_path(display)};
    job.held = held_passages(Xapian::Database(opts(d).db), display);
    REQUIRE(job.held.size() == 3);
    IndexOptions o = opts(d);
    Taxonomy tax;
    Shared sh{&o, &tax, nullptr};
    Xapian::TermGenerator tg;
    schema::configure_term_generator(tg);
    FileResult r = process(job, sh, tg);
    REQUIRE(r.docs.size() == 4);
    size_t held = 0;
    for (const BuiltPassage& b : r.docs) {
        held += b.held;
        CHECK((b.held ? b.doc.termlist_count() == 0 : b.doc.termlist_count() > 0));
    }
    CHECK(held == 3); // only "What is D?" is built
    CHECK(r.questions == 4);

    // And the update through the run: D written, A-C kept as they were.
    Xapian::docid a_before = *Xapian::Database(opts(d).db).postlist_begin("Zalpha");
    IndexStats s = run_index(opts(d));
    CHECK(s.files_indexed == 1);
    Xapian::Database db(opts(d).db);
    CHECK(db.get_doccount() == 4);
    CHECK(db.get_termfreq("Zdelta") == 1);
    CHECK(*db.postlist_begin("Zalpha") == a_before);
}

TEST_CASE("regression: an update of a file with two identical passages threw, or kept a stale "
          "copy",
          "[index][update]") {
    // A notebook cell's source as one JSON string: both questions are on
    // line 3 of the .ipynb, so their records are the same bytes.
    auto notebook = [](const std::string& more) {
        return "{\"cells\": [\n"
               " {\"cell_type\": \"markdown\", \"metadata\": {},\n"
               "  \"source\": \"## What is X?\\nsame\\n\\n## What is X?\\nsame\\n\"}" +
               more + "\n], \"metadata\": {}, \"nbformat\": 4}\n";
    };
    test::TempDir d;
    d.write("notes/n.ipynb", notebook(""));
    run_index(opts(d));
    REQUIRE(docs(opts(d).db) == 2);
    const std::string cell = ",\n {\"cell_type\": \"markdown\", \"metadata\": {}, "
                             "\"source\": \"## What is Y?\\nother\\n\"}";
    d.write("notes/n.ipynb", notebook(cell));
    IndexStats s = run_index(opts(d));
    CHECK(s.files_indexed == 1);
    CHECK(docs(opts(d).db) == 3);
    d.write("notes/n.ipynb", notebook(cell + ",\n {\"cell_type\": \"markdown\", \"metadata\": {}, "
                                             "\"source\": \"## What is Z?\\nzed\\n\"}"));
    s = run_index(opts(d));
    CHECK(s.files_indexed == 1);
    CHECK(docs(opts(d).db) == 4); // no copy of "What is X?" left behind
}

TEST_CASE("regression: an index made in the notes folder itself deleted the notes when compacted",
          "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/b.md", "## What is B?\nbeta\n");
    IndexOptions o = opts(d);
    o.db = d.str() + "/notes";    // crib-index --db notes notes
    o.threads = GENERATE(1u, 2u); // compacted after the build, or a build of two swapped in
    IndexStats s = run_index(o);
    CHECK(std::filesystem::exists(d.path / "notes/a.md"));
    CHECK(std::filesystem::exists(d.path / "notes/b.md"));
    CHECK(s.questions == 2);
}

TEST_CASE("regression: an index made in the notes folder counted its lock file as a note",
          "[index]") {
    // crib-index --db notes notes: Xapian's flintlock (empty, no extension)
    // was read as a note, "2 files" for one; the index's files are not
    // notes.  And the folder, listed by no update since every commit moves
    // its mtime, hid a note added beside the index from updates and checks.
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    IndexOptions o = opts(d);
    o.db = d.str() + "/notes";
    IndexStats first = run_index(o);
    CHECK(first.files_indexed == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d.write("notes/b.md", "## What is B?\nbeta\n"); // an update, planned from the file list
    CHECK(index_is_stale(Xapian::Database(o.db)));  // crib's check before a search sees it too
    IndexStats again = run_index(o);
    CHECK(again.files_indexed == 1);
    CHECK(again.files_unchanged == 1);
    CHECK(docs(o.db) == 2);
}

TEST_CASE("an update past the held-records budget replaces the old passages all the same",
          "[index][update]") {
    test::TempDir d;
    for (const char* f : {"a", "b", "c"})
        d.write(std::string("notes/") + f + ".md",
                std::string("## What is ") + f + "?\nx\n\n" + "## Why " + f + "?\ny\n");
    run_index(opts(d));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    for (const char* f : {"a", "b", "c"})
        d.write(std::string("notes/") + f + ".md", std::string("## What is ") + f + "?\nx\n\n" +
                                                       "## Why " + f + "?\ny\n\n## How " + f +
                                                       "?\nz\n");
    IndexOptions o = opts(d);
    o.held_bytes = 1; // the first changed file's records only: the others are read by the writer
    IndexStats s = run_index(o);
    CHECK(s.files_indexed == 3);
    CHECK(docs(o.db) == 9);
}

TEST_CASE("touched but identical file is not re-parsed (hash check)", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    run_index(opts(d));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d.write("notes/a.md", "## What is A?\nalpha\n");
    auto s = run_index(opts(d));
    CHECK(s.files_indexed == 0);
    CHECK(s.files_unchanged == 1);
}

TEST_CASE("a deleted file leaves no passage behind", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/b.md", "## What is B?\nbeta\n");
    run_index(opts(d));
    std::filesystem::remove(d.path / "notes/b.md");
    auto s = run_index(opts(d));
    CHECK(s.files_removed == 1);
    Xapian::Database db(opts(d).db);
    CHECK(db.get_doccount() == 1);
    CHECK(db.get_termfreq(schema::file_term(d.str() + "/notes/b.md")) == 0);
    CHECK(read_file_records(db).size() == 1);
}

TEST_CASE("bad files are skipped with a reason, the run goes on", "[index]") {
    test::TempDir d;
    d.write("notes/good.md", "## What is good?\nyes\n");
    d.write("notes/bin.txt", std::string(200, '\0'));
    d.write("notes/big.md", std::string(3000, 'x'));
    d.write("notes/latin1.txt", "1. what is caf\xE9 ?\nanswer\n");
    std::filesystem::create_symlink("nowhere.md",
                                    d.path / "notes/dangling.md"); // unreadable (root reads all)
    std::filesystem::create_symlink("loop2.md", d.path / "notes/loop1.md");
    std::filesystem::create_symlink("loop1.md", d.path / "notes/loop2.md");
    d.write("notes/with space \xFF.md", "## Name with odd bytes?\nok\n");
    std::string utf16("\xFF\xFE", 2);
    for (char c : std::string("## What is UTF-16?\nwide\n"))
        utf16 += std::string{c, '\0'};
    d.write("notes/wide.md", utf16);
    IndexOptions o = opts(d);
    o.max_size = 2000;
    auto s = run_index(o);
    CHECK(s.files_indexed == 4);
    std::map<std::string, std::string> why;
    for (const auto& k : s.skipped)
        why[k.path.substr(k.path.rfind('/') + 1)] = k.reason;
    CHECK(why["bin.txt"] == "binary file");
    CHECK(why["big.md"].find("larger than") != std::string::npos);
    CHECK(why["loop1.md"] == "symlink loop");
    CHECK(why["dangling.md"].find("cannot stat") != std::string::npos);
    CHECK(s.warnings.size() == 2); // latin1 as windows-1252, wide.md from UTF-16
}

TEST_CASE("an empty tree indexes nothing and is not an error", "[index]") {
    test::TempDir d;
    std::filesystem::create_directories(d.path / "notes");
    auto s = run_index(opts(d));
    CHECK(s.files_seen == 0);
    CHECK(docs(opts(d).db) == 0);
}

TEST_CASE("an index from another schema version is refused", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    run_index(opts(d));
    {
        Xapian::WritableDatabase db(opts(d).db);
        db.set_metadata(schema::kVersionKey, "999");
        db.commit();
    }
    CHECK_THROWS_AS(run_index(opts(d)), IndexVersionError);
    IndexOptions r = opts(d);
    r.rebuild = true;
    CHECK_NOTHROW(run_index(r));
    CHECK(schema::check_schema(Xapian::Database(opts(d).db)).kind == schema::SchemaState::current);
}

TEST_CASE("a garbled schema version is refused, not accepted and re-stamped",
          "[index][regression]") {
    std::string garbled = GENERATE(as<std::string>{}, "abc", "", "0", "3abc", " 3", "3 ", "03",
                                   "-3", "+3", "99999999999");
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    run_index(opts(d));
    {
        Xapian::WritableDatabase db(opts(d).db);
        db.set_metadata(schema::kVersionKey, garbled);
        db.commit();
    }
    CHECK_THROWS_WITH(run_index(opts(d)), Catch::Contains("run: crib-index --rebuild"));
    CHECK(Xapian::Database(opts(d).db).get_metadata(schema::kVersionKey) ==
          garbled); // not re-stamped
    SearchRequest q;
    q.db = opts(d).db;
    q.query = "alpha";
    CHECK_THROWS_WITH(search(q), Catch::Contains("schema version") && Catch::Contains("--rebuild"));
    IndexOptions r = opts(d);
    r.rebuild = true;
    CHECK_NOTHROW(run_index(r));
    CHECK(search(q).hits.size() == 1);
}

TEST_CASE("schema versions parse strictly", "[index]") {
    test::TempDir d;
    Xapian::WritableDatabase db(d.str() + "/db", Xapian::DB_CREATE_OR_OPEN);
    CHECK(schema::check_schema(db).kind == schema::SchemaState::fresh);
    for (auto [raw, kind] : std::vector<std::pair<std::string, schema::SchemaState::Kind>>{
             {std::to_string(schema::kSchemaVersion), schema::SchemaState::current},
             {"999", schema::SchemaState::other},
             {"3.0", schema::SchemaState::garbled},
             {"\x1b]52;c;x\x07", schema::SchemaState::garbled}}) {
        db.set_metadata(schema::kVersionKey, raw);
        CHECK(schema::check_schema(db).kind == kind);
    }
    CHECK(schema::schema_error(schema::check_schema(db), "DB").find('\x1b') == std::string::npos);
}

TEST_CASE("a second writer is refused with a clear message", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    run_index(opts(d));
    Xapian::WritableDatabase holder(opts(d).db, Xapian::DB_OPEN);
    d.write("notes/b.md", "## What is B?\nbeta\n");
    try {
        run_index(opts(d));
        FAIL("expected IndexLocked");
    } catch (const IndexLocked& e) {
        CHECK(std::string(e.what()).find("another crib-index is updating") != std::string::npos);
    }
}

TEST_CASE("freshness check sees edits, new and vanished files", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    run_index(opts(d));
    CHECK_FALSE(index_is_stale(Xapian::Database(opts(d).db)));
    d.write("notes/new.md", "## New?\nx\n");
    CHECK(index_is_stale(Xapian::Database(opts(d).db)));
    run_index(opts(d));
    std::filesystem::remove(d.path / "notes/a.md");
    CHECK(index_is_stale(Xapian::Database(opts(d).db)));
}

TEST_CASE("spelling data follows edits: removed words go, counts do not grow", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is flurbix?\nflurbix things\n");
    run_index(opts(d));
    auto freq = [&](const std::string& w) {
        Xapian::Database db(opts(d).db);
        for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s)
            if (*s == w) return s.get_termfreq();
        return Xapian::doccount(0);
    };
    Xapian::doccount first = freq("flurbix");
    CHECK(first > 0);
    for (int i = 0; i < 3; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        d.write("notes/a.md", "## What is flurbix?\nflurbix things " + std::to_string(i) + "\n");
        run_index(opts(d));
    }
    CHECK(freq("flurbix") == first);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d.write("notes/a.md", "## What is gone?\nnothing here\n");
    run_index(opts(d));
    CHECK(freq("flurbix") == 0);
    IndexOptions r = opts(d);
    r.rebuild = true;
    run_index(r);
    CHECK(freq("gone") == 1);
}

TEST_CASE("an interrupted first index keeps its roots and resumes", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    interrupt_requested() = true;
    auto s1 = run_index(opts(d));
    interrupt_requested() = false;
    CHECK(s1.interrupted);
    CHECK(read_roots(Xapian::Database(opts(d).db)).size() == 1);
    IndexOptions again = opts(d);
    again.roots.clear();
    auto s2 = run_index(again); // "run crib-index again" works without paths
    CHECK(s2.files_indexed == 1);
}

TEST_CASE("a skipped file is remembered: not stale, not retried until it changes", "[index]") {
    test::TempDir d;
    IndexOptions o = notes_with_two_bad_files(d);
    auto s1 = run_index(o);
    CHECK(s1.skipped.size() == 2);
    CHECK_FALSE(index_is_stale(Xapian::Database(o.db), o.max_size));
    auto s2 = run_index(o);
    CHECK_FALSE(s2.wrote);
    o.max_size = 1 << 20; // a larger limit retries the big file
    auto s3 = run_index(o);
    CHECK(s3.files_indexed == 1);
}

TEST_CASE("a skipped binary file was reported only by the run that met it", "[index][regression]") {
    // crib-index exited 3 ("1 skipped: blob.md (binary file)") once, then 0
    // with the file counted as unchanged, though it was still not indexed.
    test::TempDir d;
    IndexOptions o = notes_with_two_bad_files(d);
    auto first = run_index(o);
    REQUIRE(first.skipped.size() == 2);
    for (int run = 0; run < 2; ++run) {
        auto again = run_index(o);
        INFO("run " << run);
        CHECK_FALSE(again.wrote);
        CHECK(again.files_unchanged == 1);
        REQUIRE(again.skipped.size() == 2);
        std::map<std::string, std::string> why;
        for (const auto& k : again.skipped)
            why[k.path.substr(k.path.rfind('/') + 1)] = k.reason;
        for (const auto& k : first.skipped)
            CHECK(why[k.path.substr(k.path.rfind('/') + 1)] == k.reason);
    }
    std::filesystem::remove(d.str() + "/notes/blob.md");
    std::filesystem::remove(d.str() + "/notes/big.md");
    auto clean = run_index(o);
    CHECK(clean.skipped.empty());
}

TEST_CASE("a notebook that is not valid JSON was counted as indexed with no passages",
          "[index][regression]") {
    // crib-index said "indexed 2 files" and exited 0: the notebook's text was
    // in no passage, and only -v said why.  It is skipped and listed (exit
    // 3) on every run until it changes, as a binary file is.
    test::TempDir d;
    d.write("notes/good.md", "## What is good?\nyes\n");
    d.write("notes/bad.ipynb", "{\"cells\": [ {\"cell_type\": \"markdown\", \"source\": \"## What");
    d.write("notes/odd.ipynb", "{\"x\": 1}");
    IndexOptions o = opts(d);
    for (int run = 0; run < 2; ++run) {
        INFO("run " << run);
        auto s = run_index(o);
        std::map<std::string, std::string> why;
        for (const auto& k : s.skipped)
            why[k.path.substr(k.path.rfind('/') + 1)] = k.reason;
        CHECK(s.skipped.size() == 2);
        CHECK(why["bad.ipynb"].rfind("not a valid notebook: ", 0) == 0);
        CHECK(why["odd.ipynb"] == "not a notebook: no \"cells\" list");
        CHECK(s.files_indexed == (run == 0 ? 1 : 0));
    }
    d.write("notes/bad.ipynb", "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": "
                               "\"## What is fixed?\\nnow\"}]}");
    auto fixed = run_index(o);
    CHECK(fixed.files_indexed == 1);
    REQUIRE(fixed.skipped.size() == 1);
    CHECK(docs(o.db) == 2);
}

TEST_CASE("editing the synonyms file re-indexes with stable group terms", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is an auto scaling group?\nscales instances\n");
    d.write("syn.conf", "auto scaling group = asg\n");
    IndexOptions o = opts(d);
    o.synonyms = d.str() + "/syn.conf";
    run_index(o);
    auto hits = [&](const std::string& q) {
        Xapian::Database db(o.db);
        Xapian::QueryParser qp;
        configure_query_parser(qp, db);
        Xapian::Enquire e(db);
        e.set_query(qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT |
                                          Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS));
        return e.get_mset(0, 10).size();
    };
    CHECK(hits("asg") == 1);
    d.write("syn.conf", "pod = kubernetespod\nauto scaling group = asg\n");
    auto s = run_index(o);
    CHECK(s.files_indexed == 1); // changed synonyms: passages re-parsed
    CHECK(hits("asg") == 1);
    CHECK(hits("kubernetespod") == 0);
}

TEST_CASE("an update keeps the synonyms file the index was built with", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is a pod?\nsmallest unit\n");
    d.write("syn.conf", "pod = kubernetespod\n");
    IndexOptions o = opts(d);
    o.synonyms = d.str() + "/syn.conf";
    run_index(o);
    IndexOptions refresh; // what crib's refresh passes: no explicit files
    refresh.db = o.db;
    refresh.default_synonyms = std::string(CRIB_SOURCE_DIR) + "/content/crib-synonyms.conf";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d.write("notes/a.md", "## What is a pod?\nsmallest unit\n## What else?\nmore\n");
    run_index(refresh);
    Xapian::Database db(o.db);
    CHECK(db.get_metadata(schema::kSynonymsPathKey) == o.synonyms);
}

TEST_CASE("a full build on two writers merges passages, records and spelling counts", "[index]") {
    test::TempDir d;
    for (int i = 0; i < 6; ++i)
        d.write("notes/f" + std::to_string(i) + ".md", "## What is zorblax " + std::to_string(i) +
                                                           "?\nzorblax answer\n## Second " +
                                                           std::to_string(i) + "?\nmore\n");
    IndexOptions o = opts(d);
    o.threads = 2;
    auto s = run_index(o);
    CHECK(s.files_indexed == 6);
    CHECK(s.total_passages == 12);
    Xapian::Database db(o.db);
    CHECK(db.get_doccount() == 12);
    CHECK(read_file_records(db).size() == 6);
    Xapian::doccount freq = 0;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
        if (*w == "zorblax") freq = w.get_termfreq();
    CHECK(freq == 6); // one passage per file says it, the files on both halves
    for (const char* left : {".db.build-1", ".db.build-2", ".db.compacting"})
        CHECK_FALSE(std::filesystem::exists(d.path / left));
    o.roots.clear();
    auto again = run_index(o);
    CHECK_FALSE(again.wrote);
    CHECK(again.files_unchanged == 6);
}

TEST_CASE("a second writer dropped before finish() commits nothing", "[index]") {
    // A full build that fails (a full disk in the run's own commit) or is
    // interrupted drops its second writer, whose folder goes next: its
    // pending passages were committed all the same by Xapian's destructor,
    // one more commit on a full disk (Xapian 1.4 can abort inside it).
    test::TempDir d;
    const std::string half = (d.path / "half").string();
    {
        QueueWriter w(half, 1000000);
        // Five files: the fifth waits until the thread has taken one, so
        // passages are written, uncommitted, when the writer is dropped.
        for (int f = 0; f < 5; ++f) {
            std::vector<BuiltPassage> file(3);
            for (BuiltPassage& p : file)
                p.doc.add_term("zorblax");
            w.add(std::move(file));
        }
    }
    CHECK(Xapian::Database(half).get_doccount() == 0);
}

TEST_CASE("a second writer's failed write or last commit is thrown by finish()", "[index]") {
    // The error of the thread's last write or of its last commit (which
    // finish() no longer makes itself) must reach the run: a half that
    // failed is never merged into the index as if whole.
    test::TempDir d;
    SECTION("a write") {
        QueueWriter w((d.path / "half").string(), 1000000);
        std::vector<BuiltPassage> file(1);
        file[0].doc.add_term(std::string(300, 'x')); // Xapian refuses terms over 245 bytes
        w.add(std::move(file));
        CHECK_THROWS_AS(w.finish(), Xapian::InvalidArgumentError);
    }
    SECTION("the last commit") {
        QueueWriter w((d.path / "half").string(), 1000000);
        std::vector<BuiltPassage> file(1);
        file[0].doc.add_term("zorblax");
        file[0].spelling = {std::string(300, 'x')};
        w.add(std::move(file));
        CHECK_THROWS(w.finish());
    }
}

TEST_CASE("an interrupted --rebuild leaves the old index whole", "[index]") {
    test::TempDir d;
    for (int i = 0; i < 4; ++i)
        d.write("notes/f" + std::to_string(i) + ".md",
                "## What is Q" + std::to_string(i) + "?\nanswer\n");
    IndexOptions o = opts(d);
    o.threads = 2;
    run_index(o);
    o.rebuild = true;
    interrupt_requested() = true;
    auto s = run_index(o);
    interrupt_requested() = false;
    CHECK(s.interrupted);
    CHECK(s.not_indexed.size() == 4);
    CHECK(docs(o.db) == 4);
    CHECK(read_file_records(Xapian::Database(o.db)).size() == 4);
}

TEST_CASE("an appended question writes one passage and keeps the others", "[index]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n\n## What is B?\nbeta\n");
    IndexOptions o = opts(d);
    o.threads = 1;
    run_index(o);
    auto ids = [&] {
        std::set<Xapian::docid> out;
        Xapian::Database db(o.db);
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p)
            out.insert(*p);
        return out;
    };
    auto before = ids();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d.write("notes/a.md",
            "## What is A?\nalpha\n\n## What is B?\nbeta changed\n\n## What is C?\ngamma\n");
    auto s = run_index(o);
    CHECK(s.files_indexed == 1);
    auto after = ids();
    CHECK(after.size() == 3);
    CHECK(after.count(*before.begin()));        // A kept its passage
    CHECK_FALSE(after.count(*before.rbegin())); // B was rewritten
    Xapian::Database db(o.db);
    auto spelled = [&](const std::string& w) {
        for (auto t = db.spellings_begin(); t != db.spellings_end(); ++t)
            if (*t == w) return t.get_termfreq();
        return Xapian::doccount(0);
    };
    CHECK(spelled("alpha") == 1);
    CHECK(spelled("beta") == 1);
    CHECK(spelled("gamma") == 1);
    CHECK(spelled("changed") == 1);
}

TEST_CASE("the index kept inside the notes folder was walked as notes", "[index][regression]") {
    // Its lock file (empty, no extension) was indexed as a text note and its
    // tables listed as "other files not notes"; a second run then wrote again.
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    IndexOptions o = opts(d);
    o.db = d.str() + "/notes/index";
    auto s1 = run_index(o);
    CHECK(s1.files_indexed == 1);
    CHECK(s1.other_files.empty());
    auto s2 = run_index(o);
    CHECK_FALSE(s2.wrote);
    CHECK(s2.files_unchanged == 1);
    CHECK(s2.other_files.empty());
    CHECK_FALSE(index_is_stale(Xapian::Database(o.db)));
}

TEST_CASE("overlapping roots index each file once", "[index]") {
    // A folder and a folder or file inside it, given together: the walk
    // dedupes across roots (one root alone cannot list a file twice).
    test::TempDir d;
    d.write("notes/a.md", "## What is A?\nalpha\n");
    d.write("notes/sub/c.md", "## What is C?\ngamma\n");
    IndexOptions o = opts(d);
    o.roots = {d.str() + "/notes", d.str() + "/notes/sub", d.str() + "/notes/sub/c.md"};
    auto s = run_index(o);
    CHECK(s.files_indexed == 2);
    CHECK(docs(o.db) == 2);
}

namespace {

/// What a child process did: its exit (or signal) and what it wrote to stderr.
struct ChildEnd {
    int status = 0;
    std::string err;
};

/// Runs `body` in a child process with stderr to a pipe.
template <typename F> ChildEnd in_child(F body) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        // Catch's own SIGABRT handler would report this child's abort as a
        // failed test on the shared stdout.
        std::signal(SIGABRT, SIG_DFL);
        if (FILE* null = std::freopen("/dev/null", "w", stdout)) (void)null;
        body();
        _exit(0);
    }
    close(fds[1]);
    ChildEnd end;
    char buf[512];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
        end.err.append(buf, size_t(n));
    close(fds[0]);
    waitpid(child, &end.status, 0);
    return end;
}

/// Throws out of a noexcept function, as Xapian 1.4 does inside its commit.
void throw_through_noexcept(const std::exception_ptr& e) noexcept {
    std::rethrow_exception(e);
}

/// The refused write Xapian 1.4 throws on a full disk.
std::exception_ptr disk_full() {
    return std::make_exception_ptr(Xapian::DatabaseError("Error writing block 52", ENOSPC));
}

/// In a child process: a run of `db` (`writing` or not yet) under its
/// guard meets `e` thrown through a noexcept function.
ChildEnd terminate_in_run(const std::string& db, const std::exception_ptr& e, bool writing = true) {
    return in_child([&] {
        crib::IndexStats stats;
        stats.writing = writing;
        crib::FailedWriteGuard guard(db, stats);
        throw_through_noexcept(e);
    });
}

} // namespace

TEST_CASE("a write refused inside Xapian's commit aborted crib-index (exit 134) on a full disk",
          "[index][regression]") {
    test::TempDir d;
    const std::string db = d.str() + "/db";
    const std::string work = d.str() + "/.db.build-1";
    std::filesystem::create_directories(work);
    // The refused write: std::terminate, caught by the guard, exit 2 with
    // the message and the first build's work folder removed.
    ChildEnd full = terminate_in_run(db, disk_full());
    CHECK(WIFEXITED(full.status));
    CHECK(WEXITSTATUS(full.status) == 2);
    CHECK(full.err.find("cannot write the index " + db) != std::string::npos);
    CHECK(full.err.find("No space left on device") != std::string::npos);
    CHECK(full.err.find("nothing was committed; free space and run crib-index again") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(work));
    // Anything else, or the same before writing began, is left to the
    // handler before (an abort).
    ChildEnd other =
        terminate_in_run(db, std::make_exception_ptr(std::runtime_error("not a write")));
    CHECK(WIFSIGNALED(other.status));
    ChildEnd early = terminate_in_run(db, disk_full(), false);
    CHECK(WIFSIGNALED(early.status));
}

TEST_CASE("the full-disk guard: a damaged table, a run over, anything else go to the handler "
          "before",
          "[index][regression]") {
    test::TempDir d;
    const std::string db = d.str() + "/db";
    // "EOF reading block": a damaged table read while writing is damage, not
    // a refused write; it aborts as before.
    ChildEnd damaged = terminate_in_run(
        db, std::make_exception_ptr(Xapian::DatabaseError("EOF reading block 3", EIO)));
    CHECK(WIFSIGNALED(damaged.status));
    CHECK(damaged.err.find("cannot write the index") == std::string::npos);
    // Once the run is over (its guard gone) nothing is its refused write.
    ChildEnd over = in_child([&] {
        crib::IndexStats stats;
        stats.writing = true;
        { crib::FailedWriteGuard guard(db, stats); }
        throw_through_noexcept(disk_full());
    });
    CHECK(WIFSIGNALED(over.status));
    CHECK((WIFSIGNALED(over.status) && WTERMSIG(over.status) == SIGABRT));
    CHECK(over.err.find("terminate called after throwing") != std::string::npos);
    // Guards nest: one gone gives the process back to the one before it,
    // never to a guard no longer there.
    ChildEnd outer = in_child([&] {
        crib::IndexStats stats, inner_stats;
        stats.writing = inner_stats.writing = true;
        crib::FailedWriteGuard guard(d.str() + "/outer", stats);
        { crib::FailedWriteGuard inner(d.str() + "/inner", inner_stats); }
        throw_through_noexcept(disk_full());
    });
    CHECK(WIFEXITED(outer.status));
    CHECK(outer.err.find("cannot write the index " + d.str() + "/outer") != std::string::npos);
    // The handler before says what was thrown (libstdc++'s verbose one).
    ChildEnd other =
        terminate_in_run(db, std::make_exception_ptr(std::runtime_error("not a write")), false);
    CHECK(WIFSIGNALED(other.status));
    CHECK(other.err.find("terminate called after throwing") != std::string::npos);
}
