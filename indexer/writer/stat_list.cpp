#include "writer/stat_list.hpp"

#include "common/paths.hpp"
#include "formats/formats.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <ctime>
#include <set>
#include <string_view>
#include <thread>

namespace crib {

namespace {

/// First line of an encoded list; a different one means "unknown".
const char* const kHeader = "crib-stat-1\n";

int64_t mtime_of(const struct stat& st) {
    return int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

bool encodable(const std::string& s) {
    return s.find_first_of("\t\n") == std::string::npos;
}

/// Closes a directory descriptor when it goes out of scope.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

/// One folder of a decoded list.
struct DirEntry {
    char kind = 0;
    int64_t mtime_ns = 0;
    std::string_view abs;
};

/// The next line of `text` from `pos` (without its newline).
std::string_view next_line(std::string_view text, size_t& pos) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    return line;
}

/// Split "a\tb\tc..." into exactly n fields (the last takes the rest).
bool split_fields(std::string_view line, std::string_view* out, int n) {
    for (int i = 0; i < n - 1; ++i) {
        size_t tab = line.find('\t');
        if (tab == std::string_view::npos) return false;
        out[i] = line.substr(0, tab);
        line.remove_prefix(tab + 1);
    }
    out[n - 1] = line;
    return true;
}

int64_t to_int(std::string_view s) {
    int64_t v = -1;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

/// True if `line` is a folder line (its kind is a capital letter).
bool is_folder_line(std::string_view line) {
    return !line.empty() && line[0] >= 'A' && line[0] <= 'Z';
}

/// The folder a folder line names: kind, mtime and path; false when it is not one.
bool read_folder_line(std::string_view line, DirEntry& dir) {
    std::string_view f[2];
    if (!is_folder_line(line) || !split_fields(line.substr(1), f, 2)) return false;
    dir = {line[0], to_int(f[0]), f[1]};
    return true;
}

/// Every folder an encoded list records (absolute paths): a listed folder's
/// subfolders must be among them.
std::set<std::string> recorded_folders(std::string_view text) {
    std::set<std::string> dirs;
    DirEntry dir;
    for (size_t p = 0; p < text.size();)
        if (read_folder_line(next_line(text, p), dir)) dirs.emplace(dir.abs);
    return dirs;
}

/// Calls `each(entry)` for the entries of the open folder `dirfd` but "."
/// and "..", until it returns false; false then, or when the folder cannot
/// be listed.
template <class Each> bool each_entry(int dirfd, Each&& each) {
    int fd = ::dup(dirfd);
    DIR* d = fd < 0 ? nullptr : ::fdopendir(fd);
    if (!d) {
        if (fd >= 0) ::close(fd);
        return false;
    }
    bool ok = true;
    while (struct dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        if (!(ok = each(*e))) break;
    }
    ::closedir(d);
    return ok;
}

/// A file line against the disk: stat relative to its open folder.
bool file_fresh(int dirfd, std::string_view line, std::set<std::string_view>* names) {
    std::string_view f[4]; // size, mtime, flag, name
    if (!split_fields(line, f, 4)) return false;
    std::string name(f[3]);
    struct stat st;
    if (::fstatat(dirfd, name.c_str(), &st, 0) != 0 || !S_ISREG(st.st_mode)) return false;
    if (uint64_t(st.st_size) != uint64_t(to_int(f[0])) || mtime_of(st) != to_int(f[1]))
        return false;
    if (f[2] == "u" && ::faccessat(dirfd, name.c_str(), R_OK, 0) == 0)
        return false; // readable again
    if (names) names->insert(f[3]);
    return true;
}

/// A racy folder, listed: every note file and visible subfolder in it must be
/// recorded (as walk() in index_run.cpp picks them).
bool listing_matches(int dirfd, const std::string& abs, const std::set<std::string_view>& files,
                     const std::set<std::string>& dirs) {
    return each_entry(dirfd, [&](const struct dirent& e) {
        std::string_view name = e.d_name;
        bool is_dir = e.d_type == DT_DIR;
        if (e.d_type == DT_UNKNOWN) {
            struct stat st;
            is_dir =
                ::fstatat(dirfd, e.d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        }
        if (is_dir) {
            std::string sub = abs + "/" + std::string(name);
            return name[0] == '.' || dirs.count(sub) > 0 || is_xapian_database(sub);
        }
        return classify_name(name) == NameClass::other || files.count(name) > 0;
    });
}

/// Check one folder and its files; `text` continues after the folder line.
bool dir_fresh(const DirEntry& dir, std::string_view text, size_t& pos,
               const std::set<std::string>& dirs) {
    std::string abs(dir.abs);
    Fd fd{::open(abs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (fd.fd < 0) return false;
    struct stat st;
    if (dir.kind == 'D' && (::fstat(fd.fd, &st) != 0 || mtime_of(st) != dir.mtime_ns)) return false;
    std::set<std::string_view> names;
    // A racy folder, or the index's own (whose mtime every commit moves), is
    // listed: a note added beside the index was never seen (issue: crib-index
    // --db notes notes).
    bool listed = dir.kind == 'R' || dir.kind == 'U';
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
        if (!file_fresh(fd.fd, next_line(text, pos), listed ? &names : nullptr)) return false;
    return !listed || listing_matches(fd.fd, abs, names, dirs);
}

} // namespace

void StatListBuilder::add_dir(const std::string& abs, int64_t mtime_ns) {
    Dir& d = dirs_[abs];
    d.kind = 'D';
    d.mtime_ns = mtime_ns;
}

void StatListBuilder::uncheck_dir(const std::string& abs) {
    auto it = dirs_.find(abs);
    if (it != dirs_.end() && it->second.kind == 'D') it->second.kind = 'U';
}

void StatListBuilder::add_file(const std::string& abs, uint64_t size, int64_t mtime_ns, char flag) {
    size_t slash = abs.rfind('/');
    add_file_in(slash == 0 ? "/" : abs.substr(0, slash), std::string_view(abs).substr(slash + 1),
                size, mtime_ns, flag);
}

void StatListBuilder::add_file_in(const std::string& dir, std::string_view name, uint64_t size,
                                  int64_t mtime_ns, char flag) {
    // Files come folder by folder: look the folder up once per run of them.
    if (last_ == dirs_.end() || last_->first != dir) last_ = dirs_.try_emplace(dir).first;
    last_->second.files.push_back({std::string(name), size, mtime_ns, flag});
}

std::string StatListBuilder::encode(int64_t racy_after_ns) const {
    std::string out = kHeader;
    for (const auto& [abs, d] : dirs_) {
        if (!encodable(abs)) return "";
        char kind = d.kind == 'D' && d.mtime_ns >= racy_after_ns ? 'R' : d.kind;
        out += kind + std::to_string(d.mtime_ns) + "\t" + abs + "\n";
        for (const File& f : d.files) {
            if (!encodable(f.name)) return "";
            out += std::to_string(f.size) + "\t" + std::to_string(f.mtime_ns) + "\t" + f.flag +
                   "\t" + f.name + "\n";
        }
    }
    return out;
}

namespace {

/// Check the folders whose lines start in [pos, end) of `text`; stop early
/// when the other half has found a change (`found`), and say so when this one does.
Freshness check_range(std::string_view text, size_t pos, size_t end,
                      const std::set<std::string>& dirs, std::atomic<bool>& found) {
    DirEntry dir;
    while (pos < end && !found.load(std::memory_order_relaxed)) {
        if (!read_folder_line(next_line(text, pos), dir)) return Freshness::unknown;
        if (!dir_fresh(dir, text, pos, dirs)) {
            found = true;
            return Freshness::stale;
        }
    }
    return Freshness::fresh;
}

/// The start of the first folder line at or after `pos` (text.size() if none).
size_t folder_line_after(std::string_view text, size_t pos) {
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) return text.size();
        pos = nl + 1;
        if (pos < text.size() && text[pos] >= 'A' && text[pos] <= 'Z') return pos;
    }
    return text.size();
}

/// Lists of more files than this are checked in two halves on two threads.
constexpr size_t kSplitBytes = 64 * 1024;

/// Runs `range(from, to, half)` over the folder lines of an encoded list:
/// a large list in two halves, the second (half 1) on a helper thread; a
/// small one, or one no thread can be had for, whole here (half 0).
template <class Range> void by_halves(std::string_view text, Range&& range) {
    size_t start = std::string_view(kHeader).size();
    size_t mid = text.size() > kSplitBytes ? folder_line_after(text, text.size() / 2) : text.size();
    std::thread helper;
    if (mid < text.size()) {
        try {
            helper = std::thread([&] { range(mid, text.size(), 1); });
        } catch (const std::system_error&) {
            mid = text.size(); // no thread: all of it here
        }
    }
    range(start, mid, 0);
    if (helper.joinable()) helper.join();
}

} // namespace

Freshness check_stat_list(const std::string& encoded) {
    std::string_view text = encoded;
    if (text.substr(0, std::string_view(kHeader).size()) != kHeader) return Freshness::unknown;
    // Every recorded folder, for the listings of racy ones.
    const std::set<std::string> dirs = text.find("\nR") != std::string_view::npos
                                           ? recorded_folders(text)
                                           : std::set<std::string>();
    Freshness half[2] = {Freshness::fresh, Freshness::fresh};
    std::atomic<bool> found{false}; // a change in either half ends both
    by_halves(text, [&](size_t from, size_t to, int h) {
        half[h] = check_range(text, from, to, dirs, found);
    });
    if (half[0] == Freshness::unknown || half[1] == Freshness::unknown) return Freshness::unknown;
    return half[0] == Freshness::stale || half[1] == Freshness::stale ? Freshness::stale
                                                                      : Freshness::fresh;
}

namespace {

/// One folder of a list against the disk, for diff_stat_list: its recorded
/// files stat'ed, its entries listed when they may have changed.  False when
/// only a walk can tell.
bool diff_dir(const DirEntry& dir, std::string_view text, size_t& pos,
              const std::set<std::string>& dirs, StatListDiff& out, std::vector<int64_t>& now) {
    std::string abs(dir.abs);
    Fd fd{::open(abs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    struct stat st;
    if (fd.fd < 0 || ::fstat(fd.fd, &st) != 0) return false;
    now.push_back(mtime_of(st));
    bool moved = dir.kind == 'D' && mtime_of(st) != dir.mtime_ns;
    out.folders_moved |= moved;
    bool list = dir.kind == 'R' || dir.kind == 'U' || moved; // as dir_fresh lists
    std::set<std::string, std::less<>> recorded;
    std::string base = abs == "/" ? "/" : abs + "/";
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        std::string_view f[4]; // size, mtime, flag, name
        // A file recorded as skipped: every walk says its skip again.
        if (!split_fields(next_line(text, pos), f, 4) || f[2] != "-") return false;
        std::string name(f[3]);
        if (list) recorded.insert(name);
        struct stat fs;
        if (::fstatat(fd.fd, name.c_str(), &fs, 0) != 0) {
            // A link to nowhere is not gone: walk() says it cannot stat it.
            if (errno != ENOENT || ::fstatat(fd.fd, name.c_str(), &fs, AT_SYMLINK_NOFOLLOW) == 0)
                return false;
            out.gone.push_back(base + name);
            continue;
        }
        if (!S_ISREG(fs.st_mode)) return false;
        ++out.files;
        uint64_t size = uint64_t(fs.st_size);
        if (size != uint64_t(to_int(f[0])) || mtime_of(fs) != to_int(f[1]))
            out.changed.push_back({base + name, size, mtime_of(fs)});
    }
    if (!list) return true;
    return each_entry(fd.fd, [&](const struct dirent& e) {
        std::string name = e.d_name;
        if (recorded.count(name)) return true;
        struct stat es;
        if (::fstatat(fd.fd, e.d_name, &es, AT_SYMLINK_NOFOLLOW) != 0)
            return true;         // gone meanwhile
        if (S_ISDIR(es.st_mode)) // a new folder is walked (walk() does it)
            return name[0] == '.' || dirs.count(base + name) > 0 || is_xapian_database(base + name);
        // A walked folder replaced by a link: walk() follows no link, so its
        // files are no longer notes; only a walk drops them.
        if (S_ISLNK(es.st_mode) && dirs.count(base + name)) return false;
        if (classify_name(name) == NameClass::other) return true;
        // A link to nowhere (or a loop) is reported by walk(): let it say so.
        if (::fstatat(fd.fd, e.d_name, &es, 0) != 0) return false;
        if (!S_ISREG(es.st_mode)) return true; // a link to a folder: walk() skips it too
        ++out.files;
        out.changed.push_back({base + name, uint64_t(es.st_size), mtime_of(es)});
        return true;
    });
}

/// diff_dir over the folders whose lines start in [pos, end) of `text`;
/// their mtimes now go to `now`, in the list's order.
bool diff_range(std::string_view text, size_t pos, size_t end, const std::set<std::string>& dirs,
                StatListDiff& out, std::vector<int64_t>& now) {
    DirEntry dir;
    while (pos < end)
        if (!read_folder_line(next_line(text, pos), dir) ||
            !diff_dir(dir, text, pos, dirs, out, now))
            return false;
    return true;
}

/// The list to store after a diff found changes: every folder with its
/// mtime `now` (in the list's order), every recorded file that neither
/// changed nor vanished as recorded.  Only built when something changed: a
/// no-op run stats and allocates nothing more than the check does.
void keep_unchanged(std::string_view text, const std::vector<int64_t>& now, StatListDiff& d) {
    std::set<std::string, std::less<>> skip(d.gone.begin(), d.gone.end());
    for (const ChangedFile& f : d.changed)
        skip.insert(f.abs);
    std::string dir, path;
    size_t k = 0;
    for (size_t pos = std::string_view(kHeader).size(); pos < text.size();) {
        std::string_view line = next_line(text, pos);
        if (line.empty()) continue;
        if (DirEntry folder; read_folder_line(line, folder)) {
            dir.assign(folder.abs);
            int64_t mtime = k < now.size() ? now[k] : 0;
            ++k;
            if (folder.kind == 'P') continue; // made by its files
            d.unchanged.add_dir(dir, mtime);
            if (folder.kind == 'U') d.unchanged.uncheck_dir(dir);
            continue;
        }
        std::string_view f[4]; // size, mtime, flag, name
        if (!split_fields(line, f, 4)) continue;
        path.assign(dir == "/" ? "" : dir).append("/").append(f[3]);
        if (skip.count(path)) continue;
        d.unchanged.add_file_in(dir, f[3], uint64_t(to_int(f[0])), to_int(f[1]),
                                f[2].empty() ? '-' : f[2][0]);
    }
}

} // namespace

std::optional<StatListDiff> diff_stat_list(const std::string& encoded) {
    std::string_view text = encoded;
    if (text.substr(0, std::string_view(kHeader).size()) != kHeader) return std::nullopt;
    const std::set<std::string> dirs = recorded_folders(text);
    StatListDiff half[2];
    std::vector<int64_t> now[2]; // each half's folder mtimes, in the list's order
    bool ok[2] = {true, true};
    by_halves(text, [&](size_t from, size_t to, int h) {
        ok[h] = diff_range(text, from, to, dirs, half[h], now[h]);
    });
    if (!ok[0] || !ok[1]) return std::nullopt;
    StatListDiff& out = half[0];
    out.changed.insert(out.changed.end(), std::make_move_iterator(half[1].changed.begin()),
                       std::make_move_iterator(half[1].changed.end()));
    out.gone.insert(out.gone.end(), std::make_move_iterator(half[1].gone.begin()),
                    std::make_move_iterator(half[1].gone.end()));
    out.files += half[1].files;
    out.folders_moved |= half[1].folders_moved;
    if (!out.changed.empty() || !out.gone.empty() || out.folders_moved) {
        now[0].insert(now[0].end(), now[1].begin(), now[1].end());
        keep_unchanged(text, now[0], out);
    }
    return std::move(out);
}

StatListFiles stat_list_files(const std::string& encoded, uint64_t max_size) {
    StatListFiles out;
    std::string_view text = encoded;
    for (size_t pos = 0; pos < text.size();) {
        std::string_view line = next_line(text, pos);
        if (line.empty() || line[0] < '0' || line[0] > '9') continue;
        ++out.files;
        std::string_view f[4];
        if (!split_fields(line, f, 4)) continue;
        if (f[2] == "s" && uint64_t(to_int(f[0])) <= max_size) out.size_skip_fits = true;
        if (f[2] != "-") ++out.skipped;
    }
    return out;
}

int64_t now_ns() {
    struct timespec ts;
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace crib
