// reviews.hpp - the review store: quiz state in SQLite, user data kept apart
// from the index (a rebuilt index loses nothing).
//
// Tables (schema version in PRAGMA user_version, kReviewsSchema):
//   cards(db, key, file, question, line, phase, step, ease, interval, due,
//         reps, lapses, last_review)   one row per card ever answered,
//                                      PRIMARY KEY (db, key)
//   reviews(id, key, at, day, grade, phase, interval, ease, db)   one row per answer
// `db` names the index a card belongs to (index_identity()), so one store
// serves several indexes and each sees only its own cards ("" for cards
// answered before version 2: the first index that has their passage claims
// them).  The database runs in WAL mode with synchronous=FULL, and every
// answer is one transaction (card row + review row): a crash loses at most
// the answer being written.
#pragma once

#include "common/error.hpp"
#include "prep/card_key.hpp"
#include "prep/scheduler.hpp"

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace crib {

/// Version of the review store's tables; bump when they change meaning.
/// 2: cards keyed per index (a `db` column); a version 1 store is upgraded
/// in place, its cards unclaimed ("").
constexpr int kReviewsSchema = 2;

/// The store cannot be opened or written; the message names the file.
struct ReviewStoreError : Error {
    using Error::Error;
};

/// One card's row.
struct StoredCard {
    CardAnchor anchor;
    CardState state;
    long long last_review = 0; ///< unix seconds, 0 = never
};

/// Answers given on one day.
struct DayCount {
    long long day = 0;
    int reviews = 0;
};

/// An open review store.
class ReviewStore {
  public:
    /// Opens `path` for the cards of the index `index` (index_identity(); ""
    /// for the unclaimed cards), creating it (and its folder) when missing
    /// and upgrading a version 1 store.  Throws ReviewStoreError for a file
    /// that is not a store or has another schema.
    explicit ReviewStore(const std::string& path, std::string index = "");
    ~ReviewStore();
    ReviewStore(const ReviewStore&) = delete;
    ReviewStore& operator=(const ReviewStore&) = delete;

    /// Every stored card of this index by key.
    std::map<std::string, StoredCard> cards() const;

    /// Gives this index the unclaimed cards (answered before the store kept
    /// cards per index) whose key is one of `keys`, with their answers.
    /// Returns how many it took.
    size_t claim(const std::vector<std::string>& keys);

    /// Records one answer: the card's new state and a review row, in one
    /// transaction committed before this returns.
    void record(const StoredCard& after, Grade g, const Moment& now);

    /// Applies reconcile()'s renames in one transaction (cards and reviews).
    void rekey(const std::vector<Rekey>& moves);

    /// Answers per day, oldest first (days with none are absent), for every
    /// index: the habit is the person's.
    std::vector<DayCount> reviews_per_day() const;

    /// All answers given, for every index.
    long long review_count() const;

    /// The path as opened.
    const std::string& path() const { return path_; }

  private:
    /// exec(), retried for up to 5 s while another connection holds a lock
    /// SQLite does not wait for (the switch to WAL).
    void exec_when_free(const char* sql);
    void exec(const char* sql);
    void create_or_check();
    void upgrade_from_1();                 ///< version 1 -> 2, inside the caller's transaction
    int user_version();                    ///< PRAGMA user_version
    void check_version(int version) const; ///< throws for another schema
    std::string path_;
    std::string index_;
    sqlite3* db_ = nullptr;
};

/// What the store calls an index: a folder's real path (so "./db" and its
/// absolute path are one index, and a rebuild keeps it), a tcp:// spec as
/// given.
std::string index_identity(const std::string& db_spec);

/// The store's path: `flag` if given, else `configured` (the config's
/// `reviews`), else ${XDG_DATA_HOME:-~/.local/share}/crib/reviews.sqlite.
std::string reviews_path(const std::string& flag, const std::string& configured);

} // namespace crib
