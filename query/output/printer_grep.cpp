// printer_grep.cpp - grep-like lines: path:line:question, and
// path:line:col:question for --vimgrep (Vim's quickfix).
#include "common/text.hpp"
#include "output/printer.hpp"
#include "output/styled.hpp"

namespace crib {

namespace {

std::string one_line(std::string_view s) {
    std::string out = sanitize(s);
    for (char& c : out)
        if (c == '\n' || c == '\t') c = ' ';
    return out;
}

class GrepPrinter : public Printer {
  public:
    GrepPrinter(bool vim, const PrintOptions& o, Sink& out) : vim_(vim), opt_(o), out_(out) {}
    void passage(const Passage& p) override {
        Hit h;
        h.passage = p;
        hit(h);
    }

    void hit(const Hit& h) override {
        std::string path = quote_path(shown_file(opt_, h.passage.file, h.index));
        std::string line;
        if (opt_.color) {
            line = style_on(Style::path) + path + style_off() + ":" + style_on(Style::line) +
                   std::to_string(h.passage.line) + style_off() + ":";
        } else {
            line = path + ":" + std::to_string(h.passage.line) + ":";
        }
        if (vim_) line += "1:";
        line += one_line(h.passage.question);
        line += opt_.null_sep ? '\0' : '\n';
        out_.write(line);
    }

  private:
    bool vim_;
    PrintOptions opt_;
    Sink& out_;
};

} // namespace

std::unique_ptr<Printer> make_grep_printer(bool vimgrep, const PrintOptions& opt, Sink& out) {
    return std::make_unique<GrepPrinter>(vimgrep, opt, out);
}

} // namespace crib
