#include "common/text.hpp"
#include "helpers.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <thread>

using namespace crib;

TEST_CASE("decode: valid UTF-8 passes through, BOM dropped", "[text]") {
    CHECK(decode_text("caf\xC3\xA9").text == "caf\xC3\xA9");
    auto d = decode_text("\xEF\xBB\xBFhello");
    CHECK(d.text == "hello");
    CHECK(d.encoding == Encoding::utf8_bom);
}

TEST_CASE("decode: invalid UTF-8 falls back to Windows-1252", "[text]") {
    auto d = decode_text("it\x92s \x93quoted\x94 caf\xE9");
    CHECK(d.encoding == Encoding::windows1252);
    CHECK(d.text == "it\xE2\x80\x99s \xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9");
    CHECK(valid_utf8(d.text));
}

TEST_CASE("decode: UTF-16 with BOM", "[text]") {
    std::string le("\xFF\xFEh\0i\0\n\0", 8);
    CHECK(decode_text(le).text == "hi\n");
    std::string be("\xFE\xFF\0h\0i", 6);
    CHECK(decode_text(be).text == "hi");
}

TEST_CASE("decode: CRLF and NUL keep line numbers", "[text]") {
    auto d = decode_text(std::string("a\r\nb\0c\r\nd", 9));
    CHECK(d.had_nul);
    auto lines = split_lines(d.text);
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == "b\xEF\xBF\xBD"
                      "c");
}

TEST_CASE("binary detection", "[text]") {
    CHECK(looks_binary(std::string(100, '\0')));
    CHECK_FALSE(looks_binary("plain text\nwith lines\n"));
    CHECK_FALSE(looks_binary(std::string("\xFF\xFEh\0i\0", 6)));
}

TEST_CASE("string helpers", "[text]") {
    CHECK(collapse_space("  a \t b\n c ") == "a b c");
    CHECK(indent_of("\t  x") == 6);
    CHECK(istarts_with("Question: x", "question"));
    CHECK(hash_hex("a") != hash_hex("b"));
}

TEST_CASE("a FIFO swapped in after the folder walk does not block the read", "[text][regression]") {
    test::TempDir dir;
    std::string fifo = dir.str() + "/note.md";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    // Should the read block in open(), a writer appearing after 3 s frees it.
    std::promise<void> done;
    std::thread rescuer([&, f = done.get_future()] {
        if (f.wait_for(std::chrono::seconds(3)) == std::future_status::ready) return;
        int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0) ::close(fd);
    });
    auto t0 = std::chrono::steady_clock::now();
    std::string bytes, why;
    bool ok = read_regular_file(fifo, 1 << 20, bytes, why);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    done.set_value();
    rescuer.join();
    CHECK_FALSE(ok);
    CHECK(why == "not a regular file (FIFO)");
    CHECK(s < 2);
    CHECK_FALSE(read_text_file(fifo, bytes));
}

TEST_CASE("read_regular_file reads files and explains failures", "[text]") {
    test::TempDir dir;
    dir.write("a.md", "hello");
    std::string bytes, why;
    CHECK(read_regular_file(dir.str() + "/a.md", 5, bytes, why));
    CHECK(bytes == "hello");
    CHECK_FALSE(read_regular_file(dir.str() + "/a.md", 4, bytes, why));
    CHECK(why.rfind("larger than", 0) == 0);
    CHECK_FALSE(read_regular_file(dir.str() + "/none.md", 5, bytes, why));
    CHECK(why == "cannot read: No such file or directory");
    CHECK_FALSE(read_regular_file(dir.str(), 5, bytes, why));
    CHECK(why == "not a regular file (folder)");
}

TEST_CASE("file names and tags with escapes or newlines are shown safely", "[text][regression]") {
    CHECK(terminal_safe("a\x1b]52;c;aGk=\x07z") == "a\xEF\xBF\xBD]52;c;aGk=\xEF\xBF\xBDz");
    CHECK(terminal_safe("tab\tnl\n c1 \xC2\x9B") ==
          "tab\xEF\xBF\xBDnl\xEF\xBF\xBD c1 \xEF\xBF\xBD");
    CHECK(terminal_safe("plain ünïcode") == "plain ünïcode");
    CHECK(quote_path("notes/k8s.md") == "notes/k8s.md");
    CHECK(quote_path("new\nline.md") == "\"new\\nline.md\"");
    CHECK(quote_path("x\x1b]52\x07 \"q\" \\ é.md") ==
          "\"x\\x1b]52\\x07 \\\"q\\\" \\\\ \\xc3\\xa9.md\"");
}

TEST_CASE("bidi controls in notes and file names are shown and not obeyed", "[text][regression]") {
    const std::string fffd = "\xEF\xBF\xBD";
    // U+202E, U+2066-U+2069, U+061C, U+200E, U+200F, U+202A-U+202D
    for (const char* bidi : {"\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C", "\u200E",
                             "\u200F", "\u202A", "\u202B", "\u202C", "\u202D"}) {
        CAPTURE(bidi);
        CHECK(terminal_safe(std::string("a") + bidi + "b") == "a" + fffd + "b");
        CHECK(quote_path(std::string("x") + bidi + ".md").front() == '"');
    }
    CHECK(quote_path("evil\u202Edm.md") == "\"evil\\xe2\\x80\\xaedm.md\"");
    // Their neighbours are ordinary text: U+200D (ZWJ in emoji), U+2065, U+202F, U+061B.
    for (const char* fine : {"\u200D", "\u202F", "\u061B", "\u2070"})
        CHECK(terminal_safe(fine) == fine);
}

TEST_CASE("fold_diacritics takes the diacritics off Latin letters only", "[text]") {
    CHECK(fold_diacritics("naïve") == "naive");
    CHECK(fold_diacritics("Façade") == "Facade");
    CHECK(fold_diacritics("résumé") == "resume");
    CHECK(fold_diacritics("straße") == "strasse");
    CHECK(fold_diacritics("Łódź") == "Lodz");
    CHECK(fold_diacritics("plain") == "plain");
    CHECK(fold_diacritics("日本語") == "日本語"); // other scripts as they are
    CHECK(fold_diacritics("×÷") == "×÷");         // signs in the Latin-1 block too
}

TEST_CASE("quoted: a phrase typed with its quotes is not quoted twice", "[text][regression]") {
    // crib said: no matches for ""rolling upgrade"".
    CHECK(quoted("\"rolling upgrade\"") == "\"rolling upgrade\"");
    CHECK(quoted("rolling upgrade") == "\"rolling upgrade\"");
    CHECK(quoted("\"a\" b \"c\"") == "\"\"a\" b \"c\"\""); // not one phrase
    CHECK(quoted("\"") == "\"\"\"");
}
