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

/// Bump when terms, values or document data change meaning.
inline constexpr int kSchemaVersion = 4; // 2: kSlotQuestion; 3: synonym group terms named by members;
                                         // 4: heading paths (data "crib2;"), duplicate keys with answers, prose slot

/// Metadata keys.
inline constexpr const char* kVersionKey = "crib.schema";
inline constexpr const char* kRootsKey = "crib.roots";         ///< "given\tabsolute\n" per root
inline constexpr const char* kFileKeyPrefix = "crib.file.";    ///< + hash of the path
inline constexpr const char* kSynonymsKey = "crib.synonyms";   ///< hash of the loaded synonyms
inline constexpr const char* kTopicsPathKey = "crib.topics.path";     ///< taxonomy file the index was built with
inline constexpr const char* kSynonymsPathKey = "crib.synonyms.path"; ///< synonyms file the index was built with
inline constexpr const char* kStatListKey = "crib.stat";      ///< folders and note files the last complete run saw (stat_list.hpp)

/// Boolean and free-text term prefixes.
inline constexpr const char* kIdPrefix = "Q";       ///< unique id: file ":" line
inline constexpr const char* kFilePrefix = "P";     ///< file path (boolean)
inline constexpr const char* kTopicPrefix = "K";    ///< topic (boolean)
inline constexpr const char* kKindPrefix = "XKIND"; ///< "question" / "section" (boolean)
inline constexpr const char* kDupPrefix = "XDUP";   ///< normalised-question key (boolean)
inline constexpr const char* kQuestionPrefix = "XQ";///< question words (probabilistic)
inline constexpr const char* kAnswerPrefix = "XA";  ///< answer words (probabilistic)
inline constexpr const char* kSynPrefix = "XSYN";   ///< multi-word synonym group seen in text

/// Value slots.
enum Slot : Xapian::valueno {
    kSlotFile = 0,     ///< file path
    kSlotLine = 1,     ///< sortable_serialise(line)
    kSlotCollapse = 2, ///< duplicate key: normalised question + answer start (questions only)
    kSlotTopics = 3,   ///< topics joined by '\n'
    // Written but no longer read: the re-rank reads the passage record once
    // instead of three slots (each a B-tree lookup).  Dropping them saves 1.7%
    // of an index of the public corpora: do it with the next version bump.
    kSlotKind = 4,     ///< "question" / "section"
    kSlotQuestion = 5, ///< the question text
    kSlotProse = 6,    ///< sortable_serialise(words of answer prose: no code, no tables)
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

/// The one stemming strategy.
inline constexpr Xapian::QueryParser::stem_strategy kStemStrategy = Xapian::QueryParser::STEM_SOME;

/// Set stemmer, strategy and every field prefix on a query parser; `db`
/// is used for wildcards, spelling, synonyms and `file:` path matching.
/// `topic` (optional) reads topic: / t: values (the query side passes one that
/// resolves aliases through the taxonomy); without it they are plain terms.
void configure_query_parser(Xapian::QueryParser& qp, const Xapian::Database& db,
                            Xapian::FieldProcessor* topic = nullptr);

/// Set stemmer and strategy on a term generator.
void configure_term_generator(Xapian::TermGenerator& tg);

/// The words of a text as the term generator sees them: runs of Unicode
/// word characters, lower-cased (unstemmed).
std::vector<std::string> words(std::string_view text);

/// A term no longer than Xapian's limit: long values are hashed.
std::string bounded_term(std::string_view prefix, std::string_view value);

/// Unique-id term of a passage.
std::string id_term(std::string_view file, int line);
/// Boolean term of a file.
std::string file_term(std::string_view file);
/// Normalised key of a question ("What is a StatefulSet?" == "what is statefulset ?").
std::string question_key(std::string_view question);
/// Key under which copies of one passage collapse: the question key plus the
/// first words of the answer, so two "What's the output?" quizzes with
/// different code stay apart while the same note pasted twice is one hit.
std::string duplicate_key(std::string_view question, std::string_view answer);

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
