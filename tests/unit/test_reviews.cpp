// The SQLite review store: round trip, schema version, renames, and a
// SIGKILL in the middle of a session losing at most the answer being written.
#include "helpers.hpp"
#include "prep/reviews.hpp"

#include <sqlite3.h>

#include <csignal>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace crib;

namespace {

StoredCard graded(const std::string& key, int reps) {
    StoredCard c;
    c.anchor = CardAnchor{key, "k8s.md", "What is " + key + "?", 3};
    c.state.phase = Phase::review;
    c.state.ease = 2500;
    c.state.interval = reps;
    c.state.due = 20000 + reps;
    c.state.reps = reps;
    return c;
}

/// Runs one SQL query returning a number on the store file.
long long scalar(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

} // namespace

TEST_CASE("the review store keeps cards and answers across opens", "[reviews]") {
    test::TempDir d;
    std::string path = d.str() + "/sub/reviews.sqlite"; // the folder is created
    {
        ReviewStore s(path);
        s.record(graded("a", 1), Grade::good, Moment{100, 20000});
        s.record(graded("a", 2), Grade::easy, Moment{200, 20001});
        s.record(graded("b", 1), Grade::again, Moment{300, 20001});
    }
    ReviewStore s(path);
    auto cards = s.cards();
    REQUIRE(cards.size() == 2);
    CHECK(cards.at("a").state.reps == 2);
    CHECK(cards.at("a").state.phase == Phase::review);
    CHECK(cards.at("a").last_review == 200);
    CHECK(cards.at("b").anchor.question == "What is b?");
    CHECK(s.review_count() == 3);
    auto days = s.reviews_per_day();
    REQUIRE(days.size() == 2);
    CHECK(days[1].day == 20001);
    CHECK(days[1].reviews == 2);
    CHECK(scalar(path, "PRAGMA user_version") == kReviewsSchema);
    CHECK(scalar(path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'") == 1);
}

TEST_CASE("an answer whose review row fails leaves no card row (record is one transaction)",
          "[reviews]") {
    // A trigger makes the second row (the review log) fail after the first
    // (the card) was written: the card row must go with it, or the card
    // counts as answered with no answer in its history.
    test::TempDir d;
    std::string path = d.str() + "/r.sqlite";
    ReviewStore s(path);
    s.record(graded("kept", 1), Grade::good, Moment{100, 20000});
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "CREATE TRIGGER no_log BEFORE INSERT ON reviews "
                         "BEGIN SELECT RAISE(ABORT, 'injected fault'); END",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK_THROWS_AS(s.record(graded("lost", 1), Grade::good, Moment{200, 20000}), ReviewStoreError);
    CHECK(s.cards().count("lost") == 0);
    CHECK(scalar(path, "SELECT count(*) FROM cards") == 1);
    // The store is not left inside a transaction: the next answer is written.
    REQUIRE(sqlite3_exec(db, "DROP TRIGGER no_log", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    s.record(graded("next", 1), Grade::good, Moment{300, 20000});
    CHECK(s.cards().size() == 2);
    CHECK(s.review_count() == 2);
}

TEST_CASE("renamed cards take their answers with them", "[reviews]") {
    test::TempDir d;
    ReviewStore s(d.str() + "/r.sqlite");
    s.record(graded("old", 1), Grade::good, Moment{100, 20000});
    s.rekey({Rekey{"old", "new"}});
    auto cards = s.cards();
    CHECK(cards.count("new") == 1);
    CHECK(cards.count("old") == 0);
    CHECK(scalar(d.str() + "/r.sqlite", "SELECT count(*) FROM reviews WHERE key = 'new'") == 1);
}

TEST_CASE("a review store of another schema version or no store at all is refused", "[reviews]") {
    test::TempDir d;
    std::string path = d.str() + "/r.sqlite";
    { ReviewStore s(path); }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    CHECK_THROWS_WITH(ReviewStore(path), Catch::Contains("schema version 99"));

    d.write("text.sqlite", "just some notes, not a database at all........................\n");
    CHECK_THROWS_AS(ReviewStore(d.str() + "/text.sqlite"), ReviewStoreError);
    std::filesystem::create_directories(d.path / "folder");
    CHECK_THROWS_WITH(ReviewStore(d.str() + "/folder"), Catch::Contains("is a folder"));

    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open((d.str() + "/other.sqlite").c_str(), &other) == SQLITE_OK);
    sqlite3_exec(other, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    CHECK_THROWS_WITH(ReviewStore(d.str() + "/other.sqlite"),
                      Catch::Contains("not a crib review store"));
}

TEST_CASE("quiz --db other --stats listed the first index's cards as gone",
          "[reviews][regression]") {
    test::TempDir d;
    std::string path = d.str() + "/r.sqlite";
    {
        ReviewStore first(path, "/notes/index");
        first.record(graded("a", 1), Grade::good, Moment{100, 20000});
        first.rekey({Rekey{"a", "a2"}});
    }
    ReviewStore other(path, "/other/index");
    CHECK(other.cards().empty());
    other.record(graded("a2", 1), Grade::hard, Moment{200, 20000}); // the same key, another index
    other.rekey({Rekey{"a2", "b"}}); // renames only this index's card
    ReviewStore first(path, "/notes/index");
    REQUIRE(first.cards().size() == 1);
    CHECK(first.cards().count("a2") == 1);
    CHECK(first.cards().at("a2").state.reps == 1);
    CHECK(other.cards().count("b") == 1);
    CHECK(first.review_count() == 2); // answers: the person's, every index
    CHECK(scalar(path, "SELECT count(*) FROM reviews WHERE key = 'a2' AND db = '/notes/index'") ==
          1);
}

TEST_CASE("a version 1 review store is upgraded and an index claims the cards it has",
          "[reviews][regression]") {
    test::TempDir d;
    std::string path = d.str() + "/r.sqlite";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, R"sql(
CREATE TABLE cards(
  key TEXT PRIMARY KEY, file TEXT NOT NULL, question TEXT NOT NULL, line INTEGER NOT NULL,
  phase TEXT NOT NULL, step INTEGER NOT NULL, ease INTEGER NOT NULL, interval INTEGER NOT NULL,
  due INTEGER NOT NULL, reps INTEGER NOT NULL, lapses INTEGER NOT NULL,
  last_review INTEGER NOT NULL);
CREATE TABLE reviews(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL, at INTEGER NOT NULL, day INTEGER NOT NULL,
  grade INTEGER NOT NULL, phase TEXT NOT NULL, interval INTEGER NOT NULL, ease INTEGER NOT NULL);
CREATE INDEX reviews_day ON reviews(day);
INSERT INTO cards VALUES ('mine', 'k8s.md', 'What is mine?', 3, 'review', 0, 2500, 4, 20004, 3, 0, 90);
INSERT INTO cards VALUES ('theirs', 'js.md', 'What is theirs?', 5, 'review', 0, 2500, 4, 20004, 3, 0, 90);
INSERT INTO reviews(key, at, day, grade, phase, interval, ease) VALUES ('mine', 90, 20000, 3, 'review', 4, 2500);
PRAGMA user_version = 1;
)sql",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    ReviewStore s(path, "/notes/index");
    CHECK(scalar(path, "PRAGMA user_version") == kReviewsSchema);
    CHECK(s.cards().empty()); // unclaimed: not this index's "gone" cards
    CHECK(s.claim({"mine", "unknown"}) == 1);
    REQUIRE(s.cards().size() == 1);
    CHECK(s.cards().at("mine").state.reps == 3);
    CHECK(scalar(path, "SELECT count(*) FROM reviews WHERE db = '/notes/index'") == 1);
    CHECK(ReviewStore(path).cards().count("theirs") == 1); // still unclaimed
    CHECK(s.review_count() == 1);
}

TEST_CASE("SIGKILL in the middle of a session loses at most the answer being written",
          "[reviews]") {
    test::TempDir d;
    std::string path = d.str() + "/r.sqlite";
    { ReviewStore s(path); } // created before the child starts
    long long before = 0;    // answers stored before this round
    for (int round = 0; round < 5; ++round) {
        int acks[2];
        REQUIRE(pipe(acks) == 0);
        pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            close(acks[0]);
            ReviewStore s(path);
            for (int i = 1;; ++i) {
                // Each answer writes a card row and a review row together.
                s.record(graded("card" + std::to_string(i % 7), i), Grade::good,
                         Moment{i, 20000 + i});
                if (write(acks[1], "x", 1) != 1) _exit(1); // committed
            }
        }
        close(acks[1]);
        long long acked = 0;
        char buf[64];
        // Let it answer a while (a varying number of answers), then kill it.
        while (acked < 20 + round * 15) {
            ssize_t n = read(acks[0], buf, sizeof buf);
            if (n <= 0) break;
            acked += n;
        }
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        ssize_t n;
        while ((n = read(acks[0], buf, sizeof buf)) > 0)
            acked += n;
        close(acks[0]);
        REQUIRE(WIFSIGNALED(status));

        ReviewStore s(path); // opens: the WAL is recovered
        CHECK(scalar(path,
                     "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") ==
              1);
        // Every acknowledged answer is there, plus at most the one being written.
        long long added = s.review_count() - before;
        CHECK(added >= acked);
        CHECK(added <= acked + 1);
        before = s.review_count();
        // Card rows and review rows were written together: the newest review's
        // card row says so.
        CHECK(scalar(path,
                     "SELECT count(*) FROM reviews r JOIN cards c ON c.key = r.key "
                     "WHERE r.id = (SELECT max(id) FROM reviews) AND c.last_review = r.at") == 1);
    }
}

TEST_CASE("sessions creating a new review store at once all open it", "[reviews][regression]") {
    // Each checked that the store was new, then created the tables: all but
    // one failed ("table cards already exists", "database is locked").
    for (int round = 0; round < 5; ++round) {
        test::TempDir d;
        const std::string path = d.str() + "/r.sqlite";
        std::vector<pid_t> children;
        for (int i = 0; i < 8; ++i) {
            pid_t child = fork();
            REQUIRE(child >= 0);
            if (child == 0) {
                try {
                    ReviewStore s(path);
                    s.record(graded("card" + std::to_string(i), 1), Grade::good, Moment{1, 20000});
                } catch (...) {
                    _exit(1);
                }
                _exit(0);
            }
            children.push_back(child);
        }
        int failed = 0;
        for (pid_t child : children) {
            int status = 0;
            waitpid(child, &status, 0);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
        }
        CHECK(failed == 0);
        CHECK(ReviewStore(path).review_count() == 8);
    }
}
