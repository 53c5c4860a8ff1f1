// Fuzz target: any bytes through every reader of the format table (and the
// content-sniffing entry point), checking the invariants callers rely on.
#include "formats/formats.hpp"
#include "formats/notes_parser.hpp"
#include "common/text.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void check(const crib::ParseResult& r) {
    int prev = 0;
    for (const auto& p : r.passages) {
        if (p.line < 1 || p.end_line < p.line || p.line < prev) std::abort();
        if (!crib::valid_utf8(p.question) || !crib::valid_utf8(p.answer)) std::abort();
        for (const auto& h : p.headings)
            if (!crib::valid_utf8(h)) std::abort();
        if (p.kind != "question" && p.kind != "section") std::abort();
        prev = p.line;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const crib::NoteFormat& f : crib::note_formats()) check(crib::parse_notes(bytes, "f", f));
    check(crib::parse_notes(bytes, "f.txt")); // sniffing
    return 0;
}
