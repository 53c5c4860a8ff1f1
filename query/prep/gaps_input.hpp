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
    std::string text;  ///< valid UTF-8 (other encodings decoded as notes are)
    bool html = false; ///< pasted HTML, read as its text: html_text()
    std::string
        why; ///< when reading failed: "a folder, not a file ...", "not text (binary file)", ...
};

/// True when `text` is HTML markup (a posting copied from a page's source):
/// it holds list, paragraph, line-break or block tags.
bool looks_like_html(std::string_view text);

/// HTML as the lines a posting would have: a line per paragraph, heading,
/// block and line break, "- " before each list item, other tags removed and
/// entities decoded ("<li>5+ years with <b>Kubernetes</b></li>" gives
/// "- 5+ years with Kubernetes").
std::string html_text(std::string_view html);

/// Reads `file` ("-" for `in`) as a job description of at most `limit`
/// bytes.  Refuses, with `why` set and false returned: a folder, anything
/// that is not a regular file (a FIFO is read only as "-"), more than `limit`
/// bytes (it stops reading there: /dev/zero through "-" costs `limit`), and
/// bytes that look binary (an executable, /dev/urandom).
bool read_job_description(const std::string& file, std::istream& in, JobInput& out,
                          uint64_t limit = kMaxJobDescription);

} // namespace crib
