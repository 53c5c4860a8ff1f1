// lookup.cpp - lookups by id, every passage of an index (quiz's deck), and the topic list.
#include "search/internal.hpp"

#include "search/reopen.hpp"
#include "writer/index_run.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <optional>

namespace crib {

namespace detail {

namespace {

/// The stored name of the indexed file that `given` names relative to the
/// current folder or as an absolute path ("" if none, or if it is `given`).
std::string stored_name(const Xapian::Database& db, const std::string& given) {
    std::error_code ec;
    std::string abs = std::filesystem::absolute(given, ec).lexically_normal().string();
    if (ec) return "";
    for (const auto& [display, rec] : read_file_records(db))
        if ((rec.abs == abs || display == abs) && display != given) return display;
    return "";
}

/// The passage of `file` that starts on `line`, else the one whose lines hold it.
std::optional<Passage> passage_at(const Xapian::Database& db, const std::string& file, int line) {
    std::string term = schema::id_term(file, line);
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p != db.postlist_end(term)) return passage_of(db.get_document(*p));
    std::string ft = schema::file_term(file);
    std::optional<Passage> best;
    for (Xapian::PostingIterator d = db.postlist_begin(ft); d != db.postlist_end(ft); ++d) {
        Passage q = passage_of(db.get_document(*d));
        if (q.line <= line && line <= q.end_line && (!best || q.line > best->line)) best = q;
    }
    return best;
}

/// The readings of an id as a file and a line: "file:line" or
/// "file:line:rest" (a grep line), at each ':' followed by digits (a file
/// name may hold ':'), first one first.
std::vector<std::pair<std::string, int>> id_readings(const std::string& id) {
    std::vector<std::pair<std::string, int>> out;
    for (size_t colon = id.find(':'); colon != std::string::npos; colon = id.find(':', colon + 1)) {
        size_t e = colon + 1;
        while (e < id.size() && std::isdigit(static_cast<unsigned char>(id[e])))
            ++e;
        if (e == colon + 1 || (e < id.size() && id[e] != ':')) continue;
        long line = std::strtol(id.c_str() + colon + 1, nullptr, 10);
        if (e - colon - 1 > 9 || line <= 0) continue; // not a line number we could have
        out.emplace_back(id.substr(0, colon), int(line));
    }
    return out;
}

/// lookup() on one revision.
std::optional<Passage> lookup_in(const Xapian::Database& db, const std::string& id) {
    for (const auto& [file, line] : id_readings(id)) {
        if (auto p = passage_at(db, file, int(line))) return p;
        // Only then read the file records (all of them) for another name.
        std::string other = stored_name(db, file);
        if (!other.empty())
            if (auto p = passage_at(db, other, int(line))) return p;
    }
    return std::nullopt;
}

/// list_topics() on one revision.
std::vector<std::pair<std::string, size_t>> topics_in(const Xapian::Database& db) {
    std::vector<std::pair<std::string, size_t>> out;
    std::string prefix = schema::kTopicPrefix;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        out.emplace_back((*t).substr(prefix.size()), t.get_termfreq());
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
    return out;
}

/// all_passages() on one revision.
std::vector<Passage> passages_in(const Xapian::Database& db) {
    std::vector<Passage> out;
    out.reserve(db.get_doccount());
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d)
        out.push_back(passage_of(db.get_document(*d)));
    return out;
}

} // namespace

} // namespace detail

using namespace detail;

std::optional<Passage> lookup(const IndexSet& set, const std::string& id, std::string* index) {
    auto in = [&](const std::string& spec, const std::string& local_id) {
        return guard_damage(spec, [&] {
            Xapian::Database db = open_one(spec);
            auto p =
                with_reopen(db, [&](const Xapian::Database& d) { return lookup_in(d, local_id); });
            if (p && index) *index = spec;
            return p;
        });
    };
    if (set.several()) { // "2:notes/a.md:3" names the second index
        size_t colon = id.find(':');
        if (colon != std::string::npos && colon > 0 && colon < 4 &&
            id.find_first_not_of("0123456789") == colon) {
            size_t n = std::stoul(id.substr(0, colon));
            if (n >= 1 && n <= set.specs.size())
                if (auto p = in(set.specs[n - 1], id.substr(colon + 1))) return p;
        }
    }
    // A bare id: each index in turn.  One that cannot be read (damaged,
    // unreachable) does not hide the id in another; its error is raised only
    // when no index has the passage.
    std::exception_ptr first_error;
    for (const std::string& spec : set.specs) {
        try {
            if (auto p = in(spec, id)) return p;
        } catch (...) { // crib's errors and Xapian's (which are not std::exceptions)
            if (!set.several()) throw;
            if (!first_error) first_error = std::current_exception();
        }
    }
    if (first_error) std::rethrow_exception(first_error);
    return std::nullopt;
}

std::string no_passage_reason(const IndexSet& set, const std::string& id) {
    if (id.empty()) return "an id is file:line, as -l and --format grep print it";
    std::vector<std::string> specs = set.specs;
    std::string local = id;
    size_t colon = id.find(':');
    if (set.several() && colon != std::string::npos && colon > 0 && colon < 4 &&
        id.find_first_not_of("0123456789") == colon) {
        size_t n = std::stoul(id.substr(0, colon));
        if (n < 1 || n > set.specs.size())
            return "there is no index " + std::to_string(n) + ": " +
                   std::to_string(set.specs.size()) + " were searched";
        specs = {set.specs[n - 1]};
        local = id.substr(colon + 1);
    }
    auto readings = id_readings(local);
    if (readings.empty()) return "ids look like file:line";
    for (const std::string& spec : specs) {
        Xapian::Database db = open_index(spec);
        for (const auto& [file, line] : readings)
            if (db.get_termfreq(schema::file_term(file)) > 0 || !stored_name(db, file).empty())
                return "no indexed passage of " + file + " holds line " + std::to_string(line);
    }
    return "no indexed file " + readings.front().first;
}

Xapian::Database open_index(const std::string& spec) {
    return guard_damage(spec, [&] { return open_one(spec); });
}

std::vector<Passage> all_passages(const std::string& spec) {
    return guard_damage(spec, [&] {
        Xapian::Database db = open_one(spec);
        return with_reopen(db, [&](const Xapian::Database& d) { return passages_in(d); });
    });
}

std::vector<std::pair<std::string, size_t>> list_topics(const IndexSet& set) {
    return guard_damage(set, [&] {
        Xapian::Database db = open_all(set);
        return with_reopen(db, [&](const Xapian::Database& d) { return topics_in(d); });
    });
}

} // namespace crib
