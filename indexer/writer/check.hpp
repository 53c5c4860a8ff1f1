// check.hpp - crib-index --check: read a whole index and say whether it is whole.
//
// Opening an index only looks at the version file and the table sizes; a
// table cut at a block boundary is found only when a read reaches the lost
// blocks.  --check reads everything: Xapian's own checker walks every block
// of every table, then every passage record and file record is decoded.
#pragma once

#include <cstddef>
#include <string>

namespace crib {

/// What --check found.  `damage` is empty for a whole index.
struct CheckReport {
    size_t passages = 0; ///< passage records decoded
    size_t files = 0;    ///< file records decoded
    double seconds = 0;  ///< time the whole check took
    std::string damage;  ///< first problem found, "" when none
};

/// Checks the index at `db_path`.  Throws IndexUsageError when there is no
/// index there, IndexVersionError for another schema version; damage is
/// reported in the result, not thrown.
CheckReport check_index(const std::string& db_path);

} // namespace crib
