// invocation.hpp - crib's options in two steps, as ripgrep's lowargs ->
// hiargs: the flags as parsed (RawFlags, filled by main's CLI11 set-up), then
// one validated Invocation {mode, request, format, print options} that the
// modes run.  No CLI11 and no terminal calls here, so it is unit-tested.
#pragma once

#include "common/config.hpp"
#include "common/error.hpp"
#include "output/printer.hpp"
#include "search/search.hpp"

#include <limits>
#include <string>
#include <vector>

namespace crib {

/// -n all.
constexpr size_t kNoLimit = std::numeric_limits<unsigned>::max() / 2;

/// The flags as the user gave them; nothing decided yet.
struct RawFlags {
    std::vector<std::string> words; ///< query words (everything after the options)
    std::vector<std::string> dbs;   ///< --db, repeatable: several indexes searched as one
    std::string format, color, sort = "relevance", show, open_id, limit;
    bool show_given = false;         ///< --show was given, even as '' (an error of its own)
    std::string reviews;             ///< --reviews (quiz's store; accepted by every mode)
    std::vector<std::string> topics; ///< -t
    bool open = false;               ///< --open given (with or without an id)
    bool list_topics = false, files = false, count = false, null_sep = false, vimgrep = false;
    bool full = false, all = false, no_update = false, stats = false, no_related = false;
    bool no_facets = false, no_pager = false, quiet = false, whole_word = false, literal = false;
    bool interactive = false, explain = false;
    bool unanswered = false; ///< --unanswered
    size_t offset = 0;
};

/// What crib was started in: stdout a terminal?  Its size, the environment.
struct Surroundings {
    bool tty = false;
    int width = 80;
    std::string no_color;   ///< $NO_COLOR
    std::string term;       ///< $TERM
    std::string default_db; ///< default_db_path()
};

/// What crib does; each has one function in main's mode table.
enum class Mode { search, show, open, interactive, topics };

/// The terminal and environment crib runs in, read once (surroundings.cpp).
Surroundings read_surroundings();

/// Colour for `mode` ("always", "never", "auto": a terminal, without
/// $NO_COLOR and TERM=dumb), the one rule every mode follows.
bool want_color(const std::string& mode, const Surroundings& env);

/// The indexes a command reads: --db as given (each time); else the config's
/// db (else `default_db`: $CRIB_DB or the XDG path) and the config's other dbs.
/// An index named again (the same folder by another path) is read once.
IndexSet resolve_db(const std::vector<std::string>& given, const Config& cfg,
                    const std::string& default_db);

/// Bad usage (a value out of range, nothing to search for): exit 2.
struct UsageError : Error {
    using Error::Error;
};

/// One validated run of crib.
struct Invocation {
    Mode mode = Mode::search;
    SearchRequest request; ///< db, query, topics, page, filters, what to compute
    Format format = Format::plain;
    PrintOptions print;        ///< colour, width, --full, -0 (paths are set by main)
    std::string id;            ///< --show / --open ID ("" for --open QUERY...)
    bool page = false;         ///< long human output may go through $PAGER
    bool refresh = true;       ///< check for changed notes first (not --no-update)
    bool refresh_says = false; ///< say so on stderr when it re-indexed
    bool quiet = false;        ///< -q: exit status only
    bool stats = false;        ///< --stats
    bool color_preview = true; ///< -i: colour in fzf's preview
};

/// Raw flags + config + surroundings -> an Invocation.  Throws UsageError.
Invocation make_invocation(const RawFlags& raw, const Config& cfg, const Surroundings& env);

} // namespace crib
