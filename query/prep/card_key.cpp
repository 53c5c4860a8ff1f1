// card_key.cpp - card keys and matching stored cards to passages.
#include "prep/card_key.hpp"

#include "index/schema.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace crib {

std::string card_key(const std::string& file, const std::string& question) {
    return file + "\n" + schema::question_key(question);
}

std::string duplicate_card_key(const std::string& file, const std::string& question,
                               const std::string& answer, int occurrence) {
    std::string key = file + "\n" + schema::duplicate_key(question, answer);
    if (occurrence > 1) key += "\n#" + std::to_string(occurrence);
    return key;
}

std::vector<Card> make_cards(std::vector<Passage> passages, const KeyFile& key_file) {
    std::sort(passages.begin(), passages.end(), [](const Passage& a, const Passage& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    std::vector<std::string> files; // each passage's file as keys name it
    for (size_t i = 0; i < passages.size(); ++i)
        files.push_back(!key_file ? passages[i].file
                        : i > 0 && passages[i].file == passages[i - 1].file
                            ? files.back()
                            : key_file(passages[i].file));
    std::map<std::string, int> asked; // plain key -> passages asking it
    for (size_t i = 0; i < passages.size(); ++i)
        ++asked[card_key(files[i], passages[i].question)];
    std::vector<Card> out;
    std::map<std::string, int> seen; // duplicate key -> copies so far
    for (size_t i = 0; i < passages.size(); ++i) {
        Passage& p = passages[i];
        std::string key = card_key(files[i], p.question);
        if (asked[key] > 1) {
            std::string dup = duplicate_card_key(files[i], p.question, p.answer);
            int n = ++seen[dup];
            key = duplicate_card_key(files[i], p.question, p.answer, n);
        }
        out.push_back(Card{std::move(key), std::move(p), files[i]});
    }
    return out;
}

double question_overlap(const std::string& a, const std::string& b) {
    auto set_of = [](const std::string& q) {
        std::set<std::string> s;
        std::string key = schema::question_key(q);
        for (size_t i = 0; i < key.size();) {
            size_t e = key.find(' ', i);
            if (e == std::string::npos) e = key.size();
            if (e > i) s.insert(key.substr(i, e - i));
            i = e + 1;
        }
        return s;
    };
    std::set<std::string> x = set_of(a), y = set_of(b);
    if (x.empty() && y.empty()) return 0;
    size_t common = 0;
    for (const auto& w : x)
        common += y.count(w);
    return double(common) / double(x.size() + y.size() - common);
}

namespace {

/// The unclaimed card of the anchor's file that best continues it, or null.
const Card* successor(const CardAnchor& a, const std::string& file, const std::vector<Card>& cards,
                      const std::set<std::string>& claimed) {
    const Card* best = nullptr;
    double best_overlap = 0;
    int best_distance = 0;
    for (const Card& c : cards) {
        if (c.file != file || claimed.count(c.key)) continue;
        double o = question_overlap(a.question, c.passage.question);
        int d = std::abs(c.passage.line - a.line);
        if (o < kRekeyOverlap) continue;
        if (!best || o > best_overlap || (o == best_overlap && d < best_distance))
            best = &c, best_overlap = o, best_distance = d;
    }
    return best;
}

/// The file name of a path ("/home/u/notes/k8s.md" -> "k8s.md").
std::string_view base_name(std::string_view path) {
    size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// A folder moved or renamed (`mv notes notes-old`): the only unclaimed card
/// of a file with the anchor's file name that asks the same question.
/// `questions[i]` is the question key of `cards[i]`.
const Card* moved_successor(const CardAnchor& a, const std::vector<Card>& cards,
                            const std::vector<std::string>& questions,
                            const std::set<std::string>& claimed) {
    const std::string question = schema::question_key(a.question);
    const Card* found = nullptr;
    for (size_t i = 0; i < cards.size(); ++i) {
        const Card& c = cards[i];
        if (claimed.count(c.key) || base_name(c.file) != base_name(a.file) ||
            questions[i] != question)
            continue;
        if (found) return nullptr; // two such cards: not a guess to make
        found = &c;
    }
    return found;
}

} // namespace

bool reworded(const Rekey& r) {
    auto question = [](const std::string& key) {
        size_t nl = key.find('\n');
        return nl == std::string::npos ? std::string() : key.substr(nl);
    };
    return question(r.from) != question(r.to);
}

Reconciled reconcile(const std::vector<CardAnchor>& stored, const std::vector<Card>& cards,
                     const KeyFile& key_file) {
    std::set<std::string> current, claimed;
    for (const Card& c : cards)
        current.insert(c.key);
    for (const CardAnchor& a : stored)
        if (current.count(a.key)) claimed.insert(a.key);
    Reconciled r;
    // Each card's question key, once, and only when an anchor has no successor
    // in its file: gone cards stay stored and are reconciled on every load.
    std::vector<std::string> questions;
    for (const CardAnchor& a : stored) {
        if (current.count(a.key)) continue;
        const Card* c = successor(a, key_file ? key_file(a.file) : a.file, cards, claimed);
        if (!c && questions.empty())
            for (const Card& card : cards)
                questions.push_back(schema::question_key(card.passage.question));
        if (!c) c = moved_successor(a, cards, questions, claimed);
        if (c) {
            claimed.insert(c->key);
            r.moved.push_back(Rekey{a.key, c->key});
        } else {
            r.gone.push_back(a);
        }
    }
    return r;
}

} // namespace crib
