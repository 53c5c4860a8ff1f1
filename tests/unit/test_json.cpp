#include "helpers.hpp"
#include "common/json.hpp"
#include "index/document.hpp"
#include "common/text.hpp"

using namespace crib;

TEST_CASE("JSON strings are escaped", "[json]") {
    std::string out;
    json_string(out, "a\"b\\c\n\x01");
    CHECK(out == "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST_CASE("JSON writer keeps commas right", "[json]") {
    JsonWriter w;
    w.begin_object().key("a").value(1).key("b").begin_array().value("x").null().end_array().key("c").value(true).end_object();
    CHECK(w.str() == "{\"a\":1,\"b\":[\"x\",null],\"c\":true}");
}

TEST_CASE("passage data round-trips", "[json]") {
    Passage p;
    p.file = "notes/a:b.md";
    p.line = 3;
    p.end_line = 9;
    p.kind = "question";
    p.question = "What is 1:2?";
    p.answer = "multi\nline 12:34 answer";
    p.topics = {"aws", "k8s"};
    p.parent_line = 1;
    p.parent_question = "Entry";
    Passage q;
    REQUIRE(decode_passage(encode_passage(p), q));
    CHECK(q.file == p.file);
    CHECK(q.answer == p.answer);
    CHECK(q.topics == p.topics);
    CHECK(q.parent_line == 1);
    CHECK_FALSE(decode_passage("garbage", q));
}

TEST_CASE("JSON output stays valid UTF-8 for non-UTF-8 file names", "[json]") {
    std::string out;
    json_string(out, "caf\xE9.md");
    CHECK(out == "\"caf\xC3\xA9.md\"");
    CHECK(valid_utf8(out));
}

TEST_CASE("a JSON string starting FF FE was read as UTF-16", "[json][regression]") {
    // A query "\xFF\xFE docker" came out as "搠捯敫": the writer sniffed a
    // byte-order mark, as for a file.  Not UTF-8: each byte Windows-1252.
    std::string out;
    json_string(out, "\xFF\xFE docker");
    CHECK(out == "\"\xC3\xBF\xC3\xBE docker\"");
}

TEST_CASE("base64 matches the RFC 4648 test vectors", "[json]") {
    CHECK(crib::base64("") == "");
    CHECK(crib::base64("f") == "Zg==");
    CHECK(crib::base64("fo") == "Zm8=");
    CHECK(crib::base64("foo") == "Zm9v");
    CHECK(crib::base64("foob") == "Zm9vYg==");
    CHECK(crib::base64("fooba") == "Zm9vYmE=");
    CHECK(crib::base64("foobar") == "Zm9vYmFy");
    CHECK(crib::base64("\xff\xfe") == "//4=");
}

TEST_CASE("non_utf8_path_in_json_is_lossless_bytes", "[json][regression]") {
    crib::JsonWriter w;
    w.begin_array().path("notes/a.md:3").path("caf\xe9.md:1").end_array();
    CHECK(w.str() == R"(["notes/a.md:3",{"bytes":"Y2Fm6S5tZDox"}])");
}

TEST_CASE("json_string: runs of plain bytes end at every byte JSON escapes, DEL included",
          "[json][regression]") {
    // Plain bytes go out in runs (b56b665); DEL was escaped before them and
    // is still, and a run ends right before an escaped byte at either end.
    struct Case {
        std::string in, out;
    };
    Case c = GENERATE(values<Case>({
        {"", "\"\""},
        {"\177", "\"\\u007f\""},
        {"a\177b", "\"a\\u007fb\""},
        {"\"abc", "\"\\\"abc\""},
        {"abc\\", "\"abc\\\\\""},
        {"tab\tend\x1f", "\"tab\\tend\\u001f\""},
        {"caf\xc3\xa9 ok", "\"caf\xc3\xa9 ok\""},
    }));
    std::string out = "x";
    json_string(out, c.in);
    CHECK(out == "x" + c.out);
}
