// quiz_export.cpp - crib quiz --export anki: Anki's "notes in plain text"
// import format (File > Import): header lines, then one note per line with
// tab-separated fields front, back, tags; fields holding a tab, a newline or
// a double quote are double-quoted with quotes doubled, as Anki reads them.
// The file is written whole through a temporary file and a rename, and never
// over the review store or, without --force, a file that is not an export.
#include "common/text.hpp"
#include "formats/markdown.hpp"
#include "formats/note_text.hpp"
#include "formats/readers.hpp"
#include "prep/quiz.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace crib {

namespace {

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

/// A field as Anki's importer reads it back.
std::string field(const std::string& s) {
    bool quote = s.find_first_of("\t\n\r\"") != std::string::npos || (!s.empty() && s[0] == '#');
    if (!quote) return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

/// Topics as Anki tags: no spaces; a nested topic "k8s/pods" as "k8s::pods".
std::string tags(const std::vector<std::string>& topics) {
    std::string out;
    for (const auto& t : topics) {
        std::string tag;
        for (size_t i = 0; i < t.size(); ++i) {
            if (t[i] == '/')
                tag += "::";
            else if (t[i] == ' ' || t[i] == '\t')
                tag += '_';
            else
                tag += t[i];
        }
        out += (out.empty() ? "" : " ") + tag;
    }
    return out;
}

/// The front: the heading path, small, above the question (the context a
/// generic title takes is that path; a sub-question's parent stays in front).
std::string front_html(const DeckCard& c) {
    const Passage& p = c.card.passage;
    std::string path =
        heading_path(p.headings, [](std::string_view t) { return html_escape(std::string(t)); });
    bool parent = !c.context.empty() && c.context == p.parent_question;
    std::string question = html_escape(parent ? c.question() : p.question);
    if (path.empty()) return question;
    return kAnkiPathOpen + path + "</div>" + question;
}

std::string answer_html(const Passage& p) {
    md::Document doc(p.answer);
    // Raw HTML in the notes ("<div>Remove all unused containers</div>" of an
    // Anki deck) was left out by cmark's safe renderer: a card with no back.
    doc.raw_html_as_text([](std::string_view h) { return decode_entities(strip_tags(h)); });
    std::string html = doc.html();
    while (!html.empty() && html.back() == '\n')
        html.pop_back();
    return html;
}

/// The file a name stands for: a symlink's target, else the name itself.
std::string resolved(const std::string& path) {
    char buf[PATH_MAX];
    return ::realpath(path.c_str(), buf) ? std::string(buf) : path;
}

/// True if `st` is the review store or one of the files SQLite keeps beside it.
bool is_store_file(const struct stat& st, const std::string& store) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        struct stat s;
        if (::stat((store + suffix).c_str(), &s) == 0 && s.st_dev == st.st_dev &&
            s.st_ino == st.st_ino)
            return true;
    }
    return false;
}

/// The first bytes of a file, "" if it cannot be read.
std::string file_head(const std::string& path, size_t n) {
    std::string out(n, '\0');
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return "";
    ssize_t got = ::read(fd, out.data(), n);
    ::close(fd);
    out.resize(got > 0 ? size_t(got) : 0);
    return out;
}

/// Why `path` (existing, as lstat saw it: `st`) may not be replaced; "" if it may.
std::string refusal(const std::string& path, const struct stat& st, const ExportTarget& t) {
    const std::string shown = terminal_safe(t.path);
    if (is_store_file(st, t.store))
        return "will not write the export over the review store " + terminal_safe(t.store);
    if (S_ISLNK(st.st_mode)) // a symlink to nothing (resolved() followed any other)
        return t.force ? "" : shown + " is a broken symlink; pass --force to replace it";
    if (!S_ISREG(st.st_mode))
        return "will not write the export over " + shown +
               ": not a regular file (give - for standard output)";
    if (!t.force && !is_crib_export(file_head(path, std::strlen(kAnkiExportHeader))))
        return shown + " exists and is not an earlier crib export; pass --force to replace it";
    return "";
}

/// Writes `text` with `mode` to a new hidden file in the folder of `path`
/// (".NAME.crib-XXXXXX", so a rename can replace `path`); its name.
std::string write_temporary(const std::string& path, const std::string& text, mode_t mode) {
    size_t slash = path.rfind('/');
    size_t base = slash == std::string::npos ? 0 : slash + 1;
    std::string tmp = path.substr(0, base) + "." + path.substr(base) + ".crib-XXXXXX";
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error("cannot write " + terminal_safe(path) + ": " +
                                 std::strerror(errno));
    size_t done = 0;
    errno = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += size_t(n);
    }
    int err = done == text.size() ? 0 : errno ? errno : EIO;
    if (!err && (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0)) err = errno;
    if (::close(fd) != 0 && !err) err = errno;
    if (err) {
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot write " + terminal_safe(path) + ": " + std::strerror(err));
    }
    return tmp;
}

/// The mode of a new file: 0666 less the umask.
mode_t new_file_mode() {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

} // namespace

const std::string kAnkiPathOpen =
    std::string(kAnkiPathDiv) + " style='font-size:smaller;opacity:0.7'>";

const char* const kAnkiExportHeader =
    "#separator:tab\n#html:true\n#tags column:3\n#crib:quiz --export anki\n";

std::string export_anki(const Deck& deck) {
    std::string out = kAnkiExportHeader;
    for (const DeckCard& c : deck.cards) {
        const Passage& p = c.card.passage;
        out += field(front_html(c)) + "\t" + field(answer_html(p)) + "\t" + field(tags(p.topics)) +
               "\n";
    }
    return out;
}

bool is_crib_export(std::string_view head) {
    return head.substr(0, std::strlen(kAnkiExportHeader)) == kAnkiExportHeader;
}

void write_export(const ExportTarget& t, const std::string& text) {
    const std::string path = resolved(t.path);
    mode_t mode = new_file_mode();
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0) {
        if (std::string why = refusal(path, st, t); !why.empty()) throw std::runtime_error(why);
        if (S_ISREG(st.st_mode)) mode = st.st_mode & 07777;
    }
    std::string tmp = write_temporary(path, text, mode);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot write " + terminal_safe(t.path) + ": " +
                                 std::strerror(err));
    }
}

} // namespace crib
