#include "watch.hpp"

#include "error.hpp"
#include "watch_state.hpp"

#include <xapian.h>

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

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
/// What the watch of a note file reached through a symlink reports.
constexpr uint32_t kFileEvents =
    IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

/// The kernel's limit on watches, for the message when it is reached.
std::string max_user_watches() {
    std::ifstream f("/proc/sys/fs/inotify/max_user_watches");
    std::string n;
    return f >> n ? n : "?";
}

/// The inotify watches of the folders under the roots.
class Watches {
  public:
    /// `db`: the index folder, never watched (every commit changes it).
    explicit Watches(const std::string& db) : db_(fs::absolute(db).lexically_normal()) {
        fd_ = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        if (fd_ < 0)
            throw Error(std::string("cannot watch the notes: inotify: ") + std::strerror(errno));
        std::string name = db_.filename().string();
        db_prefix_ = name.empty() ? db_.parent_path().filename().string() : name;
    }
    ~Watches() { ::close(fd_); }
    Watches(const Watches&) = delete;
    Watches& operator=(const Watches&) = delete;

    int fd() const { return fd_; }

    /// Watch the roots not watched yet (all of them the first time; later,
    /// one that was gone and came back).
    void add_roots(const std::vector<std::string>& roots) {
        for (const std::string& root : roots)
            if (!roots_.count(root) || !watching(roots_[root])) roots_[root] = add_root(root);
    }

    /// Read the pending events; true if any of them may change the index.
    /// New folders are watched as they appear.
    bool drain() {
        alignas(struct inotify_event) char buf[16384];
        bool relevant = false;
        for (;;) {
            ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n <= 0) break; // EAGAIN: all read
            for (char* p = buf; p < buf + n;) {
                const auto* ev = reinterpret_cast<const struct inotify_event*>(p);
                p += sizeof(struct inotify_event) + ev->len;
                relevant = handle(*ev) || relevant;
            }
        }
        return relevant;
    }

  private:
    /// Watch a root: a folder and every folder below it, or a single file
    /// (its folder, since editors replace files by renaming).  Returns the
    /// watched folder.
    std::string add_root(const std::string& abs) {
        std::error_code ec;
        if (fs::is_directory(abs, ec)) {
            add_tree(abs);
            return abs;
        }
        std::string dir = fs::path(abs).parent_path().string();
        add(dir, kDirEvents);
        if (fs::is_symlink(abs, ec)) add(abs, kFileEvents);
        return dir;
    }

    /// True if a watch covers `path`.
    bool watching(const std::string& path) const {
        for (const auto& [wd, p] : paths_)
            if (p == path) return true;
        return false;
    }

    /// Watch `dir` and the folders below it, as the index walk lists them
    /// (hidden folders and symlinked folders skipped); note files that are
    /// symlinks get a watch of their target.
    void add_tree(const std::string& dir) {
        if (is_index(dir) || !add(dir, kDirEvents)) return;
        std::error_code ec;
        fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
            end;
        for (; !ec && it != end; it.increment(ec)) {
            const fs::directory_entry& e = *it;
            std::string name = e.path().filename().string();
            std::error_code sec;
            if (e.is_symlink(sec)) {
                if (is_note_file_name(name)) add(e.path().string(), kFileEvents);
                continue;
            }
            if (!e.is_directory(sec)) continue;
            if ((!name.empty() && name[0] == '.') || is_index(e.path().string()) ||
                !add(e.path().string(), kDirEvents))
                it.disable_recursion_pending();
        }
    }

    /// True if the event can change what the index holds.
    bool handle(const struct inotify_event& ev) {
        if (ev.mask & IN_Q_OVERFLOW) return true; // events lost: let the walk find out
        if (ev.mask & IN_IGNORED) {
            paths_.erase(ev.wd);
            return false;
        }
        auto dir = paths_.find(ev.wd);
        if (dir == paths_.end()) return false;
        if (ev.len == 0) return true; // the watched folder or file itself
        std::string name = ev.name;
        // The index, its state file and a compaction's leftovers sit beside
        // each other: their changes are crib-index's own.
        if (dir->second == db_.parent_path().string() &&
            name.compare(0, db_prefix_.size(), db_prefix_) == 0)
            return false;
        std::string path = dir->second + "/" + name;
        if (ev.mask & IN_ISDIR) {
            if ((ev.mask & (IN_CREATE | IN_MOVED_TO)) && name[0] != '.') add_tree(path);
            return name[0] != '.';
        }
        return is_note_file_name(name);
    }

    /// Add one watch; false when the folder cannot be watched (gone,
    /// unreadable).  Throws when the kernel's limit is reached.
    bool add(const std::string& path, uint32_t mask) {
        int wd = ::inotify_add_watch(fd_, path.c_str(), mask);
        if (wd < 0) {
            if (errno == ENOSPC)
                throw Error("too many folders to watch (fs.inotify.max_user_watches = " +
                                max_user_watches() + ")",
                            "raise it: sysctl fs.inotify.max_user_watches=524288");
            return false;
        }
        paths_[wd] = path;
        return true;
    }

    bool is_index(const std::string& path) const {
        return fs::path(path).lexically_normal() == db_;
    }

    int fd_ = -1;
    fs::path db_;
    std::string db_prefix_;
    std::map<int, std::string> paths_;         ///< watch descriptor -> watched path
    std::map<std::string, std::string> roots_; ///< root -> the folder watched for it
};

/// One update; errors are reported and watching goes on.
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

/// The roots the index remembers, as absolute paths.
std::vector<std::string> remembered_roots(const std::string& db) {
    std::vector<std::string> out;
    for (const Root& r : read_roots(Xapian::Database(db)))
        out.push_back(r.abs);
    return out;
}

} // namespace

void watch_index(IndexOptions opt, const WatchOptions& w) {
    WatchClaim claim(opt.db);
    bool ok = update(opt, w);
    opt.rebuild = false; // only the first run starts over
    opt.wait = true;     // later ones queue behind another crib-index
    Watches watches(opt.db);
    watches.add_roots(remembered_roots(opt.db));
    watches.drain(); // what the first update itself changed
    WatchState state = ok ? WatchState::fresh : WatchState::none;
    claim.set(state);

    bool pending = false;
    auto last_change = Clock::now();
    while (!interrupt_requested()) {
        int timeout = kWatchHeartbeatSeconds * 1000;
        if (pending) {
            auto quiet =
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_change);
            timeout = std::max(0, w.settle_ms - int(quiet.count()));
        }
        struct pollfd p = {watches.fd(), POLLIN, 0};
        int n = ::poll(&p, 1, timeout);
        if (n < 0 && errno != EINTR)
            throw Error(std::string("watching the notes: ") + std::strerror(errno));
        if (n > 0 && watches.drain()) {
            if (!pending) claim.set(state = WatchState::catching_up); // crib waits for the update
            pending = true;
            last_change = Clock::now();
            continue;
        }
        if (n == 0 && pending) {
            pending = false;
            // A failed update (a full disk, say) is retried at the next change;
            // meanwhile crib checks for itself.
            state = update(opt, w) ? WatchState::fresh : WatchState::none;
            watches.add_roots(remembered_roots(opt.db)); // one that came back, or a new one
        }
        if (!interrupt_requested()) claim.set(state); // also the heartbeat of an idle watcher
    }
}

} // namespace crib
