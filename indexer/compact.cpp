#include "compact.hpp"

#include <xapian.h>

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace crib {

std::string compaction_folder(const std::string& db) {
    std::error_code ec;
    std::string abs = fs::absolute(db, ec).lexically_normal().string();
    while (abs.size() > 1 && abs.back() == '/')
        abs.pop_back();
    fs::path p(abs); // hidden, so that a walk of a folder holding the index passes it by
    return (p.parent_path() / ("." + p.filename().string() + ".compacting")).string();
}

void remove_compaction_leftovers(const std::string& db) {
    std::error_code ec;
    fs::remove_all(compaction_folder(db), ec);
}

bool can_compact(const std::string& db) {
    std::error_code ec;
    return !fs::is_symlink(db, ec) && fs::is_directory(db, ec);
}

void compact_index(const std::string& db) {
    const std::string tmp = compaction_folder(db);
    remove_compaction_leftovers(db);
    {
        // A reader of the committed revision: the writer keeps the lock meanwhile.
        Xapian::Database(db).compact(tmp, Xapian::Compactor::FULL | Xapian::DBCOMPACT_NO_RENUMBER);
    }
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, db.c_str(), RENAME_EXCHANGE) != 0) {
        int err = errno;
        remove_compaction_leftovers(db);
        throw std::system_error(err, std::generic_category(), "cannot swap in the compacted index");
    }
    remove_compaction_leftovers(db); // the old tables, now at tmp
}

} // namespace crib
