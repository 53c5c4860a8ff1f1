#include "writer/compact.hpp"

#include <xapian.h>

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace crib {

std::string work_folder(const std::string& db, const std::string& what) {
    std::error_code ec;
    std::string abs = fs::absolute(db, ec).lexically_normal().string();
    while (abs.size() > 1 && abs.back() == '/')
        abs.pop_back();
    fs::path p(abs); // hidden, so that a walk of a folder holding the index passes it by
    return (p.parent_path() / ("." + p.filename().string() + "." + what)).string();
}

std::string compaction_folder(const std::string& db) {
    return work_folder(db, "compacting");
}

void remove_compaction_leftovers(const std::string& db) {
    std::error_code ec;
    for (const char* what : {"compacting", "build-1", "build-2"})
        fs::remove_all(work_folder(db, what), ec);
}

namespace {

/// True when every entry of `db` is one of Xapian's own files: the swap
/// removes the old folder whole, and anything else in it (notes, when the
/// index was made in a notes folder) would go with it.
bool only_index_files(const std::string& db) {
    std::error_code ec;
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        bool own = name == "iamglass" || name == "flintlock" ||
                   (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0);
        if (!own || it->is_directory(ec)) return false;
    }
    return !ec;
}

} // namespace

bool can_compact(const std::string& db) {
    std::error_code ec;
    return !fs::is_symlink(db, ec) && fs::is_directory(db, ec) && only_index_files(db);
}

void compact_into(const std::vector<std::string>& sources, const std::string& db) {
    const std::string tmp = compaction_folder(db);
    std::error_code ec;
    fs::remove_all(tmp, ec);
    {
        // Readers of the committed revisions: the writer keeps the lock meanwhile.
        Xapian::Database all;
        for (const std::string& s : sources)
            all.add_database(Xapian::Database(s));
        unsigned renumber = sources.size() == 1 ? Xapian::DBCOMPACT_NO_RENUMBER : 0;
        all.compact(tmp, Xapian::Compactor::FULL | renumber);
    }
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, db.c_str(), RENAME_EXCHANGE) != 0) {
        int err = errno;
        fs::remove_all(tmp, ec);
        throw std::system_error(err, std::generic_category(), "cannot swap in the compacted index");
    }
    fs::remove_all(tmp, ec); // the old tables, now at tmp
}

void compact_index(const std::string& db) {
    compact_into({db}, db);
}

} // namespace crib
