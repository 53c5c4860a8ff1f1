// reviews.cpp - the SQLite review store (see reviews.hpp).
#include "prep/reviews.hpp"

#include "common/paths.hpp"
#include "search/search.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

namespace crib {

namespace {

/// A prepared statement, finalized when it goes out of scope.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql, const std::string& path) : db_(db), path_(path) {
        if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) fail("cannot read");
    }
    ~Statement() { sqlite3_finalize(st_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& v) {
        sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, long long v) {
        sqlite3_bind_int64(st_, i, v);
        return *this;
    }
    /// Steps once: true while there is a row.
    bool step() {
        int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail("cannot use");
        return false;
    }
    std::string text(int i) const {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, i));
        return p ? std::string(p, size_t(sqlite3_column_bytes(st_, i))) : std::string();
    }
    long long integer(int i) const { return sqlite3_column_int64(st_, i); }

  private:
    [[noreturn]] void fail(const char* what) const {
        throw ReviewStoreError(std::string(what) + " the review store " + path_ + ": " +
                               sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    const std::string& path_;
    sqlite3_stmt* st_ = nullptr;
};

const char* const kCreate = R"sql(
CREATE TABLE cards(
  db TEXT NOT NULL, key TEXT NOT NULL, file TEXT NOT NULL, question TEXT NOT NULL,
  line INTEGER NOT NULL, phase TEXT NOT NULL, step INTEGER NOT NULL, ease INTEGER NOT NULL,
  interval INTEGER NOT NULL, due INTEGER NOT NULL, reps INTEGER NOT NULL, lapses INTEGER NOT NULL,
  last_review INTEGER NOT NULL, PRIMARY KEY (db, key));
CREATE TABLE reviews(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL, at INTEGER NOT NULL, day INTEGER NOT NULL,
  grade INTEGER NOT NULL, phase TEXT NOT NULL, interval INTEGER NOT NULL, ease INTEGER NOT NULL,
  db TEXT NOT NULL DEFAULT '');
CREATE INDEX reviews_day ON reviews(day);
)sql";

/// Version 1 kept one card per key for every index: its cards become
/// unclaimed ("") until an index that has their passage claims them.
const char* const kUpgradeFrom1 = R"sql(
CREATE TABLE cards_v2(
  db TEXT NOT NULL, key TEXT NOT NULL, file TEXT NOT NULL, question TEXT NOT NULL,
  line INTEGER NOT NULL, phase TEXT NOT NULL, step INTEGER NOT NULL, ease INTEGER NOT NULL,
  interval INTEGER NOT NULL, due INTEGER NOT NULL, reps INTEGER NOT NULL, lapses INTEGER NOT NULL,
  last_review INTEGER NOT NULL, PRIMARY KEY (db, key));
INSERT INTO cards_v2(db, key, file, question, line, phase, step, ease, interval, due, reps, lapses,
                     last_review)
  SELECT '', key, file, question, line, phase, step, ease, interval, due, reps, lapses, last_review
  FROM cards;
DROP TABLE cards;
ALTER TABLE cards_v2 RENAME TO cards;
ALTER TABLE reviews ADD COLUMN db TEXT NOT NULL DEFAULT '';
)sql";

} // namespace

ReviewStore::ReviewStore(const std::string& path, std::string index)
    : path_(path), index_(std::move(index)) {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (std::filesystem::is_directory(path, ec))
        throw ReviewStoreError("the review store " + path + " is a folder; give --reviews a file");
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw ReviewStoreError("cannot open the review store " + path + ": " + msg);
    }
    try {
        sqlite3_busy_timeout(db_, 5000);
        create_or_check();
    } catch (...) {
        sqlite3_close(db_);
        throw;
    }
}

ReviewStore::~ReviewStore() {
    sqlite3_close(db_);
}

void ReviewStore::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        if (sqlite3_get_autocommit(db_) == 0)
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw ReviewStoreError("cannot use the review store " + path_ + ": " + msg);
    }
}

void ReviewStore::exec_when_free(const char* sql) {
    // Switching a new store to WAL takes an exclusive lock, and SQLite answers
    // SQLITE_BUSY at once, without the busy handler, while another session
    // does the same (8 sessions opening a new store: 5 runs in 15 failed).
    using Clock = std::chrono::steady_clock;
    const auto give_up = Clock::now() + std::chrono::seconds(5);
    for (;;) {
        int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) return;
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || Clock::now() > give_up) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    exec(sql); // once more, for its error message
}

void ReviewStore::create_or_check() {
    int version = user_version(); // fails on a file that is not SQLite
    check_version(version);
    exec_when_free("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    if (version == kReviewsSchema) return;
    // Several sessions may find the store new (or old) at once: the one that
    // takes the write lock first creates or upgrades the tables, the others
    // wait for it (busy timeout) and then find them made.
    exec("BEGIN IMMEDIATE");
    try {
        version = user_version();
        check_version(version);
        if (version == 0) {
            Statement tables(db_, "SELECT count(*) FROM sqlite_master", path_);
            tables.step();
            if (tables.integer(0) != 0)
                throw ReviewStoreError("the file " + path_ +
                                       " is an SQLite database but not a crib review store");
            exec(kCreate);
        } else if (version == 1) {
            upgrade_from_1();
        }
        exec(("PRAGMA user_version=" + std::to_string(kReviewsSchema)).c_str());
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    exec("COMMIT");
}

void ReviewStore::upgrade_from_1() {
    exec(kUpgradeFrom1);
}

int ReviewStore::user_version() {
    Statement st(db_, "PRAGMA user_version", path_);
    st.step();
    return int(st.integer(0));
}

void ReviewStore::check_version(int version) const {
    if (version != 0 && version != 1 && version != kReviewsSchema)
        throw ReviewStoreError("the review store " + path_ + " has schema version " +
                               std::to_string(version) + "; this crib reads version " +
                               std::to_string(kReviewsSchema) +
                               " (use the crib that wrote it, or --reviews another file)");
}

std::map<std::string, StoredCard> ReviewStore::cards() const {
    std::map<std::string, StoredCard> out;
    Statement st(db_,
                 "SELECT key, file, question, line, phase, step, ease, interval, due, reps, "
                 "lapses, last_review FROM cards WHERE db = ?1",
                 path_);
    st.bind(1, index_);
    while (st.step()) {
        StoredCard c;
        c.anchor = CardAnchor{st.text(0), st.text(1), st.text(2), int(st.integer(3))};
        if (!parse_phase(st.text(4), c.state.phase)) c.state.phase = Phase::fresh;
        c.state.step = int(st.integer(5));
        c.state.ease = int(st.integer(6));
        c.state.interval = int(st.integer(7));
        c.state.due = st.integer(8);
        c.state.reps = int(st.integer(9));
        c.state.lapses = int(st.integer(10));
        c.last_review = st.integer(11);
        out.emplace(c.anchor.key, c);
    }
    return out;
}

void ReviewStore::record(const StoredCard& after, Grade g, const Moment& now) {
    exec("BEGIN IMMEDIATE");
    try {
        const CardAnchor& a = after.anchor;
        const CardState& s = after.state;
        Statement up(db_,
                     "INSERT OR REPLACE INTO cards(key, file, question, line, phase, step, ease, "
                     "interval, due, reps, lapses, last_review, db) VALUES (?1, ?2, ?3, ?4, ?5, "
                     "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                     path_);
        up.bind(1, a.key).bind(2, a.file).bind(3, a.question).bind(4, a.line);
        up.bind(5, std::string(phase_name(s.phase))).bind(6, s.step).bind(7, s.ease);
        up.bind(8, s.interval).bind(9, s.due).bind(10, s.reps).bind(11, s.lapses);
        up.bind(12, now.seconds).bind(13, index_).step();
        Statement log(db_,
                      "INSERT INTO reviews(key, at, day, grade, phase, interval, ease, db) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                      path_);
        log.bind(1, a.key).bind(2, now.seconds).bind(3, now.day).bind(4, int(g));
        log.bind(5, std::string(phase_name(s.phase))).bind(6, s.interval).bind(7, s.ease);
        log.bind(8, index_).step();
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    exec("COMMIT");
}

void ReviewStore::rekey(const std::vector<Rekey>& moves) {
    if (moves.empty()) return;
    exec("BEGIN IMMEDIATE");
    try {
        for (const Rekey& m : moves) {
            Statement c(db_, "UPDATE cards SET key = ?2 WHERE key = ?1 AND db = ?3", path_);
            c.bind(1, m.from).bind(2, m.to).bind(3, index_).step();
            Statement r(db_, "UPDATE reviews SET key = ?2 WHERE key = ?1 AND db = ?3", path_);
            r.bind(1, m.from).bind(2, m.to).bind(3, index_).step();
        }
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    exec("COMMIT");
}

size_t ReviewStore::claim(const std::vector<std::string>& keys) {
    if (index_.empty() || keys.empty()) return 0;
    size_t taken = 0;
    exec("BEGIN IMMEDIATE");
    try {
        Statement unclaimed(db_, "SELECT key FROM cards WHERE db = ''", path_);
        std::vector<std::string> mine;
        std::set<std::string> wanted(keys.begin(), keys.end());
        while (unclaimed.step())
            if (wanted.count(unclaimed.text(0))) mine.push_back(unclaimed.text(0));
        for (const std::string& key : mine) {
            // A card this index answered since keeps its own row.
            Statement c(db_, "UPDATE OR IGNORE cards SET db = ?2 WHERE db = '' AND key = ?1",
                        path_);
            c.bind(1, key).bind(2, index_).step();
            taken += size_t(sqlite3_changes(db_));
            Statement r(db_, "UPDATE reviews SET db = ?2 WHERE db = '' AND key = ?1", path_);
            r.bind(1, key).bind(2, index_).step();
        }
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    exec("COMMIT");
    return taken;
}

std::vector<DayCount> ReviewStore::reviews_per_day() const {
    std::vector<DayCount> out;
    Statement st(db_, "SELECT day, count(*) FROM reviews GROUP BY day ORDER BY day", path_);
    while (st.step())
        out.push_back(DayCount{st.integer(0), int(st.integer(1))});
    return out;
}

long long ReviewStore::review_count() const {
    Statement st(db_, "SELECT count(*) FROM reviews", path_);
    st.step();
    return st.integer(0);
}

std::string index_identity(const std::string& db_spec) {
    if (is_remote(db_spec)) return db_spec;
    std::error_code ec;
    auto real = std::filesystem::weakly_canonical(std::filesystem::absolute(db_spec, ec), ec);
    return ec ? db_spec : real.string();
}

std::string reviews_path(const std::string& flag, const std::string& configured) {
    if (!flag.empty()) return flag;
    if (!configured.empty()) return configured;
    return default_reviews_path();
}

} // namespace crib
