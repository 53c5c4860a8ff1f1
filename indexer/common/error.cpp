#include "common/error.hpp"

#include <xapian.h>

namespace crib {

Error xapian_error(const Xapian::Error& e, const std::string& rebuild) {
    const std::string type = e.get_type();
    // "DatabaseError" itself (not a subclass) is "EOF reading block": a truncated table.
    if (type == "DatabaseCorruptError" || type == "DatabaseError")
        return Error("the index is damaged (" + e.get_msg() + ")", rebuild);
    if (type == "DatabaseVersionError")
        return Error("the index was made by another Xapian version", rebuild);
    if (type == "DatabaseOpeningError") return Error("cannot open the index: " + e.get_msg());
    return Error(e.get_description());
}

} // namespace crib
