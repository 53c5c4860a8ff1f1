// watch_state.hpp - how `crib-index --watch` tells crib that the index is
// fresh, so that crib can skip its own freshness check (a stat per note file:
// 85 ms at 17,000 files).
//
// The watcher keeps a state file beside the index folder, "<db>.watch" (not
// inside it: a full build swaps the folder).  It holds an exclusive flock on
// the file for as long as it runs, so a watcher that died leaves no claim.
// The first byte says 'F' (every change seen has been indexed), 'S' (a change
// is waiting to be indexed) or 'N' (the last update failed, or the kernel's
// watch limit was reached: crib checks for itself); the watcher rewrites it at least every
// kWatchHeartbeatSeconds, so a stopped watcher (Ctrl-Z) is trusted for at
// most kWatchTrustSeconds; then crib says so and checks for itself.
#pragma once

#include <string>

namespace crib {

/// How often an idle watcher rewrites its state (the file's mtime is the heartbeat).
inline constexpr int kWatchHeartbeatSeconds = 10;
/// How old a heartbeat crib still trusts: the period plus a margin for a
/// busy machine.  A watcher stopped with Ctrl-Z is noticed (and said) after
/// this, not after half a minute of stale answers.
inline constexpr int kWatchTrustSeconds = kWatchHeartbeatSeconds + 5;

/// The state file of the watcher of the index at `db`: "<db>.watch", with
/// `db` made absolute and its symlinks resolved.
std::string watch_state_path(const std::string& db);

/// True if `path` is the state file of a watcher ("X.watch" beside the
/// Xapian database X): not a note, nor an "other file" of the notes.
bool is_watch_state_file(const std::string& path);

/// What crib learns from the state file.
enum class WatchState {
    none,        ///< no live watcher (no file, no lock held, or heartbeat too old)
    fresh,       ///< a live watcher has indexed every change it saw
    catching_up, ///< a live watcher is about to index a change
    silent,      ///< a watcher holds the claim but its heartbeat is older than
                 ///< kWatchTrustSeconds (stopped with Ctrl-Z, or hung)
};

/// The state of the watcher of the index at `db`.  Never throws.
WatchState read_watch_state(const std::string& db);

/// The watcher's side: holds the lock and writes the state.
class WatchClaim {
  public:
    /// Creates and locks "<db>.watch"; throws crib::Error when another
    /// watcher holds it or the file cannot be made.
    explicit WatchClaim(const std::string& db);
    ~WatchClaim();
    WatchClaim(const WatchClaim&) = delete;
    WatchClaim& operator=(const WatchClaim&) = delete;

    /// Say what crib should know (also the heartbeat); none: the last update
    /// failed, crib checks for itself.
    void set(WatchState state);

  private:
    int fd_ = -1;
    std::string path_;
};

} // namespace crib
