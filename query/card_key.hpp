// card_key.hpp - which stored review belongs to which passage.
//
// A card is keyed by its file and its normalised question (the duplicate
// key's question part: case, punctuation and articles ignored), so the key
// survives `crib-index --rebuild`, lines moving and the answer being edited.
// Several passages of one file asking the same question are numbered in line
// order ("#2", "#3").  The passage id (file:line) is kept beside the key as
// a hint: when a question's wording changes, the stored card moves to the
// passage of that file at or nearest its old line whose question shares most
// of its words.  A card that matches nothing is "gone": kept, and reported.
#pragma once

#include "passage.hpp"

#include <map>
#include <string>
#include <vector>

namespace crib {

/// A passage as a flash card.
struct Card {
    std::string key; ///< card_key()
    Passage passage;
};

/// The key of the `occurrence`-th (1-based) passage of its file asking this question.
std::string card_key(const std::string& file, const std::string& question, int occurrence = 1);

/// Cards for passages (any order): keys numbered per file among equal
/// questions in line order; the result is sorted by file, then line.
std::vector<Card> make_cards(std::vector<Passage> passages);

/// What a stored card remembers of its passage.
struct CardAnchor {
    std::string key;
    std::string file;
    std::string question;
    int line = 0; ///< the hint: where the passage was when last seen
};

/// A stored card that no longer matches its key, moved to another card's key.
struct Rekey {
    std::string from, to;
};

/// How stored cards map onto the current cards.
struct Reconciled {
    std::vector<Rekey> moved;     ///< keys to rename (question reworded)
    std::vector<CardAnchor> gone; ///< no passage any more: kept, reported
};

/// Matches stored anchors to current cards: equal keys match; an anchor whose
/// key is missing moves to the unclaimed card of its file whose question
/// shares at least kRekeyOverlap of the words (the nearest line to the hint
/// breaks ties); the rest are gone.
Reconciled reconcile(const std::vector<CardAnchor>& stored, const std::vector<Card>& cards);

/// Share of question words (Jaccard, normalised words) a reworded question
/// must keep for its review history to follow it.
constexpr double kRekeyOverlap = 0.5;

/// Word overlap (Jaccard) of two questions after normalisation, 0..1.
double question_overlap(const std::string& a, const std::string& b);

} // namespace crib
