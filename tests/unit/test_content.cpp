// The shipped notes: every question is its own passage with the right
// lines and kind, and nothing else is called a question.
#include "helpers.hpp"

using V = std::vector<std::string>;

static std::vector<std::string> lines_kinds(const std::string& rel) {
    std::string path = std::string(CRIB_SOURCE_DIR) + "/content/" + rel;
    auto ps = crib::parse_notes(test::slurp(path), rel).passages;
    std::vector<std::string> out;
    for (const auto& p : ps)
        out.push_back(std::to_string(p.line) + "-" + std::to_string(p.end_line) + " " + p.kind +
                      (p.parent_line ? " in " + std::to_string(p.parent_line) : ""));
    return out;
}

TEST_CASE("content/qt-interview.txt splits into its 14 questions and 2 sections", "[content]") {
    CHECK(lines_kinds("qt-interview.txt") ==
          V{"4-5 question", "7-11 question", "15-16 question", "17-50 question", "52-56 question",
            "59-61 question", "63-65 question", "66-71 question", "73-78 question", "79-85 question",
            "87-96 question", "98-99 question", "101-103 question", "105-113 question",
            "119-133 section", "139-152 section"});
}

TEST_CASE("content/aws-cloud-engineer-qa.txt: 15 entries and 22 Scenario sub-questions", "[content]") {
    V want{"1-57 question", "64-109 question", "114-155 question", "161-164 question"};
    for (int l : {166, 172, 177, 183, 188, 193, 198, 203, 208, 213, 218, 223}) {
        (void)l;
    }
    auto got = lines_kinds("aws-cloud-engineer-qa.txt");
    REQUIRE(got.size() == 15 + 22);
    V starts;
    for (const auto& g : got) starts.push_back(g.substr(0, g.find('-')));
    CHECK(starts == V{"1", "64", "114", "161", "166", "172", "177", "183", "188", "193", "198", "203", "208",
                      "213", "218", "223", "230", "232", "238", "244", "250", "256", "262", "268", "274",
                      "280", "286", "294", "318", "366", "406", "460", "503", "539", "545", "573", "619"});
    CHECK(got[0] == "1-57 question");
    CHECK(got[3] == "161-164 question");
    CHECK(got[4] == "166-169 question in 161");
    CHECK(got[15] == "223-226 question in 161");
    CHECK(got[17] == "232-236 question in 230");
    CHECK(got.back() == "619-660 question");
    for (const auto& g : got) CHECK(g.find("section") == std::string::npos);
}

TEST_CASE("content questions are cleaned for display", "[content]") {
    std::string path = std::string(CRIB_SOURCE_DIR) + "/content/aws-cloud-engineer-qa.txt";
    auto ps = crib::parse_notes(test::slurp(path), "aws.txt").passages;
    bool found = false;
    for (const auto& p : ps)
        if (p.line == 503) {
            CHECK(p.question == "Difference between AWS RDS and AWS DynamoDB");
            found = true;
        }
    CHECK(found);
}

TEST_CASE("the content golden dump still matches", "[content]") {
    // tests/golden/dump-content.txt is `crib-index --dump content/`; the CLI test
    // compares the binary's output, this one the passage count.
    std::string golden = test::slurp(std::string(CRIB_SOURCE_DIR) + "/tests/golden/dump-content.txt");
    CHECK(std::count(golden.begin(), golden.end(), '\n') == 16 + 37);
}
