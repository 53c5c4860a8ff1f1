// Fuzz target: any bytes as a query against a small index; must never throw
// anything but crib::QueryError.
#include "writer/index_run.hpp"
#include "search/search.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

/// A small index in a fresh folder under /tmp, removed at exit (every run
/// of the bounded fuzz test left one behind).
struct FuzzIndex {
    std::string dir, db;
    FuzzIndex() {
        char tmpl[] = "/tmp/crib-fuzz-XXXXXX";
        dir = mkdtemp(tmpl);
        std::ofstream(dir + "/n.md") << "## What is a pod?\nsmallest unit\n## Q. What is docker?\ncontainers #k8s\n";
        crib::IndexOptions o;
        o.db = dir + "/db";
        o.roots = {dir + "/n.md"};
        crib::run_index(o);
        db = o.db;
    }
    ~FuzzIndex() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

static const std::string& fuzz_db() {
    static FuzzIndex index;
    return index.db;
}

static void search_bytes(const char* data, size_t size) {
    crib::SearchRequest r;
    r.db = fuzz_db();
    r.query.assign(data, size);
    try {
        crib::search(r);
    } catch (const crib::QueryError&) {
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const char* text = reinterpret_cast<const char*>(data);
    // A prefix short enough to pass the query-length cap (kMaxQueryWords) is
    // searched; the whole input too, which a long seed mostly hits the cap with.
    search_bytes(text, std::min<size_t>(size, 1024));
    if (size > 1024) search_bytes(text, size);
    return 0;
}
