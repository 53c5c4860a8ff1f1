#include "common/config.hpp"

#include "common/paths.hpp"
#include "common/text.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace crib {

std::string expand_home(const std::string& path) {
    if (path.size() >= 1 && path[0] == '~' && (path.size() == 1 || path[1] == '/')) {
        const char* home = std::getenv("HOME");
        return std::string(home ? home : "") + path.substr(1);
    }
    return path;
}

Config parse_config(const std::string& text, const std::string& origin) {
    Config c;
    int n = 0;
    for (std::string_view raw : split_lines(text)) {
        ++n;
        std::string_view line = trim(raw.substr(0, raw.find('#')));
        if (line.empty()) continue;
        size_t eq = line.find('=');
        std::string where = origin + ":" + std::to_string(n) + ": ";
        if (eq == std::string_view::npos) {
            c.errors.push_back(where + "expected 'key = value'");
            continue;
        }
        std::string key = ascii_lower(trim(line.substr(0, eq)));
        std::string value(trim(line.substr(eq + 1)));
        if (key == "db") {
            c.db = expand_home(value);
        } else if (key == "notes" || key == "dbs") {
            std::stringstream ss(value);
            std::string p;
            auto& list = key == "notes" ? c.notes : c.dbs;
            while (std::getline(ss, p, ','))
                if (!trim(p).empty()) list.push_back(expand_home(std::string(trim(p))));
        } else if (key == "reviews") {
            c.reviews = expand_home(value);
        } else if (key == "limit") {
            c.limit = std::atoi(value.c_str());
            if (c.limit <= 0) c.errors.push_back(where + "limit must be a positive number");
        } else if (key == "color" || key == "colour") {
            if (value == "auto" || value == "always" || value == "never") c.color = value;
            else c.errors.push_back(where + "color must be auto, always or never");
        } else if (key == "type-add" || key == "type_add") {
            std::stringstream ss(value);
            std::string pair;
            while (std::getline(ss, pair, ',')) {
                std::string_view t = trim(pair);
                size_t colon = t.find(':');
                if (colon == std::string_view::npos || colon == 0 || colon + 1 == t.size())
                    c.errors.push_back(where + "type-add takes ext:format pairs");
                else
                    c.type_add.emplace_back(std::string(trim(t.substr(0, colon))),
                                            std::string(trim(t.substr(colon + 1))));
            }
        } else {
            c.errors.push_back(where + "unknown key '" + key + "'");
        }
    }
    return c;
}

Config load_config() {
    std::string path = config_dir() + "/config";
    std::ifstream in(path);
    if (!in) return {};
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_config(ss.str(), path);
}

} // namespace crib
