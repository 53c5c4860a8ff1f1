// shown_path.hpp - file names as people see them: relative to the current
// folder when the file is below it (as ripgrep and git show them), absolute
// otherwise.  The index stores each file as "root as given + path below it";
// the roots it remembers (given -> absolute) turn that into an absolute path.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crib {

/// Maps stored file names to the paths shown on the terminal.
class PathDisplay {
  public:
    /// `roots`: (as given, absolute) pairs as crib-index remembered them;
    /// `cwd`: the absolute current folder ("" shows stored names unchanged).
    /// `index_of` (optional): the index (as given to --db) of each root.
    PathDisplay(std::vector<std::pair<std::string, std::string>> roots, std::string cwd,
                std::vector<std::string> index_of = {});

    /// The absolute path of a stored file name (the name itself when it is
    /// absolute or under no remembered root), among the roots of `index`
    /// when it is given (several indexes may each have a root ".").
    std::string absolute(std::string_view stored, std::string_view index = "") const;

    /// Relative to the current folder when below it, else absolute.
    std::string shown(std::string_view stored, std::string_view index = "") const;

    /// An id "file:line" with its file shown as shown() does.
    std::string shown_id(std::string_view id) const;

  private:
    std::vector<std::pair<std::string, std::string>> roots_; ///< (as given, absolute)
    std::vector<std::string> index_of_; ///< the index of each root ("" unknown)
    std::string cwd_;
};

/// The remembered roots of the local indexes among `specs` and the current
/// folder; indexes that cannot be read (or are remote) add no roots.
PathDisplay load_path_display(const std::vector<std::string>& specs);

} // namespace crib
