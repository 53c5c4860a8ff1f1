#include "formats/notes_parser.hpp"

#include "common/text.hpp"
#include "formats/detectors.hpp"

namespace crib {

namespace {

/// Decode bytes to UTF-8, recording what was done to them.
std::string decode(std::string_view bytes, std::vector<std::string>& warnings) {
    Decoded d = decode_text(bytes);
    if (d.encoding == Encoding::windows1252)
        warnings.push_back("invalid UTF-8, decoded as windows-1252");
    else if (d.encoding == Encoding::utf16le || d.encoding == Encoding::utf16be)
        warnings.push_back(std::string("decoded from ") + encoding_name(d.encoding));
    if (d.had_nul) warnings.push_back("NUL bytes replaced");
    return std::move(d.text);
}

/// The format's reader, then the detectors.
void read_and_detect(const NoteFormat& format, std::string_view text, const std::string& file,
                     ParseResult& r) {
    Outline outline = format.read(text);
    r.warnings.insert(r.warnings.end(), outline.warnings.begin(), outline.warnings.end());
    if (outline.unread && !outline.warnings.empty()) r.unread = outline.warnings.back();
    r.passages = detect_passages(outline, file);
}

} // namespace

ParseResult parse_notes(std::string_view bytes, const std::string& file, const NoteFormat& format) {
    ParseResult r;
    std::string text = decode(bytes, r.warnings);
    r.format = std::string(format.name);
    read_and_detect(format, text, file, r);
    return r;
}

ParseResult parse_notes(std::string_view bytes, const std::string& file) {
    // Sniffing looks at the start of the text; decoding it twice would double
    // the cost for every file, so decode once and sniff the decoded text.
    ParseResult r;
    std::string text = decode(bytes, r.warnings);
    const NoteFormat& format = format_for(file, text);
    r.format = std::string(format.name);
    read_and_detect(format, text, file, r);
    return r;
}

} // namespace crib
