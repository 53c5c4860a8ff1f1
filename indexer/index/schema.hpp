// schema.hpp - THE index format, read by crib-index and crib alike.
//
// Term prefixes follow Xapian's conventions (Q unique id, P path, K keyword);
// X... are crib's own.  Changing anything here that alters what is stored
// means bumping kSchemaVersion: crib then refuses old indexes with a message
// that says to run `crib-index --rebuild`.
#pragma once

#include <xapian.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace crib::schema {

/// Bump when terms, values or document data change meaning.  2: kSlotQuestion;
/// 3: synonym group terms named by members; 4: heading paths (data "crib2;"),
/// duplicate keys with answers, prose slot; 5: stemmed terms only
/// (kStemStrategy), slots 4-6 dropped, ids and duplicate keys hashed;
/// 6: CJK text as n-grams (configure_term_generator); 7: topics from content
/// (folders and tags only when they name a subject, a file's one subject
/// for all its passages), tags as kTagPrefix terms.
inline constexpr int kSchemaVersion = 7;

/// Metadata keys.
inline constexpr const char* kVersionKey = "crib.schema";
inline constexpr const char* kRootsKey = "crib.roots";       ///< "given\tabsolute\n" per root
inline constexpr const char* kFileKeyPrefix = "crib.file.";  ///< + hash of the path
inline constexpr const char* kSynonymsKey = "crib.synonyms"; ///< hash of the loaded synonyms
inline constexpr const char* kTopicsPathKey =
    "crib.topics.path"; ///< taxonomy file the index was built with
inline constexpr const char* kSynonymsPathKey =
    "crib.synonyms.path"; ///< synonyms file the index was built with
inline constexpr const char* kExcludeKey =
    "crib.exclude"; ///< --exclude patterns, one a line (writer/exclude.hpp)
inline constexpr const char* kStatListKey =
    "crib.stat"; ///< folders and note files the last complete run saw (stat_list.hpp)

/// Boolean and free-text term prefixes.
inline constexpr const char* kIdPrefix = "Q";        ///< unique id: hash of file ":" line (id_term)
inline constexpr const char* kFilePrefix = "P";      ///< file path (boolean)
inline constexpr const char* kTopicPrefix = "K";     ///< topic (boolean)
inline constexpr const char* kKindPrefix = "XKIND";  ///< "question" / "section" (boolean)
inline constexpr const char* kDupPrefix = "XDUP";    ///< + the kSlotCollapse value (boolean)
inline constexpr const char* kQuestionPrefix = "XQ"; ///< question words (probabilistic)
inline constexpr const char* kAnswerPrefix = "XA";   ///< answer words (probabilistic)
inline constexpr const char* kSynPrefix = "XSYN";    ///< multi-word synonym group seen in text
inline constexpr const char* kTagPrefix = "XTAG"; ///< a tag the notes carry, lower case (boolean)

/// Value slots.
enum Slot : Xapian::valueno {
    kSlotFile = 0,     ///< file path
    kSlotLine = 1,     ///< sortable_serialise(line)
    kSlotCollapse = 2, ///< hash of the duplicate key (collapse_value; questions only)
    kSlotTopics = 3,   ///< topics joined by '\n'
    // Slots 4-6 (kind, question, prose words) were dropped in version 5: the
    // re-rank reads the passage record instead.
};

/// Weighting: question words count this many times per occurrence.
inline constexpr unsigned kQuestionWdf = 3;
/// Answer words in a duplicate key (duplicate_key): enough to tell quizzes
/// apart by their code, few enough that a fixed typo late in a copy still merges.
inline constexpr int kDuplicateAnswerWords = 12;
/// Term positions skipped between question and answer (no phrase crosses).
inline constexpr unsigned kFieldGap = 100;

/// One query field: names users type, the prefix, and whether it filters.
struct Field {
    std::vector<std::string> names;
    std::string prefix;
    bool boolean;
};

/// Every field the query parser knows (file: is added separately: it matches paths).
const std::vector<Field>& fields();

/// The one stemmer (English Snowball) used for indexing, parsing and snippets.
Xapian::Stem stemmer();

/// The one stemming strategy: every free-text word is indexed and searched
/// as "Z" + its stem only, with positions (so phrases match word forms).
/// The unstemmed copy STEM_SOME adds doubled the postings and the termlists
/// (the index was 5.3x the notes, now 3.9x; bench/RESULTS.md); what needed
/// it is done on stems instead: wildcards (stem_wildcards()), phrase
/// highlights (the snippet flattens phrases), spelling (spelling_words()).
/// A word written with diacritics also gives the stem of its folded form
/// (fold_diacritics(): "naïve" adds "Znaiv", without positions), so a word
/// typed without them finds it; indexes built before lack these terms
/// until their notes are indexed again (no schema change: nothing breaks).
inline constexpr Xapian::QueryParser::stem_strategy kStemStrategy = Xapian::QueryParser::STEM_ALL_Z;

/// Set stemmer and strategy on a term generator.
void configure_term_generator(Xapian::TermGenerator& tg);

/// True if the code point is Chinese, Japanese or Korean script (indexed as
/// n-grams: no stemming, no spelling correction).
bool is_cjk(unsigned ch);

/// The words of a text as the term generator sees them: runs of Unicode
/// word characters, lower-cased (unstemmed).
std::vector<std::string> words(std::string_view text);

/// A term no longer than Xapian's limit: long values are hashed.
std::string bounded_term(std::string_view prefix, std::string_view value);

/// Unique-id term of a passage: "Q" + a 64-bit hash of "file:line" (the
/// path itself made this term as long as 200 bytes, stored in the postlist
/// and in every termlist; ids are only looked up, never listed).
std::string id_term(std::string_view file, int line);
/// Boolean term of a file.
std::string file_term(std::string_view file);
/// Normalised key of a question ("What is a StatefulSet?" == "what is statefulset ?").
std::string question_key(std::string_view question);
/// Key under which copies of one passage collapse: the question key plus the
/// first words of the answer, so two "What's the output?" quizzes with
/// different code stay apart while the same note pasted twice is one hit.
std::string duplicate_key(std::string_view question, std::string_view answer);
/// What the index stores of a duplicate key (kSlotCollapse, kDupPrefix): its
/// 64-bit hash, compared only for equality ("" for an empty key).  The keys
/// themselves averaged 113 bytes, held three times per question.
std::string collapse_value(std::string_view question, std::string_view answer);

/// What an index's schema version metadata says, parsed strictly: digits
/// only, no sign, spaces or leading zeros, at least 1.
struct SchemaState {
    enum Kind {
        fresh,   ///< no version and nothing written yet: a new index
        current, ///< kSchemaVersion
        other,   ///< a well-formed other version
        garbled  ///< anything else, or no version on an index with data
    } kind;
    int version = 0; ///< for current and other
    std::string raw; ///< the stored value
};

/// Reads and checks the schema version of `db`.
SchemaState check_schema(const Xapian::Database& db);

/// Why an index in state `s` cannot be used, ending in the command that fixes
/// it ("...; run: crib-index --rebuild --db DB PATH..."); "" when current.
std::string schema_error(const SchemaState& s, const std::string& db_path);

/// A cheap look at the files of the glass database at `db_path` holding
/// `docs` documents (a few stat calls, run on every open): a table an index
/// with passages needs is missing or empty, or a table file is not a whole
/// number of blocks (truncated).  Returns what is wrong, "" if nothing seen.
std::string table_damage(const std::string& db_path, Xapian::doccount docs);

/// "the index DB is damaged (WHAT); run: crib-index --rebuild --db DB PATH..."
std::string damaged_error(const std::string& db_path, const std::string& what);

} // namespace crib::schema
