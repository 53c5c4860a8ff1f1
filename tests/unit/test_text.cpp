#include "helpers.hpp"
#include "text.hpp"

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
    CHECK(lines[1] == "b\xEF\xBF\xBD" "c");
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
