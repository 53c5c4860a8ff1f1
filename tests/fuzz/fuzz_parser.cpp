// Fuzz target: any bytes through the notes parser (both modes), checking
// the invariants callers rely on.
#include "notes_parser.hpp"
#include "text.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const char* name : {"f.md", "f.txt"}) {
        auto r = crib::parse_notes(bytes, name);
        int prev = 0;
        for (const auto& p : r.passages) {
            if (p.line < 1 || p.end_line < p.line || p.line < prev) std::abort();
            if (!crib::valid_utf8(p.question) || !crib::valid_utf8(p.answer)) std::abort();
            if (p.kind != "question" && p.kind != "section") std::abort();
            prev = p.line;
        }
    }
    return 0;
}
