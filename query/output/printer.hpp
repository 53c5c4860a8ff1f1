// printer.hpp - one interface, one type per output format (human, plain,
// grep, vimgrep, json, jsonl, files, count).  Printers see plain result
// structs and never include xapian.h.
#pragma once

#include "output/output.hpp"
#include "output/shown_path.hpp"
#include "search/search.hpp"

#include <memory>
#include <string>

namespace crib {

enum class Format { human, plain, grep, vimgrep, json, jsonl, files, count };

/// How to print.
struct PrintOptions {
    bool color = false;
    int width = 0;         ///< wrap width (0 = no wrapping)
    bool full = false;     ///< whole answer rendered from Markdown instead of a snippet
    bool null_sep = false; ///< -0: NUL after each path (files) / line (grep)
    bool terminal = false; ///< stdout is a terminal: even -l -0 quotes odd names
    const PathDisplay* paths = nullptr; ///< stored file -> shown path (nullptr: as stored)
};

/// A stored file name as the printers show it (opt.paths, else unchanged).
std::string shown_file(const PrintOptions& opt, const std::string& stored,
                       const std::string& index = "");
/// An id "file:line" with its file as shown_file() shows it.
std::string shown_id(const PrintOptions& opt, const std::string& id);

/// Receives a search result piece by piece.
class Printer {
  public:
    virtual ~Printer() = default;
    virtual void begin(const SearchResult&) {}
    virtual void hit(const Hit& h) = 0;
    virtual void end(const SearchResult&) {}
    /// One whole passage (crib --show ID), in this printer's format.
    virtual void passage(const Passage& p) = 0;
};

/// The printer for a format, writing to `out` (standard output unless given).
std::unique_ptr<Printer> make_printer(Format f, const PrintOptions& opt, Sink& out = stdout_sink());

/// Print a whole result through a printer.
void print_result(Printer& p, const SearchResult& r);

/// Human-readable whole passage (crib --show).
std::string format_passage(const Passage& p, const PrintOptions& opt);

/// What a partial result is, in one line (no newline): no passage has every
/// word, the hits have some of them.  Said first by the human printer and on
/// standard error by the others.  `each_says`: every hit shows its missing
/// words (human, JSON); else the notice names them (grep, -l, --open).
std::string partial_notice(const SearchResult& r, bool each_says = true);

/// The corrected words searched instead of those typed, in one line (no
/// newline): 'searched for "docker" (corrected from "dokcer")'.  Said on
/// standard error wherever the human printer's "Searched for:" is not.
std::string correction_notice(const std::string& searched, const std::string& typed);

/// What render_markdown() does beyond rendering.
struct RenderOptions {
    bool keep_line_breaks = false;  ///< a line break in a paragraph stays one (plain-text notes)
    std::vector<std::string> match; ///< words shown as matches (whole words, any case)
};

/// Markdown rendered for a terminal (bold, lists, GFM tables as aligned
/// columns, code kept verbatim, links as text + URL).
std::string render_markdown(const std::string& markdown, const PrintOptions& opt,
                            const std::string& indent, const RenderOptions& ro = {});

/// How a passage's answer is rendered: its plain-text notes keep their line
/// breaks; `match` lists the words to highlight.
RenderOptions render_options_for(const Passage& p, std::vector<std::string> match = {});

/// The words inside highlighted spans of `text`, lower-cased and distinct.
std::vector<std::string> matched_words(const std::string& text, const std::vector<Span>& spans);

// Factories, one per file (printer_<format>.cpp), each writing to `out`.
std::unique_ptr<Printer> make_human_printer(const PrintOptions& opt, Sink& out);
std::unique_ptr<Printer> make_grep_printer(bool vimgrep, const PrintOptions& opt, Sink& out);
std::unique_ptr<Printer> make_files_printer(const PrintOptions& opt, Sink& out);
std::unique_ptr<Printer> make_count_printer(Sink& out);
std::unique_ptr<Printer> make_json_printer(bool lines, const PrintOptions& opt, Sink& out);

} // namespace crib
