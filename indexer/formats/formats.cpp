#include "formats/formats.hpp"

#include "common/text.hpp"
#include "formats/readers.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace crib {

namespace {

/// Extensions added by the user's config (`type-add`), lower case -> format name.
std::map<std::string, std::string, std::less<>>& extra_extensions() {
    static std::map<std::string, std::string, std::less<>> m;
    return m;
}

/// The extension of a file name, lower case, without the dot ("" if none).
std::string extension_of(std::string_view name) {
    name = base_name(name);
    size_t dot = name.find_last_of('.');
    if (dot == std::string_view::npos || dot == 0) return "";
    return ascii_lower(name.substr(dot + 1));
}

const NoteFormat* by_extension(std::string_view ext) {
    if (ext.empty()) return nullptr;
    auto extra = extra_extensions().find(ext);
    if (extra != extra_extensions().end()) return format_named(extra->second);
    for (const NoteFormat& f : note_formats())
        if (std::find(f.extensions.begin(), f.extensions.end(), ext) != f.extensions.end())
            return &f;
    return nullptr;
}

/// Files every project has that are never notes, though they are text
/// (LICENSE, Makefile, ...), and the extensionless files of a Xapian index
/// kept among the notes (crib-index --db notes notes: the empty flintlock
/// was indexed as a note): not indexed when a folder is walked.
bool project_file(std::string_view base) {
    std::string low = ascii_lower(base);
    for (std::string_view n :
         {"license",  "licence",     "copying",    "notice",        "authors",     "contributors",
          "makefile", "gnumakefile", "dockerfile", "containerfile", "vagrantfile", "jenkinsfile",
          "gemfile",  "rakefile",    "procfile",   "codeowners",    "brewfile",    "pipfile",
          "justfile", "cmakelists",  "flintlock",  "iamglass",      "iamchert",    "iamhoney"})
        if (low == n) return true;
    return false;
}

} // namespace

const std::vector<NoteFormat>& note_formats() {
    static const std::vector<NoteFormat> formats = {
        {"markdown",
         {"md", "markdown", "mdown", "mkd", "mdx"},
         nullptr,
         read_markdown,
         "CommonMark + GFM tables, YAML front matter, Obsidian and Logseq notes"},
        {"anki",
         {},
         sniff_anki,
         read_anki,
         "Anki \"notes in plain text\" export (a .txt starting with #separator: or #html:)"},
        {"text",
         {"txt", "text"},
         nullptr,
         read_text,
         "plain text (also files without an extension whose content is text)"},
        {"org", {"org"}, nullptr, read_org, "Emacs org-mode"},
        {"rst", {"rst", "rest"}, nullptr, read_rst, "reStructuredText"},
        {"asciidoc", {"adoc", "asciidoc", "asc"}, nullptr, read_asciidoc, "AsciiDoc"},
        {"ipynb", {"ipynb"}, nullptr, read_ipynb, "Jupyter notebook (markdown and code cells)"},
        {"csv", {"csv"}, nullptr, read_csv, "cards as CSV rows: question,answer[,tags]"},
        {"tsv",
         {"tsv", "tab"},
         nullptr,
         read_tsv,
         "cards as tab-separated rows: question, answer, tags"},
    };
    return formats;
}

const NoteFormat* format_named(std::string_view name) {
    for (const NoteFormat& f : note_formats())
        if (f.name == name) return &f;
    return nullptr;
}

bool add_extension(std::string_view ext, std::string_view format) {
    if (!format_named(format)) return false;
    std::string e = ascii_lower(ext);
    if (!e.empty() && e[0] == '.') e.erase(0, 1);
    if (e.empty()) return false;
    extra_extensions()[e] = std::string(format);
    return true;
}

std::vector<std::string>
apply_type_add(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<std::string> errors;
    for (const auto& [ext, format] : pairs)
        if (!add_extension(ext, format))
            errors.push_back("type-add: unknown format '" + format +
                             "' (crib-index --types lists them)");
    return errors;
}

std::string describe_formats() {
    std::string out;
    for (const NoteFormat& f : note_formats()) {
        std::string exts;
        for (std::string_view e : f.extensions)
            exts += (exts.empty() ? "." : " .") + std::string(e);
        for (const auto& [e, name] : extra_extensions())
            if (name == f.name) exts += (exts.empty() ? "." : " .") + e;
        if (f.sniff) exts += exts.empty() ? "(by content)" : " (and by content)";
        std::string line = std::string(f.name);
        line.resize(std::max<size_t>(line.size() + 2, 10), ' ');
        line += exts;
        line.resize(std::max<size_t>(line.size() + 2, 40), ' ');
        out += line + std::string(f.description) + "\n";
    }
    out += "Files without an extension are read as text when their content is text.\n";
    return out;
}

NameClass classify_name(std::string_view name) {
    std::string_view base = base_name(name);
    if (base.empty() || base[0] == '.') return NameClass::other;
    std::string ext = extension_of(base);
    if (ext.empty()) return project_file(base) ? NameClass::other : NameClass::maybe;
    return by_extension(ext) ? NameClass::note : NameClass::other;
}

const NoteFormat& format_for(std::string_view name, std::string_view text) {
    const NoteFormat* f = by_extension(extension_of(name));
    if (f && f->name != "text") return *f;
    // Plain text, or no extension: the content may say what it is.
    std::string_view head = text.substr(0, 4096);
    for (const NoteFormat& s : note_formats())
        if (s.sniff && s.sniff(head)) return s;
    return f ? *f : *format_named("text");
}

} // namespace crib
