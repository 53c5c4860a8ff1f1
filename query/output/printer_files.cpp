// printer_files.cpp - -l: each file with a match once, in rank order.
#include "common/text.hpp"
#include "output/printer.hpp"

#include <set>

namespace crib {

namespace {

class FilesPrinter : public Printer {
  public:
    FilesPrinter(const PrintOptions& o, Sink& out) : opt_(o), out_(out) {}
    void passage(const Passage& p) override {
        Hit h;
        h.passage = p;
        hit(h);
    }
    void hit(const Hit& h) override {
        if (!seen_.insert(h.passage.file).second) return;
        // The path as shown (relative to the current folder when below it),
        // with -0 too.  -0 into a pipe is for xargs -0: the name exactly; a
        // line, or a terminal, gets odd names quoted (one record per line, no
        // escapes obeyed).
        std::string file = shown_file(opt_, h.passage.file, h.index);
        std::string line = opt_.null_sep && !opt_.terminal ? file : quote_path(file);
        line += opt_.null_sep ? '\0' : '\n';
        out_.write(line);
    }

  private:
    PrintOptions opt_;
    Sink& out_;
    std::set<std::string> seen_;
};

} // namespace

std::unique_ptr<Printer> make_files_printer(const PrintOptions& opt, Sink& out) {
    return std::make_unique<FilesPrinter>(opt, out);
}

} // namespace crib
