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
#include <vector>

namespace crib {

/// A hidden work folder beside the index at `db`: ".NAME.what".
std::string work_folder(const std::string& db, const std::string& what);

/// The folder a compaction of the index at `db` writes into.
std::string compaction_folder(const std::string& db);

/// False when the index path cannot be exchanged (a symbolic link to the folder).
bool can_compact(const std::string& db);

/// Replace the committed index at `db` by a compacted copy.  Throws
/// Xapian::Error or std::system_error; the index is then left as it was.
void compact_index(const std::string& db);

/// Merge the committed databases `sources` (document ids renumbered when
/// there is more than one) into one compact index swapped in at `db`.
void compact_into(const std::vector<std::string>& sources, const std::string& db);

/// Remove what an interrupted compaction or full build left beside `db`
/// (call with the lock held).
void remove_compaction_leftovers(const std::string& db);

} // namespace crib
