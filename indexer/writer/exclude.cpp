// exclude.cpp - see exclude.hpp.
#include "writer/exclude.hpp"

#include "common/text.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace crib {

namespace {

/// One pattern against one path below the root.
bool matches(std::string_view pattern, std::string_view rel, bool folder) {
    if (pattern.empty()) return false;
    if (pattern.back() == '/') {
        if (!folder) return false;
        pattern.remove_suffix(1);
    }
    bool anchored = pattern.find('/') != std::string_view::npos;
    if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
    if (pattern.empty()) return false;
    // A name at any depth: the last part of the path.
    const std::string_view subject = anchored ? rel : base_name(rel);
    return ::fnmatch(std::string(pattern).c_str(), std::string(subject).c_str(), FNM_PATHNAME) == 0;
}

} // namespace

bool excluded(const std::vector<std::string>& patterns, std::string_view rel, bool folder) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return matches(p, rel, folder); });
}

std::string encode_excludes(const std::vector<std::string>& patterns) {
    std::string out;
    for (const std::string& p : patterns)
        out += p + "\n";
    return out;
}

std::vector<std::string> decode_excludes(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (!line.empty()) out.emplace_back(line);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    }
    return out;
}

std::vector<std::string> merge_excludes(const std::vector<std::string>& old,
                                        const std::vector<std::string>& given) {
    std::vector<std::string> out = old;
    for (const std::string& g : given)
        if (!g.empty() && std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
    return out;
}

} // namespace crib
