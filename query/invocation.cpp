#include "invocation.hpp"

#include "common/paths.hpp"
#include "common/text.hpp"
#include "search/text_filter.hpp"

#include <set>

namespace crib {

namespace {

/// "all" or a decimal number (above a billion means all); throws otherwise.
size_t parse_limit(const std::string& s) {
    if (s == "all") return kNoLimit;
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError("-n takes a number from 0 or 'all', not '" + s + "'");
    unsigned long long n = std::stoull(s);
    return n > 1000000000ull ? kNoLimit : size_t(n);
}

Format pick_format(const RawFlags& o, bool tty, const std::string& color_mode) {
    if (o.count) return Format::count;
    if (o.files) return Format::files;
    if (o.vimgrep) return Format::vimgrep;
    static const std::pair<const char*, Format> names[] = {
        {"json", Format::json},       {"jsonl", Format::jsonl}, {"grep", Format::grep},
        {"vimgrep", Format::vimgrep}, {"plain", Format::plain}, {"human", Format::human}};
    for (const auto& [name, f] : names)
        if (o.format == name) return f;
    // Like rg: plain into a pipe, unless colour was asked for explicitly.
    return tty || color_mode == "always" ? Format::human : Format::plain;
}

Mode pick_mode(const RawFlags& o) {
    if (o.list_topics) return Mode::topics;
    if (o.show_given || !o.show.empty()) return Mode::show;
    if (o.interactive) return Mode::interactive;
    if (o.open) return Mode::open;
    return Mode::search;
}

bool is_human(Format f) {
    return f == Format::human || f == Format::plain;
}

/// -w / -F: the text filter, and for -F the words Xapian searches.
/// --unanswered: question passages with no answer, among the matches or
/// (without a query) all of them.
void only_unanswered(SearchRequest& req) {
    if (trim(req.query).empty() && req.topics.empty())
        req.query = "kind:question";
    else if (trim(req.query).empty())
        req.every_passage = true;
    auto own = std::move(req.keep);
    req.keep = [own](const Passage& p) { return unanswered(p) && (!own || own(p)); };
}

void add_filters(const RawFlags& o, SearchRequest& req) {
    if (o.unanswered) only_unanswered(req);
    if (!o.literal && !o.whole_word) return;
    TextFilter filter = make_text_filter(req.query, o.literal, o.whole_word);
    // Punctuation alone ("===", "&&") has no word to match: every passage is
    // checked for it, as grep -F would.
    const std::string words = literal_query(req.query, o.whole_word);
    if (o.literal) req.every_passage = words.empty();
    if (o.literal) req.shown_phrase = filter.phrase;
    if (o.literal && !req.every_passage) req.query = words;
    if (o.literal && trim(req.query).empty()) throw UsageError("-F needs something to find");
    auto own = std::move(req.keep);
    req.keep = [filter, own](const Passage& p) { return passes(filter, p) && (!own || own(p)); };
    req.keep_has_words = true;
}

/// How many hits and what to compute for them, by format and mode.
void size_request(const RawFlags& o, const Invocation& inv, size_t limit_given,
                  SearchRequest& req) {
    Format fmt = inv.format;
    // --open, -i and -q need the hits alone; grep-like formats print no more.
    bool lean = fmt == Format::files || fmt == Format::count || fmt == Format::grep ||
                fmt == Format::vimgrep || inv.mode != Mode::search || o.quiet;
    // jsonl prints its hits and nothing else (no topic counts, no related).
    req.related = !o.no_related && !lean && fmt != Format::jsonl;
    req.facets = !o.no_facets && !lean && fmt != Format::jsonl;
    req.snippets = !lean;
    req.nearly = !lean && fmt != Format::jsonl; // a page people (or JSON) read
    // Machine formats and the picker list every hit unless -n is given (a
    // pipe into fzf or wc wants them all); people get a page.
    bool lists = fmt == Format::grep || fmt == Format::vimgrep || fmt == Format::jsonl ||
                 fmt == Format::files || inv.mode == Mode::interactive;
    if (lists && limit_given == std::string::npos) req.limit = kNoLimit;
    if (fmt == Format::count || o.quiet) req.limit = 0;
    // -q searches what -c and -l search (a correction within the typo budget
    // too): the exit status is the same whatever is printed.
    req.corrections = true;
    req.count_total = !o.quiet;               // only the exit status is shown
    if (fmt == Format::files) req.all = true; // every file with a match, duplicates included
}

} // namespace

Invocation make_invocation(const RawFlags& o, const Config& cfg, const Surroundings& env) {
    Invocation inv;
    size_t limit_given = o.limit.empty() ? std::string::npos : parse_limit(o.limit);
    inv.mode = pick_mode(o);
    const std::string color_mode = !o.color.empty()     ? o.color
                                   : !cfg.color.empty() ? cfg.color
                                                        : "auto";
    inv.format = pick_format(o, env.tty, color_mode);
    inv.print.color = want_color(color_mode, env);
    inv.print.width = env.tty ? env.width : 0;
    inv.print.full = o.full;
    inv.print.null_sep = o.null_sep;
    inv.print.terminal = env.tty;
    inv.id = inv.mode == Mode::show ? o.show : o.open_id;
    inv.page = env.tty && !o.no_pager && is_human(inv.format) &&
               (inv.mode == Mode::search || inv.mode == Mode::show);
    inv.quiet = o.quiet;
    inv.stats = o.stats;
    inv.refresh = !o.no_update;
    inv.refresh_says = !o.quiet && is_human(inv.format);
    inv.color_preview = color_mode != "never";

    SearchRequest& req = inv.request;
    req.db = resolve_db(o.dbs, cfg, env.default_db);
    for (const auto& w : o.words)
        req.query += (req.query.empty() ? "" : " ") + w;
    bool needs_query = inv.mode == Mode::search || inv.mode == Mode::interactive ||
                       (inv.mode == Mode::open && inv.id.empty());
    if (needs_query && req.query.empty() && o.topics.empty() && !o.unanswered)
        throw UsageError("no query given (try: crib what is a statefulset; crib --help)");
    req.topics = o.topics;
    req.limit = limit_given != std::string::npos ? limit_given
                : cfg.limit > 0                  ? size_t(cfg.limit)
                                                 : 10;
    req.offset = o.offset;
    req.sort = o.sort == "file" ? SearchRequest::Sort::file : SearchRequest::Sort::relevance;
    req.all = o.all;
    req.explain = o.explain;
    const std::string typed = req.query;
    add_filters(o, req);
    if (req.query != typed) req.typed = typed; // reported as given, not as rewritten
    size_request(o, inv, limit_given, req);
    return inv;
}

bool want_color(const std::string& mode, const Surroundings& env) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    if (!env.no_color.empty() || env.term == "dumb") return false;
    return env.tty;
}

namespace {

/// The specs without repeats: an index named twice (--db X --db X/, or the
/// config's db again in dbs) was searched twice, every passage counted and
/// listed once per copy.
std::vector<std::string> distinct_indexes(const std::vector<std::string>& specs) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const std::string& spec : specs)
        if (seen.insert(is_remote(spec) ? spec : real_path(spec)).second) out.push_back(spec);
    return out;
}

} // namespace

IndexSet resolve_db(const std::vector<std::string>& given, const Config& cfg,
                    const std::string& default_db) {
    if (!given.empty()) return IndexSet(distinct_indexes(given));
    std::vector<std::string> specs{!cfg.db.empty() ? cfg.db : default_db};
    specs.insert(specs.end(), cfg.dbs.begin(), cfg.dbs.end());
    return IndexSet(distinct_indexes(specs));
}

} // namespace crib
