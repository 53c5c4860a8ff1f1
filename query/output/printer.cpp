#include "output/printer.hpp"

namespace crib {

std::unique_ptr<Printer> make_printer(Format f, const PrintOptions& opt, Sink& out) {
    switch (f) {
    case Format::human:
        return make_human_printer(opt, out);
    case Format::plain: {
        PrintOptions o = opt;
        o.color = false;
        return make_human_printer(o, out);
    }
    case Format::grep:
        return make_grep_printer(false, opt, out);
    case Format::vimgrep:
        return make_grep_printer(true, opt, out);
    case Format::json:
        return make_json_printer(false, opt, out);
    case Format::jsonl:
        return make_json_printer(true, opt, out);
    case Format::files:
        return make_files_printer(opt, out);
    case Format::count:
        return make_count_printer(out);
    }
    return make_human_printer(opt, out);
}

std::string shown_file(const PrintOptions& opt, const std::string& stored,
                       const std::string& index) {
    return opt.paths ? opt.paths->shown(stored, index) : stored;
}

std::string shown_id(const PrintOptions& opt, const std::string& id) {
    return opt.paths ? opt.paths->shown_id(id) : id;
}

void print_result(Printer& p, const SearchResult& r) {
    p.begin(r);
    for (const Hit& h : r.hits)
        p.hit(h);
    p.end(r);
}

} // namespace crib
