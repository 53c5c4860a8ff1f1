// printer_count.cpp - -c: the number of matching passages, nothing else.
#include "output/printer.hpp"

namespace crib {

namespace {

class CountPrinter : public Printer {
  public:
    explicit CountPrinter(Sink& out) : out_(out) {}
    void hit(const Hit&) override {}
    void end(const SearchResult& r) override { out_.write(std::to_string(r.total) + "\n"); }
    void passage(const Passage&) override { out_.write("1\n"); }

  private:
    Sink& out_;
};

} // namespace

std::unique_ptr<Printer> make_count_printer(Sink& out) { return std::make_unique<CountPrinter>(out); }

} // namespace crib
