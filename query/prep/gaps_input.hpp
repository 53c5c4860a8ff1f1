// gaps_input.hpp - reading the job description `crib gaps` is given: a
// text file or standard input, bounded, never a folder, a device or a binary.
#pragma once

#include <cstdint>
#include <istream>
#include <string>

namespace crib {

/// The largest job description crib gaps reads (256 KiB: a posting is a few KiB).
constexpr uint64_t kMaxJobDescription = 256ull << 10;

/// What reading a job description gave.
struct JobInput {
    std::string text; ///< valid UTF-8 (other encodings decoded as notes are)
    std::string
        why; ///< when reading failed: "a folder, not a file ...", "not text (binary file)", ...
};

/// Reads `file` ("-" for `in`) as a job description of at most `limit`
/// bytes.  Refuses, with `why` set and false returned: a folder, anything
/// that is not a regular file (a FIFO is read only as "-"), more than `limit`
/// bytes (it stops reading there: /dev/zero through "-" costs `limit`), and
/// bytes that look binary (an executable, /dev/urandom).
bool read_job_description(const std::string& file, std::istream& in, JobInput& out,
                          uint64_t limit = kMaxJobDescription);

} // namespace crib
