// paths.hpp - where crib finds its database, config, taxonomy and synonyms.
#pragma once

#include <string>

namespace crib {

/// $CRIB_DB, else ${XDG_DATA_HOME:-$HOME/.local/share}/crib/index.
std::string default_db_path();

/// ${XDG_DATA_HOME:-$HOME/.local/share}/crib/reviews.sqlite: crib quiz's
/// review store (user data, kept apart from the index).
std::string default_reviews_path();

/// ${XDG_CONFIG_HOME:-$HOME/.config}/crib
std::string config_dir();

/// First readable of: $<env_var>, config_dir()/<name>, the source tree's
/// content/<name> (development builds), the installed share/crib/<name>.
/// Empty if none exists.
std::string find_data_file(const std::string& name, const char* env_var);

/// `path` absolute, its symlinks resolved as far as it exists, without a
/// trailing slash: one name per file or folder, to compare paths by or to
/// name a lock after.  `path` itself if the file system cannot say.
std::string real_path(const std::string& path);

/// True if `dir` is a Xapian database folder (its backend's stamp file,
/// iamglass, iamchert or iamhoney, is there): an index to open, and a
/// folder never walked for notes (the index kept inside the notes).
bool is_xapian_database(const std::string& dir);

} // namespace crib
