#include "watch/watch_state.hpp"

#include "common/error.hpp"
#include "common/paths.hpp"
#include "formats/formats.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace crib {

std::string watch_state_path(const std::string& db) {
    // One state file per index, however it is named (a symlink, "db/"):
    // two watchers of one index must meet at the same lock.
    return real_path(db) + ".watch";
}

bool is_watch_state_file(const std::string& path) {
    constexpr std::string_view kSuffix = ".watch";
    return path.size() > kSuffix.size() &&
           path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0 &&
           is_xapian_database(path.substr(0, path.size() - kSuffix.size()));
}

WatchState read_watch_state(const std::string& db) {
    int fd = ::open(watch_state_path(db).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return WatchState::none;
    WatchState state = WatchState::none;
    // A shared lock we can take means no watcher holds its exclusive one.
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0) {
        ::flock(fd, LOCK_UN);
    } else if (errno == EWOULDBLOCK) {
        char c = 0;
        struct stat st;
        bool alive =
            ::fstat(fd, &st) == 0 && std::time(nullptr) - st.st_mtime <= kWatchTrustSeconds;
        if (!alive)
            state = WatchState::silent;
        else if (::pread(fd, &c, 1, 0) == 1)
            state = c == 'F'   ? WatchState::fresh
                    : c == 'S' ? WatchState::catching_up
                               : WatchState::none;
    }
    ::close(fd);
    return state;
}

WatchClaim::WatchClaim(const std::string& db) : path_(watch_state_path(db)) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd_ < 0)
        throw Error("cannot make " + path_ + ": " + std::strerror(errno),
                    "crib-index --watch keeps its state beside the index folder");
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        ::close(fd_);
        fd_ = -1;
        if (err == EWOULDBLOCK)
            throw Error("another crib-index --watch is keeping " + db + " fresh (it holds " +
                        path_ + ")");
        throw Error("cannot lock " + path_ + ": " + std::strerror(err));
    }
    set(WatchState::catching_up);
}

WatchClaim::~WatchClaim() {
    if (fd_ < 0) return;
    set(WatchState::none); // said before the lock goes, for a reader that raced the exit
    ::close(fd_);
}

void WatchClaim::set(WatchState state) {
    const char c = state == WatchState::fresh ? 'F' : state == WatchState::catching_up ? 'S' : 'N';
    if (::pwrite(fd_, &c, 1, 0) != 1) return; // a full disk: the heartbeat ages out
    ::futimens(fd_, nullptr);                 // the heartbeat, even when the byte did not change
}

} // namespace crib
