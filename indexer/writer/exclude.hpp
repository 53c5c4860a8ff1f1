// exclude.hpp - crib-index --exclude: files and folders under the roots
// that are not notes (a corpus's README or licence, a format description),
// by glob patterns as gitignore writes the simple ones.
//
// A pattern without a slash is matched against a file's or folder's name at
// any depth ("FORMAT.txt", "LICENSE*"); one with a slash against its path
// below the root, a leading slash only anchoring it ("/README.md" is the
// root's own README, not a folder's).  A trailing slash matches folders
// only ("drafts/").  `*` and `?` do not cross a slash; `[...]` is a class
// (fnmatch(3)).  An excluded folder is not walked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// True when `rel` (a path below its root, '/'-separated, no leading slash)
/// matches one of `patterns`; `folder` says whether it is a folder.
bool excluded(const std::vector<std::string>& patterns, std::string_view rel, bool folder);

/// The patterns as the index remembers them: one a line.
std::string encode_excludes(const std::vector<std::string>& patterns);

/// The patterns the index remembers (encode_excludes()); empty lines dropped.
std::vector<std::string> decode_excludes(std::string_view text);

/// `old` and then each of `given` not already in it.
std::vector<std::string> merge_excludes(const std::vector<std::string>& old,
                                        const std::vector<std::string>& given);

} // namespace crib
