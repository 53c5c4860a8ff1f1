// Helpers shared by the crib gaps tests (test_gaps.cpp, test_gaps_rules.cpp).
#pragma once

#include "prep/gaps.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace test {

/// The skill names skill_names() reads in `line`, as text.
inline std::vector<std::string> names(std::string_view line) {
    std::vector<std::string> out;
    for (const crib::SkillName& s : crib::skill_names(line))
        out.push_back(s.text);
    return out;
}

/// The requirement of posting line `line` (the test fails without one).
inline const crib::Requirement& at_line(const std::vector<crib::Requirement>& rs, int line) {
    auto it = std::find_if(rs.begin(), rs.end(),
                           [&](const crib::Requirement& r) { return r.line.line == line; });
    REQUIRE(it != rs.end());
    return *it;
}

} // namespace test
