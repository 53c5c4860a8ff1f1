// grep-like formats: path:line:question (and path:line:col:question for
// --vimgrep), -l file lists and -c counts.
#include "output/output.hpp"
#include "output/printer.hpp"
#include "output/styled.hpp"
#include "common/text.hpp"

#include <set>

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
    GrepPrinter(bool vim, const PrintOptions& o) : vim_(vim), opt_(o) {}
    void passage(const Passage& p) override {
        Hit h;
        h.passage = p;
        hit(h);
    }

    void hit(const Hit& h) override {
        std::string line;
        if (opt_.color) {
            line = style_on(Style::path) + quote_path(shown_file(opt_, h.passage.file)) + style_off() + ":" +
                   style_on(Style::line) + std::to_string(h.passage.line) + style_off() + ":";
        } else {
            line = quote_path(shown_file(opt_, h.passage.file)) + ":" + std::to_string(h.passage.line) + ":";
        }
        if (vim_) line += "1:";
        line += one_line(h.passage.question);
        line += opt_.null_sep ? '\0' : '\n';
        emit(line);
    }

private:
    bool vim_;
    PrintOptions opt_;
};

class FilesPrinter : public Printer {
public:
    explicit FilesPrinter(const PrintOptions& o) : opt_(o) {}
    void passage(const Passage& p) override {
        Hit h;
        h.passage = p;
        hit(h);
    }
    void hit(const Hit& h) override {
        if (!seen_.insert(h.passage.file).second) return;
        std::string file = shown_file(opt_, h.passage.file);
        // -0 into a pipe is for xargs -0: the name exactly.  A line, or a
        // terminal, gets odd names quoted (one record per line, no escapes obeyed).
        std::string line =
            opt_.null_sep && !opt_.terminal ? h.passage.file : quote_path(shown_file(opt_, h.passage.file));
        line += opt_.null_sep ? '\0' : '\n';
        emit(line);
    }

private:
    PrintOptions opt_;
    std::set<std::string> seen_;
};

class CountPrinter : public Printer {
public:
    void hit(const Hit&) override {}
    void end(const SearchResult& r) override { emit(std::to_string(r.total) + "\n"); }
    void passage(const Passage&) override { emit("1\n"); }
};

} // namespace

std::unique_ptr<Printer> make_grep_printer(bool vimgrep, const PrintOptions& opt) {
    return std::make_unique<GrepPrinter>(vimgrep, opt);
}
std::unique_ptr<Printer> make_files_printer(const PrintOptions& opt) { return std::make_unique<FilesPrinter>(opt); }
std::unique_ptr<Printer> make_count_printer() { return std::make_unique<CountPrinter>(); }

} // namespace crib
