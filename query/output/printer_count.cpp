// printer_count.cpp - -c: the number of matching passages, nothing else.
#include "output/printer.hpp"

namespace crib {

namespace {

class CountPrinter : public Printer {
  public:
    explicit CountPrinter(Sink& out) : out_(out) {}
    void hit(const Hit&) override {}
    // A partial result matched nothing: 0, as grep -c says (crib -c a b is
    // never more than crib -c a); the passages with some words are on stderr.
    void end(const SearchResult& r) override {
        out_.write(std::to_string(r.partial ? 0 : r.total) + "\n");
    }
    void passage(const Passage&) override { out_.write("1\n"); }

  private:
    Sink& out_;
};

} // namespace

std::unique_ptr<Printer> make_count_printer(Sink& out) {
    return std::make_unique<CountPrinter>(out);
}

} // namespace crib
