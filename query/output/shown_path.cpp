#include "output/shown_path.hpp"

#include "writer/index_run.hpp"
#include "search/search.hpp"

#include <xapian.h>

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

PathDisplay::PathDisplay(std::vector<std::pair<std::string, std::string>> roots, std::string cwd)
    : roots_(std::move(roots)), cwd_(std::move(cwd)) {
    if (cwd_.size() > 1 && cwd_.back() == '/') cwd_.pop_back();
}

std::string PathDisplay::absolute(std::string_view stored) const {
    if (!stored.empty() && stored.front() == '/') return std::string(stored);
    const std::pair<std::string, std::string>* best = nullptr;
    size_t best_len = 0;
    for (const auto& root : roots_) {
        if (stored == root.first) return root.second; // a file given as a root
        std::string prefix = folder_prefix(root.first);
        if (starts_with(stored, prefix) && prefix.size() > best_len)
            best = &root, best_len = prefix.size();
    }
    if (!best) return std::string(stored);
    std::string abs = best->second;
    if (abs.empty() || abs.back() != '/') abs += '/';
    return abs + std::string(stored.substr(best_len));
}

std::string PathDisplay::shown(std::string_view stored) const {
    std::string abs = absolute(stored);
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
    for (const std::string& spec : specs) {
        if (is_remote(spec)) continue;
        try {
            for (const Root& r : read_roots(Xapian::Database(spec))) roots.emplace_back(r.given, r.abs);
        } catch (const Xapian::Error&) {
        }
    }
    std::error_code ec;
    std::string cwd = std::filesystem::current_path(ec).string();
    return PathDisplay(std::move(roots), ec ? "" : cwd);
}

} // namespace crib
