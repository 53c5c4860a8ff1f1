// gaps_input.cpp - see gaps_input.hpp.
#include "prep/gaps_input.hpp"

#include "common/text.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace crib {

namespace {

/// Up to limit + 1 bytes of `in`, so that "over the limit" can be told.
bool read_stream(std::istream& in, uint64_t limit, std::string& bytes) {
    char buf[1 << 16];
    while (bytes.size() <= limit) {
        in.read(buf, sizeof buf);
        if (in.gcount() <= 0) break;
        bytes.append(buf, size_t(in.gcount()));
    }
    return !in.bad();
}

} // namespace

bool read_job_description(const std::string& file, std::istream& in, JobInput& out,
                          uint64_t limit) {
    std::string bytes;
    if (file == "-") {
        if (!read_stream(in, limit, bytes)) return out.why = "cannot read standard input", false;
    } else {
        struct stat st;
        if (::stat(file.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            return out.why = "a folder, not a file (give the job description's file)", false;
        std::string why;
        if (!read_regular_file(file, limit, bytes, why)) {
            if (why.rfind("larger", 0) == 0)
                bytes.resize(size_t(limit) + 1);
            else {
                if (why.rfind("cannot read: ", 0) == 0) why.erase(0, 13);
                return out.why = why, false;
            }
        }
    }
    if (looks_binary(bytes)) return out.why = "not text (binary file)", false;
    if (bytes.size() > limit)
        return out.why = "larger than " + size_text(limit) +
                         "; a job description is text of a "
                         "few pages",
               false;
    out.text = decode_text(bytes).text;
    return true;
}

} // namespace crib
