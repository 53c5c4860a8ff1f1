#include "output/shown_path.hpp"

#include "search/search.hpp"
#include "writer/index_run.hpp"

#include <xapian.h>

#include <unistd.h>

#include <filesystem>

namespace crib {

namespace {

/// The stored-name prefix of files below a folder root (as index_run's
/// display_join writes it).
std::string folder_prefix(const std::string& given) {
    if (given == ".") return "./";
    if (!given.empty() && given.back() == '/') return given;
    return given + "/";
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

PathDisplay::PathDisplay(std::vector<std::pair<std::string, std::string>> roots, std::string cwd,
                         std::vector<std::string> index_of)
    : roots_(std::move(roots)), index_of_(std::move(index_of)), cwd_(std::move(cwd)) {
    index_of_.resize(roots_.size());
    if (cwd_.size() > 1 && cwd_.back() == '/') cwd_.pop_back();
}

std::string PathDisplay::absolute(std::string_view stored, std::string_view index) const {
    if (!stored.empty() && stored.front() == '/') return std::string(stored);
    // Every root the name could be below, the longest prefix first; several
    // indexes built with the same relative root ("crib-index ." in two
    // folders) give several, and the one where the file is wins.
    std::vector<std::string> candidates;
    size_t best_len = 0;
    bool known = std::find(index_of_.begin(), index_of_.end(), index) != index_of_.end();
    for (size_t r = 0; r < roots_.size(); ++r) {
        const auto& root = roots_[r];
        if (!index.empty() && known && index_of_[r] != index) continue; // another index's root
        std::string abs;
        size_t len = 0;
        if (stored == root.first) {
            abs = root.second, len = stored.size() + 1; // a file given as a root
        } else if (std::string prefix = folder_prefix(root.first); starts_with(stored, prefix)) {
            abs = root.second;
            if (abs.empty() || abs.back() != '/') abs += '/';
            abs += std::string(stored.substr(prefix.size()));
            len = prefix.size();
        } else {
            continue;
        }
        if (len > best_len) candidates.clear(), best_len = len;
        if (len == best_len) candidates.push_back(std::move(abs));
    }
    if (candidates.empty()) return std::string(stored);
    for (const std::string& c : candidates)
        if (candidates.size() == 1 || ::access(c.c_str(), F_OK) == 0) return c;
    return candidates.front();
}

std::string PathDisplay::shown(std::string_view stored, std::string_view index) const {
    std::string abs = absolute(stored, index);
    if (cwd_.empty() || abs.empty() || abs.front() != '/') return abs;
    if (cwd_ == "/") return abs.size() > 1 ? abs.substr(1) : abs;
    if (starts_with(abs, cwd_) && abs.size() > cwd_.size() + 1 && abs[cwd_.size()] == '/')
        return abs.substr(cwd_.size() + 1);
    return abs;
}

std::string PathDisplay::shown_id(std::string_view id) const {
    size_t colon = id.rfind(':');
    if (colon == std::string_view::npos) return shown(id);
    return shown(id.substr(0, colon)) + std::string(id.substr(colon));
}

PathDisplay load_path_display(const std::vector<std::string>& specs) {
    std::vector<std::pair<std::string, std::string>> roots;
    std::vector<std::string> index_of;
    for (const std::string& spec : specs) {
        if (is_remote(spec)) continue;
        try {
            for (const Root& r : read_roots(Xapian::Database(spec))) {
                roots.emplace_back(r.given, r.abs);
                index_of.push_back(spec);
            }
        } catch (const Xapian::Error&) {
        }
    }
    std::error_code ec;
    std::string cwd = std::filesystem::current_path(ec).string();
    return PathDisplay(std::move(roots), ec ? "" : cwd, std::move(index_of));
}

} // namespace crib
