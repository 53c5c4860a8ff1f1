#include "watch/watch.hpp"

#include "common/error.hpp"
#include "common/paths.hpp"
#include "formats/formats.hpp"
#include "watch/watch_state.hpp"
#include "writer/exclude.hpp"
#include "writer/walk.hpp"

#include <xapian.h>

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace crib {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// What a folder watch reports: every way a note file or a folder changes.
constexpr uint32_t kDirEvents = IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE |
                                IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF |
                                IN_ONLYDIR | IN_DONT_FOLLOW;
/// What the watch of a note file reached through a symlink reports (its target).
constexpr uint32_t kFileEvents =
    IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;
/// What the watch of the index folder reports: a commit (Xapian renames its
/// version file into place), or the folder swapped by a full build.
constexpr uint32_t kIndexEvents =
    IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
/// Longest wait for notes that never stop changing before indexing anyway.
constexpr auto kSettleCap = std::chrono::seconds(2);
/// Longest poll() wait: how soon SIGINT/SIGTERM is noticed.
constexpr int kPollMs = 500;

/// Watching cannot go on as asked: the kernel's limit on watches.
struct WatchLimit : Error {
    using Error::Error;
};

/// A number from a /proc/sys file, or -1.
long proc_number(const char* path) {
    std::ifstream f(path);
    long n = -1;
    return f >> n ? n : -1;
}

/// Why the kernel refused a watch after `placed` of them: the limit in force
/// is the lower of the system-wide one and this user namespace's, and it is
/// shared by every program of the user (issue 27 item 14: the message quoted
/// the system-wide number under a lowered one).
std::string watch_limit_message(size_t placed) {
    long fs = proc_number("/proc/sys/fs/inotify/max_user_watches");
    long ns = proc_number("/proc/sys/user/max_inotify_watches");
    std::string out = "too many folders to watch: the kernel refused more after " +
                      std::to_string(placed) + " watch(es)";
    if (ns >= 0 && (fs < 0 || ns < fs))
        out += " (this user namespace allows " + std::to_string(ns) + ": user.max_inotify_watches";
    else
        out += " (fs.inotify.max_user_watches = " + (fs >= 0 ? std::to_string(fs) : "?");
    return out + ", shared by all of this user's programs)";
}

/// What a batch of events means.
struct Events {
    bool notes = false; ///< a note file or folder under a root may have changed
    bool index = false; ///< the index was committed to (roots may have changed)
};

/// What the index walk reads: its roots (real paths) and the --exclude
/// patterns it passes by (writer/exclude.hpp).
struct Watched {
    std::vector<std::string> roots;
    std::vector<std::string> exclude;
};

/// True when `full` lies below `root` and matches `exclude` there.
bool excluded_below(const std::string& root, const std::string& full, bool folder,
                    const std::vector<std::string>& exclude) {
    std::string rel;
    return !exclude.empty() && path_below(root, full, rel) && !rel.empty() &&
           excluded(exclude, rel, folder);
}

/// The inotify watches of the folders under the roots, of note files'
/// symlink targets, and of the index folder itself; folders and files the
/// walk passes by (--exclude) are not watched: a node_modules left out took
/// the kernel's watches and woke the watcher for nothing.
class Watches {
  public:
    explicit Watches(const std::string& db) : db_(real_path(db)) {
        fd_ = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        if (fd_ < 0)
            throw Error(std::string("cannot watch the notes: inotify: ") + std::strerror(errno));
        fs::path p(db_);
        db_parent_ = p.parent_path().string();
        db_name_ = p.filename().string();
        state_name_ = fs::path(watch_state_path(db_)).filename().string();
    }
    ~Watches() { ::close(fd_); }
    Watches(const Watches&) = delete;
    Watches& operator=(const Watches&) = delete;

    int fd() const { return fd_; }

    /// Make the watches match what is under `roots` now, as the index walk
    /// sees it (hidden and symlinked folders skipped): folders that appeared,
    /// were renamed in or became readable get one, a symlinked note file's
    /// current target gets one, and what left the roots loses its own.
    /// Throws WatchLimit at the kernel's limit.
    void sync(const Watched& w) {
        std::map<std::string, uint32_t> want; // path -> mask
        want[db_] = kIndexEvents;
        exclude_ = w.exclude;
        root_of_.clear();
        for (const std::string& root : w.roots) {
            std::error_code ec;
            if (fs::is_directory(root, ec)) {
                list_tree(root, want);
            } else {
                want.emplace(fs::path(root).parent_path().string(), kDirEvents);
                if (fs::is_symlink(root, ec)) want.emplace(root, kFileEvents);
            }
        }
        std::map<int, std::string> now;
        for (const auto& [path, mask] : want) {
            int wd = ::inotify_add_watch(fd_, path.c_str(), mask);
            if (wd >= 0) {
                now[wd] = path;
            } else if (errno == ENOSPC) {
                throw WatchLimit(watch_limit_message(now.size()),
                                 "raise it: sysctl fs.inotify.max_user_watches=524288 "
                                 "(and user.max_inotify_watches in a container)");
            } // gone or unreadable since it was listed: the walk says so
        }
        for (const auto& [wd, path] : paths_)
            if (!now.count(wd)) ::inotify_rm_watch(fd_, wd); // left the roots (moved away)
        paths_ = std::move(now);
    }

    /// Read the events queued so far.
    Events drain() {
        alignas(struct inotify_event) char buf[16384];
        Events out;
        for (;;) {
            ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n <= 0) break; // EAGAIN: all read
            for (char* p = buf; p < buf + n;) {
                const auto* ev = reinterpret_cast<const struct inotify_event*>(p);
                p += sizeof(struct inotify_event) + ev->len;
                handle(*ev, out);
            }
        }
        return out;
    }

  private:
    /// Folders below `dir` (itself included) and symlinked note files, as
    /// the index walk lists them.
    void list_tree(const std::string& dir, std::map<std::string, uint32_t>& want) {
        if (dir == db_) return;
        want.emplace(dir, kDirEvents);
        root_of_.emplace(dir, dir);
        std::error_code ec;
        fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
            end;
        for (; !ec && it != end; it.increment(ec)) {
            const fs::directory_entry& e = *it;
            std::string name = e.path().filename().string();
            std::error_code sec;
            const bool folder = !e.is_symlink(sec) && e.is_directory(sec);
            if (excluded_below(dir, e.path().string(), folder, exclude_)) {
                if (folder) it.disable_recursion_pending();
                continue;
            }
            if (e.is_symlink(sec)) {
                if (is_note_file_name(name)) want.emplace(e.path().string(), kFileEvents);
                continue;
            }
            if (!folder) continue;
            if ((!name.empty() && name[0] == '.') || e.path().string() == db_ ||
                is_xapian_database(e.path().string()) ||
                ::access(e.path().c_str(), R_OK | X_OK) != 0) {
                it.disable_recursion_pending();
                if (name.empty() || name[0] != '.')
                    want.emplace(e.path().string(), kDirEvents); // chmod seen
                continue;
            }
            want.emplace(e.path().string(), kDirEvents);
            root_of_.emplace(e.path().string(), dir);
        }
    }

    /// True when `name` in the watched folder `folder` is passed by (--exclude).
    bool excluded_in(const std::string& folder, const std::string& name, bool is_folder) const {
        auto root = root_of_.find(folder);
        return root != root_of_.end() &&
               excluded_below(root->second, folder + "/" + name, is_folder, exclude_);
    }

    void handle(const struct inotify_event& ev, Events& out) {
        if (ev.mask & IN_Q_OVERFLOW) { // events lost: let the walk find out
            out.notes = true;
            return;
        }
        auto watched = paths_.find(ev.wd);
        if (watched == paths_.end()) return;
        if (ev.mask & IN_IGNORED) { // a folder or a link's target went: sync and look
            (watched->second == db_ ? out.index : out.notes) = true;
            paths_.erase(watched);
            return;
        }
        if (watched->second == db_) {
            out.index = true;
            return;
        }
        if (ev.len == 0) { // the folder or the linked file itself
            out.notes = true;
            return;
        }
        std::string name = ev.name;
        // The index and the watcher's state file: their changes are crib-index's own.
        if (watched->second == db_parent_ && (name == db_name_ || name == state_name_)) return;
        const bool folder = ev.mask & IN_ISDIR;
        if (excluded_in(watched->second, name, folder)) return;
        if (folder) {
            if (name[0] != '.') out.notes = true;
            return;
        }
        if (is_note_file_name(name)) out.notes = true;
    }

    int fd_ = -1;
    std::string db_, db_parent_, db_name_, state_name_;
    std::map<int, std::string> paths_;           ///< watch descriptor -> watched path
    std::vector<std::string> exclude_;           ///< the walk's --exclude patterns
    std::map<std::string, std::string> root_of_; ///< watched folder -> the root it is under
};

/// One update; false (reported) when it failed.
bool update(const IndexOptions& opt, const WatchOptions& w) {
    try {
        IndexStats s = run_index(opt);
        if (w.report) w.report(s);
        return !s.interrupted;
    } catch (const Error& e) {
        if (w.warn) w.warn(e.message());
    } catch (const Xapian::Error& e) {
        if (w.warn) w.warn(e.get_description());
    } catch (const std::exception& e) {
        if (w.warn) w.warn(e.what());
    }
    return false;
}

/// What to watch: the roots the index remembers and those given, and the
/// patterns it remembers and those given (only those given when --rebuild
/// PATH... starts the patterns over, as run_index() does).
Watched what_to_watch(const IndexOptions& opt) {
    Watched out;
    std::vector<std::string> remembered;
    try {
        Xapian::Database db(opt.db);
        for (const Root& r : read_roots(db))
            out.roots.push_back(real_path(r.abs));
        if (!opt.rebuild || opt.roots.empty()) remembered = read_excludes(db);
    } catch (const Xapian::Error&) { // not made yet
    }
    for (const std::string& given : opt.roots)
        out.roots.push_back(real_path(given));
    std::sort(out.roots.begin(), out.roots.end());
    out.roots.erase(std::unique(out.roots.begin(), out.roots.end()), out.roots.end());
    out.exclude = merge_excludes(remembered, opt.exclude);
    return out;
}

/// The watcher's loop, with what it knows between events.
class Watcher {
  public:
    Watcher(IndexOptions opt, const WatchOptions& w)
        : opt_(std::move(opt)), w_(w), claim_(opt_.db), watches_(opt_.db) {}

    void run() {
        if (w_.started) w_.started();       // the claim is ours
        watches_.sync(what_to_watch(opt_)); // before the first update: edits during it are queued
        // The first update's errors end the watch, as they end crib-index
        // (no notes to index, a mistyped --db); later ones are retried.
        IndexStats first = run_index(opt_);
        if (w_.report) w_.report(first);
        settle(true);
        opt_.rebuild = false; // only the first run starts over
        opt_.wait = true;     // later ones queue behind another crib-index
        while (!interrupt_requested()) {
            struct pollfd p = {watches_.fd(), POLLIN, 0};
            int n = ::poll(&p, 1, timeout_ms());
            if (n < 0 && errno != EINTR)
                throw Error(std::string("watching the notes: ") + std::strerror(errno));
            if (interrupt_requested()) break;
            if (n > 0) take(watches_.drain());
            if (gone_) come_back();
            if (pending_ && due() && !gone_) {
                index();
            } else if (!pending_ &&
                       Clock::now() - heartbeat_ >= std::chrono::seconds(kWatchHeartbeatSeconds)) {
                say(state_); // the heartbeat of an idle watcher
            }
        }
    }

  private:
    /// Sync the watches, update the index, and say what crib may trust.
    void index() {
        bool ok = resync();
        settle(update(opt_, w_) && ok);
    }

    /// After an update (`ok`: it and the watches before it went well): watch
    /// the roots it added, and say fresh, failed, or catching up with changes
    /// made while it ran.
    void settle(bool ok) {
        ok = resync() && ok;
        Events later = watches_.drain();
        pending_ = later.notes;
        first_change_ = last_change_ = Clock::now();
        say(pending_ ? WatchState::catching_up : ok ? WatchState::fresh : WatchState::none);
    }

    /// Watches matching the roots; false (and crib told to check for itself)
    /// at the kernel's limit.
    bool resync() {
        try {
            watches_.sync(what_to_watch(opt_));
            return true;
        } catch (const WatchLimit& e) {
            if (w_.warn) w_.warn(e.message());
            return false;
        }
    }

    void take(const Events& e) {
        if (e.index &&
            !e.notes) { // another crib-index committed (roots may be new), or the index went
            resync();
            if (!is_xapian_database(opt_.db)) {
                say(WatchState::none);
                if (!gone_ && w_.note)
                    w_.note("the index " + opt_.db +
                            " is gone; waiting for it to be made again (crib checks for itself)");
                gone_ = true;
            }
        }
        if (!e.notes) return;
        auto now = Clock::now();
        if (!pending_) {
            first_change_ = now;
            say(WatchState::catching_up); // crib waits for the update from now on
        }
        pending_ = true;
        last_change_ = now;
    }

    /// The index deleted under the watcher and made again (crib-index
    /// --rebuild from another shell): watch it and its roots again and bring
    /// it up to date (issue 27 item 5: the watcher went dead, holding its claim).
    void come_back() {
        if (!is_xapian_database(opt_.db)) return;
        gone_ = false;
        if (w_.note) w_.note("the index " + opt_.db + " is back; watching it again");
        index();
    }

    /// Quiet for settle_ms since the last change, or changing for kSettleCap.
    bool due() const {
        auto now = Clock::now();
        return now - last_change_ >= std::chrono::milliseconds(w_.settle_ms) ||
               now - first_change_ >= kSettleCap;
    }

    int timeout_ms() const {
        if (!pending_) return kPollMs;
        auto now = Clock::now();
        auto quiet = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::min(last_change_ + std::chrono::milliseconds(w_.settle_ms),
                     first_change_ + kSettleCap) -
            now);
        return std::clamp(int(quiet.count()), 0, kPollMs);
    }

    void say(WatchState s) {
        state_ = s;
        claim_.set(s);
        heartbeat_ = Clock::now();
    }

    IndexOptions opt_;
    const WatchOptions& w_;
    WatchClaim claim_;
    Watches watches_;
    bool pending_ = false;
    WatchState state_ = WatchState::catching_up;
    bool gone_ = false; ///< the index folder was deleted; waiting for it to come back
    Clock::time_point first_change_, last_change_, heartbeat_ = Clock::now();
};

} // namespace

void watch_index(IndexOptions opt, const WatchOptions& w) {
    Watcher(std::move(opt), w).run();
}

} // namespace crib
