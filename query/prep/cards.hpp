// cards.hpp - which passages are flash cards, and what their front says.
//
// A card is a passage with a question a person would ask and an answer:
//   - the answer says something: not empty or a placeholder ("-", "[...]":
//     no letter or digit), not only links (a table of
//     contents, a reference list: Markdown and HTML links, bare URLs,
//     [[wikilinks]], Dataview queries; a link whose text is a sentence is an
//     answer), not a list of pointers (a passage
//     titled, or under a heading, "Related ...", "See also", "References":
//     kPointerTitles), not only a question (a heading over the question's
//     translation);
//   - the front is not a URL or a link;
//   - it is not an introduction: not the opening passage of a file with more
//     passages when that is not a question, no heading is above it and its
//     title is short (the file's title and blurb: "Docker interview notes"),
//     nor a heading that
//     introduces (Introduction, Contents, About: kIntroTitles);
//   - a title of one or two words takes the nearest headings above it as
//     context: "Docker › Example".  A generic one (Example, Conclusion,
//     Overview, ...: kGenericTitleWords, or a short title that heads
//     passages in kTemplateFiles files or more, a template's heading) with no
//     heading above it that is not generic itself is no card.
// The card's key (card_key.hpp) stays that of the passage's question: giving
// a card context never loses its history.
#pragma once

#include "prep/card_key.hpp"

#include <set>
#include <string>
#include <vector>

namespace crib {

/// Why a passage is no card (none: it is one).
enum class NotCard {
    none,
    no_answer,       ///< nothing to reveal: no letter or digit
    links_only,      ///< the answer only points elsewhere
    question_answer, ///< the answer is only a question
    link_front,      ///< the front is a URL or a link
    intro,           ///< a file's or a section's introduction
    generic,         ///< a generic short title with no context to give it
    whole_file,      ///< a note nothing split, named after its file ("arrays_lists")
};

/// What the whole deck tells about one passage's title.
struct DeckTitles {
    std::set<std::string> templates; ///< short titles (normalised) heading kTemplateFiles files
};

/// An opening passage whose title has more words than this is a task
/// ("Given two sorted lists, write ..."), not a title and its blurb.
constexpr size_t kIntroTitleWords = 8;

/// A short title heading passages in this many files is a template's heading
/// ("Answer (EN)", "Requirements"): generic whatever its words.
constexpr size_t kTemplateFiles = 3;

/// Words that make a title of one or two words generic when all its words
/// are among them (lower case).
extern const std::set<std::string> kGenericTitleWords;

/// Titles (normalised) that introduce rather than teach: never a card.
extern const std::set<std::string> kIntroTitles;

/// Titles (normalised) of lists that point elsewhere: neither they nor the
/// passages under them are cards (nor is any title starting "related").
extern const std::set<std::string> kPointerTitles;

/// The short titles of the cards' passages that head passages in
/// kTemplateFiles files or more.
DeckTitles deck_titles(const std::vector<Card>& cards);

/// Where a passage stands in its file.
struct FilePlace {
    bool opening = false; ///< the file's first passage with an answer
    bool more = false;    ///< the file has other passages
};

/// The FilePlace of each card; `cards` in file and line order (make_cards).
std::vector<FilePlace> file_places(const std::vector<Card>& cards);

/// A passage as a card, or why it is none.
struct CardFront {
    NotCard why = NotCard::none;
    std::string front;   ///< the question, or "Docker › Example"
    std::string context; ///< the headings put in front ("Docker"), "" for none
};

/// Decides whether `p` is a card and what its front says.
CardFront card_front(const Passage& p, const FilePlace& place, const DeckTitles& titles);

/// True if the answer only points elsewhere (links_only above).
bool only_links(const std::string& answer);

/// Number of words of a title: a run of letters or digits is one, a run of
/// CJK characters one per two characters.
size_t title_words(const std::string& title);

} // namespace crib
