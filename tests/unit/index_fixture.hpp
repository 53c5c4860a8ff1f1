// A content/ index built once per test run, with the shipped taxonomy and synonyms.
#pragma once

#include "helpers.hpp"
#include "index_run.hpp"

inline const std::string& content_db() {
    static test::TempDir dir;
    static std::string db = [] {
        crib::IndexOptions o;
        o.db = dir.str() + "/db";
        o.roots = {std::string(CRIB_SOURCE_DIR) + "/content"};
        o.taxonomy = std::string(CRIB_SOURCE_DIR) + "/content/crib-topics.conf";
        o.synonyms = std::string(CRIB_SOURCE_DIR) + "/content/crib-synonyms.conf";
        crib::run_index(o);
        return o.db;
    }();
    return db;
}

namespace test {

/// Index the "notes" folder of a temporary directory (default taxonomy and
/// synonyms); returns the database path, "db" inside the same directory.
inline std::string index_notes(const TempDir& d) {
    crib::IndexOptions o;
    o.db = d.str() + "/db";
    o.roots = {d.str() + "/notes"};
    crib::run_index(o);
    return o.db;
}

} // namespace test
