// refresh.cpp - see refresh.hpp.
#include "refresh.hpp"

#include "common/paths.hpp"
#include "common/text.hpp"
#include "search/search.hpp"
#include "watch/watch_state.hpp"
#include "writer/index_run.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <system_error>
#include <thread>

namespace crib {

namespace {

using Staleness = Refresh::Staleness;

/// Have the notes changed since the index was written (stat only)?  Never throws.
Staleness check_staleness(const std::string& db) {
    Staleness s;
    try {
        Xapian::Database rdb(db);
        s.stale = index_is_stale(rdb);
    } catch (const Xapian::DatabaseOpeningError&) {
        // no index yet: the read reports it
    } catch (const std::exception& e) {
        s.error = e.what();
    } catch (const Xapian::Error& e) {
        s.error = e.get_description();
    }
    return s;
}

/// Start the check on a thread (or, without threads, when it is asked for).
std::future<Staleness> start_check(const std::string& db) {
    try {
        return std::async(std::launch::async, check_staleness, db);
    } catch (const std::system_error&) {
        return std::async(std::launch::deferred, check_staleness, db);
    }
}

void say_failure(const std::string& why) {
    std::cerr << "crib: could not refresh the index: " << terminal_safe(why) << "\n";
}

/// The files a refresh could not index, as crib-index names them (a note
/// turned binary, one grown past --max-size): said, not left to a later
/// "no matches".  At most kNamed by name.
void say_skipped(const std::vector<Skipped>& skipped) {
    constexpr size_t kNamed = 3;
    for (size_t i = 0; i < skipped.size() && i < kNamed; ++i)
        std::cerr << "crib: not indexed: " << terminal_safe(skipped[i].path) << " ("
                  << terminal_safe(skipped[i].reason) << ")\n";
    if (skipped.size() > kNamed)
        std::cerr << "crib: and " << skipped.size() - kNamed
                  << " more not indexed (crib-index -v lists them)\n";
}

/// Re-index a stale index; never fatal.  True when the index changed.
bool update_index(const std::string& db, const RefreshOptions& opt) {
    try {
        IndexOptions io; // the index's own roots and data files
        io.db = db;
        io.default_taxonomy = find_data_file("crib-topics.conf", "CRIB_TOPICS");
        io.default_synonyms = find_data_file("crib-synonyms.conf", "CRIB_SYNONYMS");
        IndexStats s = run_index(io);
        if (opt.human && s.wrote) {
            std::cerr << "crib: notes changed; re-indexed " << s.files_indexed
                      << " file(s), removed " << s.files_removed << "\n";
            say_skipped(s.skipped);
        }
        for (const auto& root : s.vanished_roots)
            std::cerr << "crib: notes folder " << terminal_safe(root)
                      << " is gone; its passages are kept (crib-index --prune forgets it)\n";
        return s.wrote;
    } catch (const IndexLocked&) {
        std::cerr << "crib: another crib-index is updating the index; results may be stale\n";
    } catch (const IndexVersionError&) {
        // the read refuses the index too, with the same hint: say it once
    } catch (const Xapian::DatabaseOpeningError&) {
        // no index yet: the read reports it
    } catch (const std::exception& e) {
        say_failure(e.what());
    } catch (const Xapian::Error& e) {
        say_failure(e.get_description());
    }
    return false;
}

/// True when `crib-index --watch` keeps the index fresh, so crib need not
/// stat every note file: a live watcher that has indexed every change it saw,
/// or that does so within kWatchWaitMs (waited for: the results then include
/// the change).  A watcher still indexing after that is trusted too, and said
/// to be: while notes change all the time every query waited 3 s and then
/// raced the watcher for the write lock (issue 27 item 16); now it answers
/// from the last update.  A silent watcher (stopped with Ctrl-Z) is not
/// trusted: crib says so and checks for itself.
bool kept_fresh(const std::string& db) {
    constexpr int kWatchWaitMs = 1000; // the watcher's settle time and a small update
    for (int waited = 0;; waited += 10) {
        switch (read_watch_state(db)) {
        case WatchState::none:
            return false;
        case WatchState::fresh:
            return true;
        case WatchState::catching_up:
            break;
        case WatchState::silent:
            std::cerr << "crib: the crib-index --watch of " << terminal_safe(db)
                      << " has not answered for over " << kWatchTrustSeconds
                      << " s (stopped?); checking the notes myself\n";
            return false;
        }
        if (waited >= kWatchWaitMs) {
            std::cerr << "crib: crib-index --watch is still indexing changes to "
                      << terminal_safe(db) << "; these results are from its last update\n";
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace

Refresh::Refresh(const std::vector<std::string>& specs, RefreshOptions opt) : opt_(opt) {
    for (const std::string& spec : specs)
        if (!is_remote(spec) && !kept_fresh(spec)) checks_.emplace_back(spec, start_check(spec));
}

bool Refresh::finish() {
    bool changed = false;
    for (auto& [spec, check] : checks_) {
        if (!check.valid()) continue;
        Staleness s = check.get();
        if (!s.error.empty())
            say_failure(s.error);
        else if (s.stale)
            changed = update_index(spec, opt_) || changed;
    }
    checks_.clear();
    return changed;
}

bool Refresh::checked() const {
    return std::all_of(checks_.begin(), checks_.end(), [](const auto& c) {
        return !c.second.valid() ||
               c.second.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    });
}

bool refresh_now(const std::vector<std::string>& specs, RefreshOptions opt) {
    Refresh r(specs, opt);
    return r.finish();
}

} // namespace crib
