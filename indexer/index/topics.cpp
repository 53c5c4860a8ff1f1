#include "index/topics.hpp"

#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "index/schema.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace crib {

std::vector<std::string> stemmed_words(std::string_view text) {
    thread_local const Xapian::Stem stem = schema::stemmer();
    std::vector<std::string> out = schema::words(text);
    for (std::string& w : out)
        w = stem(w);
    return out;
}

Taxonomy Taxonomy::parse(std::string_view text, std::vector<std::string>* errors) {
    Taxonomy tax;
    int lineno = 0;
    for (std::string_view raw : split_lines(text)) {
        ++lineno;
        std::string_view line = trim(raw.substr(0, raw.find('#')));
        if (line.empty()) continue;
        size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            if (errors)
                errors->push_back("line " + std::to_string(lineno) +
                                  ": expected 'topic: keyword, ...'");
            continue;
        }
        Topic t;
        t.name = ascii_lower(trim(line.substr(0, colon)));
        std::string rest(line.substr(colon + 1));
        std::stringstream ss(rest);
        std::string kw;
        auto add = [&t](std::string_view keyword) {
            Words w = words_of(keyword);
            if (w.stems.empty()) return;
            t.keywords.push_back(std::move(w.stems));
            t.forms.push_back(std::move(w.forms));
        };
        add(t.name);
        while (std::getline(ss, kw, ','))
            add(kw);
        tax.topics_.push_back(std::move(t));
    }
    tax.index_keywords();
    return tax;
}

void Taxonomy::index_keywords() {
    by_first_.clear();
    for (uint32_t t = 0; t < topics_.size(); ++t)
        for (uint32_t k = 0; k < topics_[t].keywords.size(); ++k)
            by_first_[topics_[t].keywords[k].front()].emplace_back(t, k);
}

Taxonomy Taxonomy::load(const std::string& path) {
    std::string text;
    if (!read_text_file(path, text)) throw std::runtime_error("cannot read taxonomy " + path);
    return parse(text);
}

Taxonomy::Words Taxonomy::words_of(std::string_view text) {
    thread_local const Xapian::Stem stem = schema::stemmer();
    Words w;
    w.forms = schema::words(text);
    for (const std::string& f : w.forms)
        w.stems.push_back(stem(f));
    return w;
}

namespace {

/// True if `word` is an inflection of keyword word `kw` of the same stem:
/// it starts with it, or with it less a final e, y or plural s ("scaling",
/// "registries"; "github actions": "action").
bool inflects(const std::string& word, const std::string& kw) {
    if (word.compare(0, kw.size(), kw) == 0) return true;
    return kw.size() > 2 && (kw.back() == 'e' || kw.back() == 'y' || kw.back() == 's') &&
           word.compare(0, kw.size() - 1, kw, 0, kw.size() - 1) == 0;
}

} // namespace

std::vector<int> Taxonomy::count(const Words& words) const {
    std::vector<int> hits(topics_.size(), 0);
    const size_t n = words.stems.size();
    for (size_t i = 0; i < n; ++i) {
        auto first = by_first_.find(words.stems[i]);
        if (first == by_first_.end()) continue;
        for (auto [t, k] : first->second) {
            const auto& kw = topics_[t].keywords[k];
            const auto& forms = topics_[t].forms[k];
            if (i + kw.size() > n) continue;
            bool match = true;
            for (size_t j = 0; j < kw.size() && match; ++j)
                match = words.stems[i + j] == kw[j] && inflects(words.forms[i + j], forms[j]);
            hits[t] += match;
        }
    }
    return hits;
}

bool Taxonomy::is_topic(std::string_view name) const {
    for (const Topic& t : topics_)
        if (t.name == name) return true;
    return false;
}

std::vector<std::string> Taxonomy::classify(const Passage& p) const {
    std::vector<std::string> out;
    // Not the words of URLs: "https" is no networking, git.doomemacs.org no git.
    std::vector<int> q = count(words_of(strip_urls(p.question)));
    std::vector<int> a = count(words_of(strip_urls(prose_text(p.answer))));
    for (size_t t = 0; t < topics_.size(); ++t)
        if (q[t] > 0 || a[t] >= kAnswerHits) out.push_back(topics_[t].name);
    return out;
}

std::string Taxonomy::canonical(std::string_view name) const {
    auto words = stemmed_words(name);
    for (const Topic& t : topics_)
        for (const auto& kw : t.keywords)
            if (kw == words) return t.name;
    return ascii_lower(name);
}

std::string subject_named(std::string_view name, const Taxonomy& tax) {
    if (trim(name).empty()) return "";
    std::string topic = tax.canonical(name);
    return tax.is_topic(topic) ? topic : std::string();
}

namespace {

/// The name a file is known by: its stem, or its folder's name for a
/// README or index ("lydiahallie__javascript-questions/README.md").
std::string file_name_words(const std::string& file) {
    size_t slash = file.rfind('/');
    std::string base = file.substr(slash == std::string::npos ? 0 : slash + 1);
    std::string name = ascii_lower(base.substr(0, base.find('.')));
    if (slash != std::string::npos && (name == "readme" || name == "index" || name == "_index")) {
        size_t up = slash == 0 ? std::string::npos : file.rfind('/', slash - 1);
        name = file.substr(up == std::string::npos ? 0 : up + 1, slash - (up + 1));
    }
    for (char& c : name) // "owner__javascript-questions": '_' would join the words
        if (c == '_' || c == '-') c = ' ';
    return name;
}

/// The file's title: the heading every passage sits under (the title
/// passage itself sits under none).
std::string shared_title(const std::vector<Passage>& passages) {
    const Passage& first = passages.front();
    const std::string& title = first.headings.empty() ? first.question : first.headings.front();
    for (const Passage& p : passages) {
        bool under = !p.headings.empty() && p.headings.front() == title;
        bool is_title = &p == &first && p.headings.empty();
        if (!under && !is_title) return "";
    }
    return title;
}

} // namespace

std::string file_subject(const std::vector<Passage>& passages, const Taxonomy& tax) {
    if (passages.empty()) return "";
    Passage named;
    named.question = file_name_words(passages.front().file) + "\n" + shared_title(passages);
    std::vector<std::string> topics = tax.classify(named);
    return topics.size() == 1 ? topics.front() : std::string();
}

void assign_topics(std::vector<Passage>& passages, const Taxonomy& tax, std::string_view folder) {
    const std::string folder_topic = subject_named(folder, tax);
    const std::string file_topic = file_subject(passages, tax);
    for (Passage& p : passages) {
        std::vector<std::string> t = tax.classify(p);
        for (const std::string& tag : p.tags)
            t.push_back(subject_named(tag, tax));
        t.push_back(folder_topic);
        t.push_back(file_topic);
        std::sort(t.begin(), t.end());
        t.erase(std::unique(t.begin(), t.end()), t.end());
        t.erase(std::remove_if(t.begin(), t.end(), [](const std::string& s) { return s.empty(); }),
                t.end());
        p.topics = std::move(t);
    }
}

} // namespace crib
