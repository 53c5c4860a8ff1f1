// detectors.hpp - find questions, answers and sections in an Outline.
#pragma once

#include "formats/outline.hpp"
#include "formats/passage.hpp"

#include <string>
#include <vector>

namespace crib {

/// Split an outline into passages (questions with their answers, headed
/// sections), each with its heading path; `file` is copied into each passage.
/// Handles the styles people keep notes in: numbered "N.question ?" lines,
/// dash-separated entries whose first paragraph is the question, headings,
/// <details><summary> blocks, bullet questions with nested answers, Q:/A:
/// labels, bare "...?" lines, quizzes, "Scenario" sub-questions and cards.
/// Code lines are never split.
std::vector<Passage> detect_passages(const Outline& outline, const std::string& file);

} // namespace crib
