// interactive.hpp - crib -i: pick one of the hits in fzf, with the whole
// passage (crib --show) as the preview, as zk's --interactive does.
#pragma once

#include "common/error.hpp"

#include "output/printer.hpp"
#include "search/search.hpp"

#include <string>
#include <vector>

namespace crib {

/// What the picker needs besides the hits.
struct PickOptions {
    std::string self;  ///< this crib binary, for the preview command
    std::vector<std::string> dbs; ///< the indexes searched, passed on to the preview
    bool color = true; ///< colour in the preview
};

/// No fzf on $PATH (the message says how to get it).
struct NoFzf : Error {
    using Error::Error;
};

/// Runs fzf on the hits (one line each: path:line  question) and returns the
/// index of the one chosen, or -1 when none was (Esc, no match).  Throws
/// NoFzf when fzf is missing.
int pick_hit(const SearchResult& r, const PrintOptions& print, const PickOptions& opt);

/// `s` quoted for sh (single quotes).
std::string shell_quote(const std::string& s);

} // namespace crib
