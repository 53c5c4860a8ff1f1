// gaps_input.cpp - see gaps_input.hpp.
#include "prep/gaps_input.hpp"

#include "common/text.hpp"
#include "formats/note_text.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace crib {

namespace {

/// Up to limit + 1 bytes of `in`, so that "over the limit" can be told.
bool read_stream(std::istream& in, uint64_t limit, std::string& bytes) {
    char buf[1 << 16];
    while (bytes.size() <= limit) {
        in.read(buf, sizeof buf);
        if (in.gcount() <= 0) break;
        bytes.append(buf, size_t(in.gcount()));
    }
    return !in.bad();
}

/// The '>' that ends the tag opened at `at`, or npos: a '>' inside a quoted
/// attribute value (<a title="a > b">) does not end it.
size_t tag_end(std::string_view text, size_t at) {
    char quote = 0, before = 0; // before: the last character not a space
    for (size_t i = at + 1; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if ((c == '"' || c == '\'') && before == '=') {
            quote = c;
        } else if (c == '>') {
            return i;
        }
        if (c != ' ' && c != '\t' && c != '\n') before = c;
    }
    return std::string_view::npos;
}

} // namespace

bool read_job_description(const std::string& file, std::istream& in, JobInput& out,
                          uint64_t limit) {
    std::string bytes;
    if (file == "-") {
        if (!read_stream(in, limit, bytes)) return out.why = "cannot read standard input", false;
    } else {
        struct stat st;
        if (::stat(file.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            return out.why = "a folder, not a file (give the job description's file)", false;
        std::string why;
        if (!read_regular_file(file, limit, bytes, why)) {
            if (why.rfind("larger", 0) == 0)
                bytes.resize(size_t(limit) + 1);
            else {
                if (why.rfind("cannot read: ", 0) == 0) why.erase(0, 13);
                return out.why = why, false;
            }
        }
    }
    if (looks_binary(bytes)) return out.why = "not text (binary file)", false;
    if (bytes.size() > limit)
        return out.why = "larger than " + size_text(limit) +
                         "; a job description is text of a "
                         "few pages",
               false;
    out.text = decode_text(bytes).text;
    if (looks_like_html(out.text)) {
        out.text = html_text(out.text);
        out.html = true;
    }
    return true;
}

bool looks_like_html(std::string_view text) {
    // Whole tags, at least three and one of them closing: a posting that
    // writes "<div" or "a <b> tag" in its text is not markup.
    int tags = 0;
    bool closing = false;
    for (size_t at = text.find('<'); at != std::string_view::npos && at < (1u << 16);
         at = text.find('<', at + 1)) {
        size_t close = tag_end(text, at);
        if (close == std::string_view::npos || close - at > 200) continue;
        std::string tag = ascii_lower(text.substr(at + 1, close - at - 1));
        bool end = !tag.empty() && tag[0] == '/';
        std::string name = tag.substr(end, tag.find_first_of(" /\t\n", 1) - end);
        for (std::string_view known : {"li", "p", "br", "div", "ul", "ol", "h1", "h2", "h3", "b",
                                       "strong", "span", "em", "body", "html"})
            if (name == known) {
                ++tags;
                closing = closing || end;
                break;
            }
    }
    return tags >= 3 && closing;
}

std::string html_text(std::string_view html) {
    std::string out;
    for (size_t i = 0; i < html.size();) {
        if (html[i] != '<') { // the source's own line breaks are spaces in HTML
            out += html[i] == '\n' ? ' ' : html[i];
            ++i;
            continue;
        }
        size_t close = tag_end(html, i);
        if (close == std::string_view::npos) {
            out += html.substr(i);
            break;
        }
        std::string tag = ascii_lower(html.substr(i + 1, close - i - 1));
        std::string name =
            tag.substr(tag[0] == '/', tag.find_first_of(" /\t", 1) - (tag[0] == '/'));
        if (name == "li" && tag[0] != '/')
            out += "\n- ";
        else if (name == "br" || name == "p" || name == "div" || name == "ul" || name == "ol" ||
                 name == "tr" || name == "li" ||
                 (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'))
            out += "\n";
        i = close + 1;
    }
    std::string lines;
    for (std::string_view l : split_lines(out)) {
        std::string t = collapse_space(decode_entities(l));
        std::string_view v = trim(t);
        if (!v.empty()) lines.append(v).append("\n");
    }
    return lines;
}

} // namespace crib
