// output.hpp - writing to stdout, ending quietly when the reader goes away
// (`crib x | head -1`): a closed pipe is not an error.
#pragma once

#include <string>
#include <string_view>

namespace crib {

/// Write to stdout (or to the capture buffer, see capture_output); on EPIPE
/// exit(0) at once without a message.
void emit(std::string_view s);
/// Flush stdout with the same EPIPE rule.
void flush_output();
/// From now on emit() appends to *buffer instead of writing (nullptr: write
/// to stdout again).  The pager collects a page this way before choosing.
void capture_output(std::string* buffer);

} // namespace crib
