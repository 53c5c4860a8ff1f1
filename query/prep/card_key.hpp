// card_key.hpp - which stored review belongs to which passage.
//
// A card is keyed by its file and its normalised question (the duplicate
// key's question part: case, punctuation and articles ignored, words
// stemmed), so the key survives `crib-index --rebuild`, lines moving and the
// answer being edited.  When one file asks the same question more than once
// ("What's the output?" quizzes), each copy's key adds the first words of its
// answer (the duplicate key), and a number in line order if even those are
// equal; inserting another copy leaves the others' keys alone.  The passage
// id (file:line) is kept beside the key as a hint: when a question is
// reworded, or a copy's answer edited, the stored card moves to the unclaimed
// passage of that file whose question shares most of its words, the one
// nearest its old line on a tie.  A card that matches nothing is "gone":
// kept, and reported.
#pragma once

#include "formats/passage.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace crib {

/// A passage as a flash card.
struct Card {
    std::string key; ///< card_key()
    Passage passage;
    std::string file; ///< the file as keys name it (KeyFile: its absolute, resolved path)
};

/// The name of a stored file as card keys use it.  load_deck() passes the
/// file's absolute path with symbolic links resolved, so that `crib-index
/// ./rq`, `crib-index $PWD/rq` and `cd rq; crib-index .` give the same keys;
/// tests may pass the name unchanged.
using KeyFile = std::function<std::string(const std::string&)>;

/// The key of the only passage of `file` asking `question`.
std::string card_key(const std::string& file, const std::string& question);

/// The key of one of several passages of `file` asking the same question:
/// its answer's first words tell it apart, then `occurrence` (1-based, in
/// line order among copies whose answers start alike too).
std::string duplicate_card_key(const std::string& file, const std::string& question,
                               const std::string& answer, int occurrence = 1);

/// Cards for passages (any order), sorted by file, then line; keys name
/// files through `key_file` (default: as stored).
std::vector<Card> make_cards(std::vector<Passage> passages, const KeyFile& key_file = {});

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

/// True when a move is a reworded question, not only the same question under
/// another name of its file (keys from before files were named by absolute
/// path): the part after the file differs.
bool reworded(const Rekey& r);

/// How stored cards map onto the current cards.
struct Reconciled {
    std::vector<Rekey> moved;     ///< keys to rename (question reworded)
    std::vector<CardAnchor> gone; ///< no passage any more: kept, reported
};

/// Matches stored anchors to current cards: equal keys match; an anchor whose
/// key is missing moves to the unclaimed card of its file whose question
/// shares at least kRekeyOverlap of the words (the nearest line to the hint
/// breaks ties); else, when its folder moved, to the only unclaimed card of
/// a file of the same name asking the same question; the rest are gone.
/// An anchor's file goes through
/// `key_file` too: a store written before keys used absolute paths names
/// files as the index stored them, and the index's roots resolve them.
Reconciled reconcile(const std::vector<CardAnchor>& stored, const std::vector<Card>& cards,
                     const KeyFile& key_file = {});

/// Share of question words (Jaccard, normalised words) a reworded question
/// must keep for its review history to follow it.
constexpr double kRekeyOverlap = 0.5;

/// Word overlap (Jaccard) of two questions after normalisation, 0..1.
double question_overlap(const std::string& a, const std::string& b);

} // namespace crib
