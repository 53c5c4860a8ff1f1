// compact.hpp - shrink the index after a full build: Xapian's compaction into
// a folder beside it, then one atomic exchange of the two folders.
//
// The caller keeps its WritableDatabase open (and so the write lock) until
// this returns, so no other writer can change the index between the commit
// and the exchange.  A kill at any moment leaves either the old complete index
// or the compacted one at the index path, and at most a leftover folder that
// the next run removes.
#pragma once

#include <string>

namespace crib {

/// The folder a compaction of the index at `db` writes into.
std::string compaction_folder(const std::string& db);

/// False when the index path cannot be exchanged (a symbolic link to the folder).
bool can_compact(const std::string& db);

/// Replace the committed index at `db` by a compacted copy.  Throws
/// Xapian::Error or std::system_error; the index is then left as it was.
void compact_index(const std::string& db);

/// Remove what an interrupted compaction left beside `db` (call with the lock held).
void remove_compaction_leftovers(const std::string& db);

} // namespace crib
