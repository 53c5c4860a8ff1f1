// gaps_posting.hpp - the lines of a job posting, each a requirement to
// judge or skipped with the reason why (crib gaps, no index needed).
//
// A posting is read line by line.  Headings ("## Requirements", "What
// you'll do:", a short line of its own) open sections: requirement sections
// (responsibilities, qualifications, "about you", "our stack", ...), company
// sections (about us, benefits, values, hiring process, ...) whose lines are
// skipped, and neutral ones.  A line is also skipped by what it says:
// equal-opportunity text, benefits and pay, how to apply, degrees,
// certifications, where and when to work, and company blurbs.  What is left
// is judged by the skills it names (gaps_skills.hpp): a line naming none
// ("Work both independently and as part of a team") is skipped there.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// One non-empty line of a posting.
struct PostingLine {
    int line = 0;     ///< 1-based line in the input
    std::string text; ///< the line, bullet marker stripped
    std::string skip; ///< why it is no requirement ("heading", "benefits", ...); "" to judge
    /// A list item ("- ", "1. ") or a line under a requirements heading: a
    /// requirement as written, not prose.
    bool item = false;
    bool bullet = false; ///< written as a list item ("- ", "1. "), not a paragraph
};

/// Every non-empty line of a posting, each with its skip reason or none.
/// Separator lines (---, ===) are left out.
std::vector<PostingLine> read_posting(std::string_view text);

/// True when a line speaks of the employer or in its tone rather than of
/// work to know: "our", "we", the company, its clients, products, mission,
/// culture, feedback, mindset, "learn about", "best practices" ("Maintaining
/// the core infrastructure of the company", "You embrace change").  A line
/// naming only broad words of the field is skipped on it (gaps.cpp).
bool company_prose(std::string_view text);

/// True when a line says what the work is built on, built with, written in
/// or powered by, or names "our stack" ("we are a team working on a
/// TypeScript application", "our platform is built on AWS"): the company's
/// stack, asked of the reader, though said in the company's voice.
bool stack_prose(std::string_view text);

/// The text after a bullet marker (-, *, +, •, ·, "1." or "1)"), or "" if none.
std::string bullet_text(std::string_view line);

} // namespace crib
