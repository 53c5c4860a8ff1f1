// output.hpp - writing to stdout, ending quietly when the reader goes away
// (`crib x | head -1`): a closed pipe is not an error.
#pragma once

#include <string_view>

namespace crib {

/// Write to stdout; on EPIPE exit(0) at once without a message.
void emit(std::string_view s);
/// Flush stdout with the same EPIPE rule.
void flush_output();

} // namespace crib
