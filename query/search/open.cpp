// open.cpp - opening the indexes a request names: local folders (checked for damage and
// schema version) and remote ones, as one database; ids across several indexes.
#include "search/internal.hpp"

#include "common/paths.hpp"

#include "search/reopen.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <unistd.h>

namespace crib {

namespace detail {

namespace {

Xapian::Database open_db(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode))
        throw NoIndex(path + " is a file, not an index folder; give --db a folder");
    if (!is_xapian_database(path))
        throw NoIndex("no index at " + path + "; make one with: crib-index --db " + path +
                      " ~/notes");
    Xapian::Database db(path);
    if (std::string damage = schema::table_damage(path, db.get_doccount()); !damage.empty())
        throw IndexDamagedError(schema::damaged_error(path, damage));
    auto state = with_reopen(db, [](const Xapian::Database& d) { return schema::check_schema(d); });
    if (state.kind != schema::SchemaState::current)
        throw IndexVersionError(schema::schema_error(state, path));
    return db;
}

/// The host and port of "tcp://HOST:PORT"; false when the spec is not one.
bool parse_remote(const std::string& spec, std::string& host, unsigned& port) {
    if (!is_remote(spec)) return false;
    std::string rest = spec.substr(6);
    size_t colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size() ||
        colon + 6 < rest.size())
        return false;
    for (size_t i = colon + 1; i < rest.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(rest[i]))) return false;
    unsigned long p = std::stoul(rest.substr(colon + 1));
    if (p == 0 || p > 65535) return false;
    host = rest.substr(0, colon);
    port = unsigned(p);
    return true;
}

} // namespace

/// One index: a local folder (checked as open_db does) or a remote one
/// served by xapian-tcpsrv (its schema version checked over the wire).
Xapian::Database open_one(const std::string& spec) {
    if (!is_remote(spec)) return open_db(spec);
    std::string host;
    unsigned port = 0;
    if (spec.find('[') != std::string::npos)
        throw NoIndex("remote index '" + spec +
                      "': Xapian's remote backend takes IPv4 addresses "
                      "and host names, not IPv6 ones");
    if (!parse_remote(spec, host, port))
        throw NoIndex("bad remote index '" + spec + "': write tcp://HOST:PORT");
    Xapian::Database db;
    try {
        db = Xapian::Remote::open(host, port, 10000, 5000);
    } catch (const Xapian::NetworkError& e) {
        throw NoIndex("cannot reach the index " + spec + " (" + e.get_msg() +
                      "); is xapian-tcpsrv serving it there?");
    }
    auto state = schema::check_schema(db);
    if (state.kind != schema::SchemaState::current)
        throw IndexVersionError(schema::schema_error(state, spec));
    return db;
}

/// Every index of the set as one database (Xapian interleaves their docids:
/// document d of index i is (d - 1) * n + i + 1).
Xapian::Database open_all(const IndexSet& set) {
    if (set.specs.empty()) throw NoIndex("no index given");
    if (!set.several()) return open_one(set.specs.front());
    Xapian::Database all;
    for (const std::string& spec : set.specs)
        all.add_database(open_one(spec));
    return all;
}

namespace {

/// Which index of the set a document of the combined database comes from.
size_t index_of(const IndexSet& set, Xapian::docid did) {
    return set.specs.empty() ? 0 : (did - 1) % set.specs.size();
}

} // namespace

/// The id of a passage of the combined database: "file:line", prefixed with
/// the 1-based number of its index when several are searched.
std::string id_in(const IndexSet& set, Xapian::docid did, const Passage& p) {
    if (!set.several()) return passage_id(p);
    return std::to_string(index_of(set, did) + 1) + ":" + passage_id(p);
}

/// The spec a document came from, "" for a single index.
std::string spec_of(const IndexSet& set, Xapian::docid did) {
    return set.several() ? set.specs[index_of(set, did)] : std::string();
}

std::string damage_message(const IndexSet& set, const std::string& what) {
    if (!set.several()) return schema::damaged_error(set.specs.empty() ? "" : set.specs[0], what);
    std::string checks;
    for (const std::string& spec : set.specs)
        if (!is_remote(spec))
            checks += (checks.empty() ? "" : "; ") + ("crib-index --check --db " + spec);
    std::string names;
    for (const std::string& spec : set.specs)
        names += (names.empty() ? "" : ", ") + spec;
    return "one of the indexes " + names + " is damaged (" + what +
           "); find which with: " + checks +
           "; then run crib-index --rebuild --db THAT-INDEX PATH...";
}

} // namespace detail

using namespace detail;

std::string passage_id(const Passage& p) {
    return p.file + ":" + std::to_string(p.line);
}

bool is_remote(const std::string& spec) {
    return spec.rfind("tcp://", 0) == 0;
}

bool IndexSet::any_remote() const {
    return std::any_of(specs.begin(), specs.end(), is_remote);
}

std::string IndexSet::describe() const {
    std::string out;
    for (const std::string& s : specs)
        out += (out.empty() ? "" : " + ") + s;
    return out;
}

} // namespace crib
