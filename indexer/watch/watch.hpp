// watch.hpp - crib-index --watch: keep the index fresh while it runs.
//
// inotify watches every folder under the remembered roots (hidden folders and
// the index itself excepted, as the walk skips them), the targets of symlinked
// note files and the index folder (another crib-index's commit may add a
// root).  When a note file changes and the notes have been quiet for
// WatchOptions::settle_ms (or changing for 2 s), the watches are matched to
// the folders again and the usual update runs (the stat walk finds what
// changed); changes made during it start the next one.  watch_state.hpp says
// how crib learns that it may skip its own freshness check meanwhile.
#pragma once

#include "writer/index_run.hpp"

#include <functional>

namespace crib {

/// What --watch adds to an index run.
struct WatchOptions {
    int settle_ms = 200; ///< quiet time after the last change before indexing it
    /// Called once the watch is claimed (no other watcher of this index).
    std::function<void()> started;
    /// Called with each update's figures (the first one included).
    std::function<void(const IndexStats&)> report;
    /// Called with an update's error; watching goes on (crib checks for itself meanwhile).
    std::function<void(const std::string&)> warn;
    /// Something to know that is no failure ("the index is gone"; "is back").
    std::function<void(const std::string&)> note;
};

/// Index now, then after every change under the roots, until SIGINT or
/// SIGTERM (interrupt_requested()).  Throws crib::Error when it cannot start:
/// another watcher, no inotify, too many folders for fs.inotify.max_user_watches,
/// or the first update's own errors (nothing to index, a locked index).
void watch_index(IndexOptions opt, const WatchOptions& w);

} // namespace crib
