// Fuzz target: any bytes through crib gaps' job-description reader (the
// input checks, then the requirement splitter and the key terms), checking
// the invariants the search and the printers rely on (issue 27).
#include "common/text.hpp"
#include "prep/gaps.hpp"
#include "prep/gaps_input.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    crib::JobInput job;
    if (!crib::read_job_description("-", in, job, 64 * 1024)) {
        if (job.why.empty()) std::abort(); // a refusal always says why
        return 0;
    }
    if (!crib::valid_utf8(job.text)) std::abort();
    int prev = 0;
    size_t lines = 1;
    for (char c : job.text) lines += c == '\n';
    for (const crib::RequirementLine& r : crib::split_requirements(job.text)) {
        if (r.line < prev || r.line < 1 || size_t(r.line) > lines) std::abort();
        if (!crib::valid_utf8(r.text) || r.text.empty()) std::abort();
        std::vector<std::string> terms = crib::key_terms(r.text);
        if (terms.empty()) std::abort(); // lines without a key term are dropped
        for (const std::string& t : terms)
            if (t.empty() || !crib::valid_utf8(t)) std::abort();
        prev = r.line;
    }
    return 0;
}
