// config.hpp - ${XDG_CONFIG_HOME:-~/.config}/crib/config, "key = value" lines.
//
// Keys: db (database directory), dbs (more indexes crib searches), reviews
// (crib quiz's review store), notes (comma-separated roots crib-index
// uses when none are given or remembered), limit (hits per page), color
// (auto|always|never), type-add (ext:format pairs).  '#' starts a comment.
// Command-line flags win.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace crib {

struct Config {
    std::string db;
    /// `dbs = A, B`: more indexes crib searches with `db` (folders or
    /// tcp://HOST:PORT); crib-index ignores them.
    std::vector<std::string> dbs;
    std::string reviews;    ///< crib quiz's review store ("" = not set)
    std::vector<std::string> notes;
    int limit = 0;          ///< 0 = not set
    std::string color;      ///< "" = not set
    /// `type-add = ext:format[, ext:format]`: more extensions for a note format
    /// (like ripgrep's --type-add); the format name is checked by apply_type_add().
    std::vector<std::pair<std::string, std::string>> type_add;
    std::vector<std::string> errors; ///< "config:3: unknown key 'x'"
};

/// Parse config text (for tests).
Config parse_config(const std::string& text, const std::string& origin);
/// Load the user's config file; a missing file is an empty config.
Config load_config();

/// "~/x" -> "$HOME/x".
std::string expand_home(const std::string& path);

} // namespace crib
