#include "index/schema.hpp"

#include "common/text.hpp"

#include <algorithm>
#include <sys/stat.h>
#include <utility>

namespace crib::schema {

const std::vector<Field>& fields() {
    static const std::vector<Field> f = {
        {{"q", "question"}, kQuestionPrefix, false},
        {{"a", "answer"}, kAnswerPrefix, false},
        {{"topic", "t"}, kTopicPrefix, true},
        {{"kind"}, kKindPrefix, true},
        {{"tag"}, kTagPrefix, true},
    };
    return f;
}

Xapian::Stem stemmer() {
    return Xapian::Stem("english");
}

void configure_term_generator(Xapian::TermGenerator& tg) {
    tg.set_stemmer(stemmer());
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    // Chinese and Japanese have no spaces between words: a run of CJK text
    // becomes its characters and their pairs, so a word inside it is found.
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

bool is_cjk(unsigned ch) {
    return (ch >= 0x2E80 && ch <= 0x2FDF) || (ch >= 0x3000 && ch <= 0x9FFF) ||
           (ch >= 0xA960 && ch <= 0xA97F) || (ch >= 0xAC00 && ch <= 0xD7FF) ||
           (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFF00 && ch <= 0xFFEF) ||
           (ch >= 0x20000 && ch <= 0x2FFFF);
}

std::string bounded_term(std::string_view prefix, std::string_view value) {
    std::string t(prefix);
    if (value.size() + prefix.size() > 200) {
        t += "#";
        t += hash_hex(value);
    } else {
        t += value;
    }
    return t;
}

std::string id_term(std::string_view file, int line) {
    std::string term(kIdPrefix);
    term += hash_hex(std::string(file) + ":" + std::to_string(line));
    return term;
}

std::string file_term(std::string_view file) {
    return bounded_term(kFilePrefix, file);
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

std::string question_key(std::string_view question) {
    thread_local const Xapian::Stem stem = stemmer();
    std::string key;
    for (const std::string& w : words(question)) {
        if (w == "a" || w == "an" || w == "the") continue;
        if (!key.empty()) key += ' ';
        key += stem(w);
    }
    return key;
}

std::string collapse_value(std::string_view question, std::string_view answer) {
    std::string key = duplicate_key(question, answer);
    return key.empty() ? key : hash_hex(key);
}

std::string duplicate_key(std::string_view question, std::string_view answer) {
    std::string key = question_key(question);
    if (key.empty()) return key;
    key += " |";
    // Only the start is compared: tokenise a prefix (whole words fit in it).
    size_t cut = std::min(answer.size(), size_t(kDuplicateAnswerWords) * 40);
    while (cut < answer.size() && cut > 0 && static_cast<unsigned char>(answer[cut]) >= 0x80)
        --cut;
    int n = 0;
    for (const std::string& w : words(answer.substr(0, cut))) {
        if (++n > kDuplicateAnswerWords) break;
        key += ' ';
        key += w;
    }
    return key;
}

namespace {

/// The version in `v` if it is a plain positive decimal ("3"), else 0.
int parse_version(const std::string& v) {
    if (v.empty() || v.size() > 9 || v[0] == '0') return 0;
    for (char c : v)
        if (c < '0' || c > '9') return 0;
    return std::atoi(v.c_str());
}

} // namespace

SchemaState check_schema(const Xapian::Database& db) {
    SchemaState s{SchemaState::garbled, 0, db.get_metadata(kVersionKey)};
    if (s.raw.empty()) {
        // Every run stamps the version in its first commit, so an index with
        // passages or roots but no version was damaged or written by hand.
        bool written = db.get_doccount() > 0 || !db.get_metadata(kRootsKey).empty();
        s.kind = written ? SchemaState::garbled : SchemaState::fresh;
        return s;
    }
    s.version = parse_version(s.raw);
    if (s.version == 0) return s;
    s.kind = s.version == kSchemaVersion ? SchemaState::current : SchemaState::other;
    return s;
}

std::string schema_error(const SchemaState& s, const std::string& db_path) {
    std::string fix = "; run: crib-index --rebuild --db " + db_path + " PATH...";
    switch (s.kind) {
    case SchemaState::current:
        return "";
    case SchemaState::other:
        return "index " + db_path + " has schema version " + std::to_string(s.version) +
               ", this crib needs " + std::to_string(kSchemaVersion) + fix;
    case SchemaState::fresh:
        return "index " + db_path + " is empty (never indexed)" + fix;
    case SchemaState::garbled:
        break;
    }
    if (s.raw.empty()) return "index " + db_path + " has passages but no schema version" + fix;
    std::string shown;
    for (char c : s.raw.substr(0, 40)) // the value may hold anything: show it safely
        shown += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return "index " + db_path + " has a garbled schema version '" + shown + "'" + fix;
}

std::string table_damage(const std::string& db_path, Xapian::doccount docs) {
    // Glass block sizes are powers of two from 2 KiB, so every table file is
    // a multiple of 2 KiB; docdata holds every passage record.
    constexpr off_t kMinBlock = 2048;
    for (const char* table :
         {"postlist", "termlist", "docdata", "position", "spelling", "synonym"}) {
        std::string file = db_path + "/" + table + ".glass";
        struct stat st;
        bool needed = docs > 0 && std::string_view(table) != "position" &&
                      std::string_view(table) != "spelling" && std::string_view(table) != "synonym";
        if (::stat(file.c_str(), &st) != 0) {
            if (needed) return std::string(table) + ".glass is missing";
            continue;
        }
        if (needed && st.st_size == 0) return std::string(table) + ".glass is empty";
        if (st.st_size % kMinBlock != 0) return std::string(table) + ".glass is truncated";
    }
    return "";
}

std::string damaged_error(const std::string& db_path, const std::string& what) {
    return "the index " + db_path + " is damaged (" + what + "); run: crib-index --rebuild --db " +
           db_path + " PATH...";
}

} // namespace crib::schema
