// Fuzz target: any bytes through crib gaps' job-description reader (the
// input checks, then the posting reader and the skill names; the judge needs
// an index and is not fuzzed here), checking the invariants the printers
// rely on (issue 27).
#include "common/text.hpp"
#include "prep/gaps_input.hpp"
#include "prep/gaps_posting.hpp"
#include "prep/gaps_skills.hpp"

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
    for (char c : job.text)
        lines += c == '\n';
    for (const crib::PostingLine& l : crib::read_posting(job.text)) {
        if (l.line <= prev || l.line < 1 || size_t(l.line) > lines) std::abort();
        if (!crib::valid_utf8(l.text) || l.text.empty()) std::abort();
        for (const crib::SkillName& s : crib::skill_names(l.text)) {
            if (s.text.empty() || s.words.empty() || !crib::valid_utf8(s.text)) std::abort();
            if (l.text.find(s.words.front().substr(0, 1)) == std::string::npos &&
                crib::ascii_lower(l.text).find(s.words.front().substr(0, 1)) == std::string::npos)
                std::abort(); // a skill's words come from the line
        }
        prev = l.line;
    }
    return 0;
}
