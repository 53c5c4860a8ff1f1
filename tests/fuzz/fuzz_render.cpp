// Fuzz target: any bytes as a stored answer through the terminal renderer
// (--full, --show), with and without colour and wrapping.  Checks what the
// printers rely on: UTF-8 in, UTF-8 out, and output that grows at most
// linearly with the input (nesting once made it quadratic, 1.85 GB at
// depth 20,000).
#include "output/printer.hpp"
#include "common/text.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

/// Output bytes allowed per input byte (indent and colour codes on short
/// lines), plus a constant for the smallest inputs.
constexpr size_t kGrowth = 64;
constexpr size_t kSlack = 4096;

void render(const std::string& markdown, bool color, int width) {
    crib::PrintOptions opt;
    opt.color = color;
    opt.width = width;
    opt.full = true;
    std::string out = crib::render_markdown(markdown, opt, "  ");
    if (!crib::valid_utf8(out)) std::abort();
    if (out.size() > kGrowth * markdown.size() + kSlack) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Stored answers are UTF-8 (the indexer converts every note when reading).
    std::string text = crib::decode_text(std::string_view(reinterpret_cast<const char*>(data), size)).text;
    render(text, false, 0);
    render(text, true, 80);
    return 0;
}
