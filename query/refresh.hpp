// refresh.hpp - bringing a stale index up to date before it is read: the one
// way every mode does it (search, quiz, gaps).
//
// A refresh trusts a live `crib-index --watch` (its state file says fresh),
// else stats the note files (writer/stat_list.hpp) and re-indexes what
// changed.  It is never fatal: a failure is said on stderr once and the read
// goes on with the index as it is.  Remote indexes are refreshed by whoever
// serves them.
#pragma once

#include <future>
#include <string>
#include <utility>
#include <vector>

namespace crib {

/// What a refresh says on stderr.
struct RefreshOptions {
    bool human = true; ///< "crib: notes changed; re-indexed N file(s)" (people read stderr)
};

/// The freshness checks of the local indexes of a read, started before the
/// read and finished after it, so that the stat calls run beside the search.
class Refresh {
  public:
    /// Starts a check for each local index in `specs` that no watcher keeps fresh.
    Refresh(const std::vector<std::string>& specs, RefreshOptions opt);
    /// Waits for the checks, says why one failed, updates the stale indexes.
    /// True when an index changed (what was read must be read again).
    /// A read that threw before finish() drops the checks: a running one
    /// ends when its future goes, a deferred one (no thread) never runs.
    bool finish();
    /// True when every check has its answer (finish() will not wait for a
    /// stat), or there is none; false while one runs or has not started.
    bool checked() const;
    Refresh(const Refresh&) = delete;
    Refresh& operator=(const Refresh&) = delete;

    /// The freshness check's outcome.
    struct Staleness {
        bool stale = false;
        std::string error; ///< the check failed: said once, the read goes on
    };

  private:
    RefreshOptions opt_;
    std::vector<std::pair<std::string, std::future<Staleness>>> checks_;
};

/// Checks and, when stale, updates the local indexes in `specs` at once (the
/// study modes, which read after).  True when an index changed.
bool refresh_now(const std::vector<std::string>& specs, RefreshOptions opt);

} // namespace crib
