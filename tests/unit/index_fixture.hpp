// A content/ index built once per test run, with the shipped taxonomy and synonyms.
#pragma once

#include "helpers.hpp"
#include "writer/index_run.hpp"

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

/// Options that index the "notes" folder of a temporary directory into
/// "db" beside it (default taxonomy and synonyms).
inline crib::IndexOptions notes_options(const TempDir& d) {
    crib::IndexOptions o;
    o.db = d.str() + "/db";
    o.roots = {d.str() + "/notes"};
    return o;
}

/// Index the "notes" folder of a temporary directory; returns the database path.
inline std::string index_notes(const TempDir& d) {
    crib::IndexOptions o = notes_options(d);
    crib::run_index(o);
    return o.db;
}

} // namespace test
