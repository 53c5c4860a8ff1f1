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
/// runs fn again, as long as each try gets further (`progress()` grows, for
/// a read that hands results out as it goes), and kReopenAttempts times in a
/// row without progress before the error is passed on.  A long streamed
/// listing would otherwise run out of tries under a crib-index that commits
/// every fraction of a second.  fn must go on from what `progress` says.
template <class F, class P>
auto with_reopen_while(Xapian::Database& db, F&& fn, P&& progress) -> decltype(fn(db)) {
    for (int stalled = 0;;) {
        const auto before = progress();
        try {
            return fn(db);
        } catch (const Xapian::DatabaseModifiedError&) {
            stalled = progress() > before ? 0 : stalled + 1;
            if (stalled >= kReopenAttempts) throw;
            db.reopen();
        }
    }
}

/// Runs fn(db); on DatabaseModifiedError reopens db at the latest commit and
/// runs fn again, up to kReopenAttempts times in all.  fn must start from
/// scratch each time (it sees a newer revision).
template <class F> auto with_reopen(Xapian::Database& db, F&& fn) -> decltype(fn(db)) {
    return with_reopen_while(db, std::forward<F>(fn), [] { return 0; });
}

} // namespace crib
