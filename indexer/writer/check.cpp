// check.cpp - crib-index --check (see check.hpp).
#include "writer/check.hpp"

#include "common/paths.hpp"

#include "index/document.hpp"
#include "index/schema.hpp"
#include "writer/index_run.hpp"

#include <xapian.h>

#include <unistd.h>

#include <chrono>
#include <sstream>

namespace crib {

namespace {

/// Xapian's checker over every table: the first error line, "" when whole.
std::string check_tables(const std::string& db_path) {
    std::ostringstream out;
    size_t errors = 0;
    try {
        errors = Xapian::Database::check(db_path, 0, &out);
    } catch (const Xapian::Error& e) {
        return e.get_msg();
    }
    if (errors == 0) return "";
    // The checker prints a line per table and one per problem; keep the
    // first line that is not a table summary.
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line.find("blocksize=") == std::string::npos && line.back() != ':')
            return line;
    return std::to_string(errors) + " errors in the tables";
}

/// Decodes every passage record; the first that fails, "" when all decode.
std::string check_passages(const Xapian::Database& db, size_t& decoded) {
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Passage p;
        if (!decode_passage(db.get_document(*it).get_data(), p) || p.file.empty())
            return "passage record " + std::to_string(*it) + " does not decode";
        ++decoded;
    }
    return "";
}

/// Every file record must decode; an undecodable one is silently skipped
/// by read_file_records, so the two counts differ.
std::string check_file_records(const Xapian::Database& db, size_t& decoded) {
    size_t keys = 0;
    for (auto k = db.metadata_keys_begin(schema::kFileKeyPrefix);
         k != db.metadata_keys_end(schema::kFileKeyPrefix); ++k)
        ++keys;
    decoded = read_file_records(db).size();
    if (decoded != keys)
        return std::to_string(keys - decoded) + " of " + std::to_string(keys) +
               " file records do not decode";
    return "";
}

/// One pass over the index; throws DatabaseModifiedError when a writer
/// committed meanwhile.
CheckReport check_once(const std::string& db_path) {
    CheckReport r;
    try {
        Xapian::Database db(db_path);
        r.damage = schema::table_damage(db_path, db.get_doccount());
        if (r.damage.empty()) r.damage = check_tables(db_path);
        if (r.damage.empty()) {
            auto state = schema::check_schema(db);
            if (state.kind != schema::SchemaState::current)
                throw IndexVersionError(schema::schema_error(state, db_path));
            r.damage = check_passages(db, r.passages);
        }
        if (r.damage.empty()) r.damage = check_file_records(db, r.files);
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;
    } catch (const Xapian::DatabaseError& e) { // a read that reached lost blocks
        r.damage = e.get_msg();
    }
    return r;
}

} // namespace

CheckReport check_index(const std::string& db_path) {
    auto t0 = std::chrono::steady_clock::now();
    if (!is_xapian_database(db_path)) throw IndexUsageError("no index at " + db_path + " to check");
    // A writer committing meanwhile (crib-index, or crib's refresh) is not
    // damage: check the new revision, a few times, then say so.
    for (int attempt = 1;; ++attempt) {
        try {
            CheckReport r = check_once(db_path);
            r.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            return r;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 3)
                throw IndexUsageError("the index " + db_path +
                                      " kept changing during the check (a crib-index is writing); "
                                      "run --check again when it is done");
        }
    }
}

} // namespace crib
