// output.hpp - writing to stdout, ending quietly when the reader goes away
// (`crib x | head -1`): a closed pipe is not an error.
#pragma once

#include <string>
#include <string_view>

namespace crib {

/// The reader of stdout went away (EPIPE): stop quietly, exit status 0.
struct OutputClosed {};

/// Write to stdout (or to the capture buffer, see capture_output).  Throws
/// OutputClosed on EPIPE and crib::Error ("write error: ...") on any other
/// failure, so main() picks the exit status.
void emit(std::string_view s);
/// Flush stdout with the same rules.
void flush_output();
/// From now on emit() appends to *buffer instead of writing (nullptr: write
/// to stdout again).  The pager collects a page this way before choosing.
void capture_output(std::string* buffer);

} // namespace crib
