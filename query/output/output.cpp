#include "output/output.hpp"

#include "common/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace crib {

static void check(bool ok) {
    if (ok) return;
    if (errno == EPIPE) throw OutputClosed{};
    throw Error(std::string("write error: ") + std::strerror(errno));
}

static std::string* capture = nullptr;

void capture_output(std::string* buffer) { capture = buffer; }

void emit(std::string_view s) {
    if (s.empty()) return;
    if (capture) return void(capture->append(s));
    check(std::fwrite(s.data(), 1, s.size(), stdout) == s.size());
}

namespace {

class StdoutSink : public Sink {
  public:
    void write(std::string_view s) override { emit(s); }
};

} // namespace

Sink& stdout_sink() {
    static StdoutSink out;
    return out;
}

void flush_output() { check(std::fflush(stdout) == 0); }

} // namespace crib
