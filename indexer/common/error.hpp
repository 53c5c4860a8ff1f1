// error.hpp - the one base of the errors crib and crib-index report, with a
// hint saying what to do, so each main() has one catch for all of them.
#pragma once

#include <stdexcept>
#include <string>

namespace Xapian {
class Error;
}

namespace crib {

/// An error to report and stop with (exit status 2): what went wrong and,
/// when known, what to do about it.
struct Error : std::runtime_error {
    explicit Error(const std::string& what, std::string hint_ = "")
        : std::runtime_error(what), hint(std::move(hint_)) {}
    std::string hint; ///< "run: crib-index --rebuild ..." and the like; "" if none

    /// "what; hint", or "what" when there is no hint.
    std::string message() const {
        return hint.empty() ? what() : std::string(what()) + "; " + hint;
    }
};

/// An index written by a crib of another schema version (the message says
/// how to rebuild it); crib and crib-index both raise it.
struct IndexVersionError : Error {
    using Error::Error;
};

/// Damaged index files or records (missing or truncated tables, unreadable
/// records); the message says to rebuild.  crib and crib-index both raise it.
struct IndexDamagedError : Error {
    using Error::Error;
};

/// A Xapian error as crib says it: a damaged or foreign index named as such
/// with `rebuild` as the hint, else Xapian's own description.
Error xapian_error(const Xapian::Error& e, const std::string& rebuild);

} // namespace crib
