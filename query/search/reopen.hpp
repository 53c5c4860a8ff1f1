// reopen.hpp - read an index that a crib-index may be committing to.
//
// A Xapian reader sees one revision; when a writer commits twice while a
// query runs, the blocks of that revision can be reused and the reader gets
// DatabaseModifiedError.  Xapian's documented answer is to reopen (which
// moves to the latest commit) and try again.
#pragma once

#include <xapian.h>

#include <utility>

namespace crib {

/// How many times a read is tried before DatabaseModifiedError is passed on.
constexpr int kReopenAttempts = 5;

/// Runs fn(db); on DatabaseModifiedError reopens db at the latest commit and
/// runs fn again, up to kReopenAttempts times in all.  fn must start from
/// scratch each time (it sees a newer revision).
template <class F> auto with_reopen(Xapian::Database& db, F&& fn) -> decltype(fn(db)) {
    for (int attempt = 1;; ++attempt) {
        try {
            return fn(db);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= kReopenAttempts) throw;
            db.reopen();
        }
    }
}

} // namespace crib
