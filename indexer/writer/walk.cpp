// walk.cpp - see walk.hpp.
#include "writer/walk.hpp"

#include "common/paths.hpp"
#include "common/text.hpp"
#include "formats/formats.hpp"
#include "watch/watch_state.hpp"
#include "writer/exclude.hpp"
#include "writer/file_record.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>
#include <unordered_set>

namespace fs = std::filesystem;

namespace crib {

StatInfo stat_path(const std::string& path) {
    StatInfo s;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
        s.err = errno;
        return s;
    }
    s.ok = true;
    s.regular = S_ISREG(st.st_mode);
    s.dir = S_ISDIR(st.st_mode);
    if (S_ISFIFO(st.st_mode)) s.special = "FIFO";
    if (S_ISSOCK(st.st_mode)) s.special = "socket";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) s.special = "device";
    s.size = static_cast<uint64_t>(st.st_size);
    s.mtime_ns = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return s;
}

std::string display_join(const std::string& given, const std::string& rel) {
    if (given.empty() || given == ".") return given == "." ? "./" + rel : rel;
    if (given.back() == '/') return given + rel;
    return given + "/" + rel;
}

bool path_below(const std::string& root, const std::string& abs, std::string& rel) {
    if (abs == root) {
        rel.clear();
        return true;
    }
    if (abs.size() <= root.size() || abs.compare(0, root.size(), root) != 0 ||
        (root.back() != '/' && abs[root.size()] != '/'))
        return false;
    rel = abs.substr(root.size() + (root.back() == '/' ? 0 : 1));
    return true;
}

namespace {

/// path_below() of a root.
bool path_below(const Root& root, const std::string& abs, std::string& rel) {
    return crib::path_below(root.abs, abs, rel);
}

/// The note file `abs` at `rel` below `root`: shown path and top folder.
Candidate candidate_at(const Root& root, const std::string& abs, const std::string& rel) {
    size_t slash = rel.find('/');
    return {rel.empty() ? root.given : display_join(root.given, rel),
            abs,
            slash == std::string::npos ? "" : rel.substr(0, slash),
            {}};
}

/// True when `full`, below `root`, matches one of `exclude` (exclude.hpp).
bool excluded_below(const Root& root, const std::string& full, bool folder,
                    const std::vector<std::string>& exclude) {
    std::string rel;
    return !exclude.empty() && path_below(root, full, rel) && excluded(exclude, rel, folder);
}

} // namespace

bool candidate_under(const Root& root, const std::string& abs, Candidate& c) {
    std::string rel;
    if (!path_below(root, abs, rel)) return false;
    c = candidate_at(root, abs, rel);
    return true;
}

/// True if a root no longer exists at all (moved, renamed, unmounted), as
/// opposed to one that cannot be read.
bool root_gone(const Root& root) {
    StatInfo rs = stat_path(root.abs);
    return !rs.ok && (rs.err == ENOENT || rs.err == ENOTDIR);
}

bool hidden_from_walk(const std::string& abs, const std::vector<Root>& roots) {
    struct stat st;
    if (::stat(abs.c_str(), &st) != 0) return errno != ENOENT && errno != ENOTDIR;
    // Every folder from the file's up to its root: one that can be searched
    // but not listed (chmod 111) hides the files below it, not only its own.
    auto norm = [](const fs::path& p) { // "notes/" and "notes" are one folder
        fs::path n = p.lexically_normal();
        return !n.has_filename() && n.has_relative_path() ? n.parent_path() : n;
    };
    auto is_root = [&](const fs::path& f) {
        return std::any_of(roots.begin(), roots.end(),
                           [&](const Root& r) { return norm(r.abs) == norm(f); });
    };
    for (fs::path folder = fs::path(abs).parent_path();; folder = folder.parent_path()) {
        if (::access(folder.c_str(), R_OK | X_OK) != 0) return true;
        if (is_root(folder) || folder == folder.root_path() || folder.empty()) return false;
    }
}

namespace {

/// stat() every candidate, on both cores when there are many: the folder
/// walk lists them, and their stat calls were a fifth of a one-file update
/// on 14,562 files.
void stat_all(std::vector<Candidate>& cands) {
    constexpr size_t kSplit = 2000; // below this a second thread costs more than it saves
    auto stat_range = [&cands](size_t from, size_t to) {
        for (size_t i = from; i < to; ++i)
            cands[i].st = stat_path(cands[i].abs);
    };
    size_t mid = cands.size() > kSplit ? cands.size() / 2 : cands.size();
    std::thread helper;
    if (mid < cands.size()) {
        try {
            helper = std::thread(stat_range, mid, cands.size());
        } catch (const std::system_error&) {
            mid = cands.size(); // no thread: stat them all here
        }
    }
    stat_range(0, mid);
    if (helper.joinable()) helper.join();
}

} // namespace

/// Walk the roots; unreadable folders and broken links become Skipped.
/// Hidden folders and Xapian databases (this index kept inside the notes,
/// or another one) are not walked.
/// Files no format claims are listed in *other, and the folders walked (with
/// their mtimes, taken before they are listed) go to *dirs, when given.
/// What `exclude` matches is passed by.
std::vector<Candidate> walk(const std::vector<Root>& roots, std::vector<Skipped>& skipped,
                            std::vector<std::string>* other, StatListBuilder* dirs,
                            const std::vector<std::string>& exclude) {
    std::vector<Candidate> out;
    std::unordered_set<std::string> seen;
    for (const Root& root : roots) {
        StatInfo rs = stat_path(root.abs);
        if (!rs.ok) {
            skipped.push_back({root.given, std::string("cannot open: ") + std::strerror(rs.err)});
            continue;
        }
        if (rs.regular) {
            if (seen.insert(root.abs).second) out.push_back({root.given, root.abs, "", rs});
            continue;
        }
        if (!rs.dir) { // a FIFO named on the command line was "folder not readable"
            skipped.push_back({root.given, std::string("not a regular file or folder: a ") +
                                               (rs.special ? rs.special : "special file")});
            continue;
        }
        // skip_permission_denied would list an unreadable root as empty.
        if (::access(root.abs.c_str(), R_OK | X_OK) != 0) {
            skipped.push_back({root.given, "folder not readable"});
            continue;
        }
        if (dirs) dirs->add_dir(root.abs, rs.mtime_ns);
        std::vector<Candidate> listed; // the root's note files, stat'ed together below
        std::error_code ec;
        fs::recursive_directory_iterator it(root.abs, fs::directory_options::skip_permission_denied,
                                            ec),
            end;
        if (ec) {
            skipped.push_back({root.given, "cannot list folder: " + ec.message()});
            continue;
        }
        for (; it != end; it.increment(ec)) {
            if (ec) {
                skipped.push_back({root.given, "while listing: " + ec.message()});
                ec.clear();
                break;
            }
            const fs::directory_entry& e = *it;
            std::string name = e.path().filename().string();
            std::error_code sec;
            bool is_dir = e.is_directory(sec) && !e.is_symlink(sec);
            if (is_dir) {
                if ((!name.empty() && name[0] == '.') || is_xapian_database(e.path().native()) ||
                    excluded_below(root, e.path().native(), true, exclude))
                    it.disable_recursion_pending();
                else if (::access(e.path().c_str(), R_OK | X_OK) != 0)
                    skipped.push_back(
                        {display_join(root.given,
                                      fs::relative(e.path(), root.abs, sec).generic_string()),
                         "folder not readable"});
                else if (dirs)
                    dirs->add_dir(e.path().native(), stat_path(e.path().native()).mtime_ns);
                continue;
            }
            bool note = is_note_file_name(name);
            if (!note && (!other || name.empty() || name[0] == '.')) continue;
            if (excluded_below(root, e.path().native(), false, exclude)) continue;
            // The iterator's paths are root.abs + "/" + ...
            const std::string& full = e.path().native();
            std::string rel;
            if (!path_below(root, full, rel)) // not expected; as the path says
                rel = e.path().lexically_relative(root.abs).generic_string();
            Candidate c = candidate_at(root, full, rel);
            if (!note) {
                if (!is_watch_state_file(full)) other->push_back(c.display);
                continue;
            }
            listed.push_back(std::move(c));
        }
        stat_all(listed);
        for (Candidate& c : listed) {
            if (!c.st.ok) {
                skipped.push_back({c.display, c.st.err == ELOOP ? "symlink loop"
                                                                : std::string("cannot stat: ") +
                                                                      std::strerror(c.st.err)});
                continue;
            }
            if (!c.st.regular) continue;
            // One root cannot list a file twice (symlinked folders are not
            // followed): only overlapping roots need the set (7% of a one-file
            // update on 14,562 files went to it).
            if (roots.size() > 1 && !seen.insert(c.abs).second) continue;
            out.push_back(std::move(c));
        }
    }
    return out;
}

std::string not_text_reason(const std::string& path, std::string_view bytes) {
    if (!looks_binary(bytes)) return {};
    // A file without an extension is a note only if it is text.
    return classify_name(path) == NameClass::maybe ? kNotText : "binary file";
}

} // namespace crib
