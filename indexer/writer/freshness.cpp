// freshness.cpp - is the index older than the notes?  The stat list answers
// without a walk (stat_list.hpp); without one, the roots are walked and each
// file compared with its record.
#include "writer/file_record.hpp"
#include "writer/index_run.hpp"
#include "writer/stat_list.hpp"
#include "writer/walk.hpp"

#include "index/schema.hpp"

namespace crib {

namespace {

/// The freshness check without a stat list: walk the roots, compare records.
bool stale_by_walk(const Xapian::Database& db, uint64_t max_size) {
    auto records = read_file_records(db);
    std::vector<Skipped> ignored;
    auto cands = walk(read_roots(db), ignored, nullptr, nullptr, read_excludes(db));
    size_t matched = 0;
    for (const Candidate& c : cands) {
        auto it = records.find(c.display);
        if (it == records.end()) {
            if (c.st.size <= max_size) return true; // new file
            continue;
        }
        ++matched;
        if (it->second.size != c.st.size || it->second.mtime_ns != c.st.mtime_ns) return true;
        if (readable_again(it->second)) return true;
    }
    return matched != records.size(); // a file vanished
}

} // namespace

bool index_is_stale(const Xapian::Database& db, uint64_t max_size) {
    switch (check_stat_list(db.get_metadata(schema::kStatListKey))) {
    case Freshness::fresh:
        return false;
    case Freshness::stale:
        return true;
    case Freshness::unknown:
        break;
    }
    return stale_by_walk(db, max_size);
}

} // namespace crib
