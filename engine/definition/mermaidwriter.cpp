// writeMermaid(): the workflow as a Mermaid flowchart, for any Markdown viewer. Nodes are shaped
// by state type (task box, choice diamond, wait hexagon, approval trapezoid, pass rounded,
// succeed/fail stadiums), parallel branches and map processors are subgraphs, choice edges carry
// their condition, catch edges are dashed. All nodes are declared before any edge, because
// Mermaid puts a node in the subgraph where it is first mentioned.
#include "signalbox/codecs.h"
#include "signalbox/condition.h"
#include "signalbox/statetypes.h"

#include <map>
#include <set>
#include <sstream>

namespace Signalbox {

namespace {

// Text inside "..." labels: Mermaid entity codes for the characters it would otherwise parse.
std::string label(const std::string &text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '#':
            out += "#35;";
            break;
        case '"':
            out += "#quot;";
            break;
        case '<':
            out += "#lt;";
            break;
        case '>':
            out += "#gt;";
            break;
        case '\n':
            out += ' ';
            break;
        default:
            out += c;
        }
    }
    return '"' + out + '"';
}

std::string join(const std::vector<std::string> &items, const char *separator)
{
    std::string out;
    for (const std::string &i : items)
        out += (out.empty() ? "" : separator) + i;
    return out;
}

class MermaidWriter
{
public:
    std::string write(const Definition &def);

private:
    void assignIds(const StateMachine &m);
    void nodes(const StateMachine &m, int depth);
    void edges(const StateMachine &m, bool topLevel);
    std::string id(const std::string &name) const { return m_ids.at(name); }
    std::string indent(int depth) const { return std::string(4 * depth, ' '); }

    std::ostringstream m_out;
    std::map<std::string, std::string> m_ids;
    std::set<std::string> m_used = {"sb_start", "sb_end"};
    std::map<std::string, std::vector<std::string>> m_classes; // classDef name -> node ids
};

void MermaidWriter::assignIds(const StateMachine &m)
{
    for (const State &s : m.states) {
        // Ids are letters, digits and '_' only, prefixed so no name can be a Mermaid keyword
        // ("end", "graph", "subgraph"...).
        std::string base = "s_";
        for (const char c : s.name)
            base += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        std::string candidate = base;
        for (int n = 2; m_used.count(candidate); ++n)
            candidate = base + '_' + std::to_string(n);
        m_used.insert(candidate);
        m_ids.emplace(s.name, candidate);
        for (const auto &b : s.branches) {
            if (b)
                assignIds(*b);
        }
        if (s.processor)
            assignIds(*s.processor);
    }
}

void MermaidWriter::nodes(const StateMachine &m, int depth)
{
    const std::string pad = indent(depth);
    for (const State &s : m.states) {
        const std::string nodeId = id(s.name);
        const std::string text = label(s.name);
        const StateTypeInfo &info = stateTypeInfo(s.type);
        if (!info.container) {
            m_out << pad << nodeId << info.mermaidOpen << text << info.mermaidClose << '\n';
            m_classes[info.mermaidClass].push_back(nodeId);
            continue;
        }
        if (s.type == StateType::Map) {
            m_out << pad << "subgraph " << nodeId << '['
                  << label(s.name + " (map" + (s.itemsPath.empty() ? "" : " over " + s.itemsPath)
                           + ")")
                  << "]\n";
            if (s.processor)
                nodes(*s.processor, depth + 1);
            m_out << pad << "end\n";
            continue;
        }
        m_out << pad << "subgraph " << nodeId << '[' << label(s.name + " (" + info.yamlName + ")")
              << "]\n";
        for (std::size_t i = 0; i < s.branches.size(); ++i) {
            if (!s.branches[i])
                continue;
            m_out << pad << "    subgraph " << nodeId << "_branch" << i + 1 << '['
                  << label("branch " + std::to_string(i + 1)) << "]\n";
            nodes(*s.branches[i], depth + 2);
            m_out << pad << "    end\n";
        }
        m_out << pad << "end\n";
    }
}

void MermaidWriter::edges(const StateMachine &m, bool topLevel)
{
    for (const State &s : m.states) {
        const std::string from = id(s.name);
        auto to = [this](const std::string &name) {
            const auto it = m_ids.find(name);
            return it == m_ids.end() ? std::string("sb_missing") : it->second;
        };
        if (!s.next.empty() && !s.end)
            m_out << "    " << from << " --> " << to(s.next) << '\n';
        if (s.end && topLevel)
            m_out << "    " << from << " --> sb_end\n";
        for (const ChoiceRule &c : s.choices) {
            m_out << "    " << from << " -->|" << label(conditionToExpression(c.condition)) << "| "
                  << to(c.next) << '\n';
        }
        if (!s.defaultNext.empty())
            m_out << "    " << from << " -->|\"default\"| " << to(s.defaultNext) << '\n';
        for (const CatchRule &c : s.catchRules)
            m_out << "    " << from << " -.->|" << label(join(c.errors, ", ")) << "| " << to(c.next)
                  << '\n';
        for (const auto &b : s.branches) {
            if (b)
                edges(*b, false);
        }
        if (s.processor)
            edges(*s.processor, false);
    }
}

std::string MermaidWriter::write(const Definition &def)
{
    assignIds(def.machine);
    m_out << "flowchart TD\n";
    if (!def.name.empty())
        m_out << "    %% " << def.name << '\n';
    m_out << "    sb_start((\"start\"))\n";
    nodes(def.machine, 1);
    bool hasEnd = false;
    for (const State &s : def.machine.states)
        hasEnd = hasEnd || (s.end && !stateTypeInfo(s.type).terminal);
    if (hasEnd)
        m_out << "    sb_end((\"end\"))\n";

    const auto start = m_ids.find(def.machine.startAt);
    if (start != m_ids.end())
        m_out << "    sb_start --> " << start->second << '\n';
    edges(def.machine, true);
    if (m_out.str().find("sb_missing") != std::string::npos)
        m_out << "    sb_missing[\"(missing state)\"]\n";

    m_classes["marker"] = hasEnd ? std::vector<std::string>{"sb_start", "sb_end"}
                                 : std::vector<std::string>{"sb_start"};
    std::vector<std::pair<std::string, std::string>> styles;
    for (const StateTypeInfo &info : stateTypeInfos()) {
        if (!info.container)
            styles.emplace_back(info.mermaidClass, info.mermaidStyle);
    }
    styles.emplace_back("marker", "fill:#333333,stroke:#333333,color:#ffffff");
    for (const auto &[name, style] : styles) {
        const auto it = m_classes.find(name);
        if (it == m_classes.end() || it->second.empty())
            continue;
        m_out << "    classDef " << name << ' ' << style << '\n';
        m_out << "    class " << join(it->second, ",") << ' ' << name << '\n';
    }
    return m_out.str();
}

} // namespace

std::string writeMermaid(const Definition &def)
{
    return MermaidWriter().write(def);
}

} // namespace Signalbox
