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
/// Where printers write: standard output through emit(), or a string.
class Sink {
  public:
    virtual ~Sink() = default;
    /// Writes `s` (as emit() does for standard output: may throw OutputClosed).
    virtual void write(std::string_view s) = 0;
};

/// Standard output, through emit(): closed pipes, the pager's capture and
/// write errors are handled as emit() handles them.
Sink& stdout_sink();

/// Collects what is written, for tests and callers that want the text.
class StringSink : public Sink {
  public:
    void write(std::string_view s) override { text.append(s); }
    std::string text; ///< everything written so far
};

/// From now on emit() appends to *buffer instead of writing (nullptr: write
/// to stdout again).  The pager collects a page this way before choosing.
void capture_output(std::string* buffer);

} // namespace crib
