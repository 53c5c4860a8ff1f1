// crib gaps: rules added against the real postings of tests/gaps (issue 24),
// each pinned with lines written here, not taken from the postings.
#include "index_fixture.hpp"
#include "prep/gaps.hpp"

#include <algorithm>

using namespace crib;

namespace {

std::vector<std::string> names(std::string_view line) {
    std::vector<std::string> out;
    for (const SkillName& s : skill_names(line))
        out.push_back(s.text);
    return out;
}

const Requirement& at_line(const std::vector<Requirement>& rs, int line) {
    auto it = std::find_if(rs.begin(), rs.end(),
                           [&](const Requirement& r) { return r.line.line == line; });
    REQUIRE(it != rs.end());
    return *it;
}

/// Notes about the broad areas themselves: each has a passage of its own.
std::string broad_notes_db(test::TempDir& d) {
    d.write("notes/ops.md", "## What is infrastructure as code?\n\nTerraform plans.\n\n"
                            "## How do you improve reliability?\n\nRetries and SLOs.\n\n"
                            "## What is a security group?\n\nA firewall.\n\n"
                            "## What is unit testing?\n\nTests of one function.\n\n"
                            "## Design patterns\n\nSingleton, observer.\n");
    return test::index_notes(d);
}

} // namespace

TEST_CASE("gaps: company prose naming only broad words was judged covered", "[gaps]") {
    // Regression: "Looking after the main infrastructure of the business" and
    // a paragraph about the team's reliability came out covered on the words
    // "infrastructure" and "reliability" alone.
    test::TempDir d;
    std::string db = broad_notes_db(d);
    auto rs = find_gaps(db, "Platform Engineer\n"
                            "Everyone here cares about reliability and security.\n"    // 2 prose
                            "Requirements\n"                                           // 3
                            "- Looking after the main infrastructure of our company\n" // 4
                            "- A security mindset and a taste for reliability\n"       // 5
                            "- Improve reliability and security of services\n"         // 6
                            "Reliability and security of services\n");                 // 7
    CHECK(at_line(rs, 2).line.skip == "broad words only"); // prose, before any requirement
    CHECK(at_line(rs, 4).line.skip == "broad words only");
    CHECK(at_line(rs, 5).line.skip == "broad words only");
    CHECK(at_line(rs, 6).verdict == Verdict::covered); // a plain item: judged
    CHECK(at_line(rs, 7).verdict == Verdict::covered); // under Requirements, unbulleted
}

TEST_CASE("gaps: a broad word beside a missing skill made the line partial", "[gaps]") {
    // Regression: "Testing with Mocha and Jasmine" was partial because the
    // notes have passages on testing; the skills asked are Mocha and Jasmine.
    test::TempDir d;
    std::string db = broad_notes_db(d);
    auto rs = find_gaps(db, "Requirements\n- Testing with Mocha and Jasmine\n"
                            "- The Flux design pattern\n");
    const Requirement& testing = at_line(rs, 2);
    CHECK(testing.verdict == Verdict::missing);
    CHECK(testing.missing() == std::vector<std::string>{"Mocha", "Jasmine"});
    CHECK(at_line(rs, 3).verdict == Verdict::missing);
}

TEST_CASE("company prose: the employer's voice, not a plain requirement", "[gaps]") {
    CHECK(company_prose("Keep our platform fast"));
    CHECK(company_prose("A culture of continuous feedback"));
    CHECK(company_prose("Learn about the systems we run"));
    CHECK_FALSE(company_prose("Improve reliability and security of services"));
    CHECK_FALSE(company_prose("Use Terraform to provision AWS"));
}

TEST_CASE("skills: infrastructure as code was cut into infrastructure and code", "[gaps]") {
    CHECK(names("Experience with Pulumi infrastructure as code") ==
          std::vector<std::string>{"Pulumi", "infrastructure as code"});
    CHECK(names("Policy as Code with OPA") == std::vector<std::string>{"Policy as Code", "OPA"});
}

TEST_CASE("skills: a spoken language was a skill to study", "[gaps]") {
    CHECK(names("Fluent Dutch and Swedish, both written and spoken").empty());
    CHECK(names("Good Italian and Python").size() == 1);
}

TEST_CASE("broad words: whole areas of the field, with their plurals", "[gaps]") {
    CHECK(broad_word("infrastructure"));
    CHECK(broad_word("apis"));
    CHECK(broad_word("servers"));
    CHECK_FALSE(broad_word("kubernetes"));
    CHECK_FALSE(broad_word("monitoring"));
}
